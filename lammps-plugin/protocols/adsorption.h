#pragma once
// Adsorption of one atom on every symmetry-unique site of a slab's top surface.
// E_bind = E(slab+X) − E(slab) − E(X isolated)  (negative = bound)
// E_ads  = E(slab+X) − E(slab) − μ_X            (μ e.g. bulk Na energy per atom)
// With relax, the clean slab is relaxed once first (its own free_dofs) and every site starts from
// that relaxed slab, so E(slab) is the relaxed clean-slab energy; the adatom is removed again after
// each site, i.e. every site sees the same slab.
// On a charged substrate (host_tear_bound_A set) a relaxed state that moves a host atom beyond the
// bound from the relaxed clean slab has torn it (protocols/host_tear.h): the adatom is relaxed
// again on the host held there, and the free energy is kept beside (torn_host).
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "core/engine.h"
#include "optimize/optimizer.h"
#include "protocols/host_tear.h"
#include "symmetry/sites.h"

namespace nabridge {

/// Lateral offset of a symmetry-breaking start, 0.13 Å from the site along no mirror line of the
/// common surface cells (not along x, y or a diagonal), so no mirror can hold the adatom on a
/// saddle site: used by the off-site relaxations of adsorption scans and hop networks.
inline const Vec3 kOffSiteStart_A{0.11, 0.07, 0.0};

struct AdsorptionOptions {
  std::string element = "Na";
  double height_A = 2.5;           // initial height above the top-layer plane
  bool relax = true;
  bool fix_lateral = false;        // hold the adatom at the site's (x, y) while relaxing
  /// Also relax from 0.13 Å off the site and keep the lower state: a start on a symmetric site
  /// keeps the relaxation symmetric and can stop in a metastable state (e.g. an adatom that
  /// reconstructs the surface around it only once the symmetry is broken).
  bool break_symmetry = true;
  double mu_eV = 0.0;              // chemical potential reference for E_ads
  double e_isolated_eV = 0.0;      // energy of the isolated atom in this engine (usually 0)
  double moved_tol_A = 0.5;        // lateral distance beyond which the adatom "moved"
  SiteOptions sites;  // surface cell of the equivalent site copies (symmetry tolerance, top-layer thickness)
  Optimizer* optimizer = nullptr;  // nullptr: FIRE with default options
  /// With relax: host displacement (Å) beyond which the host counts as torn; NaN: never.
  double host_tear_bound_A = std::numeric_limits<double>::quiet_NaN();
  /// With relax: every site on the host held at the relaxed clean slab (only the adatom moves).
  bool hold_host = false;
};

/// A site whose free relaxation tore the host (how far and which atom: host_move): E_bind of that state.
struct TornHost {
  double E_bind_free_eV = 0.0;
};

struct AdsorptionSiteResult {
  AdsorptionSite site;
  Vec3 final_position_A;           // relaxed adatom position (start position if not relaxed)
  double E_bind_eV = 0.0;
  double E_ads_eV = 0.0;
  /// Empty if the adatom stayed within moved_tol_A (laterally) of its start; else the label of
  /// the nearest site, compared laterally with every periodic image of every symmetry-equivalent
  /// copy of every site in the list (a copy of its own class gives its own label).
  std::string moved_to;
  OptimizerResult relax;
  /// The relaxation from off the site ended lower than the one from on it (by this much, eV;
  /// 0 when it did not): the symmetric state is metastable and the lower one is reported.
  double symmetry_broken_gain_eV = 0.0;
  Structure structure;             // slab + adatom in the reported state (relaxed if requested)
  /// With relax: the host's largest move from the relaxed clean slab in the site's relaxation with
  /// the host as free as the options leave it (the torn state's when torn_host is set).
  HostDisplacement host_move;
  /// Set: the free relaxation tore the host, and the values above are those on the held host.
  std::optional<TornHost> torn_host;

  /// E_bind of the relaxation started on the site (the symmetric start).
  double on_site_E_bind_eV() const { return E_bind_eV + symmetry_broken_gain_eV; }
  /// The site the adatom ended on.
  const std::string& landed_label() const { return moved_to.empty() ? site.label : moved_to; }
};

struct AdsorptionResult {
  double slab_energy_eV = 0.0;     // clean slab (relaxed if requested)
  OptimizerResult slab_relax;      // default (steps 0) when not relaxed
  Structure slab;                  // the clean slab every site starts from (relaxed if requested)
  std::vector<AdsorptionSiteResult> sites;
  std::size_t most_stable = 0;     // index into sites (lowest E_bind)
  std::size_t most_stable_on_site = 0;  // index into sites (lowest on_site_E_bind_eV)
};

/// AdsorptionSiteResult::moved_to of an adatom started at `start` and relaxed to `r`: "" if it
/// stayed within `tol` (laterally) of its start, else the label of the site whose copy
/// (`copies`: symmetry/site_images.h, equivalent_site_positions of `sites`) lies nearest.
std::string landing_site(const Structure& slab, const std::vector<AdsorptionSite>& sites,
                         const std::vector<std::vector<Vec3>>& copies, const Vec3& start, const Vec3& r,
                         double tol);

/// Throws std::invalid_argument for an empty site list, empty element, empty or non-periodic slab.
AdsorptionResult adsorption_scan(Engine& engine, Structure slab, const std::vector<AdsorptionSite>& sites,
                                 const AdsorptionOptions& opt);

}  // namespace nabridge
