#include "symmetry/plane_lattice.h"

#include <cmath>

namespace nabridge {

Mat2 gauss_reduce(Mat2 b) {
  // Lagrange's algorithm: subtract the nearest integer multiple of the shorter vector from the
  // longer one while that makes it shorter (a tie, as in the 60° and 120° hexagonal bases, stops
  // it rather than flipping between them).
  for (int guard = 0; guard < 1000; ++guard) {
    if (b.col(0).squaredNorm() > b.col(1).squaredNorm()) b.col(0).swap(b.col(1));
    const Vec2 c = b.col(1) - std::round(b.col(0).dot(b.col(1)) / b.col(0).squaredNorm()) * b.col(0);
    if (c.squaredNorm() >= b.col(1).squaredNorm() * (1 - 1e-12)) break;
    b.col(1) = c;
  }
  return b;
}

PlaneLattice::PlaneLattice(const Mat2& basis)
    : basis_A(basis), inverse(basis.inverse()), reduced_A(gauss_reduce(basis)) {}

Vec2 PlaneLattice::wrap(const Vec2& r_A) const {
  // Points on a cell edge (within rounding) go to the 0 side, so copies of one point agree.
  constexpr double kEdge = 1e-9;
  Vec2 f = fractional(r_A);
  for (int k = 0; k < 2; ++k) f[k] -= std::floor(f[k] + kEdge);
  return cartesian(f);
}

Vec2 PlaneLattice::shortest(const Vec2& d_A) const {
  Vec2 f = reduced_A.partialPivLu().solve(d_A);
  f = f.array().round().matrix();
  const Vec2 base = d_A - reduced_A * f;
  Vec2 best = base;
  for (int i = -1; i <= 1; ++i)
    for (int j = -1; j <= 1; ++j) {
      const Vec2 c = base + i * reduced_A.col(0) + j * reduced_A.col(1);
      if (c.squaredNorm() < best.squaredNorm()) best = c;
    }
  return best;
}

}  // namespace nabridge
