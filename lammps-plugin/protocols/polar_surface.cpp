#include "protocols/polar_surface.h"

#include <algorithm>
#include <stdexcept>

#include "nabridge/base/constants.h"
#include "optimize/fire.h"
#include "structure/polar_slab.h"
#include "symmetry/sites.h"

namespace nabridge {

PolarSurfaceOptions::Host polar_surface_host(const std::string& name) {
  using Host = PolarSurfaceOptions::Host;
  if (name == "relaxed") return Host::relaxed;
  if (name == "frozen_relaxed_surface") return Host::frozen_relaxed_surface;
  if (name == "clamped_bulk") return Host::clamped_bulk;
  throw std::invalid_argument("'" + name + "' is not \"relaxed\", \"frozen_relaxed_surface\" or \"clamped_bulk\"");
}

double ion_charge_e(const PotentialSpec& model, const std::string& element) {
  if (const auto sh = model.shells.find(element); sh != model.shells.end()) return sh->second.core_charge_e + sh->second.shell_charge_e;
  return model.charges_e.at(element);
}

ScreeningField screening_field(const PotentialSpec& model, const std::string& B, const std::string& O, double a_A, double P_z_C_m2) {
  ScreeningField f;
  const double q_BO2_e = ion_charge_e(model, B) + 2.0 * ion_charge_e(model, O);
  f.P_stack_C_m2 = q_BO2_e / (2.0 * a_A * a_A) * kEPerA2_to_C_per_m2;
  f.P_total_C_m2 = P_z_C_m2 + f.P_stack_C_m2;
  f.field_V_A = f.P_total_C_m2 / kVacuumPermittivity_F_m * 1e-10;
  return f;
}

void hold_in_plane(Structure& slab) {
  for (auto& d : slab.free_dofs) d &= dof::kZ;
}

OptimizerResult relax_polar_slab(Engine& engine, Structure& slab, const OptimizerOptions& opt) {
  const std::vector<std::uint8_t> own = slab.free_dofs;
  hold_in_plane(slab);
  Fire fire(opt);
  const OptimizerResult r = fire.minimize(engine, slab);
  slab.free_dofs = own;
  return r;
}

PolarHost prepare_polar_host(Engine& engine, Structure& slab, const PolarSurfaceOptions& opt) {
  if (opt.d0_A == 0.0) throw std::invalid_argument("polar surface: d0_A (the bulk off-centring) is zero: not a polar slab");
  using Host = PolarSurfaceOptions::Host;
  auto freeze = [&] { std::fill(slab.free_dofs.begin(), slab.free_dofs.end(), dof::kNone); };
  if (opt.host == Host::clamped_bulk) freeze();
  PolarHost h;
  h.relax = relax_polar_slab(engine, slab, opt.relax);
  h.d_A = bo2_polar_distortion_A(slab, opt.B, opt.O);
  if (opt.host != Host::clamped_bulk)
    require_polar_slab(h.d_A, opt.d0_A, opt.fixed_cells, opt.min_fraction, "polar slab");
  // What follows (Na adsorbing, hopping, a film) runs under the clean slab's own constraint: a
  // relaxed host moves along z only, as in relax_polar_slab, so Na cannot let the free layers turn
  // P in-plane.
  if (opt.host == Host::frozen_relaxed_surface) freeze();
  if (opt.host == Host::relaxed) hold_in_plane(slab);
  return h;
}

PolarSurfaceResult polar_surface_adsorption(Engine& engine, Structure slab, const PolarSurfaceOptions& opt) {
  PolarSurfaceResult r;
  const PolarHost host = prepare_polar_host(engine, slab, opt);
  r.slab_relax = host.relax;
  r.d_A = host.d_A;
  // The adatom's sites are those of the relaxed slab (its symmetry is the polar bulk's in-plane p4mm).
  AdsorptionOptions ads = opt.adsorption;
  ads.relax = true;
  ads.sites = opt.sites;
  SurfaceDiffusionOptions diffusion = opt.diffusion;
  diffusion.sites = opt.sites;
  r.adsorption = adsorption_scan(engine, slab, find_adsorption_sites(slab, opt.sites), ads);
  if (opt.hops) r.diffusion = surface_diffusion(engine, r.adsorption.slab, diffusion);
  return r;
}

}  // namespace nabridge
