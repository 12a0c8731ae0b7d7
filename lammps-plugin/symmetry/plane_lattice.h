#pragma once
// A two-dimensional lattice in the surface (xy) plane: fractional coordinates, wrapping into the
// cell and shortest images for any basis, however skewed or non-reduced. Units: Å.
#include <Eigen/Dense>

namespace nabridge {

using Vec2 = Eigen::Vector2d;
using Mat2 = Eigen::Matrix2d;

/// The Lagrange–Gauss reduced basis of the lattice spanned by the columns of basis_A: the two
/// shortest independent vectors, |b1| <= |b2|, the angle between them in [60°, 120°].
Mat2 gauss_reduce(Mat2 basis_A);

struct PlaneLattice {
  PlaneLattice() = default;
  explicit PlaneLattice(const Mat2& basis_A);

  Mat2 basis_A = Mat2::Identity();    // columns: the cell's lattice vectors as given
  Mat2 inverse = Mat2::Identity();
  Mat2 reduced_A = Mat2::Identity();  // same lattice, reduced: shortest images search only ±1

  Vec2 fractional(const Vec2& r_A) const { return inverse * r_A; }
  Vec2 cartesian(const Vec2& f) const { return basis_A * f; }
  /// r moved by a lattice vector into the cell spanned by basis_A (fractional [0, 1)).
  Vec2 wrap(const Vec2& r_A) const;
  /// The shortest vector d + lattice vector.
  Vec2 shortest(const Vec2& d_A) const;
  /// Whether v is a lattice vector (within tol_A).
  bool contains(const Vec2& v_A, double tol_A) const { return shortest(v_A).norm() < tol_A; }
  double area_A2() const { return std::abs(basis_A.determinant()); }
};

}  // namespace nabridge
