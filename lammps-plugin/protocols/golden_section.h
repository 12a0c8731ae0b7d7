#pragma once
// Golden-section search for the minimum of a unimodal function of one variable in a bracket, the
// one line search of the protocols that minimise an energy along a single coordinate
// (cubic_energy_minimum: the lattice constant; minimise_overlayer_height: an overlayer's height).
// It returns the final bracket with both interior samples rather than one estimate because the
// callers end differently: one takes the better interior sample, the other evaluates the
// bracket's midpoint (an extra call it counts and reports). The tie rule acts inside the loop, so
// it is a parameter: both rules are correct for a unimodal function, and each caller keeps the
// one its recorded numbers were computed with.
#include <functional>

namespace nabridge {

/// What a tie of the interior samples, f(x1) == f(x2), keeps of the bracket [lo, hi] (either part
/// holds the minimum of a unimodal function).
enum class GoldenTie {
  kKeepUpper,  // f(x1) <  f(x2) keeps [lo, x2], otherwise [x1, hi]
  kKeepLower,  // f(x1) <= f(x2) keeps [lo, x2], otherwise [x1, hi]
};

/// The state at the end of the search.
struct GoldenSection {
  double lo = 0.0, hi = 0.0;  // the final bracket, hi - lo <= tol
  double x1 = 0.0, x2 = 0.0;  // its interior samples, lo < x1 < x2 < hi at the golden ratio
  double f1 = 0.0, f2 = 0.0;  // f(x1), f(x2)
  int evaluations = 0;        // calls of f: 2, then one per shrink of the bracket by (√5 − 1)/2
};

/// Shrinks [lo, hi] by the golden ratio, one evaluation of f per step, until hi - lo <= tol.
/// Throws std::invalid_argument unless lo < hi and tol > 0.
GoldenSection golden_section_minimum(const std::function<double(double)>& f, double lo, double hi, double tol,
                                     GoldenTie tie);

}  // namespace nabridge
