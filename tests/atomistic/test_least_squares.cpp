// The Levenberg–Marquardt wrapper the element, cross-term and ionic fits share: an exactly
// representable model is recovered to the tolerance, and evaluations that throw are counted as a
// wall of residuals 1e3 and reported in the result's message with the first error, so a fit that
// stalled on them says why.
#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>

#include "potentials/least_squares.h"

using namespace nabridge::potentials;
using Catch::Matchers::Contains;

namespace {
// Data of y = a·exp(−b·t) at t = 0, 0.5, …, 3 for a = 2, b = 0.7: the fit's known answer.
Eigen::VectorXd decay_residuals(const Eigen::VectorXd& x) {
  Eigen::VectorXd r(7);
  for (int k = 0; k < 7; ++k) {
    const double t = 0.5 * k;
    r[k] = x[0] * std::exp(-x[1] * t) - 2.0 * std::exp(-0.7 * t);
  }
  return r;
}
}  // namespace

TEST_CASE("Least squares: an exponential decay's amplitude and rate are recovered", "[potentials][lsq]") {
  const ResidualFunction f = [](const Eigen::VectorXd& x, Eigen::VectorXd& r) { r = decay_residuals(x); };
  Eigen::VectorXd x0(2);
  x0 << 1.0, 0.3;
  const LsqResult res = levenberg_marquardt(f, x0, 7);
  CHECK(res.converged());
  CHECK(res.x[0] == Approx(2.0).margin(1e-8));
  CHECK(res.x[1] == Approx(0.7).margin(1e-8));
  CHECK(res.cost < 1e-16);
  CHECK_THAT(res.message, !Contains("failed"));
}

TEST_CASE("Least squares: evaluations that throw are counted and the first error is quoted", "[potentials][lsq]") {
  // The model cannot be evaluated for a rate above 0.5, between the start and the answer: the fit
  // must try beyond it.
  const ResidualFunction f = [](const Eigen::VectorXd& x, Eigen::VectorXd& r) {
    if (x[1] > 0.5) throw std::runtime_error("rate above 0.5");
    r = decay_residuals(x);
  };
  Eigen::VectorXd x0(2);
  x0 << 1.0, 0.3;
  const LsqResult res = levenberg_marquardt(f, x0, 7);
  CHECK_THAT(res.message, Contains("evaluations failed and counted as residuals of 1e3 (the first: rate above 0.5)"));
  // A model that never throws reports nothing of the kind (above); one that always throws is all wall.
  const ResidualFunction always = [](const Eigen::VectorXd&, Eigen::VectorXd&) {
    throw std::runtime_error("no model");
  };
  const LsqResult wall = levenberg_marquardt(always, x0, 7);
  CHECK(wall.cost == Approx(0.5 * 7 * 1e6));
  CHECK_THAT(wall.message, Contains("(the first: no model)"));
}
