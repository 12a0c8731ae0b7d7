#include "nabridge/upscale/kinetics.h"

#include <cmath>
#include <stdexcept>

#include "nabridge/upscale/constants.h"

namespace nabridge::upscale {

namespace {
void require_positive(double v, const char* name) {
  if (!(v > 0) || !std::isfinite(v)) throw std::invalid_argument(std::string("kinetics: ") + name + " must be > 0");
}
}  // namespace

double surface_diffusivity_m2_s(double nu_Hz, double Ea_eV, double hop_length_A, int hops_per_site, double T_K) {
  require_positive(nu_Hz, "nu_Hz");
  require_positive(T_K, "T_K");
  const double lambda_m = hop_length_A * 1e-10;
  return hops_per_site * lambda_m * lambda_m / 4.0 * nu_Hz * std::exp(-Ea_eV / (kBoltzmann_eV_K * T_K));
}

double deposition_flux_per_m2_s(double current_A_m2) { return current_A_m2 / kElementaryCharge_C; }

double overpotential_V(double n1_m2, double n1_eq_m2, double T_K) {
  require_positive(n1_m2, "n1_m2");
  require_positive(n1_eq_m2, "n1_eq_m2");
  return kBoltzmann_eV_K * T_K * std::log(n1_m2 / n1_eq_m2);
}

double equilibrium_coverage(double E_bind_eV, double E_coh_eV, double T_K) {
  require_positive(T_K, "T_K");
  const double x = (E_bind_eV + E_coh_eV) / (kBoltzmann_eV_K * T_K);
  return x > 700 ? 0.0 : 1.0 / (1.0 + std::exp(x));
}

double butler_volmer_A_m2(double eta_V, double i0_A_m2, double alpha_a, double alpha_c, double T_K) {
  const double f = 1.0 / (kBoltzmann_eV_K * T_K);  // e/kT in 1/V
  return i0_A_m2 * (std::exp(alpha_a * f * eta_V) - std::exp(-alpha_c * f * eta_V));
}

double butler_volmer_overpotential_V(double i_A_m2, double i0_A_m2, double alpha_a, double alpha_c, double T_K) {
  require_positive(i0_A_m2, "i0_A_m2");
  double lo = -5.0, hi = 5.0;
  for (int it = 0; it < 200 && hi - lo > 1e-12; ++it) {
    const double mid = 0.5 * (lo + hi);
    (butler_volmer_A_m2(mid, i0_A_m2, alpha_a, alpha_c, T_K) < i_A_m2 ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

}  // namespace nabridge::upscale
