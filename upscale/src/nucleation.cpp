#include "nabridge/upscale/nucleation.h"

#include <cmath>
#include <stdexcept>

#include "nabridge/upscale/constants.h"

namespace nabridge::upscale {

double cap_shape_factor(double theta_deg) {
  const double c = std::cos(theta_deg * kPi / 180.0);
  return (2.0 + c) * (1.0 - c) * (1.0 - c) / 4.0;
}

ClassicalNucleus classical_nucleus(double gamma_J_m2, double omega_m3, double eta_V, double theta_deg, double T_K) {
  if (!(gamma_J_m2 > 0) || !(omega_m3 > 0) || !(T_K > 0))
    throw std::invalid_argument("nucleation: gamma_J_m2, omega_m3 and T_K must be > 0");
  if (eta_V == 0) throw std::invalid_argument("nucleation: eta_V must be non-zero (no driving force at eta = 0)");
  const double e_eta = kElementaryCharge_C * std::abs(eta_V);
  ClassicalNucleus n;
  n.r_star_m = 2.0 * gamma_J_m2 * omega_m3 / e_eta;
  const double dG_hom_J = 16.0 * kPi * std::pow(gamma_J_m2, 3) * omega_m3 * omega_m3 / (3.0 * e_eta * e_eta);
  n.dG_hom_eV = dG_hom_J / kElementaryCharge_C;
  n.f_theta = cap_shape_factor(theta_deg);
  n.dG_het_eV = n.f_theta * n.dG_hom_eV;
  n.n_star = 4.0 * kPi * std::pow(n.r_star_m, 3) / (3.0 * omega_m3) * n.f_theta;
  if (n.n_star > 0) n.zeldovich = std::sqrt(n.dG_het_eV / (3.0 * kPi * kBoltzmann_eV_K * T_K * n.n_star * n.n_star));
  return n;
}

int triangular_island_bonds(int n) {
  if (n < 1) return 0;
  return static_cast<int>(std::floor(3.0 * n - std::sqrt(12.0 * n - 3.0) + 1e-9));
}

double atomistic_cluster_energy_eV(int n, double E_bind_eV, double E_coh_eV, double eta_V) {
  const double bond = E_coh_eV / 4.0;
  return n * (E_bind_eV + E_coh_eV) - triangular_island_bonds(n) * bond - n * std::abs(eta_V);
}

AtomisticNucleus atomistic_nucleus(double E_bind_eV, double E_coh_eV, double eta_V, int n_max) {
  if (!(E_coh_eV > 0)) throw std::invalid_argument("nucleation: E_coh_eV must be > 0");
  AtomisticNucleus a;
  double best = 0.0;  // ΔG(0) = 0
  for (int n = 1; n <= n_max; ++n) {
    const double g = atomistic_cluster_energy_eV(n, E_bind_eV, E_coh_eV, eta_V);
    if (g > best) best = g, a.n_star = n;
  }
  a.dG_star_eV = best;
  a.barrier_free = a.n_star == 0;
  return a;
}

CriticalCluster critical_cluster(double E_bind_eV, double E_coh_eV, double eta_V, int n_max) {
  if (!(E_coh_eV > 0)) throw std::invalid_argument("nucleation: E_coh_eV must be > 0");
  if (n_max < 1) throw std::invalid_argument("nucleation: n_max must be >= 1");
  CriticalCluster c;
  const double g1 = atomistic_cluster_energy_eV(1, E_bind_eV, E_coh_eV, eta_V);
  for (int n = 2; n <= n_max; ++n) {
    const double dg = atomistic_cluster_energy_eV(n, E_bind_eV, E_coh_eV, eta_V) - g1;
    if (dg > c.dG_above_monomer_eV) c.dG_above_monomer_eV = dg, c.i_star = n;
  }
  return c;
}

std::string nucleation_regime(const AtomisticNucleus& a, double classical_n_star, double atomistic_max_atoms) {
  if (a.barrier_free) return "barrier-free";
  return (a.n_star <= atomistic_max_atoms || classical_n_star <= atomistic_max_atoms) ? "atomistic" : "classical";
}

}  // namespace nabridge::upscale
