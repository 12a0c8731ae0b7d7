#pragma once
// Binary sum tree over non-negative rates: O(log N) update of one rate and O(log N) selection
// of an index with probability rate_i / Σ rate. Every inner node is recomputed as the sum of its
// two children (never updated by differences), so the tree carries no accumulated round-off and
// the same sequence of updates always gives bit-identical sums. Used by the rejection-free
// (BKL / "n-fold way") kinetic Monte Carlo: Bortz, Kalos & Lebowitz, J. Comput. Phys. 17, 10
// (1975); binary-tree selection as in e.g. Gillespie's direct method with a partial-sum tree.
#include <cstddef>
#include <vector>

namespace nabridge::upscale {

class SumTree {
 public:
  explicit SumTree(std::size_t n = 0) { resize(n); }

  void resize(std::size_t n) {
    n_ = n;
    leaves_ = 1;
    while (leaves_ < n) leaves_ <<= 1;
    tree_.assign(2 * leaves_, 0.0);
  }
  std::size_t size() const { return n_; }
  double total() const { return tree_[1]; }
  double rate(std::size_t i) const { return tree_[leaves_ + i]; }

  void set(std::size_t i, double r) {
    std::size_t k = leaves_ + i;
    if (tree_[k] == r) return;
    tree_[k] = r;
    for (k >>= 1; k >= 1; k >>= 1) tree_[k] = tree_[2 * k] + tree_[2 * k + 1];
  }

  /// Index i with Σ_{j<i} r_j ≤ x < Σ_{j≤i} r_j for 0 ≤ x < total(). Rounding can only land on a
  /// leaf adjacent to the exact one; a zero-rate leaf is never returned when total() > 0.
  std::size_t select(double x) const {
    std::size_t k = 1;
    while (k < leaves_) {
      const double left = tree_[2 * k];
      if (x < left || tree_[2 * k + 1] <= 0.0) {
        k = 2 * k;
      } else {
        x -= left;
        k = 2 * k + 1;
      }
    }
    return k - leaves_;
  }

 private:
  std::size_t n_ = 0, leaves_ = 1;
  std::vector<double> tree_;
};

}  // namespace nabridge::upscale
