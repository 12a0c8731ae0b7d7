#pragma once
// Adsorption of one atom on every symmetry-unique site of a slab's top surface.
// E_bind = E(slab+X) − E(slab) − E(X isolated)  (negative = bound)
// E_ads  = E(slab+X) − E(slab) − μ_X            (μ e.g. bulk Na energy per atom)
#include <string>
#include <vector>

#include "core/engine.h"
#include "optimize/optimizer.h"
#include "symmetry/sites.h"

namespace nabridge {

struct AdsorptionOptions {
  std::string element = "Na";
  double height_A = 2.5;           // initial height above the top-layer plane
  bool relax = true;
  bool fix_lateral = false;        // hold the adatom at the site's (x, y) while relaxing
  double mu_eV = 0.0;              // chemical potential reference for E_ads
  double e_isolated_eV = 0.0;      // energy of the isolated atom in this engine (usually 0)
  double moved_tol_A = 0.5;        // lateral distance beyond which the adatom "moved"
  Optimizer* optimizer = nullptr;  // nullptr: FIRE with default options
};

struct AdsorptionSiteResult {
  AdsorptionSite site;
  Vec3 final_position_A;
  double E_bind_eV = 0.0;
  double E_ads_eV = 0.0;
  std::string moved_to;            // empty if it stayed; else label of the nearest site
  OptimizerResult relax;
};

struct AdsorptionResult {
  double slab_energy_eV = 0.0;
  std::vector<AdsorptionSiteResult> sites;
  std::size_t most_stable = 0;     // index into sites (lowest E_bind)
};

AdsorptionResult adsorption_scan(Engine& engine, Structure slab, const std::vector<AdsorptionSite>& sites,
                                 const AdsorptionOptions& opt);

}  // namespace nabridge
