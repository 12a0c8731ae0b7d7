#include "symmetry/site_images.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <spglib.h>

namespace nabridge {

double lateral_distance_A(const Structure& slab, const Vec3& a, const Vec3& b) {
  Structure plane;  // in-plane periodicity only: the lateral distance ignores images along c
  plane.cell = slab.cell;
  plane.pbc = {slab.pbc[0], slab.pbc[1], false};
  Vec3 d = b - a;
  d.z() = 0.0;
  d = minimum_image(plane, d);
  return std::hypot(d.x(), d.y());
}

std::vector<std::vector<Vec3>> equivalent_site_positions(const Structure& slab,
                                                         const std::vector<AdsorptionSite>& sites,
                                                         double symprec_A) {
  const int n = static_cast<int>(slab.size());
  double lattice[3][3];
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) lattice[i][j] = slab.cell(i, j);  // spglib: basis vectors as columns
  std::vector<double> frac(3 * static_cast<std::size_t>(n));
  std::vector<int> types(static_cast<std::size_t>(n));
  std::map<std::string, int> type_of;
  for (int i = 0; i < n; ++i) {
    const Vec3 f = slab.to_fractional(slab.positions.col(i));
    for (int k = 0; k < 3; ++k) frac[3 * i + k] = f[k];
    types[i] = type_of.emplace(slab.species[i], static_cast<int>(type_of.size()) + 1).first->second;
  }
  const int max_ops = 48 * std::max(n, 1);
  std::vector<int> rot(9 * static_cast<std::size_t>(max_ops));
  std::vector<double> trans(3 * static_cast<std::size_t>(max_ops));
  const int n_ops = n == 0 ? 0
                           : spg_get_symmetry(reinterpret_cast<int(*)[3][3]>(rot.data()),
                                              reinterpret_cast<double(*)[3]>(trans.data()), max_ops, lattice,
                                              reinterpret_cast<double(*)[3]>(frac.data()), types.data(), n, symprec_A);

  std::vector<std::vector<Vec3>> out;
  for (const AdsorptionSite& site : sites) {
    std::vector<Vec3> copies{site.position_A};
    const Vec3 f = slab.to_fractional(site.position_A);
    for (int o = 0; o < n_ops; ++o) {
      const int* R = &rot[9 * static_cast<std::size_t>(o)];
      const double* t = &trans[3 * static_cast<std::size_t>(o)];
      // Keep operations that map the surface normal onto itself (z' = z): they permute the
      // top-surface sites; the others swap top and bottom faces.
      if (R[6] != 0 || R[7] != 0 || R[8] != 1 || std::abs(t[2] - std::round(t[2])) > 1e-6) continue;
      Vec3 g;
      for (int r = 0; r < 3; ++r) g[r] = R[3 * r] * f[0] + R[3 * r + 1] * f[1] + R[3 * r + 2] * f[2] + t[r];
      g[2] = f[2];
      for (int k = 0; k < 2; ++k) g[k] -= std::floor(g[k]);
      const Vec3 c = slab.to_cartesian(g);
      bool seen = false;
      for (const Vec3& x : copies) seen = seen || lateral_distance_A(slab, x, c) < 10 * symprec_A;
      if (!seen) copies.push_back(c);
    }
    out.push_back(std::move(copies));
  }
  return out;
}

NearestSite nearest_site(const Structure& slab, const std::vector<std::vector<Vec3>>& copies, const Vec3& r, std::size_t count) {
  NearestSite best{0, std::numeric_limits<double>::infinity()};
  for (std::size_t k = 0; k < std::min(count, copies.size()); ++k)
    for (const Vec3& c : copies[k])
      if (const double d = lateral_distance_A(slab, c, r); d < best.distance_A) best = {k, d};
  return best;
}

}  // namespace nabridge
