#include "symmetry/point_index.h"

#include <algorithm>
#include <cmath>

namespace nabridge {

namespace {
constexpr double kBinWidth_A = 1.5;  // about one atom column per bin on a close-packed layer
}

PeriodicPointIndex::PeriodicPointIndex(const PlaneLattice& lattice, double tol_A) : lattice_(lattice), tol_A_(tol_A) {
  // Bins along a are as wide as the cell's extent perpendicular to b, and vice versa, so a
  // point within tol of r lies in r's bin or a neighbouring one.
  const double area = lattice.area_A2();
  const double width_a = area / lattice.basis_A.col(1).norm(), width_b = area / lattice.basis_A.col(0).norm();
  bins_a_ = std::max(1, static_cast<int>(width_a / std::max(kBinWidth_A, 2 * tol_A)));
  bins_b_ = std::max(1, static_cast<int>(width_b / std::max(kBinWidth_A, 2 * tol_A)));
  bins_.resize(static_cast<std::size_t>(bins_a_) * static_cast<std::size_t>(bins_b_));
}

std::size_t PeriodicPointIndex::bin_of(int ia, int ib) const {
  ia = ((ia % bins_a_) + bins_a_) % bins_a_;
  ib = ((ib % bins_b_) + bins_b_) % bins_b_;
  return static_cast<std::size_t>(ia) * static_cast<std::size_t>(bins_b_) + static_cast<std::size_t>(ib);
}

std::size_t PeriodicPointIndex::insert(int type, const Vec3& r_A) {
  const Vec2 f = lattice_.fractional(lattice_.wrap(r_A.head<2>()));
  const int ia = std::min(bins_a_ - 1, static_cast<int>(f[0] * bins_a_));
  const int ib = std::min(bins_b_ - 1, static_cast<int>(f[1] * bins_b_));
  bins_[bin_of(ia, ib)].push_back(points_.size());
  points_.push_back(r_A);
  types_.push_back(type);
  return points_.size() - 1;
}

std::size_t PeriodicPointIndex::find(int type, const Vec3& r_A) const {
  const Vec2 f = lattice_.fractional(lattice_.wrap(r_A.head<2>()));
  const int ia = static_cast<int>(f[0] * bins_a_), ib = static_cast<int>(f[1] * bins_b_);
  // With fewer than three bins along a direction the ±1 neighbours repeat; visit each once.
  const int ra = bins_a_ < 3 ? 0 : 1, rb = bins_b_ < 3 ? 0 : 1;
  const int na = bins_a_ < 3 ? bins_a_ : 3, nb = bins_b_ < 3 ? bins_b_ : 3;
  for (int da = 0; da < na; ++da)
    for (int db = 0; db < nb; ++db)
      for (std::size_t k : bins_[bin_of(ia - ra + da, ib - rb + db)]) {
        if (types_[k] != type || std::abs(points_[k].z() - r_A.z()) > tol_A_) continue;
        // Small displacements: the fractional difference wrapped to [-1/2, 1/2) is the shortest.
        Vec2 df = lattice_.fractional(points_[k].head<2>() - r_A.head<2>());
        df = df - df.array().round().matrix();
        if (lattice_.cartesian(df).norm() < tol_A_) return k;
      }
  return npos;
}

}  // namespace nabridge
