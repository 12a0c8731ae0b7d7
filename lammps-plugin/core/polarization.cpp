#include "core/polarization.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "nabridge/base/constants.h"

namespace nabridge {

Vec3 polarization_C_m2(const Mat3& cell, const Positions& positions_A, const Positions& reference_A,
                       const std::vector<double>& charges_e) {
  const auto n = static_cast<std::size_t>(positions_A.cols());
  if (static_cast<std::size_t>(reference_A.cols()) != n || charges_e.size() != n)
    throw std::invalid_argument(
        fmt::format("polarization: {} positions, {} reference positions and {} charges differ in number", n,
                    reference_A.cols(), charges_e.size()));
  const double volume_A3 = std::abs(cell.determinant());
  if (!(volume_A3 > 1e-9)) throw std::invalid_argument("polarization: the cell is singular (volume 0)");
  double total_e = 0.0;
  for (double q : charges_e) total_e += q;
  if (std::abs(total_e) > 1e-6)
    throw std::invalid_argument(fmt::format(
        "polarization: the charges sum to {:.6g} e; the dipole of a charged cell depends on the origin", total_e));
  const Mat3 inverse = cell.inverse();
  Vec3 dipole_eA = Vec3::Zero();
  for (std::size_t i = 0; i < n; ++i) {
    Vec3 frac = inverse * (positions_A.col(static_cast<long>(i)) - reference_A.col(static_cast<long>(i)));
    for (int k = 0; k < 3; ++k) frac[k] -= std::round(frac[k]);
    dipole_eA += charges_e[i] * (cell * frac);
  }
  // e·Å / Å³ = e/Å².
  return dipole_eA / volume_A3 * kEPerA2_to_C_per_m2;
}

void require_polar(const Vec3& P_C_m2, double min_C_m2, const std::string& what) {
  if (!(P_C_m2.norm() >= min_C_m2))
    throw std::runtime_error(
        fmt::format("{}: the spontaneous polarisation relaxed away (|P| = {:.3g} C/m² < {:.3g} C/m²): the model is "
                    "paraelectric at this state, and a zero polarisation is not passed on as a zero field",
                    what, P_C_m2.norm(), min_C_m2));
}

}  // namespace nabridge
