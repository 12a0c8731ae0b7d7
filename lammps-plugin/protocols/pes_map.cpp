#include "protocols/pes_map.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>
#include <stdexcept>

#include "optimize/fire.h"

namespace nabridge {

namespace {

/// Union-find over grid points that remembers each point's winding offset (in cells) relative
/// to its root, so joining two points already connected with a different offset reveals a
/// path around the torus.
class WindingUnionFind {
 public:
  explicit WindingUnionFind(std::size_t n) : parent_(n), offset_(n, {0, 0}) {
    std::iota(parent_.begin(), parent_.end(), 0);
  }
  std::pair<std::size_t, std::array<int, 2>> find(std::size_t i) {
    std::array<int, 2> off{0, 0};
    while (parent_[i] != i) {
      off[0] += offset_[i][0], off[1] += offset_[i][1];
      i = parent_[i];
    }
    return {i, off};
  }
  /// Links a and b where b = a + step (in cells, b's position as seen from a); returns true when
  /// a and b were already connected through a path with a different winding.
  bool unite(std::size_t a, std::size_t b, std::array<int, 2> step) {
    auto [ra, oa] = find(a);
    auto [rb, ob] = find(b);
    if (ra == rb) return oa[0] + step[0] != ob[0] || oa[1] + step[1] != ob[1];
    parent_[rb] = ra;
    offset_[rb] = {oa[0] + step[0] - ob[0], oa[1] + step[1] - ob[1]};
    return false;
  }

 private:
  std::vector<std::size_t> parent_;
  std::vector<std::array<int, 2>> offset_;
};

}  // namespace

PesMap pes_map(Engine& engine, const Structure& slab, const PesOptions& opt) {
  if (opt.nx < 2 || opt.ny < 2) throw std::invalid_argument("pes: the grid needs at least 2 x 2 points");
  if (!slab.pbc[0] || !slab.pbc[1]) throw std::invalid_argument("pes: the slab must be periodic along a and b");
  PesMap map;
  map.nx = opt.nx, map.ny = opt.ny;
  const double z_top = slab.positions.row(2).maxCoeff();
  Fire fire(opt.relax);
  Evaluation ev;
  for (int j = 0; j < opt.ny; ++j)
    for (int i = 0; i < opt.nx; ++i) {
      Structure s = slab;
      const Vec3 r =
          slab.cell.col(0) * (static_cast<double>(i) / opt.nx) + slab.cell.col(1) * (static_cast<double>(j) / opt.ny);
      s.add_atom(opt.element, Vec3(r.x(), r.y(), z_top + opt.height_A), dof::kZ);
      const auto res = fire.minimize(engine, s);
      map.relax_converged = map.relax_converged && res.converged;
      const auto last = s.positions.cols() - 1;
      map.grid.push_back({s.positions(0, last), s.positions(1, last), s.positions(2, last), res.energy_eV});
    }
  const std::size_t n = map.grid.size();
  auto at = [&](int i, int j) {
    return static_cast<std::size_t>(((j % opt.ny + opt.ny) % opt.ny) * opt.nx + ((i % opt.nx + opt.nx) % opt.nx));
  };
  map.E_min_eV = std::min_element(map.grid.begin(), map.grid.end(), [](auto& a, auto& b) {
                   return a.energy_eV < b.energy_eV;
                 })->energy_eV;
  for (int j = 0; j < opt.ny; ++j)
    for (int i = 0; i < opt.nx; ++i) {
      bool lowest = true;
      for (int dj = -1; dj <= 1; ++dj)
        for (int di = -1; di <= 1; ++di)
          if ((di || dj) && map.grid[at(i + di, j + dj)].energy_eV <= map.grid[at(i, j)].energy_eV) lowest = false;
      if (lowest) map.minima.push_back(at(i, j));
    }
  // Mountain pass: flood the map from the lowest point upwards (moves to the 8 neighbours, so
  // paths along the grid diagonals, e.g. hollow-bridge-hollow on a square lattice seen in its
  // conventional cell, are not forced over higher points) until the flooded region winds
  // around the cell.
  std::vector<std::size_t> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return map.grid[a].energy_eV < map.grid[b].energy_eV; });
  std::vector<bool> flooded(n, false);
  WindingUnionFind uf(n);
  for (std::size_t p : order) {
    flooded[p] = true;
    const int i = static_cast<int>(p % static_cast<std::size_t>(opt.nx)),
              j = static_cast<int>(p / static_cast<std::size_t>(opt.nx));
    bool winds = false;
    for (const auto& [di, dj] :
         std::array<std::pair<int, int>, 8>{{{1, 0}, {-1, 0}, {0, 1}, {0, -1}, {1, 1}, {1, -1}, {-1, 1}, {-1, -1}}}) {
      const int ni = i + di, nj = j + dj;
      const std::size_t q = at(ni, nj);
      if (!flooded[q]) continue;
      // q seen from p lies one cell over when the step crosses the boundary.
      const std::array<int, 2> step{ni < 0 ? -1 : (ni >= opt.nx ? 1 : 0), nj < 0 ? -1 : (nj >= opt.ny ? 1 : 0)};
      winds = uf.unite(p, q, step) || winds;
    }
    if (winds) {
      map.saddle = p;
      break;
    }
  }
  map.barrier_eV = map.grid[map.saddle].energy_eV - map.E_min_eV;
  return map;
}

}  // namespace nabridge
