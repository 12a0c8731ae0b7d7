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
#include "core/potential_spec.h"
#include "protocols/adsorption.h"
#include "protocols/surface_diffusion.h"
#include "symmetry/surface_cell.h"

namespace nabridge {

struct PolarSurfaceOptions {
  std::string B = "Ti", O = "O";   // the BO2 layer's elements
  double d0_A = 0.0;               // off-centring of the polar bulk (bo2_polar_distortion_A of the built slab)
  int fixed_cells = 1;             // clamped bottom bilayers of the slab
  double min_fraction = 0.5;       // of d0 that a free sub-surface BO2 layer must keep
  /// What the slab's atoms do while Na adsorbs and hops (the shells always relax; the adatom moves
  /// freely):
  /// relaxed: they relax with the adatom along z only, the clean slab's own constraint
  ///   (relax_polar_slab), so the polarisation cannot turn in-plane around the adatom; the lateral
  ///   relaxation of the ions next to Na is left out;
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

/// Relaxes the clean polar slab with its free atoms moving along z only, keeping the in-plane
/// positions of the P4mm bulk it was stacked from (the room-temperature tetragonal phase whose
/// P_s the campaign uses, where symmetry fixes them). A free 0 K relaxation lets the free layers
/// turn P in-plane, towards the model's low-temperature phases, from the round-off of the bulk
/// cell (docs/ferroelectric.md §6). The slab's own free_dofs are restored afterwards.
OptimizerResult relax_polar_slab(Engine& engine, Structure& slab, const OptimizerOptions& opt);

/// The constraint of every relaxation on the polar slab: each atom keeps at most its z freedom.
void hold_in_plane(Structure& slab);

/// The host setting a campaign names ("relaxed", "frozen_relaxed_surface", "clamped_bulk"): the
/// one parser of these names. std::invalid_argument naming the three for any other.
PolarSurfaceOptions::Host polar_surface_host(const std::string& name);

/// A model element's total charge: core + shell, or the rigid ion's (e).
double ion_charge_e(const PotentialSpec& model, const std::string& element);

/// The uniform field on a polar ABO3 slab's ions (along z) that cancels the depolarising field of
/// the bulk-terminated AO-bottom/BO2-top slab, as ideal electrodes on both faces would (short
/// circuit): +P_total/ε0. P_total is P_z (signed by the direction of P) plus the bound charge of
/// the stacking with the model's partial charges, P_stack = q(BO2)/(2a²) (docs/ferroelectric.md
/// §5; zero for formal charges).
struct ScreeningField {
  double P_stack_C_m2 = 0.0, P_total_C_m2 = 0.0, field_V_A = 0.0;
};
ScreeningField screening_field(const PotentialSpec& model, const std::string& B, const std::string& O, double a_A, double P_z_C_m2);

/// The clean polar slab as every task on it starts: relaxed along z (relax_polar_slab), its BO2
/// off-centring measured and judged (require_polar_slab; neither when the host is clamped_bulk),
/// then the host's freedom for what follows set: along z only (relaxed) or none.
struct PolarHost {
  OptimizerResult relax;
  std::vector<double> d_A;  // off-centring per BO2 layer, bottom first
};
PolarHost prepare_polar_host(Engine& engine, Structure& slab, const PolarSurfaceOptions& opt);

/// `slab`: a polar slab with its adatom-free top surface up (z). Throws std::runtime_error when the
/// polarisation relaxed away (host not clamped_bulk), std::invalid_argument for bad options.
PolarSurfaceResult polar_surface_adsorption(Engine& engine, Structure slab, const PolarSurfaceOptions& opt);

}  // namespace nabridge
