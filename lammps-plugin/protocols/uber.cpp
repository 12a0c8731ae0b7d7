#include "protocols/uber.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <unsupported/Eigen/NonLinearOptimization>

namespace nabridge {

double uber_energy_J_m2(double d_A, double W_J_m2, double l_A, double d0_A) {
  const double x = (d_A - d0_A) / l_A;
  return -W_J_m2 * (1.0 + x) * std::exp(-x);
}

namespace {

// Residuals r_i = E_uber(d_i; W, l, d0) − E_i with the analytic Jacobian, in Eigen's functor form.
struct UberResiduals {
  using Scalar = double;
  const std::vector<double>& d;
  const std::vector<double>& E;
  int inputs() const { return 3; }
  int values() const { return static_cast<int>(d.size()); }

  int operator()(const Eigen::VectorXd& p, Eigen::VectorXd& r) const {
    for (std::size_t i = 0; i < d.size(); ++i) r[i] = uber_energy_J_m2(d[i], p[0], p[1], p[2]) - E[i];
    return 0;
  }
  int df(const Eigen::VectorXd& p, Eigen::MatrixXd& J) const {
    const double W = p[0], l = p[1];
    for (std::size_t i = 0; i < d.size(); ++i) {
      const double x = (d[i] - p[2]) / l, ex = std::exp(-x);
      J(i, 0) = -(1.0 + x) * ex;       // ∂E/∂W
      J(i, 1) = -W * x * x * ex / l;   // ∂E/∂l  (∂E/∂x = W x e^−x, ∂x/∂l = −x/l)
      J(i, 2) = -W * x * ex / l;       // ∂E/∂d0 (∂x/∂d0 = −1/l)
    }
    return 0;
  }
};

/// l from E''(d0) = W/l², the curvature of the parabola through the minimum and its two
/// neighbours; falls back to the half-depth point (E = −W/2 at x ≈ 1.6783) beyond the minimum.
double guess_l(const std::vector<double>& d, const std::vector<double>& E, std::size_t i, double W) {
  if (i > 0 && i + 1 < d.size()) {
    const double h1 = d[i] - d[i - 1], h2 = d[i + 1] - d[i];
    const double curv = 2.0 * (h1 * (E[i + 1] - E[i]) - h2 * (E[i] - E[i - 1])) / (h1 * h2 * (h1 + h2));
    if (curv > 0.0) return std::sqrt(W / curv);
  }
  for (std::size_t k = i + 1; k < d.size(); ++k)
    if (E[k] > -0.5 * W) return std::max((d[k] - d[i]) / 1.6783, 1e-3);
  return (d.back() - d.front()) / 4.0;
}

}  // namespace

UberFit fit_uber(const std::vector<double>& d_in, const std::vector<double>& E_in) {
  if (d_in.size() != E_in.size())
    throw std::invalid_argument("uber: 'd_A' has " + std::to_string(d_in.size()) + " points but 'E_J_m2' has " +
                                std::to_string(E_in.size()));
  if (d_in.size() < 4) throw std::invalid_argument("uber: need at least 4 points to fit W, l, d0");
  for (std::size_t i = 0; i < d_in.size(); ++i)
    if (!std::isfinite(d_in[i]) || !std::isfinite(E_in[i]))
      throw std::invalid_argument("uber: point " + std::to_string(i) + " is not finite");

  // Sort by d so neighbours in the curvature estimate are neighbours in space.
  std::vector<std::size_t> order(d_in.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return d_in[a] < d_in[b]; });
  std::vector<double> d, E;
  for (std::size_t i : order) d.push_back(d_in[i]), E.push_back(E_in[i]);

  UberFit fit;
  const std::size_t imin = static_cast<std::size_t>(std::min_element(E.begin(), E.end()) - E.begin());
  if (!(E[imin] < 0.0)) {
    fit.message = "no bound minimum (all energies >= 0)";
    return fit;
  }
  Eigen::VectorXd p(3);
  p << -E[imin], guess_l(d, E, imin, -E[imin]), d[imin];

  UberResiduals f{d, E};
  Eigen::LevenbergMarquardt<UberResiduals> lm(f);
  lm.parameters.maxfev = 2000;
  lm.parameters.xtol = 1e-14;
  lm.parameters.ftol = 1e-14;
  const auto status = lm.minimize(p);
  fit.evaluations = static_cast<int>(lm.nfev);
  fit.W_J_m2 = p[0];
  fit.l_A = p[1];
  fit.d0_A = p[2];
  fit.sigma_max_GPa = fit.l_A != 0.0 ? fit.W_J_m2 / (std::exp(1.0) * fit.l_A) * kJ_m2_per_A_to_GPa : 0.0;

  Eigen::VectorXd r(d.size());
  f(p, r);
  const Eigen::Map<const Eigen::VectorXd> e(E.data(), static_cast<Eigen::Index>(E.size()));
  const double ss_tot = (e.array() - e.mean()).square().sum();
  fit.rmse_mJ_m2 = 1e3 * std::sqrt(r.squaredNorm() / static_cast<double>(d.size()));
  fit.r_squared = ss_tot > 0.0 ? 1.0 - r.squaredNorm() / ss_tot : 0.0;

  using S = Eigen::LevenbergMarquardtSpace::Status;
  // 1–4: tolerances met; 6–8: no further progress possible at machine precision (exact data).
  const bool solved = status == S::RelativeReductionTooSmall || status == S::RelativeErrorTooSmall ||
                      status == S::RelativeErrorAndReductionTooSmall || status == S::CosinusTooSmall ||
                      status == S::FtolTooSmall || status == S::XtolTooSmall || status == S::GtolTooSmall;
  if (!solved) fit.message = "Levenberg-Marquardt stopped with status " + std::to_string(static_cast<int>(status));
  else if (!p.allFinite() || !(fit.W_J_m2 > 0.0) || !(fit.l_A > 0.0))
    fit.message = "unphysical parameters (W or l <= 0)";
  else if (fit.r_squared < 0.9) fit.message = "poor fit (R^2 = " + std::to_string(fit.r_squared) + " < 0.9)";
  fit.converged = fit.message.empty();
  return fit;
}

}  // namespace nabridge
