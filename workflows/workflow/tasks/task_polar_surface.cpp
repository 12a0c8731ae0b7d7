// polar_surface: Na on the BO2-terminated top face of the polarised (001) slab of a ferroelectric
// coating, one direction of P per task (docs/ferroelectric.md §6): the slab stacked from the
// polarization task's relaxed P4mm cell (structure/polar_slab.h), the shell potential's own Na
// rigid ion through the task's shell engine (ShellEngine in the worker), the adsorption scan and
// hop network of protocols/polar_surface.h.
// E_bind is against the isolated Na computed through the same engine; E_ads against bulk Na needs
// a metallic Na, which the shell model lacks (Na–Na is Coulomb only): it uses the cohesive energy
// of the campaign's [na] potential, and says so in "assumed" with every other choice of the task.
#include <fmt/format.h>

#include "optimize/fire.h"
#include "protocols/polar_surface.h"
#include "structure/slab.h"
#include "workflow/tasks/polar_slab_task.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

nlohmann::json run_polar_surface_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const auto& na = ctx.input("na_bulk");
  const PolarSlabSetup setup = polar_slab_setup(ctx);
  const PotentialSpec& model = setup.model;
  const PolarSurfaceOptions::Host host = setup.host.host;
  const int n_repeat = p.at("repeat");
  const ShellEngineOptions& eo = setup.engine;
  auto engine = ctx.shell_engine(p.at("potential"), eo);

  const OptimizerOptions& fo = setup.host.relax;
  Fire fire(fo);
  // The clean surface relaxes in its own a × a cell first (a fifth of the particles per repeat²),
  // then is repeated: the unreconstructed relaxed surface is a stationary point of the larger cell,
  // whose relaxation then starts converged.
  Structure cell = setup.cell;
  if (host != PolarSurfaceOptions::Host::clamped_bulk) relax_polar_slab(*engine, cell, fo);
  const Structure slab = nabridge::repeat(cell, n_repeat, n_repeat, 1);

  PolarSurfaceOptions po = setup.host;
  po.adsorption.element = "Na";
  po.adsorption.height_A = p.at("height_A");
  po.adsorption.e_isolated_eV = isolated_atom_energy_eV(*engine, "Na");
  // μ_Na = E(isolated Na) − E_coh(Na): E_ads = E_bind + E_coh with the [na] potential's E_coh.
  po.adsorption.mu_eV = po.adsorption.e_isolated_eV - na.at("E_coh_eV").get<double>();
  po.adsorption.optimizer = &fire;
  po.hops = p.at("hops");
  po.diffusion.element = "Na";
  po.diffusion.height_A = p.at("height_A");
  po.diffusion.T_K = p.at("T_K");
  po.diffusion.relax = fo;
  po.diffusion.neb.images = p.at("neb_images");
  po.diffusion.neb.fmax_eV_A = p.at("neb_fmax_eV_A");
  po.diffusion.hessian_radius_A = p.at("hessian_radius_A");
  const PolarSurfaceResult r = polar_surface_adsorption(*engine, slab, po);

  const auto& best = r.adsorption.sites.at(r.adsorption.most_stable);
  const AdsorptionSite& landed = landed_site(r.adsorption, r.adsorption.sites.at(r.adsorption.most_stable));
  std::vector<XyzFrame> states{XyzFrame{r.adsorption.slab, r.adsorption.slab_energy_eV, std::nullopt, {{"state", "relaxed clean slab"}}}};
  for (const auto& s : r.adsorption.sites)
    states.push_back({s.structure, std::nullopt, std::nullopt, {{"site", s.site.label}, {"landed", s.landed_label()}}});

  const std::string& direction = setup.direction;
  const std::string& field = setup.field;
  const nlohmann::json assumed = {
      "polarised slab: " + direction + "; " + field,
      fmt::format("polarised slab: {} bilayers ({} held at the polar bulk), {}x{} surface cell, host {}",
                  setup.bilayers, setup.fixed_bilayers, n_repeat, n_repeat, polar_host_text(host)),
      fmt::format("Na on the polarised slab: {}'s Na rigid ion (charge and Na-O terms assumed, potential.toml)",
                  model.id),
      fmt::format("E_ads_eV = E_bind_eV + E_coh(Na) = {:.4f} eV of the [na] potential ({} has no metallic Na)",
                  na.at("E_coh_eV").get<double>(), model.id)};

  nlohmann::json result{
      {"direction", p.at("direction")},
      {"polarisation", direction},
      {"depolarising_field", field},
      {"host_relaxation", polar_host_text(host)},
      {"host_field_V_A", eo.host_field_V_A},
      {"P_z_C_m2", setup.P_z_C_m2},
      {"P_stack_C_m2", setup.screen.P_stack_C_m2},
      {"d0_A", po.d0_A},
      {"bo2_off_centring_A", r.d_A},
      {"E_isolated_Na_eV", po.adsorption.e_isolated_eV},
      {"mu_Na_eV", po.adsorption.mu_eV},
      {"sites", adsorption_sites_json(r.adsorption)},
      {"most_stable", landed.label},
      {"E_bind_eV", best.E_bind_eV},
      {"E_ads_eV", best.E_ads_eV},
      {"site_density_m2", landed.multiplicity / (slab.area_A2() * 1e-20)},
      {"natoms_slab", slab.size()},
      {"assumed", assumed},
      {"structures",
       {{"clean slab and one frame per site", write_structures(*engine, ctx, "adsorption", std::move(states))}}}};
  if (r.diffusion) result["hops"] = surface_diffusion_json(*engine, ctx, *r.diffusion);
  result["force_calls"] = engine->force_calls();
  return result;
}

}  // namespace nabridge::workflow
