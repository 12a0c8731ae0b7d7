#pragma once
// All symmetry-equivalent copies of adsorption sites inside one surface cell, so that a relaxed
// adatom can be assigned to the site it ended on even when that copy is not the listed
// representative (sites.h gives one position per symmetry class).
#include <vector>

#include "symmetry/sites.h"

namespace nabridge {

/// For each site, the Cartesian positions (same z) of its images under the slab's space-group
/// operations that keep the surface normal (spglib at tolerance symprec_A, applied to the slab
/// as given), wrapped into the a-b cell and deduplicated. The listed position comes first.
/// If spglib finds no symmetry the list holds just the site itself.
std::vector<std::vector<Vec3>> equivalent_site_positions(const Structure& slab,
                                                         const std::vector<AdsorptionSite>& sites,
                                                         double symprec_A = 1e-3);

/// Lateral (xy) distance between a and b under the slab's in-plane periodicity.
double lateral_distance_A(const Structure& slab, const Vec3& a, const Vec3& b);

}  // namespace nabridge
