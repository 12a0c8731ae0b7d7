#pragma once
// Rose–Ferrante–Smith universal binding energy relation (Phys. Rev. B 28, 1835 (1983)):
// E(d) = −W (1 + d*/l) exp(−d*/l), d* = d − d0; peak traction σ_max = W/(e·l).
#include <string>
#include <vector>

namespace nabridge {

struct UberFit {
  double W_J_m2 = 0.0;
  double l_A = 0.0;
  double d0_A = 0.0;
  double sigma_max_GPa = 0.0;  // W/(e·l); 1 J/m² per Å = 10 GPa
  double rmse_mJ_m2 = 0.0;     // sqrt(mean (E_fit − E)²) over the points, in mJ/m²
  double r_squared = 0.0;      // 1 − Σ(E_fit − E)² / Σ(E − mean E)²
  int evaluations = 0;         // residual evaluations made by the solver
  /// The solver converged to W > 0, l > 0 and the fit explains the data (R² ≥ 0.9).
  bool converged = false;
  std::string message;         // why not converged (empty when converged)
};

/// Fits (d_A, E_J_m2) points, E measured relative to the separated state (E → 0 as d → ∞),
/// by Levenberg–Marquardt from an initial guess read off the data (W = −min E, d0 = argmin,
/// l from the curvature at the minimum). Needs ≥ 4 finite points of equal count, else throws
/// std::invalid_argument; data without a bound minimum give converged = false.
UberFit fit_uber(const std::vector<double>& d_A, const std::vector<double>& E_J_m2);
double uber_energy_J_m2(double d_A, double W_J_m2, double l_A, double d0_A);

inline constexpr double kJ_m2_per_A_to_GPa = 10.0;  // 1 J/m² / 1 Å = 1e10 Pa

}  // namespace nabridge
