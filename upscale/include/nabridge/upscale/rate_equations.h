#pragma once
// Mean-field rate equations of submonolayer nucleation with irreversible attachment (i* = 1),
// per lattice site (Venables, Phil. Mag. 27, 697 (1973); Amar, Family & Lam, PRB 50, 8781 (1994)):
//   dn1/dt = F − 2 σ1 D n1² − σx D n1 N   (direct impingement neglected: small θ)
//   dN/dt  = σ1 D n1²
// with n1 the monomer and N the island density, D the hop rate per direction (sites²/s), and
// capture numbers σ1, σx held constant. At large R = D/F the island density at a given coverage
// scales as N ∝ R^(−1/3), the exponent the lattice KMC (kmc.h) must reproduce.
#include <vector>

namespace nabridge::upscale {

struct RateEquationParams {
  double R = 1e6;              // D/F
  double sigma1 = 3.0;         // monomer–monomer capture number
  double sigmax = 7.0;         // monomer–island capture number
  double coverage = 0.1;       // integrate until θ = F t
};

struct RateEquationResult {
  double n1 = 0.0, N = 0.0;    // per site at the final coverage
  double n1_max = 0.0;         // the highest monomer density on the way (per site): nucleation turns it around
  int steps = 0;
};

/// Integrates in the coverage θ (dθ = F dt) with an implicit (backward Euler, Newton on n1)
/// step, stable for the stiff large-R regime. Throws std::invalid_argument on bad input.
RateEquationResult integrate_rate_equations(const RateEquationParams& p);

/// Least-squares slope of log y against log x.
double log_log_slope(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace nabridge::upscale
