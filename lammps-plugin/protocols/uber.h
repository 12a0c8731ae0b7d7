#pragma once
// Rose–Ferrante–Smith universal binding energy relation (Phys. Rev. B 28, 1835 (1983)):
// E(d) = −W (1 + d*/l) exp(−d*/l), d* = d − d0; peak traction σ_max = W/(e·l).
#include <vector>

namespace nabridge {

struct UberFit {
  double W_J_m2 = 0.0;
  double l_A = 0.0;
  double d0_A = 0.0;
  double sigma_max_GPa = 0.0;
  double rmse_meV = 0.0;    // RMS residual in meV/Å² ... expressed per area as stored in E
  bool converged = false;
};

/// Fits (d_A, E_J_m2) points, E measured relative to the separated state (E → 0 as d → ∞).
UberFit fit_uber(const std::vector<double>& d_A, const std::vector<double>& E_J_m2);
double uber_energy_J_m2(double d_A, double W_J_m2, double l_A, double d0_A);

}  // namespace nabridge
