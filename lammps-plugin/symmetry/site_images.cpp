#include "symmetry/site_images.h"

#include <algorithm>
#include <cmath>
#include <limits>

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
                                                         const SiteOptions& opt) {
  const SurfaceCell sc = surface_cell(slab, opt);
  std::vector<std::vector<Vec3>> out;
  for (const AdsorptionSite& site : sites) {
    std::vector<Vec3> copies{site.position_A};
    for (const Vec3& c : sc.supercell_images(site.position_A))
      if (lateral_distance_A(slab, c, site.position_A) >= sc.same_A) copies.push_back(c);
    out.push_back(std::move(copies));
  }
  return out;
}

NearestSite nearest_site(const Structure& slab, const std::vector<std::vector<Vec3>>& copies, const Vec3& r,
                         std::size_t count) {
  NearestSite best{0, std::numeric_limits<double>::infinity()};
  for (std::size_t k = 0; k < std::min(count, copies.size()); ++k)
    for (const Vec3& c : copies[k])
      if (const double d = lateral_distance_A(slab, c, r); d < best.distance_A) best = {k, d};
  return best;
}

}  // namespace nabridge
