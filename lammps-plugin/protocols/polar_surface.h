#pragma once
// Na on the top surface of a polarised perovskite slab (structure/polar_slab.h): the clean slab is
// relaxed, the polar off-centring of every BO2 layer measured and judged (a polarisation that
// relaxed away is an error, require_polar_slab, unless the host is clamped), then the adsorption
// scan over the symmetry-unique sites and, if asked, the hop network (CI-NEB, Vineyard, D_s).
// Engine-agnostic like every protocol; on a core–shell model it runs on ShellEngine, whose
// boundary conditions (open circuit, electrode field) set how the depolarising field is handled.
#include <optional>
#include <string>
#include <vector>

#include "core/engine.h"
#include "protocols/adsorption.h"
#include "protocols/surface_diffusion.h"
#include "symmetry/surface_cell.h"

namespace nabridge {

struct PolarSurfaceOptions {
  std::string B = "Ti", O = "O";   // the BO2 layer's elements
  double d0_A = 0.0;               // off-centring of the polar bulk (bo2_polar_distortion_A of the built slab)
  int fixed_cells = 1;             // clamped bottom bilayers of the slab
  double min_fraction = 0.5;       // of d0 that a free sub-surface BO2 layer must keep
  /// What the slab's atoms do while Na adsorbs and hops (the shells always relax):
  /// relaxed: they relax with the adatom (the full answer; ~6x the force calls of the others);
  /// frozen_relaxed_surface: the clean slab relaxes and is judged, then is held there: the surface
  ///   relaxation of the polar face is in, the ionic relaxation around the adatom is not (its
  ///   electronic polarisation, the shells, is);
  /// clamped_bulk: held at the polar bulk from the start: the polarisation is imposed, not relaxed,
  ///   and is not judged.
  enum class Host { relaxed, frozen_relaxed_surface, clamped_bulk };
  Host host = Host::relaxed;
  /// The site finder's top layer: a polar oxide surface rumples by up to ~0.35 Å (Ti above its O on
  /// a screened P-down TiO2 face) while the next layer lies ~2 Å below, hence 0.5 Å, not 0.3.
  SiteOptions sites = [] {
    SiteOptions o;
    o.layer_tol_A = 0.5;
    return o;
  }();
  AdsorptionOptions adsorption;
  bool hops = true;
  SurfaceDiffusionOptions diffusion;
  OptimizerOptions relax;          // the clean slab's relaxation
};

struct PolarSurfaceResult {
  OptimizerResult slab_relax;
  std::vector<double> d_A;         // off-centring per BO2 layer of the relaxed clean slab, bottom first
  AdsorptionResult adsorption;
  std::optional<SurfaceDiffusionResult> diffusion;
};

/// `slab`: a polar slab with its adatom-free top surface up (z). Throws std::runtime_error when the
/// polarisation relaxed away (host not clamped_bulk), std::invalid_argument for bad options.
PolarSurfaceResult polar_surface_adsorption(Engine& engine, Structure slab, const PolarSurfaceOptions& opt);

}  // namespace nabridge
