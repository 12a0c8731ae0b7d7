#include <fmt/format.h>
#include <toml++/toml.h>

#include <fstream>
#include <sstream>

#include "workflow/json_to_toml.h"
#include "workflow/outputs.h"
#include "workflow/result_cache.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

const std::vector<std::string> kParameterColumns{
    "substrate",  "facet",           "potential",  "coating",  "a_sub_A",  "a_coating_A",  "gamma_note",  "gamma_sub_J_m2", "gamma_Na_J_m2",
    "W_ad_J_m2",  "gamma_int_J_m2",  "theta_deg",  "site",     "site_note",     "E_bind_eV",      "E_ads_eV",
    "site_density_m2", "pes_corrugation_eV", "Ea_diff_eV", "nu0_Hz",     "D_s_m2_s", "hop_length_A",   "hops_complete", "hops_note",
    "uber_l_A",   "sigma_max_GPa", "film_strain_max"};

namespace {

std::string csv_cell(const nlohmann::json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) {
    // RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled.
    const std::string s = v.get<std::string>();
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string quoted = "\"";
    for (const char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
  }
  if (v.is_number_float()) return fmt::format("{:.10g}", v.get<double>());
  return v.dump();
}

}  // namespace

void write_parameter_table(const nlohmann::json& table, const fs::path& dir) {
  const auto& rows = table.at("rows");
  std::vector<std::string> cols;
  for (const auto& c : kParameterColumns)
    for (const auto& r : rows)
      if (r.contains(c)) {
        cols.push_back(c);
        break;
      }
  std::ostringstream csv;
  for (std::size_t k = 0; k < cols.size(); ++k) csv << (k ? "," : "") << cols[k];
  csv << "\n";
  for (const auto& r : rows) {
    for (std::size_t k = 0; k < cols.size(); ++k) csv << (k ? "," : "") << (r.contains(cols[k]) ? csv_cell(r[cols[k]]) : "");
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
  os << "# NaBridge parameter table: one [[row]] per (substrate, facet, potential); units in the key names.\n" << doc << "\n";
  write_file_atomically(dir / "parameters.toml", os.str());
}

}  // namespace nabridge::workflow
