#include "nabridge/upscale/wetting.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "nabridge/upscale/constants.h"

namespace nabridge::upscale {

std::string to_string(WettingRegime r) {
  switch (r) {
    case WettingRegime::complete: return "complete wetting";
    case WettingRegime::partial: return "partial wetting";
    case WettingRegime::non_wetting: return "non-wetting";
  }
  return "?";
}

Wetting young_dupre(double W_ad_J_m2, double gamma_Na_J_m2) {
  if (!std::isfinite(W_ad_J_m2) || !std::isfinite(gamma_Na_J_m2) || gamma_Na_J_m2 <= 0)
    throw std::invalid_argument("wetting: gamma_Na_J_m2 must be > 0 and W_ad_J_m2 finite");
  Wetting w;
  w.spreading_J_m2 = W_ad_J_m2 - 2 * gamma_Na_J_m2;
  const double c = W_ad_J_m2 / gamma_Na_J_m2 - 1.0;
  w.cos_theta = std::clamp(c, -1.0, 1.0);
  w.theta_deg = std::acos(w.cos_theta) * 180.0 / kPi;
  w.regime = c >= 1.0 ? WettingRegime::complete : (c <= -1.0 ? WettingRegime::non_wetting : WettingRegime::partial);
  return w;
}

double interfacial_energy_J_m2(double gamma_sub_J_m2, double gamma_Na_J_m2, double W_ad_J_m2) {
  return gamma_sub_J_m2 + gamma_Na_J_m2 - W_ad_J_m2;
}

}  // namespace nabridge::upscale
