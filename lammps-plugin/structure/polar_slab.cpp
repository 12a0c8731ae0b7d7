#include "structure/polar_slab.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

#include "structure/slab.h"

namespace nabridge {

Structure polar_perovskite_slab(const Structure& unit, const std::string& A, const std::string& B,
                                const PolarSlabSpec& spec) {
  if (spec.cells < 2 || spec.fixed_cells < 0 || spec.fixed_cells >= spec.cells || spec.repeat < 1 ||
      !(spec.vacuum_A > 0.0))
    throw std::invalid_argument("polar slab: needs cells >= 2, 0 <= fixed_cells < cells, repeat >= 1 and vacuum_A > 0");
  std::map<std::string, int> count;
  for (const auto& e : unit.species) ++count[e];
  if (unit.size() != 5 || count[A] != 1 || count[B] != 1)
    throw std::invalid_argument(
        fmt::format("polar slab: the unit cell must be one {}{}O3 (5 atoms), got {} atoms", A, B, unit.size()));
  const double a = unit.cell(0, 0), c = unit.cell(2, 2);
  const double z_A = unit.positions(
      2, static_cast<Eigen::Index>(std::find(unit.species.begin(), unit.species.end(), A) - unit.species.begin()));
  // Each atom's height in its bilayer, from the A layer (within ±c/4 of A) to the BO2 layer
  // (within ±c/4 of A + c/2); P down mirrors the cell in z about the A plane.
  Structure cell;
  cell.cell = Vec3(a, a, c).asDiagonal();
  for (std::size_t i = 0; i < unit.size(); ++i) {
    Vec3 r = unit.positions.col(static_cast<Eigen::Index>(i));
    double dz = r.z() - z_A;
    dz -= c * std::round(dz / c);
    if (dz < -0.25 * c) dz += c;
    r.z() = spec.p_up ? dz : -dz;
    if (r.z() < -0.25 * c) r.z() += c;
    cell.add_atom(unit.species[i], r);
  }
  const double bottom = cell.positions.row(2).minCoeff();
  Structure slab;
  slab.cell = Vec3(a * spec.repeat, a * spec.repeat, c * spec.cells + spec.vacuum_A).asDiagonal();
  for (int k = 0; k < spec.cells; ++k)
    for (int i = 0; i < spec.repeat; ++i)
      for (int j = 0; j < spec.repeat; ++j)
        for (std::size_t n = 0; n < cell.size(); ++n) {
          // 1 Å below the lowest atom: the slab sits inside the cell for a non-periodic z.
          const Vec3 r = cell.positions.col(static_cast<Eigen::Index>(n)) + Vec3(i * a, j * a, k * c + 1.0 - bottom);
          slab.add_atom(cell.species[n], r, k < spec.fixed_cells ? dof::kNone : dof::kAll);
        }
  slab.wrap();
  return slab;
}

std::vector<double> bo2_polar_distortion_A(const Structure& slab, const std::string& B, const std::string& O) {
  std::vector<double> z_B;
  for (std::size_t i = 0; i < slab.size(); ++i)
    if (slab.species[i] == B) z_B.push_back(slab.positions(2, static_cast<Eigen::Index>(i)));
  if (z_B.empty()) throw std::invalid_argument("polar distortion: no " + B + " in the slab");
  std::sort(z_B.begin(), z_B.end());
  // BO2 layers: B heights grouped within 1 Å (layers are ~4 Å apart).
  std::vector<double> layer_z;
  for (double z : z_B)
    if (layer_z.empty() || z - layer_z.back() > 1.0) layer_z.push_back(z);
  std::vector<double> sum_B(layer_z.size(), 0.0), sum_O(layer_z.size(), 0.0);
  std::vector<int> n_B(layer_z.size(), 0), n_O(layer_z.size(), 0);
  for (std::size_t i = 0; i < slab.size(); ++i) {
    const double z = slab.positions(2, static_cast<Eigen::Index>(i));
    for (std::size_t l = 0; l < layer_z.size(); ++l) {
      if (std::abs(z - layer_z[l]) > 1.0) continue;
      // The layer's O: those level with its B atoms (the apical O lie ~c/2 away).
      if (slab.species[i] == B) sum_B[l] += z, ++n_B[l];
      else if (slab.species[i] == O) sum_O[l] += z, ++n_O[l];
    }
  }
  std::vector<double> d(layer_z.size());
  for (std::size_t l = 0; l < layer_z.size(); ++l) {
    if (n_O[l] != 2 * n_B[l])
      throw std::runtime_error(
          fmt::format("polar distortion: BO2 layer {} has {} {} and {} {} (not BO2)", l, n_B[l], B, n_O[l], O));
    d[l] = sum_B[l] / n_B[l] - sum_O[l] / n_O[l];
  }
  return d;
}

void require_polar_slab(const std::vector<double>& d_A, double d0_A, int fixed_cells, double min_fraction,
                        const std::string& what) {
  const int n = static_cast<int>(d_A.size());
  if (fixed_cells < 0 || n - 1 <= fixed_cells || d0_A == 0.0)
    throw std::invalid_argument(
        fmt::format("{}: no free BO2 layer below the top one ({} layers, {} fixed) or a zero bulk off-centring: "
                    "the polarisation of the slab cannot be judged",
                    what, n, fixed_cells));
  for (int l = fixed_cells; l < n - 1; ++l)
    if (d_A[static_cast<std::size_t>(l)] / d0_A < min_fraction)
      throw std::runtime_error(
          fmt::format("{}: the polarisation relaxed away in the slab: BO2 layer {} (of {}, {} clamped at the bulk) "
                      "is off-centred by {:+.3f} A against {:+.3f} A in the polar bulk ({:.0f} %, below {:.0f} %); "
                      "not passed on as a polarised surface",
                      what, l, n, fixed_cells, d_A[static_cast<std::size_t>(l)], d0_A,
                      100.0 * d_A[static_cast<std::size_t>(l)] / d0_A, 100.0 * min_fraction));
}

}  // namespace nabridge
