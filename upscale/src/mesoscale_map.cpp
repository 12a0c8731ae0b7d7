// Substrate and contact maps for the mesoscale simulator: discs of a coating, of gaps and of
// collector pores placed at seeded random centres (periodic) until each requested area fraction
// is covered (independent random streams, so one fraction does not move the others).
#include <cmath>
#include <random>
#include <stdexcept>
#include <string>

#include "nabridge/upscale/mesoscale.h"
#include "nabridge/upscale/random.h"

namespace nabridge::upscale {

namespace {

void check_fraction(double f, const char* name) {
  if (!(f >= 0.0 && f <= 1.0)) throw std::invalid_argument(std::string("mesoscale map: ") + name + " must be in [0, 1]");
}

/// Marks discs of diameter `diameter_cells` with `value` until `fraction` of the cells carry it.
void place_discs(std::vector<std::uint8_t>& field, int nx, int ny, double fraction, double diameter_cells, std::uint8_t value,
                 std::mt19937_64& g) {
  const std::size_t n = field.size();
  const std::size_t target = static_cast<std::size_t>(std::llround(fraction * static_cast<double>(n)));
  std::size_t marked = 0;
  for (auto v : field) marked += v == value;
  const double r = std::max(0.5, 0.5 * diameter_cells);
  const int ri = static_cast<int>(std::ceil(r));
  while (marked < target) {
    const int cx = static_cast<int>(uniform_index(g, nx)), cy = static_cast<int>(uniform_index(g, ny));
    for (int dy = -ri; dy <= ri && marked < target; ++dy)
      for (int dx = -ri; dx <= ri && marked < target; ++dx) {
        if (dx * dx + dy * dy > r * r) continue;
        const int x = ((cx + dx) % nx + nx) % nx, y = ((cy + dy) % ny + ny) % ny;
        auto& v = field[static_cast<std::size_t>(y) * nx + x];
        if (v != value) v = value, ++marked;
      }
  }
}

}  // namespace

MesoMap make_meso_map(const MesoMapSpec& spec, std::uint64_t seed) {
  if (spec.nx < 2 || spec.ny < 2 || spec.nx > 8192 || spec.ny > 8192)
    throw std::invalid_argument("mesoscale map: nx and ny must be in [2, 8192]");
  if (!(spec.cell_m > 0)) throw std::invalid_argument("mesoscale map: cell_m must be > 0");
  if (spec.base < 0 || spec.base > 255) throw std::invalid_argument("mesoscale map: base substrate index out of range");
  if (spec.coating > 255) throw std::invalid_argument("mesoscale map: coating substrate index out of range");
  check_fraction(spec.coating_fraction, "coating_fraction");
  check_fraction(spec.gap_fraction, "gap_fraction");
  check_fraction(spec.pore_fraction, "pore_fraction");
  if (spec.pore_fraction > 0 && !(spec.pore_size_m > 0 && spec.pore_depth_m > 0))
    throw std::invalid_argument("mesoscale map: pore_size_m and pore_depth_m must be > 0");
  if (!(spec.gap_depth_m >= 0)) throw std::invalid_argument("mesoscale map: gap_depth_m must be >= 0");
  if (spec.coating >= 0 && !(spec.coating_island_m > 0)) throw std::invalid_argument("mesoscale map: coating_island_m must be > 0");
  if (spec.gap_fraction > 0 && !(spec.gap_size_m > 0)) throw std::invalid_argument("mesoscale map: gap_size_m must be > 0");

  MesoMap m;
  m.nx = spec.nx, m.ny = spec.ny, m.cell_m = spec.cell_m, m.gap_depth_m = spec.gap_depth_m, m.pore_depth_m = spec.pore_depth_m;
  const std::size_t n = static_cast<std::size_t>(spec.nx) * spec.ny;
  m.substrate.assign(n, static_cast<std::uint8_t>(spec.base));
  m.contact.assign(n, 1);
  std::mt19937_64 g_coat(splitmix64(seed ^ 0x636f6174ULL)), g_gap(splitmix64(seed ^ 0x676170ULL)),
      g_pore(splitmix64(seed ^ 0x706f7265ULL));
  if (spec.coating >= 0 && spec.coating != spec.base && spec.coating_fraction > 0)
    place_discs(m.substrate, spec.nx, spec.ny, spec.coating_fraction, spec.coating_island_m / spec.cell_m,
                static_cast<std::uint8_t>(spec.coating), g_coat);
  if (spec.gap_fraction > 0) {
    std::vector<std::uint8_t> gap(n, 0);
    place_discs(gap, spec.nx, spec.ny, spec.gap_fraction, spec.gap_size_m / spec.cell_m, 1, g_gap);
    for (std::size_t i = 0; i < n; ++i) m.contact[i] = gap[i] ? 0 : 1;
  }
  if (spec.pore_fraction > 0) {
    m.pore.assign(n, 0);
    place_discs(m.pore, spec.nx, spec.ny, spec.pore_fraction, spec.pore_size_m / spec.cell_m, 1, g_pore);
    for (std::size_t i = 0; i < n; ++i)
      if (m.pore[i]) m.contact[i] = 0;
  }
  return m;
}

}  // namespace nabridge::upscale
