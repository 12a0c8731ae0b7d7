#pragma once
// Nonlinear least squares by Levenberg–Marquardt: Eigen's port of MINPACK lmder
// (unsupported/Eigen/NonLinearOptimization; Moré, "The Levenberg–Marquardt algorithm:
// implementation and theory", Lecture Notes in Math. 630 (1978)) with a central-difference
// Jacobian (unsupported/Eigen/NumericalDiff). Shared by the element and cross-term fits.
#include <Eigen/Core>
#include <functional>
#include <string>
#include <vector>

namespace nabridge::potentials {

/// Fills r (size m) for parameters x. May throw: the point then counts as very bad (every
/// residual 1e3), so the trust region shrinks away from it; LsqResult::message counts such
/// evaluations and quotes the first one's error.
using ResidualFunction = std::function<void(const Eigen::VectorXd& x, Eigen::VectorXd& r)>;

struct LsqOptions {
  double relative_step = 1e-5;  // Jacobian step h = relative_step·|x_i| (or relative_step at 0)
  int max_evaluations = 4000;   // residual evaluations, Jacobian columns included
  double tolerance = 1e-10;     // MINPACK ftol = xtol
  double initial_step = 0.1;    // MINPACK 'factor': first trust radius = factor·|D·x|
};

struct LsqResult {
  Eigen::VectorXd x;
  Eigen::VectorXd residuals;
  double cost = 0.0;           // ½ Σ r²
  int evaluations = 0;
  int status = 0;              // MINPACK info code (1–4 converged, 5 too many evaluations, ...)
  std::string message;
  bool converged() const { return status >= 1 && status <= 4; }
};

LsqResult levenberg_marquardt(const ResidualFunction& f, const Eigen::VectorXd& x0, int m, const LsqOptions& opt = {});

/// Fits whose parameters are positive work on x = log p. A Tikhonov prior keeps each p near its
/// start: one residual (p/p_start − 1)/σ per parameter with σ > 0 (σ = 0: no prior). The cross-term
/// and ionic fits share these.
int log_prior_count(const std::vector<double>& prior_sigma);

/// Writes the prior residuals of x (log p) into r from index `first` on; returns the index after them.
int log_prior_residuals(const Eigen::VectorXd& x, const Eigen::VectorXd& log_start,
                        const std::vector<double>& prior_sigma, Eigen::VectorXd& r, int first);

}  // namespace nabridge::potentials
