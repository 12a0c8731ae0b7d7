// Clusters of Na-covered cells (4-connected, periodic) and the island census of the mesoscale
// map: number, density and size distribution of the islands in atoms.
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "mesoscale_impl.h"

namespace nabridge::upscale {

std::vector<std::int32_t> detail::cluster_roots(const std::vector<std::uint8_t>& covered, int nx, int ny) {
  const std::size_t N = covered.size();
  std::vector<std::int32_t> parent(N);
  std::iota(parent.begin(), parent.end(), 0);
  auto find = [&](std::int32_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  };
  auto unite = [&](std::size_t a, std::size_t b) {
    const auto ra = find(static_cast<std::int32_t>(a)), rb = find(static_cast<std::int32_t>(b));
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
  };
  for (int y = 0; y < ny; ++y)
    for (int x = 0; x < nx; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * nx + x;
      if (!covered[i]) continue;
      const std::size_t r = static_cast<std::size_t>(y) * nx + (x + 1) % nx, d = static_cast<std::size_t>((y + 1) % ny) * nx + x;
      if (covered[r]) unite(i, r);
      if (covered[d]) unite(i, d);
    }
  for (std::size_t i = 0; i < N; ++i) parent[i] = covered[i] ? find(static_cast<std::int32_t>(i)) : -1;
  return parent;
}

MesoIslandCensus MesoscaleSimulator::Impl::census() const {
  const auto root = detail::cluster_roots(st.covered, map.nx, map.ny);
  // Per cluster of covered cells: its Na atoms and its islands (the nuclei its cells hold; a
  // cluster grown from one island across cells counts as one).
  std::vector<double> atoms(N, 0.0), islands(N, 0.0);
  for (std::size_t i = 0; i < N; ++i)
    if (st.covered[i]) {
      atoms[root[i]] += st.h_m[i] * A_cell / na.omega_m3;
      islands[root[i]] += st.islands_m2[i] * A_cell;
    }
  MesoIslandCensus c;
  c.t_s = st.t_s;
  c.coverage = coverage;
  double total = 0, count = 0;
  for (std::size_t i = 0; i < N; ++i) {
    if (!st.covered[i] || root[i] != static_cast<std::int32_t>(i)) continue;
    if (!std::isfinite(atoms[i])) throw std::runtime_error("mesoscale: island census: non-finite Na height (numerical overflow)");
    const double n = std::max(islands[i], 1.0);
    count += n;
    total += atoms[i];
    const double size = atoms[i] / n;  // the mean island of the cluster stands for its islands
    const int bin = size < 1 ? 0 : static_cast<int>(std::floor(std::log2(size)));
    if (static_cast<int>(c.histogram.size()) <= bin) c.histogram.resize(bin + 1, 0);
    c.histogram[bin] += static_cast<int>(std::lround(n));
  }
  c.islands = static_cast<int>(std::lround(count));
  c.islands_m2 = count / (static_cast<double>(N) * A_cell);
  c.mean_atoms = count > 0 ? total / count : 0.0;
  return c;
}

}  // namespace nabridge::upscale
