#include "nabridge/upscale/ferroelectric.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "nabridge/upscale/constants.h"

namespace nabridge::upscale {

namespace {
void positive(double v, const char* field) {
  if (!std::isfinite(v) || !(v > 0.0))
    throw std::invalid_argument(fmt::format("ferroelectric film: {} = {} must be a positive finite number", field, v));
}

void check(const ScreenedFerroelectricFilm& f) {
  positive(f.P_s_C_m2, "P_s_C_m2");
  positive(f.thickness_m, "thickness_m");
  positive(f.eps_film, "eps_film");
  positive(f.lambda_metal_m, "lambda_metal_m");
  positive(f.eps_metal, "eps_metal");
  positive(f.lambda_electrolyte_m, "lambda_electrolyte_m");
  positive(f.eps_electrolyte, "eps_electrolyte");
}

/// Λ = λ_m/ε_m + λ_e/ε_e (m).
double screening_sum_m(const ScreenedFerroelectricFilm& f) {
  return f.lambda_metal_m / f.eps_metal + f.lambda_electrolyte_m / f.eps_electrolyte;
}
}  // namespace

double screening_charge_C_m2(const ScreenedFerroelectricFilm& f) {
  check(f);
  return f.P_s_C_m2 * f.thickness_m / (f.thickness_m + f.eps_film * screening_sum_m(f));
}

double depolarising_field_V_m(const ScreenedFerroelectricFilm& f) {
  check(f);
  const double L = screening_sum_m(f);
  return -f.P_s_C_m2 * L / (kVacuumPermittivity_F_m * (f.thickness_m + f.eps_film * L));
}

double ferroelectric_offset_V(const ScreenedFerroelectricFilm& f, bool toward_collector) {
  const double delta = screening_charge_C_m2(f) * f.lambda_electrolyte_m / (kVacuumPermittivity_F_m * f.eps_electrolyte);
  return toward_collector ? delta : -delta;
}

double debye_length_m(double n_m3, double eps_r, double T_K) {
  positive(n_m3, "carrier density n_m3");
  positive(eps_r, "eps_r");
  positive(T_K, "T_K");
  return std::sqrt(kVacuumPermittivity_F_m * eps_r * kBoltzmann_J_K * T_K / (n_m3 * kElementaryCharge_C * kElementaryCharge_C));
}

}  // namespace nabridge::upscale
