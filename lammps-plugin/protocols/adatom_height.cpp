#include "protocols/adatom_height.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace nabridge {

AdatomHeight minimise_adatom_height(Engine& engine, Structure structure, std::size_t adatom, double surface_z_A,
                                    double h_lo_A, double h_hi_A, double tol_A) {
  if (adatom >= structure.size())
    throw std::invalid_argument(fmt::format("adatom height: atom index {} outside a structure of {} atoms", adatom, structure.size()));
  if (!(h_hi_A > h_lo_A) || !(tol_A > 0)) throw std::invalid_argument("adatom height: need h_lo < h_hi and tol > 0");
  AdatomHeight out;
  const auto energy_at = [&](double h) {
    structure.positions(2, static_cast<Eigen::Index>(adatom)) = surface_z_A + h;
    ++out.evaluations;
    return engine.energy(structure);
  };
  constexpr double kScanStep_A = 0.1;
  const int steps = static_cast<int>(std::ceil((h_hi_A - h_lo_A) / kScanStep_A));
  int best = 0;
  double e_best = energy_at(h_lo_A);
  for (int k = 1; k <= steps; ++k) {
    const double e = energy_at(std::min(h_lo_A + k * kScanStep_A, h_hi_A));
    if (e < e_best) {
      e_best = e;
      best = k;
    }
  }
  if (best == 0 || best == steps)
    throw std::runtime_error(fmt::format("adatom height: the lowest energy is at the end of the range [{:.2f}, {:.2f}] A",
                                         h_lo_A, h_hi_A));
  // Golden section on the bracket around the lowest scan point.
  const double ratio = (std::sqrt(5.0) - 1) / 2;
  double a = h_lo_A + (best - 1) * kScanStep_A, b = std::min(h_lo_A + (best + 1) * kScanStep_A, h_hi_A);
  double c = b - ratio * (b - a), d = a + ratio * (b - a);
  double ec = energy_at(c), ed = energy_at(d);
  while (b - a > tol_A) {
    if (ec < ed) {
      b = d;
      d = c;
      ed = ec;
      c = b - ratio * (b - a);
      ec = energy_at(c);
    } else {
      a = c;
      c = d;
      ec = ed;
      d = a + ratio * (b - a);
      ed = energy_at(d);
    }
  }
  out.height_A = 0.5 * (a + b);
  out.energy_eV = energy_at(out.height_A);
  return out;
}

}  // namespace nabridge
