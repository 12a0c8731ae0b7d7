// adsorption: Na on every symmetry-unique site of the facet; E_bind vs the isolated Na atom,
// E_ads vs bulk Na (μ = e_bulk of na_bulk), and the site density of the most stable site.
#include <fmt/format.h>

#include "optimize/fire.h"
#include "protocols/adsorption.h"
#include "symmetry/sites.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

nlohmann::json run_adsorption_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const auto& bulk = ctx.input("bulk");
  const auto& na = ctx.input("na_bulk");
  auto engine = make_engine(p.at("potential"));
  const SurfaceSlab slab = make_surface_slab(*engine, p, bulk, p.at("slab").at("fixed_layers"));
  const auto sites = find_adsorption_sites(slab.structure);
  AdsorptionOptions opt;
  opt.element = "Na";
  opt.height_A = p.at("height_A");
  opt.mu_eV = na.at("e_bulk_eV_per_atom");
  opt.e_isolated_eV = isolated_atom_energy_eV(*engine, "Na");
  OptimizerOptions fo;
  fo.fmax_eV_A = p.at("slab").at("fmax_eV_A");
  Fire fire(fo);
  opt.optimizer = &fire;
  const AdsorptionResult r = adsorption_scan(*engine, slab.structure, sites, opt);
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : r.sites)
    list.push_back({{"label", s.site.label},
                    {"x_A", s.final_position_A.x()},
                    {"y_A", s.final_position_A.y()},
                    {"z_A", s.final_position_A.z()},
                    {"E_bind_eV", s.E_bind_eV},
                    {"E_ads_eV", s.E_ads_eV},
                    {"moved_to", s.moved_to},
                    {"multiplicity", s.site.multiplicity},
                    {"symmetry_broken_gain_eV", s.symmetry_broken_gain_eV},
                    {"relax_converged", s.relax.converged}});
  // The relaxed clean slab and, per site, the state the adatom relaxed into (from on the site or,
  // when lower, from off it), one frame each.
  std::vector<XyzFrame> states{XyzFrame{r.slab, r.slab_energy_eV, std::nullopt, {{"state", "relaxed clean slab"}}}};
  for (const auto& s : r.sites)
    states.push_back({s.structure, std::nullopt, std::nullopt,
                      {{"site", s.site.label}, {"landed", s.landed_label()},
                       {"start", s.symmetry_broken_gain_eV > 0 ? "off the site (lower than from on it)" : "on the site"}}});
  const std::string structures = write_structures(*engine, ctx, "adsorption", std::move(states));
  const auto& best = r.sites.at(r.most_stable);
  // Where the most stable adatom ended (a start site it left is not its site).
  const AdsorptionSite* landed = &best.site;
  for (const auto& s : r.sites)
    if (s.site.label == best.landed_label()) landed = &s.site;
  // Said when only a symmetry-broken start reaches the lowest state: the best symmetric
  // relaxation (every site relaxed from on it) is then a metastable state.
  const auto& best_on_site = r.sites.at(r.most_stable_on_site);
  const double best_symmetric = best_on_site.on_site_E_bind_eV();
  nlohmann::json note;
  if (best.E_bind_eV < best_symmetric - 5e-3)
    note = fmt::format("symmetry-broken state: relaxing from off {} ends {:.3f} eV below the best symmetric relaxation ({}): "
                       "the surface relaxes around the adatom",
                       best.site.label, best_symmetric - best.E_bind_eV, best_on_site.site.label);
  // Sites of the most stable kind per area of the surface cell (m⁻²): the sites Na fills first.
  const double area_m2 = slab.structure.area_A2() * 1e-20;
  return {{"sites", list},
          {"most_stable", landed->label},
          {"site_note", note},
          {"E_bind_eV", best.E_bind_eV},
          {"E_ads_eV", best.E_ads_eV},
          {"site_density_m2", landed->multiplicity / area_m2},
          {"slab_energy_eV", r.slab_energy_eV},
          {"natoms_slab", slab.structure.size()},
          {"structures", {{"clean slab and one frame per site", structures}}}};
}

}  // namespace nabridge::workflow
