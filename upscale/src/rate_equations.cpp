#include "nabridge/upscale/rate_equations.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace nabridge::upscale {

RateEquationResult integrate_rate_equations(const RateEquationParams& p) {
  if (!(p.R > 0) || !std::isfinite(p.R)) throw std::invalid_argument("rate equations: R = D/F must be > 0");
  if (!(p.sigma1 > 0) || !(p.sigmax > 0)) throw std::invalid_argument("rate equations: capture numbers must be > 0");
  if (!(p.coverage > 0) || p.coverage > 1) throw std::invalid_argument("rate equations: coverage must be in (0, 1]");
  // In θ (F = 1): dn1/dθ = 1 − 2σ1 R n1² − σx R n1 N,  dN/dθ = σ1 R n1².
  // Logarithmic steps: the transient ends at θ ~ R^(−1/2), the answer is wanted at θ ~ 0.1.
  RateEquationResult r;
  double theta = 0.0, n1 = 0.0, N = 0.0;
  double h = 1e-3 / std::sqrt(p.R);
  while (theta < p.coverage) {
    h = std::min(h, p.coverage - theta);
    // Backward Euler: solve g(n1') = n1' − n1 − h (1 − 2σ1R n1'² − σxR n1' N') = 0 with
    // N' = N + h σ1 R n1'² by Newton (monotone in n1' ≥ 0).
    double x = n1;
    for (int it = 0; it < 50; ++it) {
      const double Np = N + h * p.sigma1 * p.R * x * x;
      const double g = x - n1 - h * (1.0 - 2 * p.sigma1 * p.R * x * x - p.sigmax * p.R * x * Np);
      const double dNp = 2 * h * p.sigma1 * p.R * x;
      const double dg = 1.0 + h * (4 * p.sigma1 * p.R * x + p.sigmax * p.R * (Np + x * dNp));
      const double step = g / dg;
      x = std::max(0.0, x - step);
      if (std::abs(step) <= 1e-14 * std::max(x, 1e-30)) break;
    }
    N += h * p.sigma1 * p.R * x * x;
    n1 = x;
    r.n1_max = std::max(r.n1_max, n1);
    theta += h;
    h *= 1.02;
    ++r.steps;
  }
  r.n1 = n1;
  r.N = N;
  return r;
}

double log_log_slope(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size() || x.size() < 2) throw std::invalid_argument("log_log_slope: need >= 2 matching points");
  double sx = 0, sy = 0, sxx = 0, sxy = 0;
  const double n = static_cast<double>(x.size());
  for (std::size_t k = 0; k < x.size(); ++k) {
    if (!(x[k] > 0) || !(y[k] > 0)) throw std::invalid_argument("log_log_slope: values must be > 0");
    const double lx = std::log(x[k]), ly = std::log(y[k]);
    sx += lx, sy += ly, sxx += lx * lx, sxy += lx * ly;
  }
  return (n * sxy - sx * sy) / (n * sxx - sx * sx);
}

}  // namespace nabridge::upscale
