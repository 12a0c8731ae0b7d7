#include "protocols/host_tear.h"

#include <limits>

#include "protocols/common.h"

namespace nabridge {

double substrate_tear_bound_A(const std::map<std::string, double>& charges_e) {
  return charges_e.empty() ? std::numeric_limits<double>::quiet_NaN() : kChargedSubstrateTearDisplacement_A;
}

HostDisplacement largest_host_displacement(const Structure& s, const std::vector<bool>& guest, const Structure& host) {
  const Mat3 inverse = s.cell.inverse();
  HostDisplacement largest;
  for (std::size_t i = 0, k = 0; i < s.size(); ++i) {
    if (guest[i]) continue;
    const Vec3 d = s.positions.col(static_cast<Eigen::Index>(i)) - host.positions.col(static_cast<Eigen::Index>(k++));
    const double moved = minimum_image(s, inverse, d).norm();
    if (moved > largest.moved_A) largest = {moved, i};
  }
  return largest;
}

Structure with_host_held(const Structure& s, const std::vector<bool>& guest, const Structure& host) {
  Structure held = s;
  for (std::size_t i = 0, k = 0; i < s.size(); ++i)
    if (!guest[i]) {
      held.positions.col(static_cast<Eigen::Index>(i)) = host.positions.col(static_cast<Eigen::Index>(k++));
      held.free_dofs[i] = dof::kNone;
    }
  return held;
}

}  // namespace nabridge
