#include "potentials/least_squares.h"

#include <unsupported/Eigen/NonLinearOptimization>
#include <unsupported/Eigen/NumericalDiff>

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace nabridge::potentials {

namespace {
struct Functor {
  using Scalar = double;
  using InputType = Eigen::VectorXd;
  using ValueType = Eigen::VectorXd;
  using JacobianType = Eigen::MatrixXd;
  enum { InputsAtCompileTime = Eigen::Dynamic, ValuesAtCompileTime = Eigen::Dynamic };

  const ResidualFunction* f = nullptr;
  int n = 0, m = 0;
  mutable int calls = 0;
  mutable int failed = 0;
  mutable std::string first_failure;

  int inputs() const { return n; }
  int values() const { return m; }
  int operator()(const Eigen::VectorXd& x, Eigen::VectorXd& r) const {
    ++calls;
    r.setZero(m);
    try {
      (*f)(x, r);
      if (r.size() != m) throw std::logic_error("residual vector has the wrong size");
      if (!r.allFinite()) r.setConstant(m, 1e3);
    } catch (const std::logic_error&) {
      throw;
    } catch (const std::exception& e) {
      if (failed++ == 0) first_failure = e.what();
      r.setConstant(m, 1e3);
    }
    return 0;
  }
};

const char* status_message(int s) {
  switch (s) {
    case 1: return "relative reduction of the sum of squares below tolerance";
    case 2: return "relative change of the parameters below tolerance";
    case 3: return "sum of squares and parameters both converged";
    case 4: return "residuals orthogonal to the Jacobian columns";
    case 5: return "too many residual evaluations";
    case 6: return "tolerance too small: no further reduction of the sum of squares possible";
    case 7: return "tolerance too small: no further improvement of the parameters possible";
    case 8: return "orthogonality tolerance too small";
    default: return "improper input parameters";
  }
}
}  // namespace

LsqResult levenberg_marquardt(const ResidualFunction& f, const Eigen::VectorXd& x0, int m, const LsqOptions& opt) {
  const int n = static_cast<int>(x0.size());
  if (n == 0) throw std::invalid_argument("least squares: no free parameters");
  if (m < n) throw std::invalid_argument("least squares: fewer residuals than free parameters");
  Functor fun;
  fun.f = &f;
  fun.n = n;
  fun.m = m;
  Eigen::NumericalDiff<Functor, Eigen::Central> numdiff(fun, opt.relative_step * opt.relative_step);
  Eigen::LevenbergMarquardt<Eigen::NumericalDiff<Functor, Eigen::Central>> lm(numdiff);
  lm.parameters.ftol = opt.tolerance;
  lm.parameters.xtol = opt.tolerance;
  lm.parameters.factor = opt.initial_step;
  lm.parameters.maxfev = std::max(1, opt.max_evaluations);  // Jacobian evaluations included
  LsqResult res;
  res.x = x0;
  const auto status = lm.minimize(res.x);
  res.status = static_cast<int>(status);
  res.message = status_message(res.status);
  // A failed evaluation inside a finite-difference Jacobian turns its columns into ~1e3/h, which
  // can stop the fit far from a minimum: the fit says so, with the cause.
  // (NumericalDiff evaluates through its own copy of the functor.)
  if (numdiff.failed > 0)
    res.message += fmt::format("; {} of {} evaluations failed and counted as residuals of 1e3 (the first: {})",
                               numdiff.failed, numdiff.calls, numdiff.first_failure);
  res.residuals.resize(m);
  fun(res.x, res.residuals);
  res.cost = 0.5 * res.residuals.squaredNorm();
  res.evaluations = static_cast<int>(lm.nfev);
  return res;
}

int log_prior_count(const std::vector<double>& prior_sigma) {
  int n = 0;
  for (double s : prior_sigma) n += s > 0;
  return n;
}

int log_prior_residuals(const Eigen::VectorXd& x, const Eigen::VectorXd& log_start,
                        const std::vector<double>& prior_sigma, Eigen::VectorXd& r, int first) {
  int k = first;
  for (std::size_t i = 0; i < prior_sigma.size(); ++i) {
    const auto xi = static_cast<Eigen::Index>(i);
    if (prior_sigma[i] > 0) r[k++] = std::expm1(x[xi] - log_start[xi]) / prior_sigma[i];
  }
  return k;
}

}  // namespace nabridge::potentials
