// polar_surface: Na on the BO2-terminated top face of the polarised (001) slab of a ferroelectric
// coating, one direction of P per task (docs/ferroelectric.md §6): the slab stacked from the
// polarization task's relaxed P4mm cell (structure/polar_slab.h), the shell potential's own Na
// rigid ion through the task's shell engine (ShellEngine in the worker), the adsorption scan and
// hop network of protocols/polar_surface.h.
// E_bind is against the isolated Na computed through the same engine; E_ads against bulk Na needs
// a metallic Na, which the shell model lacks (Na–Na is Coulomb only): it uses the cohesive energy
// of the campaign's [na] potential, and says so in "assumed" with every other choice of the task.
#include <fmt/format.h>

#include <cmath>

#include "optimize/fire.h"
#include "protocols/polar_surface.h"
#include "structure/polar_slab.h"
#include "structure/slab.h"
#include "workflow/potential_json.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

namespace {

/// The polarization task's relaxed five-atom cell (P along +z).
Structure unit_cell(const nlohmann::json& pol) {
  Structure unit;
  unit.cell = Vec3(pol.at("a_A").get<double>(), pol.at("a_A").get<double>(), pol.at("c_A").get<double>()).asDiagonal();
  const auto& u = pol.at("unit_cell");
  for (std::size_t k = 0; k < u.at("species").size(); ++k) {
    const auto& x = u.at("positions_A").at(k);
    unit.add_atom(u.at("species").at(k).get<std::string>(), Vec3(x.at(0).get<double>(), x.at(1).get<double>(), x.at(2).get<double>()));
  }
  return unit;
}

std::string host_text(PolarSurfaceOptions::Host host) {
  using Host = PolarSurfaceOptions::Host;
  if (host == Host::relaxed)
    return "relaxed along z with the adatom, as the clean surface (the P4mm bulk's in-plane positions kept; shells relaxed; no "
           "lateral ionic relaxation around Na)";
  if (host == Host::clamped_bulk) return "clamped at the polar bulk (cores frozen, shells relaxed; the polarisation imposed)";
  return "clean surface relaxed along z (the P4mm bulk's in-plane positions kept), then frozen for the adatom (shells relaxed; no "
         "ionic relaxation around Na)";
}

}  // namespace

nlohmann::json run_polar_surface_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const auto& pol = ctx.input("polarization");
  const auto& na = ctx.input("na_bulk");
  const PotentialSpec model = potential_from_json(p.at("potential"));
  const auto els = p.at("elements").get<std::vector<std::string>>();
  const std::string& A = els.at(0), &B = els.at(1), &O = els.at(2);
  const bool up = p.at("direction") == "up";
  const PolarSurfaceOptions::Host host = polar_surface_host(p.at("host"));
  const int n_repeat = p.at("repeat");

  PolarSlabSpec spec;
  spec.cells = p.at("bilayers");
  spec.fixed_cells = p.at("fixed_bilayers");
  spec.repeat = 1;
  spec.vacuum_A = p.at("vacuum_A");
  spec.p_up = up;
  Structure cell = polar_perovskite_slab(unit_cell(pol), A, B, spec);
  const double d0_A = bo2_polar_distortion_A(cell, B, O).front();

  const double P_z_C_m2 = (up ? 1.0 : -1.0) * std::abs(pol.at("P_C_m2").at(2).get<double>());
  const ScreeningField screen = screening_field(model, B, O, pol.at("a_A").get<double>(), P_z_C_m2);
  const bool screened = p.at("electrode_screened");
  ShellEngineOptions eo;
  eo.open_circuit_slab = true;
  eo.shell_ftol_eV_A = p.at("shell_ftol_eV_A");
  eo.host_field_V_A = screened ? screen.field_V_A : 0.0;
  auto engine = ctx.shell_engine(p.at("potential"), eo);

  OptimizerOptions fo;
  fo.fmax_eV_A = p.at("fmax_eV_A");
  Fire fire(fo);
  // The clean surface relaxes in its own a × a cell first (a fifth of the particles per repeat²),
  // then is repeated: the unreconstructed relaxed surface is a stationary point of the larger cell,
  // whose relaxation then starts converged.
  if (host != PolarSurfaceOptions::Host::clamped_bulk) relax_polar_slab(*engine, cell, fo);
  const Structure slab = nabridge::repeat(cell, n_repeat, n_repeat, 1);

  PolarSurfaceOptions po;
  po.B = B;
  po.O = O;
  po.d0_A = d0_A;
  po.fixed_cells = spec.fixed_cells;
  po.host = host;
  po.relax = fo;
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
  const AdsorptionSite& landed = landed_site(r.adsorption);
  std::vector<XyzFrame> states{XyzFrame{r.adsorption.slab, r.adsorption.slab_energy_eV, std::nullopt, {{"state", "relaxed clean slab"}}}};
  for (const auto& s : r.adsorption.sites)
    states.push_back({s.structure, std::nullopt, std::nullopt, {{"site", s.site.label}, {"landed", s.landed_label()}}});

  const std::string direction = up ? "up: P out of the " + B + O + "2 surface" : "down: P into the " + B + O + "2 surface";
  const std::string field = screened
      ? fmt::format("electrode-screened: uniform {:+.3f} V/A on the slab's ions cancels the depolarising field of the bulk-terminated "
                    "slab (P_s {:+.4f} + stacking {:+.4f} C/m2)",
                    screen.field_V_A, P_z_C_m2, screen.P_stack_C_m2)
      : fmt::format("open circuit: full depolarising field of P_s {:+.4f} + stacking {:+.4f} C/m2 in the slab, none outside",
                    P_z_C_m2, screen.P_stack_C_m2);
  const nlohmann::json assumed = {
      "polarised slab: " + direction + "; " + field,
      fmt::format("polarised slab: {} bilayers ({} held at the polar bulk), {}x{} surface cell, host {}", spec.cells, spec.fixed_cells,
                  n_repeat, n_repeat, host_text(host)),
      fmt::format("Na on the polarised slab: {}'s Na rigid ion (charge and Na-O terms assumed, potential.toml)", model.id),
      fmt::format("E_ads_eV = E_bind_eV + E_coh(Na) = {:.4f} eV of the [na] potential ({} has no metallic Na)",
                  na.at("E_coh_eV").get<double>(), model.id)};

  nlohmann::json result{
      {"direction", p.at("direction")},
      {"polarisation", direction},
      {"depolarising_field", field},
      {"host_relaxation", host_text(host)},
      {"host_field_V_A", eo.host_field_V_A},
      {"P_z_C_m2", P_z_C_m2},
      {"P_stack_C_m2", screen.P_stack_C_m2},
      {"d0_A", d0_A},
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
