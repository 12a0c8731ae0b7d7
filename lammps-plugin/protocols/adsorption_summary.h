#pragma once
// One adatom on every symmetry-unique site of a slab's top surface (protocols/adsorption.h, each
// site relaxed from on it and from off it), summarised as the most stable state: where it ended,
// its binding, its height above the top layer and how far it moved. Units Å, eV.
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "core/engine.h"
#include "structure/slab.h"

namespace nabridge {

struct AdsorptionSummary {
  static constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::string site;               // where the most stable adatom ended (site label)
  double E_bind_eV = kNaN;        // vs the isolated atom of the same engine
  double E_ads_eV = kNaN;         // vs mu (NaN when no mu was given)
  double height_A = kNaN;         // above the mean height of the slab's top layer as given
  double lateral_shift_A = kNaN;  // lateral distance from the start site after relaxation
  bool stayed = false;            // the lowest state was reached from its own site
  /// How far the lowest state lies below the best relaxation started on a site (with its symmetry
  /// kept): > 0 when only a symmetry-broken start finds it (the surface reconstructs).
  double below_symmetric_eV = 0.0;
  bool converged = false;
  std::size_t sites = 0;
  std::vector<std::pair<std::string, double>> all_sites;  // label, E_bind (lower of on- and off-site)
  /// The slab as given with the adatom (last atom) added at its relaxed position in the most
  /// stable state (the host atoms are not the relaxed ones).
  Structure adatom_on_slab;
};

/// `element` started 2.5 Å above every symmetry-unique site of `slab`'s top surface, relaxed by
/// FIRE to 1e-3 eV/Å (the slab's fixed layers held). `mu_eV`: the element's chemical potential for
/// E_ads (NaN: E_ads not defined).
AdsorptionSummary adsorption_summary(Engine& engine, const Slab& slab, const std::string& element, double mu_eV);

/// Distance from the last atom of s (an adatom) to its nearest atom of `element` (minimum image).
double nearest_distance_A(const Structure& s, const std::string& element);

}  // namespace nabridge
