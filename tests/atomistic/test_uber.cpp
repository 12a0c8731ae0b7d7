#include <catch2/catch.hpp>

#include <cmath>

#include "protocols/uber.h"

using namespace nabridge;

namespace {
void sample(double W, double l, double d0, std::vector<double>& d, std::vector<double>& E) {
  d.clear();
  E.clear();
  for (int k = 0; k < 27; ++k) {
    d.push_back(d0 - 0.5 + 0.25 * k);
    E.push_back(uber_energy_J_m2(d.back(), W, l, d0));
  }
}
}  // namespace

TEST_CASE("UBER fit recovers W, l, d0 from exact synthetic data", "[uber]") {
  struct Case { double W, l, d0; };
  for (const Case c : {Case{1.3, 0.7, 0.0}, Case{0.45, 0.55, 2.1}, Case{2.8, 1.1, -0.3}}) {
    std::vector<double> d, E;
    sample(c.W, c.l, c.d0, d, E);
    const UberFit fit = fit_uber(d, E);
    INFO("W " << c.W << " l " << c.l << " d0 " << c.d0 << ": " << fit.message);
    REQUIRE(fit.converged);
    CHECK(fit.W_J_m2 == Approx(c.W).margin(1e-6));
    CHECK(fit.l_A == Approx(c.l).margin(1e-6));
    CHECK(fit.d0_A == Approx(c.d0).margin(1e-6));
    CHECK(fit.sigma_max_GPa == Approx(10.0 * c.W / (std::exp(1.0) * c.l)).epsilon(1e-6));
    CHECK(fit.rmse_mJ_m2 < 1e-6);
    CHECK(fit.r_squared == Approx(1.0).margin(1e-12));
  }
}

TEST_CASE("UBER fit works when the minimum is not sampled and points are unordered", "[uber]") {
  std::vector<double> d, E;
  for (double x : {4.0, 1.5, 3.0, 6.0, 2.5, 5.0, 2.0}) {  // minimum at d0 = 1.0 lies outside
    d.push_back(x);
    E.push_back(uber_energy_J_m2(x, 0.9, 0.6, 1.0));
  }
  const UberFit fit = fit_uber(d, E);
  REQUIRE(fit.converged);
  CHECK(fit.W_J_m2 == Approx(0.9).margin(1e-6));
  CHECK(fit.l_A == Approx(0.6).margin(1e-6));
  CHECK(fit.d0_A == Approx(1.0).margin(1e-6));
}

TEST_CASE("UBER fit reports non-convergence for data that are not a binding curve", "[uber]") {
  std::vector<double> d, E;
  for (int k = 0; k < 27; ++k) {
    d.push_back(0.25 * k);
    E.push_back(0.5 * std::sin(3.0 * d.back()));  // oscillating: has a minimum, is no UBER curve
  }
  UberFit fit = fit_uber(d, E);
  CHECK_FALSE(fit.converged);
  CHECK_FALSE(fit.message.empty());

  for (double& e : E) e = std::abs(e) + 0.1;  // repulsive everywhere: nothing to fit
  fit = fit_uber(d, E);
  CHECK_FALSE(fit.converged);
  CHECK_THAT(fit.message, Catch::Contains("no bound minimum"));
}

TEST_CASE("UBER fit rejects malformed input", "[uber]") {
  CHECK_THROWS_WITH(fit_uber({1, 2, 3}, {-1, -2, -1}), Catch::Contains("at least 4"));
  CHECK_THROWS_WITH(fit_uber({1, 2, 3, 4}, {-1, -2, -1}), Catch::Contains("'E_J_m2'"));
  CHECK_THROWS_WITH(fit_uber({1, 2, NAN, 4}, {-1, -2, -1, 0}), Catch::Contains("not finite"));
}
