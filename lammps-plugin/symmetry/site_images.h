#pragma once
// All symmetry-equivalent copies of adsorption sites inside one surface cell, so that a relaxed
// adatom can be assigned to the site it ended on even when that copy is not the listed
// representative (sites.h gives one position per symmetry class).
#include <vector>

#include "symmetry/sites.h"

namespace nabridge {

/// For each site (any point, not only a high-symmetry one), the Cartesian positions (same z) of
/// its images in the slab's a-b cell under the layer group of its primitive surface cell
/// (surface_cell.h with `opt`: symmetry tolerance and top-layer thickness) and the primitive
/// translations, deduplicated; as many as the site's multiplicity. The listed position comes first.
std::vector<std::vector<Vec3>> equivalent_site_positions(const Structure& slab,
                                                         const std::vector<AdsorptionSite>& sites,
                                                         const SiteOptions& opt = {});

/// Lateral (xy) distance between a and b under the slab's in-plane periodicity.
double lateral_distance_A(const Structure& slab, const Vec3& a, const Vec3& b);

struct NearestSite {
  std::size_t index = 0;    // into the site list
  double distance_A = 0.0;  // lateral, to the nearest copy
};

/// The site with a copy (from equivalent_site_positions) laterally nearest to r, among the first
/// `count` sites of the list (all by default).
NearestSite nearest_site(const Structure& slab, const std::vector<std::vector<Vec3>>& copies, const Vec3& r,
                         std::size_t count = static_cast<std::size_t>(-1));

}  // namespace nabridge
