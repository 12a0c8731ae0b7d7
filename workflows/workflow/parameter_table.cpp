#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "workflow/json_to_toml.h"
#include "workflow/outputs.h"
#include "workflow/result_cache.h"
#include "nabridge/base/atomic_file.h"
#include "nabridge/base/csv.h"
#include "nabridge/base/notes.h"
#include "stage/mesoscale_warnings.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

const std::vector<std::string> kParameterColumns{
    "substrate", "facet", "potential", "coating", "a_sub_A", "a_coating_A",
    "alloy_phase", "alloy_formation_eV_per_atom", "alloy_formation_computed", "alloy_na_per_coating_atom",
    "coating_atoms_per_m2", "alloy_potential_V", "alloy_capacity_C_m2", "alloy_surface", "alloy_site",
    "alloy_E_bind_eV", "alloy_E_ads_eV", "alloy_gamma_J_m2", "alloy_W_ad_J_m2", "alloy_theta_deg",
    "alloy_Ea_saddle_span_eV", "alloy_Ea_diff_eV", "alloy_nu0_Hz", "alloy_D_s_m2_s", "alloy_hop_length_A",
    "alloy_hops_complete", "alloy_hops_note",
    "gamma_note", "gamma_sub_J_m2", "gamma_Na_J_m2",
    "W_ad_J_m2", "adhesion_note", "gamma_int_J_m2", "theta_deg", "site", "site_note", "E_bind_eV", "E_ads_eV",
    "site_density_m2", "pes_corrugation_eV", "Ea_saddle_span_eV", "Ea_diff_eV", "nu0_Hz", "D_s_m2_s", "hop_length_A",
    "hops_complete", "hops_note",
    "uber_l_A", "sigma_max_GPa", "film_strain_max", "P_s_C_m2", "field_offset_mV",
    "polarisation", "depolarising_field", "host_relaxation"};

namespace {

std::string csv_cell(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return csv_field(v.get<std::string>());
  if (v.is_number_float()) return fmt::format("{:.10g}", v.get<double>());
  return v.dump();
}

}  // namespace

nlohmann::json with_mesoscale_predictions(const nlohmann::json& table, const nlohmann::json& mesoscale) {
  nlohmann::json out = table;
  if (!mesoscale.contains("sweep") || !mesoscale.contains("row_inputs")) return out;
  const auto& sweep = mesoscale.at("sweep");
  const auto& runs = sweep.at("runs");
  if (runs.empty()) return out;
  // The reference conditions: the highest pressure, the first temperature, capacity and seed.
  double P_ref = 0;
  std::vector<double> currents, pressures;
  for (const auto& r : runs) {
    const double I = r.at("current_mA_cm2"), P = r.at("pressure_MPa");
    P_ref = std::max(P_ref, P);
    if (std::find(currents.begin(), currents.end(), I) == currents.end()) currents.push_back(I);
    if (std::find(pressures.begin(), pressures.end(), P) == pressures.end()) pressures.push_back(P);
  }
  std::sort(currents.begin(), currents.end());
  std::sort(pressures.begin(), pressures.end());
  const auto& first = runs.front();
  const double T_ref = first.at("T_C"), cap_ref = first.at("capacity_mAh_cm2");
  const auto seed_ref = first.at("seed");
  const auto& cells = sweep.at("interfaces").front();
  const std::string at =
      fmt::format("{:g} C, {:g} MPa, {:g} mAh/cm2 per cycle, {} cycle(s), seed {}; map {} cells of {:.3g} nm", T_ref,
                  P_ref, cap_ref, sweep.at("cycles").get<int>(), seed_ref.dump(), cells.at("cells").get<int>(),
                  cells.at("cell_nm").get<double>());
  nlohmann::json columns = nlohmann::json::array();
  for (const char* what : {"eta_nuc_mV", "eta_S_nuc_mV", "N_nuc_per_um2", "CE_mean"})
    for (const double I : currents) columns.push_back(fmt::format("{}@{:g}mA_cm2", what, I));
  for (const double P : pressures) columns.push_back(fmt::format("i_crit_mA_cm2@{:g}MPa", P));
  for (const char* c : {"i_crit_note", "prediction_warnings", "predictions_at", "inputs_not_computed"})
    columns.push_back(c);

  auto& rows = out.at("rows");
  const auto& inputs = mesoscale.at("row_inputs");
  for (std::size_t k = 0; k < rows.size() && k < inputs.size(); ++k) {
    auto& row = rows[k];
    // Every row's assumptions, whether or not it ran as an interface (a row without one keeps them).
    std::string assumed;
    for (const auto& a : inputs[k].at("assumed")) append_note(assumed, a.get<std::string>());
    row["inputs_not_computed"] = assumed;
    const auto& name = inputs[k].at("interface");
    if (!name.is_string()) continue;
    nlohmann::json row_runs = nlohmann::json::array();  // the runs this row's predictions are read from
    std::string row_at = at;
    for (const auto& r : runs) {
      if (r.at("interface") != name || r.at("T_C") != T_ref || r.at("capacity_mAh_cm2") != cap_ref ||
          r.at("seed") != seed_ref || r.at("pressure_MPa") != P_ref)
        continue;
      row_runs.push_back(r);
      if (r.at("status") != "ok") continue;
      const auto& cyc = r.at("cycles");
      const std::string I = fmt::format("{:g}", r.at("current_mA_cm2").get<double>());
      // A run the sweep reran on a larger map for its few nuclei (docs/upscale.md, "Map enlargement").
      const int side = r.value("cells_per_side", 0);
      if (side > 0 && side * side != cells.at("cells").get<int>())
        row_at += fmt::format("; at {} mA/cm2 a map of {} x {} cells ({:.3g} um, enlarged for its few nuclei)", I, side,
                              side, r.at("map_um").get<double>());
      const auto& c1 = cyc.front();
      if (c1.at("eta_nuc_mV").is_number()) row["eta_nuc_mV@" + I + "mA_cm2"] = c1.at("eta_nuc_mV");
      // The supersaturation the nuclei relieved (docs/upscale.md); none without relief.
      if (c1.value("eta_S_nuc_mV", nlohmann::json()).is_number())
        row["eta_S_nuc_mV@" + I + "mA_cm2"] = c1.at("eta_S_nuc_mV");
      row["N_nuc_per_um2@" + I + "mA_cm2"] = c1.at("nuclei_per_um2");
      double ce = 0;
      int n = 0;
      for (const auto& c : cyc)
        if (c.contains("ce") && c.at("ce").is_number()) ce += c.at("ce").get<double>(), ++n;
      if (n) row["CE_mean@" + I + "mA_cm2"] = ce / n;
    }
    std::string warnings;
    for (const auto& w : upscale::grouped_nucleation_warnings(row_runs)) append_note(warnings, w.text);
    if (!warnings.empty()) row["prediction_warnings"] = warnings;
    std::vector<std::string> no_failure;
    for (const auto& c : sweep.at("critical_current")) {
      if (c.at("interface") != name || c.at("T_C") != T_ref || c.at("capacity_mAh_cm2") != cap_ref ||
          c.at("seed") != seed_ref)
        continue;
      const double P = c.at("pressure_MPa");
      if (c.at("critical_current_mA_cm2").is_number())
        row[fmt::format("i_crit_mA_cm2@{:g}MPa", P)] = c.at("critical_current_mA_cm2");
      else
        no_failure.push_back(fmt::format("{:g}", P));
    }
    if (!no_failure.empty()) {
      std::string ps;
      for (const auto& p : no_failure) ps += (ps.empty() ? "" : ", ") + p;
      row["i_crit_note"] = fmt::format("no failure up to {:g} mA/cm2 at {} MPa", currents.back(), ps);
    }
    row["predictions_at"] = row_at;
  }
  out["prediction_columns"] = columns;
  return out;
}

void write_parameter_table(const nlohmann::json& table, const fs::path& dir) {
  const auto& rows = table.at("rows");
  std::vector<std::string> cols;
  std::vector<std::string> wanted = kParameterColumns;
  for (const auto& c : table.value("prediction_columns", nlohmann::json::array()))
    wanted.push_back(c.get<std::string>());
  // A table without mesoscale predictions still lists what its rows assumed (task table).
  if (std::find(wanted.begin(), wanted.end(), "inputs_not_computed") == wanted.end())
    wanted.push_back("inputs_not_computed");
  for (const auto& c : wanted)
    for (const auto& r : rows)
      if (r.contains(c)) {
        cols.push_back(c);
        break;
      }
  std::ostringstream csv;
  for (std::size_t k = 0; k < cols.size(); ++k) csv << (k ? "," : "") << cols[k];
  csv << "\n";
  for (const auto& r : rows) {
    for (std::size_t k = 0; k < cols.size(); ++k)
      csv << (k ? "," : "") << (r.contains(cols[k]) ? csv_cell(r[cols[k]]) : "");
    csv << "\n";
  }
  write_file_atomically(dir / "parameters.csv", csv.str());
  write_file_atomically(dir / "parameters.json", table.dump(2) + "\n");

  toml::table doc;
  doc.insert_or_assign("T_K", table.at("T_K").get<double>());
  toml::table na;
  for (const auto& [k, v] : table.at("na").items()) insert_json(na, k, v);
  doc.insert_or_assign("na", std::move(na));
  toml::array arr;
  for (const auto& r : rows) {
    toml::table t;
    for (const auto& c : cols)
      if (r.contains(c)) insert_json(t, c, r[c]);
    arr.push_back(std::move(t));
  }
  doc.insert_or_assign("row", std::move(arr));
  std::ostringstream os;
  os << "# NaBridge parameter table: one [[row]] per (substrate, facet, potential); units in the key names.\n"
     << doc << "\n";
  write_file_atomically(dir / "parameters.toml", os.str());
}

}  // namespace nabridge::workflow
