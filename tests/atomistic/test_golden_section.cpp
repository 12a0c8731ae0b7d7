// The shared golden-section line search on analytic functions with known minima: the final bracket
// holds the minimiser and is no wider than the tolerance, the number of evaluations is the golden
// ratio's count for that shrink, and the tie rule decides which part of the bracket a tie keeps.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "protocols/golden_section.h"

using namespace nabridge;

namespace {
// 2 evaluations, then one per shrink by (√5 − 1)/2 until the width is <= tol.
int golden_evaluations(double width, double tol) {
  return 2 + static_cast<int>(std::ceil(std::log(width / tol) / std::log((1.0 + std::sqrt(5.0)) / 2.0)));
}
}  // namespace

TEST_CASE("Golden section: a parabola's minimum bracketed to the tolerance", "[protocols][golden]") {
  const double x0 = 1.3, tol = 1e-8;
  const auto f = [&](double x) { return (x - x0) * (x - x0); };
  for (const GoldenTie tie : {GoldenTie::kKeepLower, GoldenTie::kKeepUpper}) {
    const GoldenSection g = golden_section_minimum(f, 0.0, 3.0, tol, tie);
    CHECK(g.hi - g.lo <= tol);
    CHECK(g.lo <= x0);
    CHECK(g.hi >= x0);
    CHECK((g.lo < g.x1 && g.x1 < g.x2 && g.x2 < g.hi));
    CHECK(g.f1 == f(g.x1));
    CHECK(g.f2 == f(g.x2));
    // log(3 / 1e-8) / log(1.618...) = 40.56: 41 shrinks.
    CHECK(g.evaluations == 43);
    CHECK(g.evaluations == golden_evaluations(3.0, tol));
  }
}

TEST_CASE("Golden section: a Morse curve's minimum r0 and depth -D", "[protocols][golden]") {
  // E(r) = D [(1 − e^{−α(r − r0)})² − 1]: minimum −D at r0, asymmetric about it.
  const double D_eV = 0.45, alpha_per_A = 1.3, r0_A = 2.87, tol_A = 1e-6;
  int calls = 0;
  const auto morse = [&](double r_A) {
    ++calls;
    const double u = 1.0 - std::exp(-alpha_per_A * (r_A - r0_A));
    return D_eV * (u * u - 1.0);
  };
  const GoldenSection g = golden_section_minimum(morse, 2.0, 6.0, tol_A, GoldenTie::kKeepUpper);
  CHECK(g.hi - g.lo <= tol_A);
  CHECK(g.lo <= r0_A);
  CHECK(g.hi >= r0_A);
  CHECK(std::min(g.f1, g.f2) == Approx(-D_eV).epsilon(1e-12));
  CHECK(g.evaluations == calls);
  CHECK(g.evaluations == golden_evaluations(4.0, tol_A));  // log(4 / 1e-6) / log(1.618...) = 31.6: 32 shrinks
}

TEST_CASE("Golden section: a tie keeps the lower or the upper part of the bracket", "[protocols][golden]") {
  // x² on [-1, 1]: the first samples are x1 = 1 − 2r and x2 = 2r − 1 with r = (√5 − 1)/2, equal in
  // magnitude to the last bit, so f(x1) == f(x2); a tolerance of 1.5 stops after that one step.
  const auto f = [](double x) { return x * x; };
  const double x2_start = std::sqrt(5.0) - 2.0;
  const GoldenSection lower = golden_section_minimum(f, -1.0, 1.0, 1.5, GoldenTie::kKeepLower);
  CHECK(lower.evaluations == 3);
  CHECK(lower.lo == -1.0);
  CHECK(lower.hi == Approx(x2_start).epsilon(1e-15));
  const GoldenSection upper = golden_section_minimum(f, -1.0, 1.0, 1.5, GoldenTie::kKeepUpper);
  CHECK(upper.evaluations == 3);
  CHECK(upper.lo == Approx(-x2_start).epsilon(1e-15));
  CHECK(upper.hi == 1.0);
}

TEST_CASE("Golden section: an empty bracket or a tolerance <= 0 is an error", "[protocols][golden]") {
  const auto f = [](double x) { return x * x; };
  CHECK_THROWS_AS(golden_section_minimum(f, 1.0, 1.0, 1e-6, GoldenTie::kKeepLower), std::invalid_argument);
  CHECK_THROWS_AS(golden_section_minimum(f, 2.0, 1.0, 1e-6, GoldenTie::kKeepLower), std::invalid_argument);
  CHECK_THROWS_WITH(golden_section_minimum(f, 0.0, 1.0, 0.0, GoldenTie::kKeepUpper), Catch::Contains("tol > 0"));
}
