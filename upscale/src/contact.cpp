#include "nabridge/upscale/contact.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "nabridge/upscale/constants.h"

namespace nabridge::upscale {

double creep_rate_per_s(const CreepLaw& law, double stress_Pa, double T_K) {
  if (!(T_K > 0)) throw std::invalid_argument("contact: T_K must be > 0");
  return law.A_per_s_Pa_n * std::pow(std::abs(stress_Pa), law.n) * std::exp(-law.Q_eV / (kBoltzmann_eV_K * T_K));
}

CreepLaw creep_law_through(double ref_stress_Pa, double ref_strain_rate_per_s, double ref_T_K, double n, double Q_eV) {
  if (!(ref_stress_Pa > 0) || !(ref_strain_rate_per_s > 0) || !(ref_T_K > 0))
    throw std::invalid_argument("contact: the creep reference stress, strain rate and temperature must be > 0");
  return {ref_strain_rate_per_s / (std::pow(ref_stress_Pa, n) * std::exp(-Q_eV / (kBoltzmann_eV_K * ref_T_K))), n, Q_eV};
}

double vacancy_diffusivity_m2_s(double nu_Hz, double Em_eV, double jump_A, int z, double T_K) {
  const double l = jump_A * 1e-10;
  return z * l * l / 6.0 * nu_Hz * std::exp(-Em_eV / (kBoltzmann_eV_K * T_K));
}

double vacancy_concentration(double Ef_eV, double T_K) { return std::exp(-Ef_eV / (kBoltzmann_eV_K * T_K)); }

double creep_limited_stripping_A_m2(const CreepLaw& law, double pressure_Pa, double length_m, double omega_m3, double T_K) {
  return kElementaryCharge_C / omega_m3 * creep_rate_per_s(law, pressure_Pa, T_K) * length_m;
}

double vacancy_limited_stripping_A_m2(double D_v_m2_s, double c_v, double length_m, double omega_m3) {
  if (!(length_m > 0)) throw std::invalid_argument("contact: length_m must be > 0");
  return kElementaryCharge_C / omega_m3 * D_v_m2_s * c_v / length_m;
}

double contact_fraction(double pressure_Pa, double yield_Pa) {
  if (!(yield_Pa > 0)) throw std::invalid_argument("contact: yield_Pa must be > 0");
  return std::clamp(pressure_Pa / (3.0 * yield_Pa), 0.0, 1.0);
}

double constriction_resistance_ohm_m2(double resistivity_ohm_m, double spot_radius_m, double spots_per_m2) {
  if (!(spot_radius_m > 0) || !(spots_per_m2 > 0)) throw std::invalid_argument("contact: spot radius and density must be > 0");
  return resistivity_ohm_m / (2.0 * spot_radius_m * spots_per_m2);
}

}  // namespace nabridge::upscale
