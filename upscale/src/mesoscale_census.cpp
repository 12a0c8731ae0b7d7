// Clusters of Na-covered cells (4-connected, periodic) and the island census of the mesoscale
// map: number, density and size distribution of the islands in atoms.
#include <cmath>
#include <stdexcept>

#include "mesoscale_impl.h"

namespace nabridge::upscale {

std::size_t detail::label_clusters(const std::vector<std::uint8_t>& covered, int nx, int ny, std::vector<std::int32_t>& label,
                                   std::vector<std::int32_t>& parent) {
  const std::size_t n = covered.size();
  // Union–find forest over the covered cells (an uncovered cell's entry is never read); the root
  // of a cluster is its smallest cell index, so it comes first in raster order.
  parent.resize(n);
  label.resize(n);
  auto find = [&](std::int32_t a) {
    while (parent[a] != a) a = parent[a] = parent[parent[a]];
    return a;
  };
  auto unite = [&](std::size_t a, std::size_t b) {
    const auto ra = find(static_cast<std::int32_t>(a)), rb = find(static_cast<std::int32_t>(b));
    if (ra != rb) parent[std::max(ra, rb)] = std::min(ra, rb);
  };
  // Raster order: a cell joins its left neighbour's cluster by one link (it is still alone, and
  // that root is smaller), then its upper neighbour's; the periodic wrap-around edges last. The
  // root of the run of covered cells along the row is kept: a cell's left neighbour has it.
  for (int y = 0; y < ny; ++y) {
    std::int32_t run_root = -1;  // root of the left neighbour's cluster (−1: not covered)
    for (int x = 0; x < nx; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * nx + x;
      if (!covered[i]) {
        run_root = -1;
        continue;
      }
      std::int32_t root = run_root >= 0 ? run_root : static_cast<std::int32_t>(i);
      parent[i] = root;
      if (y > 0 && covered[i - nx]) {
        const std::int32_t up = find(static_cast<std::int32_t>(i - nx));
        if (up != root) parent[std::max(up, root)] = std::min(up, root), root = std::min(up, root);
      }
      run_root = root;
    }
  }
  for (int y = 0; y < ny; ++y) {
    const std::size_t first = static_cast<std::size_t>(y) * nx, last = first + nx - 1;
    if (covered[first] && covered[last]) unite(first, last);
  }
  for (int x = 0; x < nx; ++x) {
    const std::size_t top = static_cast<std::size_t>(x), bottom = static_cast<std::size_t>(ny - 1) * nx + x;
    if (covered[top] && covered[bottom]) unite(top, bottom);
  }
  // Dense labels in the order of the clusters' first cells (a root precedes its cluster's cells;
  // a cell whose left neighbour is covered shares its label).
  std::int32_t clusters = 0;
  for (int y = 0; y < ny; ++y)
    for (int x = 0; x < nx; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * nx + x;
      if (!covered[i]) {
        label[i] = -1;
      } else if (x > 0 && covered[i - 1]) {
        label[i] = label[i - 1];
      } else {
        const std::int32_t root = find(static_cast<std::int32_t>(i));
        label[i] = root == static_cast<std::int32_t>(i) ? clusters++ : label[root];
      }
    }
  return static_cast<std::size_t>(clusters);
}

MesoIslandCensus MesoscaleSimulator::Impl::census() const {
  std::vector<std::int32_t> label, parent;
  const std::size_t clusters = detail::label_clusters(state.covered, map.nx, map.ny, label, parent);
  // Per cluster of covered cells: its Na atoms and its islands (the nuclei its cells hold; a
  // cluster grown from one island across cells counts as one).
  std::vector<double> atoms(clusters, 0.0), islands(clusters, 0.0);
  for (std::size_t i = 0; i < n_cells; ++i)
    if (state.covered[i]) {
      atoms[label[i]] += state.h_m[i] * cell_area_m2 / na.omega_m3;
      islands[label[i]] += state.islands_m2[i] * cell_area_m2;
    }
  MesoIslandCensus c;
  c.t_s = state.t_s;
  c.coverage = coverage;
  double total = 0, count = 0;
  for (std::size_t i = 0; i < clusters; ++i) {
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
  c.islands_m2 = count / (static_cast<double>(n_cells) * cell_area_m2);
  c.mean_atoms = count > 0 ? total / count : 0.0;
  return c;
}

}  // namespace nabridge::upscale
