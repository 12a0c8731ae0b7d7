#pragma once
// Wetting of a substrate by Na from interfacial energies (SI: J/m², degrees).
//   Young–Dupré: W_ad = γ_Na (1 + cos θ)  →  cos θ = W_ad/γ_Na − 1
//   interfacial energy: γ_int = γ_sub + γ_Na − W_ad (Dupré)
// W_ad ≥ 2γ_Na: complete wetting (θ = 0, spreading); W_ad ≤ 0: no adhesion (θ = 180°).
#include <string>

namespace nabridge::upscale {

enum class WettingRegime { complete, partial, non_wetting };
std::string to_string(WettingRegime r);

struct Wetting {
  double theta_deg = 0.0;
  double cos_theta = 1.0;
  double spreading_J_m2 = 0.0;  // S = W_ad − 2γ_Na (≥ 0: complete wetting)
  WettingRegime regime = WettingRegime::partial;
};

/// Throws std::invalid_argument for γ_Na ≤ 0 or non-finite input.
Wetting young_dupre(double W_ad_J_m2, double gamma_Na_J_m2);
double interfacial_energy_J_m2(double gamma_sub_J_m2, double gamma_Na_J_m2, double W_ad_J_m2);

}  // namespace nabridge::upscale
