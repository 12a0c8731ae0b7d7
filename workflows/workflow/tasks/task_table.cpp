// table: the parameter table, one row per (substrate, facet, potential), assembled from the
// results of the atomistic tasks; campaign-wide Na properties in "na". Keys carry units.
#include <fmt/format.h>

#include <algorithm>
#include <initializer_list>

#include "nabridge/base/bounds.h"
#include "nabridge/base/constants.h"
#include "nabridge/base/notes.h"
#include "workflow/task_names.h"
#include "workflow/tasks/hop_columns.h"
#include "workflow/tasks/tasks.h"
#include "nabridge/upscale/upscale_params.h"

namespace nabridge::workflow {

namespace {

const nlohmann::json* find_input(const TaskContext& ctx, const std::string& name) {
  const auto it = ctx.inputs.find(name);
  return it == ctx.inputs.end() ? nullptr : &it->second;
}

/// A Na film's `keys` (adhesion or polar_film result) and, when the film task wrote one, its note
/// (a held substrate, no adhesion).
void add_film_columns(const nlohmann::json& film, std::initializer_list<const char*> keys, nlohmann::json& row) {
  for (const char* k : keys) row[k] = film.at(k);
  if (film.value("adhesion_note", nlohmann::json()).is_string()) row["adhesion_note"] = film.at("adhesion_note");
}

/// The most stable site, its E_bind, E_ads and site density, and the PES corrugation: from the
/// lowest adatom state to the highest high-symmetry site relaxed on-site: the mesoscale stage's
/// estimate of the hop barrier when no hop band converged (not a bound: a site may relax away
/// from its symmetric position, and the path to it need not rise monotonically).
void add_adsorption_columns(const nlohmann::json& ads, nlohmann::json& row) {
  for (const char* k : {"E_bind_eV", "E_ads_eV", "site_density_m2"}) row[k] = ads.at(k);
  row["site"] = ads.at("most_stable");
  double e_lo = kRunningMinStart, e_hi = kRunningMaxStart;
  for (const auto& site : ads.at("sites")) {
    const double on_site = site.at("E_bind_eV").get<double>() + site.value("symmetry_broken_gain_eV", 0.0);
    e_lo = std::min(e_lo, site.at("E_bind_eV").get<double>());
    e_hi = std::max(e_hi, on_site);
  }
  row["pes_corrugation_eV"] = e_hi - e_lo;
}

/// The alloy phase's surface of an alloying coating (row "alloy_surface": the facet label of its
/// tasks): what Na metal nucleates on once the coating is full, and how Na adatoms hop on it
/// (the hop columns with the prefix "alloy_").
void add_alloy_surface_columns(const TaskContext& ctx, const nlohmann::json& r, nlohmann::json& row) {
  const std::string tag = r.at("tag"), label = r.at("alloy_surface");
  const auto& ads = ctx.inputs.at(facet_task_name("adsorption", tag, label));
  row["alloy_surface"] = label;
  row["alloy_site"] = ads.at("most_stable");
  row["alloy_E_bind_eV"] = ads.at("E_bind_eV");
  row["alloy_E_ads_eV"] = ads.at("E_ads_eV");
  row["alloy_gamma_J_m2"] = ctx.inputs.at(facet_task_name("surface", tag, label)).at("gamma_J_m2");
  if (const auto* ad = find_input(ctx, facet_task_name("adhesion", tag, label))) {
    row["alloy_W_ad_J_m2"] = ad->at("W_ad_J_m2");
    row["alloy_theta_deg"] = ad->at("theta_deg");
  }
  if (const auto* hops = find_input(ctx, facet_task_name("hops", tag, label))) {
    nlohmann::json columns;
    add_hop_columns(*hops, columns);
    for (const auto& [key, value] : columns.items()) row["alloy_" + key] = value;
  }
}

/// A row of Na on the polarised slab of a ferroelectric coating (task polar_surface): its
/// adsorption and hops, the coating's P_s and the field offset for this direction of P (Δ_s of
/// the polarization task, whose sign is that of its configured direction; P down points toward
/// the collector), the direction and field treatment, and the assumptions for inputs_not_computed.
nlohmann::json polar_row(const TaskContext& ctx, const nlohmann::json& r) {
  const auto& ps = ctx.inputs.at(r.at("task").get<std::string>());
  const auto& pol = ctx.inputs.at(r.at("polarization").get<std::string>());
  nlohmann::json row{{"substrate", r.at("substrate")},
                     {"facet", "001"},
                     {"potential", pol.at("shell_potential")},
                     {"polar_of", r.at("of")},
                     {"a_sub_A", pol.at("a_A")},
                     {"polarisation", ps.at("polarisation")},
                     {"depolarising_field", ps.at("depolarising_field")},
                     {"host_relaxation", ps.at("host_relaxation")},
                     {"P_s_C_m2", pol.at("P_s_C_m2")}};
  add_adsorption_columns(ps, row);
  if (ps.contains("hops")) add_hop_columns(ps.at("hops"), row);
  const bool toward_collector = r.at("direction") == "down";
  row["field_offset_mV"] = pol.at("field_offset_mV").get<double>() *
                           (toward_collector == pol.at("toward_collector").get<bool>() ? 1.0 : -1.0);
  nlohmann::json offset_assumed = nlohmann::json::array();
  for (const auto& a : pol.at("inputs_not_computed"))
    if (a.get<std::string>().rfind("ferroelectric polarisation ", 0) != 0)
      offset_assumed.push_back(a);  // the row's own direction is its own
  row["field_offset_assumed"] = offset_assumed;
  row["polar_assumed"] = ps.at("assumed");
  if (r.contains("film")) {  // a Na film on the polarised slab (task polar_film)
    const auto& film = ctx.inputs.at(r.at("film").get<std::string>());
    add_film_columns(film, {"W_ad_J_m2", "theta_deg", "uber_l_A", "sigma_max_GPa", "film_strain_max"}, row);
    for (const auto& a : film.at("assumed")) row["polar_assumed"].push_back(a);
  }
  return row;
}

/// What a row's own columns assumed rather than computed (the field offset's inputs, the polarised
/// slab's choices, a held host under the hops of the surface or of its alloy phase), for the
/// table's inputs_not_computed; the mesoscale stage replaces it with these plus what its runs
/// assumed.
void add_inputs_not_computed(nlohmann::json& row) {
  std::string assumed;
  for (const char* key : {"field_offset_assumed", "polar_assumed", "hops_assumed"})
    for (const auto& a : row.value(key, nlohmann::json::array()))
      append_note(assumed, a.get<std::string>());
  for (const auto& a : row.value("alloy_hops_assumed", nlohmann::json::array()))
    append_note(assumed, row.at("alloy_phase").get<std::string>() + " surface: " + a.get<std::string>());
  if (!assumed.empty()) row["inputs_not_computed"] = assumed;
}

}  // namespace

nlohmann::json run_table_task(const TaskContext& ctx) {
  const auto& na = ctx.inputs.at("na_bulk");  // the [na] potential's
  nlohmann::json na_row{{"potential", ctx.params.at("na_potential")},
                        {"a_Na_A", na.at("a_A")},
                        {"E_coh_Na_eV", na.at("E_coh_eV")},
                        {"omega_Na_A3", na.at("omega_A3")},
                        {"gamma_Na_J_m2", na.at("gamma_Na_J_m2")},
                        {"gamma_Na_facet", na.at("facet")}};
  if (const auto* vac = find_input(ctx, "na_vacancy")) {
    na_row["Ef_vac_eV"] = vac->at("Ef_eV");
    na_row["Em_vac_eV"] = vac->at("Em_eV");
    na_row["vac_converged"] = vac->at("converged");
    na_row["split_vacancy"] = vac->at("split_vacancy");
    // A prefactor (and so D_vac) only where the Hessians gave a valid Vineyard ratio.
    if (vac->at("nu_valid").get<bool>()) {
      na_row["nu_vac_Hz"] = vac->at("nu_Hz");
      na_row["D_vac_m2_s"] = vac->at("D_vacancy_m2_s");
    } else {
      na_row["vac_note"] = vac->at("nu_message");
    }
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& r : ctx.params.at("rows")) {
    const std::string s = r.at("tag"), f = r.at("facet");
    const auto& bulk = ctx.inputs.at(substrate_task_name("bulk", s));
    const auto& surf = ctx.inputs.at(facet_task_name("surface", s, f));
    const auto& ads = ctx.inputs.at(facet_task_name("adsorption", s, f));
    const auto& na_own = ctx.inputs.at(r.at("na_bulk").get<std::string>());
    nlohmann::json row{{"substrate", r.at("substrate")},
                       {"facet", f},
                       {"potential", r.at("potential")},
                       {"a_sub_A", bulk.at("a_A")},
                       {"gamma_sub_J_m2", surf.at("gamma_J_m2")},
                       {"gamma_Na_J_m2", na_own.at("gamma_Na_J_m2")}};
    add_adsorption_columns(ads, row);
    if (surf.contains("gamma_note")) row["gamma_note"] = surf.at("gamma_note");
    if (ads.contains("site_note") && ads.at("site_note").is_string()) row["site_note"] = ads.at("site_note");
    if (bulk.contains("coating")) {
      const auto& c = bulk.at("coating");
      std::string els;
      for (const auto& e : c.at("elements")) els += e.get<std::string>();
      row["coating"] = fmt::format("{} x{} layers", els, c.at("layers").get<int>());
      row["a_coating_A"] = c.at("a_A");
      if (c.contains("alloy")) {  // an alloying coating: its alloy, plateau and capacity (Na per m² × e)
        const auto& al = c.at("alloy");
        const double x = al.at("na_per_coating_atom"), n_m2 = ads.at("coating_atoms_per_m2");
        row["alloy_phase"] = al.at("phase");
        row["alloy_formation_eV_per_atom"] = al.at("formation_eV_per_atom");
        row["alloy_formation_computed"] = al.at("computed");
        row["alloy_na_per_coating_atom"] = x;
        row["coating_atoms_per_m2"] = n_m2;
        row["alloy_potential_V"] = upscale::alloy_potential_V(al.at("formation_eV_per_atom").get<double>(), x);
        row["alloy_capacity_C_m2"] = n_m2 * x * kElementaryCharge_C;
        if (r.contains("alloy_surface")) add_alloy_surface_columns(ctx, r, row);
      }
    }
    if (const auto* hops = find_input(ctx, facet_task_name("hops", s, f))) add_hop_columns(*hops, row);
    if (const auto* ad = find_input(ctx, facet_task_name("adhesion", s, f))) {
      add_film_columns(
          *ad, {"W_ad_J_m2", "gamma_int_J_m2", "theta_deg", "uber_l_A", "sigma_max_GPa", "film_strain_max"}, row);
    }
    // A ferroelectric coating: its computed P_s and the field offset derived from it, with the
    // offset's assumed inputs (the mesoscale task lists them among the row's inputs_not_computed).
    if (const auto& fe = ctx.params.value("ferroelectric", nlohmann::json::object());
        fe.contains(r.at("substrate").get<std::string>())) {
      const auto& pol = ctx.inputs.at(fe.at(r.at("substrate").get<std::string>()).get<std::string>());
      row["P_s_C_m2"] = pol.at("P_s_C_m2");
      row["field_offset_mV"] = pol.at("field_offset_mV");
      row["field_offset_assumed"] = pol.at("inputs_not_computed");
    }
    rows.push_back(row);
  }
  for (const auto& r : ctx.params.value("polar_rows", nlohmann::json::array())) rows.push_back(polar_row(ctx, r));
  for (auto& row : rows) add_inputs_not_computed(row);
  return {{"T_K", ctx.params.at("T_K")}, {"na", na_row}, {"rows", rows}};
}

}  // namespace nabridge::workflow
