#include "core/neighbor_pairs.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace nabridge {

std::vector<std::pair<std::size_t, std::size_t>> candidate_pairs(const Structure& s, double cutoff_A) {
  const Mat3 inv = s.cell.inverse();
  // Bins along each cell vector at least one cutoff wide, measured perpendicular to the other
  // two vectors, so a pair within the cutoff sits in neighbouring bins. Fewer than three bins
  // (or a non-periodic direction) make that direction one bin: every pair along it is a candidate.
  std::array<int, 3> bins{1, 1, 1};
  for (int k = 0; k < 3; ++k) {
    if (!s.pbc[static_cast<std::size_t>(k)]) continue;
    const double width = std::abs(s.cell.determinant()) / s.cell.col((k + 1) % 3).cross(s.cell.col((k + 2) % 3)).norm();
    const int n = static_cast<int>(width / cutoff_A);
    bins[static_cast<std::size_t>(k)] = n >= 3 ? n : 1;
  }
  const std::size_t n_bins =
      static_cast<std::size_t>(bins[0]) * static_cast<std::size_t>(bins[1]) * static_cast<std::size_t>(bins[2]);
  auto index = [&](const std::array<int, 3>& b) {
    std::size_t at = 0;
    for (int k = 0; k < 3; ++k) {
      const int n = bins[static_cast<std::size_t>(k)];
      at = at * static_cast<std::size_t>(n) + static_cast<std::size_t>(((b[static_cast<std::size_t>(k)] % n) + n) % n);
    }
    return at;
  };
  std::vector<std::array<int, 3>> bin_of(s.size());
  std::vector<std::vector<std::size_t>> members(n_bins);
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Vec3 f = inv * s.positions.col(static_cast<Eigen::Index>(i));
    for (int k = 0; k < 3; ++k) {
      const int n = bins[static_cast<std::size_t>(k)];
      bin_of[i][static_cast<std::size_t>(k)] =
          n == 1 ? 0 : std::min(n - 1, static_cast<int>((f[k] - std::floor(f[k])) * n));
    }
    members[index(bin_of[i])].push_back(i);
  }
  std::vector<std::pair<std::size_t, std::size_t>> out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const int ra = bins[0] > 1 ? 1 : 0, rb = bins[1] > 1 ? 1 : 0, rc = bins[2] > 1 ? 1 : 0;
    for (int da = -ra; da <= ra; ++da)
      for (int db = -rb; db <= rb; ++db)
        for (int dc = -rc; dc <= rc; ++dc)
          for (std::size_t j : members[index({bin_of[i][0] + da, bin_of[i][1] + db, bin_of[i][2] + dc})])
            if (j > i) out.emplace_back(i, j);
  }
  return out;
}

}  // namespace nabridge
