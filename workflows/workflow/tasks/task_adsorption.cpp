// adsorption: Na on every symmetry-unique site of the facet; E_bind vs the isolated Na atom,
// E_ads vs bulk Na (μ = e_bulk of na_bulk), the site density of the most stable site, and
// whether one Na per surface cell is the dilute limit (the same state in the next larger cell).
#include <fmt/format.h>

#include <algorithm>
#include <iterator>
#include <optional>
#include <stdexcept>

#include "nabridge/base/notes.h"
#include "optimize/fire.h"
#include "protocols/adsorption.h"
#include "symmetry/site_images.h"
#include "symmetry/sites.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

namespace {

/// Change of E_ads below which one adatom per n×n cell counts as the dilute limit (issue 10).
constexpr double kCellConvergence_meV = 20.0;

/// The adatom relaxed from `site` alone on `slab`, with the site it ended on among all the slab's
/// sites (a scan of one site can name only that one).
AdsorptionSiteResult relax_on_site(Engine& engine, const Structure& slab, const std::string& site,
                                   const nlohmann::json& p, const AdsorptionOptions& opt) {
  const auto all = find_adsorption_sites(slab, site_options(p));
  std::vector<AdsorptionSite> one;
  std::copy_if(all.begin(), all.end(), std::back_inserter(one),
               [&](const AdsorptionSite& s) { return s.label == site; });
  if (one.empty()) throw std::runtime_error("adsorption cell check: no site '" + site + "' on the slab");
  AdsorptionSiteResult r = adsorption_scan(engine, slab, one, opt).sites.front();
  r.moved_to = landing_site(slab, all, equivalent_site_positions(slab, all, opt.sites),
                            one.front().position_A + Vec3(0, 0, opt.height_A), r.final_position_A, opt.moved_tol_A);
  return r;
}

// The most stable state again, started from the same site, with one Na per (n+1)×(n+1) cell:
// alkali adatoms carry a dipole and repel each other over several ångström, so E_ads must not
// depend on the cell. Skipped (and said) when the larger slab would exceed slab.max_atoms. Where
// the host tears in one cell only, the free states are not comparable: the check is then
// inconclusive (converged null), with the change between the two cells with their hosts held.
// So is it where the adatom, relaxed from the same site, lands on another site in the larger cell.
nlohmann::json cell_size_check(Engine& engine, const nlohmann::json& p, const nlohmann::json& bulk,
                               const Structure& slab_now, const AdsorptionSiteResult& best,
                               const AdsorptionOptions& opt) {
  const int n = p.at("slab").at("repeat");
  const double atoms_next = static_cast<double>(slab_now.size()) * (n + 1) * (n + 1) / (n * n);
  nlohmann::json check{{"repeat", n + 1}, {"threshold_meV", kCellConvergence_meV}};
  if (atoms_next > p.at("slab").at("max_atoms").get<double>()) {
    check["converged"] = nullptr;
    check["note"] = fmt::format(
        "not checked: the {0}x{0} slab would have about {1:.0f} atoms, more than slab.max_atoms", n + 1, atoms_next);
    return check;
  }
  nlohmann::json larger = p;
  larger["slab"]["repeat"] = n + 1;
  const SurfaceSlab slab = make_surface_slab(engine, larger, bulk, p.at("slab").at("fixed_layers"));
  const std::string& site = best.site.label;
  const AdsorptionSiteResult next = relax_on_site(engine, slab.structure, site, p, opt);
  if (next.torn_host.has_value() != best.torn_host.has_value()) {
    const bool larger_torn = next.torn_host.has_value();
    const AdsorptionSiteResult& torn = larger_torn ? next : best;
    const std::string torn_element = (larger_torn ? slab.structure : slab_now).species.at(torn.host_move.atom);
    AdsorptionOptions held = opt;
    held.hold_host = true;
    const double held_change_meV = (relax_on_site(engine, slab.structure, site, p, held).E_ads_eV -
                                    relax_on_site(engine, slab_now, site, p, held).E_ads_eV) *
                                   1e3;
    check["hosts_held"] = true;
    check["torn_in_repeat"] = larger_torn ? n + 1 : n;
    check["held_change_meV"] = held_change_meV;
    check["converged"] = nullptr;
    check["note"] = fmt::format(
        "inconclusive: in the {0}x{0} cell the free relaxation tears the host ({1} moved {2:.2f} A, E_bind {3:.3f} eV "
        "free), in the other it does not, so the free states cannot be compared; with both hosts held E_ads changes "
        "by {4:+.0f} meV",
        larger_torn ? n + 1 : n, torn_element, torn.host_move.moved_A, torn.torn_host->E_bind_free_eV,
        held_change_meV);
    return check;
  }
  if (next.landed_label() != best.landed_label()) {
    // Another state, not the same state at lower coverage: its energy says nothing about the cell.
    check["converged"] = nullptr;
    check["landed"] = {best.landed_label(), next.landed_label()};
    check["note"] = fmt::format(
        "inconclusive: relaxed from {0} the adatom ends on {1} in the {2}x{2} cell and on {3} in the {4}x{4} cell, "
        "two different states (E_ads {5:.3f} and {6:.3f} eV)",
        site, best.landed_label(), n, next.landed_label(), n + 1, best.E_ads_eV, next.E_ads_eV);
    return check;
  }
  const double change_meV = (next.E_ads_eV - best.E_ads_eV) * 1e3;
  check["E_ads_eV"] = next.E_ads_eV;
  check["change_meV"] = change_meV;
  check["converged"] = std::abs(change_meV) < kCellConvergence_meV;
  return check;
}

/// A symmetry-broken state that does not survive the larger cell: relaxed there from the same
/// start, the adatom tears the host. Measured on TiO2-BaTiO3 (docs/protocols.md, adsorption;
/// bench/adsorption_cell_bench): the 3x3 state's host distortion, transplanted into 4x4 and 5x5
/// cells, runs on to the torn state, so the distortion is held in place by the adatom's periodic
/// images, not by the surface.
bool held_by_the_cell(const nlohmann::json& cell_check, const AdsorptionSiteResult& best, int repeat) {
  return best.symmetry_broken_gain_eV > 0.0 && !best.torn_host &&
         cell_check.value("torn_in_repeat", 0) == repeat + 1;
}

/// Atoms of the coating per m² of the surface (the coating's elements that the substrate lacks):
/// the coating's thickness as an alloying coating's capacity needs it.
double coating_atoms_per_m2(const Structure& slab, const nlohmann::json& bulk) {
  const auto coating = bulk.at("coating").at("elements").get<std::vector<std::string>>();
  const auto substrate = bulk.at("elements").get<std::vector<std::string>>();
  std::size_t n = 0;
  for (const auto& e : slab.species)
    if (std::find(coating.begin(), coating.end(), e) != coating.end() &&
        std::find(substrate.begin(), substrate.end(), e) == substrate.end())
      ++n;
  return static_cast<double>(n) / (slab.area_A2() * 1e-20);
}

}  // namespace

nlohmann::json run_adsorption_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const nlohmann::json bulk = slab_bulk(p, ctx.input("bulk"));
  const auto& na = ctx.input("na_bulk");
  auto engine = ctx.engine(p.at("potential"));
  const SurfaceSlab slab = make_surface_slab(*engine, p, bulk, p.at("slab").at("fixed_layers"));
  const auto sites = find_adsorption_sites(slab.structure, site_options(p));
  AdsorptionOptions opt;
  opt.element = metallic_na_species(p);
  opt.sites = site_options(p);
  opt.height_A = p.at("height_A");
  opt.mu_eV = na.at("e_bulk_eV_per_atom");
  opt.e_isolated_eV = isolated_atom_energy_eV(*engine, opt.element);
  opt.host_tear_bound_A = host_tear_bound_A(p);
  OptimizerOptions fo;
  fo.fmax_eV_A = p.at("slab").at("fmax_eV_A");
  Fire fire(fo);
  opt.optimizer = &fire;
  const AdsorptionResult r = adsorption_scan(*engine, slab.structure, sites, opt);
  // The relaxed clean slab and, per site, the state the adatom relaxed into (from on the site or,
  // when lower, from off it), one frame each.
  std::vector<XyzFrame> states{XyzFrame{r.slab, r.slab_energy_eV, std::nullopt, {{"state", "relaxed clean slab"}}}};
  for (const auto& s : r.sites)
    states.push_back(
        {s.structure,
         std::nullopt,
         std::nullopt,
         {{"site", s.site.label},
          {"landed", s.landed_label()},
          {"start", s.symmetry_broken_gain_eV > 0 ? "off the site (lower than from on it)" : "on the site"}}});
  const std::string structures = write_structures(*engine, ctx, "adsorption", std::move(states));
  const auto& lowest = r.sites.at(r.most_stable);
  // Said when only a symmetry-broken start reaches the lowest state: the best symmetric
  // relaxation (every site relaxed from on it) is then a metastable state.
  const auto& best_on_site = r.sites.at(r.most_stable_on_site);
  const double best_symmetric = best_on_site.on_site_E_bind_eV();
  std::string note;
  if (lowest.E_bind_eV < best_symmetric - 5e-3)
    note = fmt::format(
        "symmetry-broken state: relaxing from off {} ends {:.3f} eV below the best symmetric relaxation (from {}): "
        "the surface relaxes around the adatom",
        lowest.site.label, best_symmetric - lowest.E_bind_eV, best_on_site.site.label);
  // The row reports one adatom per cell in the dilute limit: the lowest state, unless the cell
  // holds it (held_by_the_cell) and the best symmetric state is the same in the larger cell.
  const int repeat = p.at("slab").at("repeat");
  nlohmann::json cell_check = cell_size_check(*engine, p, bulk, slab.structure, lowest, opt);
  std::optional<AdsorptionSiteResult> symmetric;
  if (held_by_the_cell(cell_check, lowest, repeat)) {
    AdsorptionOptions on_site = opt;
    on_site.break_symmetry = false;
    AdsorptionSiteResult s = relax_on_site(*engine, slab.structure, best_on_site.site.label, p, on_site);
    nlohmann::json symmetric_check = cell_size_check(*engine, p, bulk, slab.structure, s, on_site);
    if (symmetric_check.at("converged") == true) {
      append_note(note, fmt::format("the symmetry-broken state (E_ads {:.3f} eV) is held by the cell: relaxed from "
                                    "the same start in the {}x{} cell the adatom tears the host, so the symmetric "
                                    "state on {} is reported, the same in both cells ({:+.1f} meV)",
                                    lowest.E_ads_eV, repeat + 1, repeat + 1, s.landed_label(),
                                    symmetric_check.at("change_meV").get<double>()));
      symmetric_check["symmetry_broken_state"] = {{"E_ads_eV", lowest.E_ads_eV},
                                                  {"E_bind_eV", lowest.E_bind_eV},
                                                  {"site", lowest.site.label},
                                                  {"cell_check", cell_check}};
      cell_check = std::move(symmetric_check);
      symmetric = std::move(s);
    }
  }
  const AdsorptionSiteResult& best = symmetric ? *symmetric : lowest;
  const AdsorptionSite& landed = landed_site(r, best);
  if (best.torn_host)
    append_note(note, fmt::format("host held at the clean slab's relaxed geometry (assumed): relaxed freely, the "
                                  "adatom pulls {} {} {:.2f} A out of place (E_bind {:.3f} eV), a reaction the "
                                  "fixed-charge potential cannot describe",
                                  r.slab.species.at(best.host_move.atom), best.host_move.atom, best.host_move.moved_A,
                                  best.torn_host->E_bind_free_eV));
  // Sites of the most stable kind per area of the surface cell (m⁻²): the sites Na fills first.
  const double area_m2 = slab.structure.area_A2() * 1e-20;
  if (cell_check.at("converged") == false) {
    const std::string not_converged = fmt::format(
        "E_ads changes by {:+.0f} meV from the {}x{} to the {}x{} surface cell: not the dilute limit",
        cell_check.at("change_meV").get<double>(), p.at("slab").at("repeat").get<int>(),
        p.at("slab").at("repeat").get<int>(), cell_check.at("repeat").get<int>(), cell_check.at("repeat").get<int>());
    append_note(note, not_converged);
  }
  if (cell_check.contains("hosts_held") || cell_check.contains("landed"))
    append_note(note, "cell check " + cell_check.at("note").get<std::string>());
  nlohmann::json result{{"sites", adsorption_sites_json(r)},
          {"most_stable", landed.label},
          {"site_note", note.empty() ? nlohmann::json() : nlohmann::json(note)},
          {"E_bind_eV", best.E_bind_eV},
          {"E_ads_eV", best.E_ads_eV},
          {"site_density_m2", landed.multiplicity / area_m2},
          {"slab_energy_eV", r.slab_energy_eV},
          {"natoms_slab", slab.structure.size()},
          {"cell_check", cell_check},
          {"structures", {{"clean slab and one frame per site", structures}}}};
  if (bulk.contains("coating")) result["coating_atoms_per_m2"] = coating_atoms_per_m2(slab.structure, bulk);
  return result;
}

}  // namespace nabridge::workflow
