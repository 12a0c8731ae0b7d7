#include "workflow/result_schema.h"

#include <map>
#include <vector>

namespace nabridge::workflow {

namespace {

enum class Kind { number, number_or_null, integer, boolean, string, array, object };

struct Field {
  const char* key;
  Kind kind;
};

bool fits(const nlohmann::json& v, Kind k) {
  switch (k) {
    case Kind::number: return v.is_number();
    case Kind::number_or_null: return v.is_number() || v.is_null();
    case Kind::integer: return v.is_number_integer();
    case Kind::boolean: return v.is_boolean();
    case Kind::string: return v.is_string();
    case Kind::array: return v.is_array();
    case Kind::object: return v.is_object();
  }
  return false;
}

const char* describe(Kind k) {
  switch (k) {
    case Kind::number: return "a number";
    case Kind::number_or_null: return "a number or null";
    case Kind::integer: return "an integer";
    case Kind::boolean: return "true or false";
    case Kind::string: return "a string";
    case Kind::array: return "an array";
    case Kind::object: return "an object";
  }
  return "";
}

/// The keys task_table, the mesoscale task and the report read from each task type's result.
const std::map<std::string, std::vector<Field>>& schemas() {
  using K = Kind;
  static const std::map<std::string, std::vector<Field>> s{
      {"bulk",
       {{"a_A", K::number}, {"c_A", K::number}, {"e_bulk_eV_per_atom", K::number}, {"elements", K::array},
        {"prototype", K::string}}},
      {"na_bulk",
       {{"a_A", K::number}, {"E_coh_eV", K::number}, {"e_bulk_eV_per_atom", K::number}, {"gamma_Na_J_m2", K::number},
        {"omega_A3", K::number}, {"elements", K::array}, {"prototype", K::string}, {"facet", K::string}}},
      {"na_vacancy",
       {{"converged", K::boolean}, {"Ef_eV", K::number_or_null}, {"Em_eV", K::number_or_null}, {"message", K::string}}},
      {"surface",
       {{"gamma_J_m2", K::number}, {"area_A2", K::number}, {"natoms", K::integer}, {"energy_eV", K::number}}},
      {"adsorption",
       {{"E_bind_eV", K::number}, {"E_ads_eV", K::number}, {"sites", K::array}, {"most_stable", K::string},
        {"site_density_m2", K::number}}},
      {"hops",
       {{"complete", K::boolean}, {"hops", K::array}, {"superseded_hops", K::array}, {"minima", K::array},
        {"message", K::string}, {"Ea_diff_eV", K::number_or_null}, {"nu0_Hz", K::number_or_null},
        {"D_s_m2_s", K::number_or_null}, {"T_K", K::number}}},
      {"adhesion",
       {{"W_ad_J_m2", K::number_or_null}, {"area_A2", K::number}, {"natoms", K::integer}, {"uber_curve", K::array}}},
      {"polarization",
       {{"P_s_C_m2", K::number}, {"c_over_a", K::number}, {"field_offset_mV", K::number},
        {"inputs_not_computed", K::array}}},
      {"polar_surface",
       {{"E_bind_eV", K::number}, {"E_ads_eV", K::number}, {"sites", K::array}, {"most_stable", K::string},
        {"site_density_m2", K::number}, {"polarisation", K::string}, {"depolarising_field", K::string},
        {"host_relaxation", K::string}, {"assumed", K::array}}},
      {"polar_film",
       {{"W_ad_J_m2", K::number}, {"theta_deg", K::number}, {"area_A2", K::number}, {"natoms", K::integer},
        {"depolarising_field", K::string}, {"film_model", K::string}, {"assumed", K::array}}},
      {"table", {{"T_K", K::number}, {"na", K::object}, {"rows", K::array}}},
      {"mesoscale", {{"predictions", K::array}, {"out_dir", K::string}, {"notes", K::array}}},
  };
  return s;
}

}  // namespace

std::string result_schema_problem(const std::string& type, const nlohmann::json& result) {
  if (!result.is_object()) return "the result is not a JSON object";
  const auto it = schemas().find(type);
  if (it == schemas().end()) return {};
  for (const auto& f : it->second) {
    if (!result.contains(f.key)) return std::string("key '") + f.key + "' is missing";
    if (!fits(result.at(f.key), f.kind)) return std::string("key '") + f.key + "' must be " + describe(f.kind);
  }
  return {};
}

}  // namespace nabridge::workflow
