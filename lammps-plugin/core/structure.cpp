#include "core/structure.h"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace nabridge {

void Structure::add_atom(const std::string& element, const Vec3& r_A, std::uint8_t free) {
  species.push_back(element);
  positions.conservativeResize(3, positions.cols() + 1);
  positions.col(positions.cols() - 1) = r_A;
  free_dofs.push_back(free);
}

void Structure::remove_atom(std::size_t index) {
  if (index >= size()) throw std::out_of_range("Structure::remove_atom: index out of range");
  const auto n = static_cast<Eigen::Index>(size());
  const auto i = static_cast<Eigen::Index>(index);
  positions.block(0, i, 3, n - i - 1) = positions.block(0, i + 1, 3, n - i - 1).eval();
  positions.conservativeResize(3, n - 1);
  species.erase(species.begin() + i);
  free_dofs.erase(free_dofs.begin() + i);
}

std::vector<std::string> Structure::elements() const {
  std::vector<std::string> e(species);
  std::sort(e.begin(), e.end());
  e.erase(std::unique(e.begin(), e.end()), e.end());
  return e;
}

double Structure::area_A2() const { return cell.col(0).cross(cell.col(1)).norm(); }
double Structure::volume_A3() const { return std::abs(cell.determinant()); }
Vec3 Structure::to_fractional(const Vec3& r_A) const { return cell.partialPivLu().solve(r_A); }
Vec3 Structure::to_cartesian(const Vec3& frac) const { return cell * frac; }

void Structure::wrap() {
  const Mat3 inv = cell.inverse();
  for (Eigen::Index i = 0; i < positions.cols(); ++i) {
    Vec3 f = inv * positions.col(i);
    for (int k = 0; k < 3; ++k)
      if (pbc[k]) f[k] -= std::floor(f[k]);
    positions.col(i) = cell * f;
  }
}

std::size_t Structure::count_frozen() const {
  return static_cast<std::size_t>(std::count(free_dofs.begin(), free_dofs.end(), dof::kNone));
}

void Structure::validate() const {
  if (positions.cols() != static_cast<Eigen::Index>(species.size()))
    throw std::invalid_argument("structure: 'positions' has " + std::to_string(positions.cols()) +
                                " atoms but 'species' has " + std::to_string(species.size()));
  if (free_dofs.size() != species.size())
    throw std::invalid_argument("structure: 'free_dofs' size differs from the atom count");
  if (std::abs(cell.determinant()) < 1e-8) throw std::invalid_argument("structure: 'cell' is singular");
  if (!positions.allFinite()) throw std::invalid_argument("structure: 'positions' contain NaN/inf");
}

namespace {
/// The shortest of d = cell · f over the periodic images next to the rounded one.
Vec3 nearest_image(const Structure& s, Vec3 f) {
  for (int k = 0; k < 3; ++k)
    if (s.pbc[k]) f[k] -= std::round(f[k]);
  const Vec3 base = s.cell * f;
  Vec3 best = base;
  double best_n2 = base.squaredNorm();
  const int r0 = s.pbc[0] ? 1 : 0, r1 = s.pbc[1] ? 1 : 0, r2 = s.pbc[2] ? 1 : 0;
  for (int i = -r0; i <= r0; ++i)
    for (int j = -r1; j <= r1; ++j)
      for (int k = -r2; k <= r2; ++k) {
        const Vec3 c = base + s.cell * Vec3(i, j, k);
        if (c.squaredNorm() < best_n2) best_n2 = c.squaredNorm(), best = c;
      }
  return best;
}
}  // namespace

Vec3 minimum_image(const Structure& s, const Vec3& d_A) { return nearest_image(s, s.cell.partialPivLu().solve(d_A)); }

Vec3 minimum_image(const Structure& s, const Mat3& cell_inverse, const Vec3& d_A) {
  return nearest_image(s, cell_inverse * d_A);
}

}  // namespace nabridge
