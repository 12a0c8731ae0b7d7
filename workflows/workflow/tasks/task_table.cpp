// table: the parameter table, one row per (substrate, facet, potential), assembled from the
// results of the atomistic tasks; campaign-wide Na properties in "na". Keys carry units.
#include <fmt/format.h>

#include <algorithm>

#include "core/bounds.h"
#include "nabridge/base/constants.h"
#include "workflow/task_names.h"
#include "workflow/tasks/tasks.h"
#include "nabridge/upscale/upscale_params.h"

namespace nabridge::workflow {

namespace {

const nlohmann::json* find_input(const TaskContext& ctx, const std::string& name) {
  const auto it = ctx.inputs.find(name);
  return it == ctx.inputs.end() ? nullptr : &it->second;
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
                       {"gamma_Na_J_m2", na_own.at("gamma_Na_J_m2")},
                       {"site", ads.at("most_stable")},
                       {"E_bind_eV", ads.at("E_bind_eV")},
                       {"E_ads_eV", ads.at("E_ads_eV")},
                       {"site_density_m2", ads.at("site_density_m2")}};
    // From the lowest adatom state to the highest high-symmetry site relaxed on-site (with its
    // symmetry): bounds the hop barrier from above when there is no hop network.
    double e_lo = kRunningMinStart, e_hi = kRunningMaxStart;
    for (const auto& site : ads.at("sites")) {
      const double on_site = site.at("E_bind_eV").get<double>() + site.value("symmetry_broken_gain_eV", 0.0);
      e_lo = std::min(e_lo, site.at("E_bind_eV").get<double>());
      e_hi = std::max(e_hi, on_site);
    }
    row["pes_corrugation_eV"] = e_hi - e_lo;
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
      }
    }
    const auto* hops = find_input(ctx, facet_task_name("hops", s, f));
    if (hops) row["hops_complete"] = hops->at("complete");
    if (hops && !hops->at("message").get<std::string>().empty()) row["hops_note"] = hops->at("message");
    // Barriers, prefactors and D_s only from a complete hop network: never a partial number.
    if (hops && hops->at("complete").get<bool>()) {
      row["Ea_diff_eV"] = hops->at("Ea_diff_eV");
      row["nu0_Hz"] = hops->at("nu0_Hz");
      row["D_s_m2_s"] = hops->at("D_s_m2_s");
      // Length of the hop that sets Ea_diff (the mesoscale model's lattice walk step).
      double best = kRunningMinStart;
      for (const auto& h : hops->at("hops")) {
        const double d = std::abs(h.at("barrier_eV").get<double>() - hops->at("Ea_diff_eV").get<double>());
        if (d < best) best = d, row["hop_length_A"] = h.at("length_A");
      }
    }
    if (const auto* ad = find_input(ctx, facet_task_name("adhesion", s, f))) {
      for (const char* k : {"W_ad_J_m2", "gamma_int_J_m2", "theta_deg", "uber_l_A", "sigma_max_GPa", "film_strain_max"})
        row[k] = ad->at(k);
    }
    // A ferroelectric coating: its computed P_s and the field offset derived from it, with the
    // offset's assumed inputs (the mesoscale task lists them among the row's inputs_not_computed).
    if (const auto& fe = ctx.params.value("ferroelectric", nlohmann::json::object()); fe.contains(r.at("substrate").get<std::string>())) {
      const auto& pol = ctx.inputs.at(fe.at(r.at("substrate").get<std::string>()).get<std::string>());
      row["P_s_C_m2"] = pol.at("P_s_C_m2");
      row["field_offset_mV"] = pol.at("field_offset_mV");
      row["field_offset_assumed"] = pol.at("inputs_not_computed");
    }
    rows.push_back(row);
  }
  return {{"T_K", ctx.params.at("T_K")}, {"na", na_row}, {"rows", rows}};
}

}  // namespace nabridge::workflow
