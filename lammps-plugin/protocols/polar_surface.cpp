#include "protocols/polar_surface.h"

#include <algorithm>
#include <stdexcept>

#include "optimize/fire.h"
#include "structure/polar_slab.h"
#include "symmetry/sites.h"

namespace nabridge {

PolarSurfaceResult polar_surface_adsorption(Engine& engine, Structure slab, const PolarSurfaceOptions& opt) {
  if (opt.d0_A == 0.0) throw std::invalid_argument("polar surface: d0_A (the bulk off-centring) is zero: not a polar slab");
  using Host = PolarSurfaceOptions::Host;
  auto freeze = [&] { std::fill(slab.free_dofs.begin(), slab.free_dofs.end(), dof::kNone); };
  if (opt.host == Host::clamped_bulk) freeze();
  PolarSurfaceResult r;
  Fire fire(opt.relax);
  r.slab_relax = fire.minimize(engine, slab);
  r.d_A = bo2_polar_distortion_A(slab, opt.B, opt.O);
  if (opt.host != Host::clamped_bulk) require_polar_slab(r.d_A, opt.d0_A, opt.fixed_cells, opt.min_fraction, "polar slab");
  if (opt.host == Host::frozen_relaxed_surface) freeze();
  // The adatom's sites are those of the relaxed slab (its symmetry is the polar bulk's in-plane one).
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
