#pragma once
// Symmetry-unique high-symmetry adsorption sites of a slab's top surface and the
// symmetry-distinct nearest hops between them, found in the primitive surface cell and its
// layer group (surface_cell.h), so every supercell of one surface gives the same classes; cost
// linear in the number of atoms. Units: Å.
#include <string>
#include <vector>

#include "core/structure.h"
#include "symmetry/surface_cell.h"

namespace nabridge {

struct AdsorptionSite {
  std::string label;   // "top", "bridge", "fcc", "hcp", "hollow", "long-bridge", "short-bridge",
                       // "threefold"; for multi-element surfaces suffixed by the atoms under it,
                       // e.g. "top-Ti", "bridge-O-O"
  Vec3 position_A;     // Cartesian; z = top-layer height (callers add the adsorption height)
  int multiplicity = 1;  // symmetry-equivalent copies in the slab's (super)cell
  int coordination = 1;  // surface atoms within reach of the site (1 top, 2 bridge, ...)
};

struct SiteHop {
  std::size_t from, to;  // indices into the site list
  Vec3 start_A, end_A;   // Cartesian end points of one representative hop
  double length_A = 0.0;
};

std::vector<AdsorptionSite> find_adsorption_sites(const Structure& slab, const SiteOptions& opt = {});
/// Unique nearest hops between the given minima (site indices), e.g. hollow->hollow via bridge.
std::vector<SiteHop> find_hops(const Structure& slab, const std::vector<AdsorptionSite>& sites,
                               const std::vector<std::size_t>& minima, const SiteOptions& opt = {});

}  // namespace nabridge
