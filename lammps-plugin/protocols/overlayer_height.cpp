#include "protocols/overlayer_height.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "protocols/golden_section.h"

namespace nabridge {

OverlayerHeight minimise_overlayer_height(Engine& engine, Structure structure, std::size_t first_overlayer_atom,
                                          double surface_z_A, double h_lo_A, double h_hi_A, double tol_A) {
  if (first_overlayer_atom >= structure.size())
    throw std::invalid_argument(fmt::format("overlayer height: atom index {} outside a structure of {} atoms",
                                            first_overlayer_atom, structure.size()));
  if (!(h_hi_A > h_lo_A) || !(tol_A > 0)) throw std::invalid_argument("overlayer height: need h_lo < h_hi and tol > 0");
  const auto first = static_cast<Eigen::Index>(first_overlayer_atom);
  const auto count = static_cast<Eigen::Index>(structure.size()) - first;
  // Heights of the overlayer's atoms above its lowest one: its shape, kept at every height.
  const Eigen::RowVectorXd z_start = structure.positions.row(2).segment(first, count);
  const Eigen::RowVectorXd shape_A = z_start.array() - z_start.minCoeff();
  OverlayerHeight out;
  const auto energy_at = [&](double h) {
    structure.positions.row(2).segment(first, count) = shape_A.array() + (surface_z_A + h);
    ++out.evaluations;
    return engine.energy(structure);
  };
  constexpr double kScanStep_A = 0.1;
  // The tolerance keeps a range of a whole number of steps whole: (5.4 − 1.1)/0.1 is
  // 43.00000000000001 in floating point, and a 44th step would scan h_hi twice, so a minimum at
  // h_hi would no longer be the last scan point and would pass as inside the range.
  const int steps = static_cast<int>(std::ceil((h_hi_A - h_lo_A) / kScanStep_A - 1e-9));
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
    throw std::runtime_error(fmt::format(
        "overlayer height: the lowest energy is at the end of the range [{:.2f}, {:.2f}] A", h_lo_A, h_hi_A));
  // Golden section on the bracket around the lowest scan point; the estimate is the final
  // bracket's midpoint, evaluated once more.
  const GoldenSection g =
      golden_section_minimum(energy_at, h_lo_A + (best - 1) * kScanStep_A,
                             std::min(h_lo_A + (best + 1) * kScanStep_A, h_hi_A), tol_A, GoldenTie::kKeepUpper);
  out.height_A = 0.5 * (g.lo + g.hi);
  out.energy_eV = energy_at(out.height_A);
  return out;
}

}  // namespace nabridge
