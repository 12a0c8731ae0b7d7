#pragma once
// Supercells of a slab as other tools build them, for the site tests and bench/sites_bench:
// any integer combination of the in-plane cell vectors (orthogonal, skewed, non-reduced), the
// whole slab rotated about z, and ASE's orthogonal fcc(111) cell.
#include <Eigen/Core>
#include <cmath>
#include <stdexcept>

#include "core/structure.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

namespace nabridge::testing {

/// The slab in the in-plane supercell a' = M(0,0) a + M(1,0) b, b' = M(0,1) a + M(1,1) b.
inline Structure supercell(const Structure& s, const Eigen::Matrix2i& M) {
  Structure out;
  out.pbc = s.pbc;
  out.cell = s.cell;
  out.cell.col(0) = M(0, 0) * s.cell.col(0) + M(1, 0) * s.cell.col(1);
  out.cell.col(1) = M(0, 1) * s.cell.col(0) + M(1, 1) * s.cell.col(1);
  const Eigen::Matrix2d inv = M.cast<double>().inverse();
  // Old-cell translations (i, j) whose atoms land in the new cell: the new cell's corners span
  // at most max |M| old cells along each direction.
  const int reach = M.cwiseAbs().sum();
  for (int i = -reach; i <= reach; ++i)
    for (int j = -reach; j <= reach; ++j)
      for (std::size_t k = 0; k < s.size(); ++k) {
        const Vec3 f = s.to_fractional(s.positions.col(static_cast<Eigen::Index>(k)));
        const Eigen::Vector2d g = inv * Eigen::Vector2d(f.x() - std::floor(f.x()) + i, f.y() - std::floor(f.y()) + j);
        if (g.x() < -1e-9 || g.x() >= 1 - 1e-9 || g.y() < -1e-9 || g.y() >= 1 - 1e-9) continue;
        out.add_atom(s.species[k],
                     s.to_cartesian(Vec3(f.x() - std::floor(f.x()) + i, f.y() - std::floor(f.y()) + j, f.z())),
                     s.free_dofs[k]);
      }
  if (out.size() != s.size() * static_cast<std::size_t>(std::abs(M.determinant())))
    throw std::logic_error("supercell: atom count does not match the cell's area");
  return out;
}

/// The whole slab, cell included, rotated about z by the given angle.
inline Structure rotated_about_z(Structure s, double degrees) {
  const double t = degrees * M_PI / 180.0;
  Mat3 R;
  R << std::cos(t), -std::sin(t), 0, std::sin(t), std::cos(t), 0, 0, 0, 1;
  s.cell = R * s.cell;
  s.positions = R * s.positions;
  return s;
}

/// ASE's fcc111(size=(n, m), orthogonal=True) cell of a primitive hexagonal fcc(111) slab:
/// n nearest-neighbour distances along a, m/2 rectangular repeats (d√3 each) along y; m even.
inline Structure orthogonal_fcc111(const Structure& primitive, int n, int m) {
  // b' = 2 b ∓ a is perpendicular to a for the 120° (b_x < 0) or 60° (b_x > 0) basis.
  const int sign = primitive.cell(0, 1) < 0 ? 1 : -1;
  Eigen::Matrix2i M;
  M << n, sign * m / 2, 0, m;
  return supercell(primitive, M);
}

/// ASE's fcc111(element, size=(n, n, layers), a, orthogonal=True) slab, cut by NaBridge
/// (vacuum above the top layer, the bottom fixed_layers frozen).
inline Structure ase_style_fcc111(const std::string& element, double a_A, int n, int layers, int fixed_layers = 0) {
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = layers;
  spec.fixed_layers = fixed_layers;
  spec.vacuum_A = 14;
  return orthogonal_fcc111(make_slab(bulk_fcc(element, a_A), spec).structure, n, n);
}

}  // namespace nabridge::testing
