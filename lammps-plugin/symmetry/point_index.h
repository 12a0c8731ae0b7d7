#pragma once
// A cell list of typed points under a plane lattice's periodicity: "is there a point of this
// type at r?" in constant time, so symmetry checks over a whole slab stay linear in its size.
#include <cstddef>
#include <vector>

#include "core/structure.h"
#include "symmetry/plane_lattice.h"

namespace nabridge {

class PeriodicPointIndex {
 public:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  /// Points closer than tol_A (laterally under the lattice, and in z) are the same point.
  PeriodicPointIndex(const PlaneLattice& lattice, double tol_A);

  std::size_t insert(int type, const Vec3& r_A);
  /// Index of a point of this type at r (within tol_A), or npos.
  std::size_t find(int type, const Vec3& r_A) const;
  std::size_t size() const { return points_.size(); }
  const Vec3& point(std::size_t i) const { return points_[i]; }
  int type(std::size_t i) const { return types_[i]; }

 private:
  std::size_t bin_of(int ia, int ib) const;

  PlaneLattice lattice_;
  double tol_A_;
  int bins_a_ = 1, bins_b_ = 1;
  std::vector<std::vector<std::size_t>> bins_;
  std::vector<Vec3> points_;
  std::vector<int> types_;
};

}  // namespace nabridge
