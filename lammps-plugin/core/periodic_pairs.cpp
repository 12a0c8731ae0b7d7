#include "core/periodic_pairs.h"

#include <cmath>

namespace nabridge {

// Each pair's displacement is first reduced to fractional components in [-1/2, 1/2] along
// periodic directions. Images needed to cover the cutoff: along direction k the cell's
// thickness is V / |b × c| etc., and an image n can be within the cutoff only if (|n| − 1/2) ·
// thickness < cutoff.
std::vector<PeriodicPair> periodic_pairs(const Structure& s, double cutoff_A) {
  int reach[3] = {0, 0, 0};
  const double volume = s.volume_A3();
  for (int k = 0; k < 3; ++k) {
    if (!s.pbc[k]) continue;
    const Vec3 cross = s.cell.col((k + 1) % 3).cross(s.cell.col((k + 2) % 3));
    reach[k] = static_cast<int>(std::ceil(cutoff_A / (volume / cross.norm()) + 0.5));
  }
  const Positions frac = s.cell.inverse() * s.positions;
  const double rc2 = cutoff_A * cutoff_A;
  std::vector<PeriodicPair> out;
  const auto n = static_cast<Eigen::Index>(s.size());
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i; j < n; ++j) {
      Vec3 df = frac.col(j) - frac.col(i);
      for (int k = 0; k < 3; ++k)
        if (s.pbc[k]) df[k] -= std::round(df[k]);
      const Vec3 base = s.cell * df;
      for (int a = -reach[0]; a <= reach[0]; ++a)
        for (int b = -reach[1]; b <= reach[1]; ++b)
          for (int c = -reach[2]; c <= reach[2]; ++c) {
            if (i == j && a == 0 && b == 0 && c == 0) continue;
            const Vec3 d = base + s.cell * Vec3(a, b, c);
            const double r2 = d.squaredNorm();
            if (r2 >= rc2) continue;
            out.push_back({i, j, d, std::sqrt(r2), i == j});
          }
    }
  return out;
}

}  // namespace nabridge
