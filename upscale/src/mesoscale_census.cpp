// Island census of the mesoscale map: 4-connected clusters of Na-covered cells (periodic),
// their number, density and size distribution in atoms.
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "mesoscale_impl.h"

namespace nabridge::upscale {

MesoIslandCensus MesoscaleSimulator::Impl::census() const {
  const int nx = map.nx, ny = map.ny;
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
      if (!st.covered[i]) continue;
      const std::size_t r = static_cast<std::size_t>(y) * nx + (x + 1) % nx, d = static_cast<std::size_t>((y + 1) % ny) * nx + x;
      if (st.covered[r]) unite(i, r);
      if (st.covered[d]) unite(i, d);
    }
  std::vector<double> atoms(N, 0.0);
  for (std::size_t i = 0; i < N; ++i)
    if (st.covered[i]) atoms[find(static_cast<std::int32_t>(i))] += st.h_m[i] * A_cell / na.omega_m3;
  MesoIslandCensus c;
  c.t_s = st.t_s;
  c.coverage = coverage;
  double total = 0;
  for (std::size_t i = 0; i < N; ++i) {
    if (!st.covered[i] || find(static_cast<std::int32_t>(i)) != static_cast<std::int32_t>(i)) continue;
    if (!std::isfinite(atoms[i])) throw std::runtime_error("mesoscale: island census: non-finite Na height (numerical overflow)");
    ++c.islands;
    total += atoms[i];
    const int bin = atoms[i] < 1 ? 0 : static_cast<int>(std::floor(std::log2(atoms[i])));
    if (static_cast<int>(c.histogram.size()) <= bin) c.histogram.resize(bin + 1, 0);
    ++c.histogram[bin];
  }
  c.islands_m2 = c.islands / (static_cast<double>(N) * A_cell);
  c.mean_atoms = c.islands ? total / c.islands : 0.0;
  return c;
}

}  // namespace nabridge::upscale
