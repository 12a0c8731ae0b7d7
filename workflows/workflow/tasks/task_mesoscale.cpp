// mesoscale: hands the parameter table to the upscaling layer. It writes the rows as a
// `nabridge upscale` parameter file (upscale_params.toml in the task folder) and runs that
// command, so the campaign's [mesoscale] table accepts exactly what `nabridge upscale` accepts
// under [conditions], and the upscaling code never links LAMMPS.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>
#include <map>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

namespace {

toml::array to_toml_array(const nlohmann::json& a) {
  toml::array out;
  for (const auto& v : a) {
    if (v.is_number_integer()) out.push_back(v.get<int64_t>());
    else if (v.is_number()) out.push_back(v.get<double>());
    else if (v.is_string()) out.push_back(v.get<std::string>());
    else if (v.is_boolean()) out.push_back(v.get<bool>());
    else throw std::invalid_argument("mesoscale: arrays may hold numbers, strings or booleans only");
  }
  return out;
}

void put(toml::table& t, const std::string& key, const nlohmann::json& v) {
  if (v.is_number_integer()) t.insert_or_assign(key, v.get<int64_t>());
  else if (v.is_number()) t.insert_or_assign(key, v.get<double>());
  else if (v.is_string()) t.insert_or_assign(key, v.get<std::string>());
  else if (v.is_boolean()) t.insert_or_assign(key, v.get<bool>());
  else if (v.is_array()) t.insert_or_assign(key, to_toml_array(v));
  else if (v.is_object()) {
    toml::table sub;
    for (const auto& [k, x] : v.items()) put(sub, k, x);
    t.insert_or_assign(key, std::move(sub));
  }
}

}  // namespace

nlohmann::json run_mesoscale_task(const TaskContext& ctx) {
  const auto& table = ctx.input("table");
  toml::table doc;
  toml::table cond;
  cond.insert_or_assign("T_K", ctx.params.at("T_K").get<double>());
  cond.insert_or_assign("eta_mV", toml::array{5.0, 10.0, 20.0, 50.0, 100.0});
  for (const auto& [k, v] : ctx.params.at("mesoscale").items()) put(cond, k, v);
  doc.insert_or_assign("conditions", std::move(cond));

  const auto& na = table.at("na");
  toml::table na_t;
  na_t.insert_or_assign("gamma_Na_J_m2", na.at("gamma_Na_J_m2").get<double>());
  na_t.insert_or_assign("E_coh_eV", na.at("E_coh_Na_eV").get<double>());
  na_t.insert_or_assign("omega_A3", na.at("omega_Na_A3").get<double>());
  na_t.insert_or_assign("source", fmt::format("NaBridge na_bulk task, potential {}", na.at("potential").get<std::string>()));
  for (const auto& [k, v] : ctx.params.at("na_continuum").items()) put(na_t, k, v);
  doc.insert_or_assign("na", std::move(na_t));

  toml::array subs;
  const double kT = 8.617333262e-5 * ctx.params.at("T_K").get<double>();
  std::map<std::string, int> per_facet;  // rows of one substrate facet (several potentials)
  for (const auto& r : table.at("rows")) ++per_facet[r.at("substrate").get<std::string>() + r.at("facet").get<std::string>()];
  for (const auto& r : table.at("rows")) {
    toml::table s;
    const std::string sf = r.at("substrate").get<std::string>() + r.at("facet").get<std::string>();
    s.insert_or_assign("name", fmt::format("{}({}){}", r.at("substrate").get<std::string>(), r.at("facet").get<std::string>(),
                                           per_facet[sf] > 1 ? " " + r.at("potential").get<std::string>() : ""));
    s.insert_or_assign("E_bind_eV", r.at("E_bind_eV").get<double>());
    if (r.contains("W_ad_J_m2")) s.insert_or_assign("W_ad_J_m2", r.at("W_ad_J_m2").get<double>());
    if (r.contains("Ea_diff_eV") && r.contains("hop_length_A") && r.contains("nu0_Hz") && r.at("nu0_Hz").get<double>() > 0) {
      const double Ea = r.at("Ea_diff_eV"), nu = r.at("nu0_Hz"), lam = r.at("hop_length_A"), D = r.at("D_s_m2_s");
      s.insert_or_assign("Ea_diff_eV", Ea);
      s.insert_or_assign("nu0_Hz", nu);
      s.insert_or_assign("hop_length_A", lam);
      // Effective number of hops per site z that makes (z λ²/4) ν exp(−Ea/kT) equal the hop
      // network's D_s (exact for one site type; an effective value otherwise).
      const double z = 4.0 * D / (lam * lam * 1e-20 * nu * std::exp(-Ea / kT));
      s.insert_or_assign("hops_per_site", static_cast<int64_t>(std::max(1.0, std::round(z))));
    }
    s.insert_or_assign("source", fmt::format("NaBridge campaign tasks, potential {}", r.at("potential").get<std::string>()));
    subs.push_back(std::move(s));
  }
  doc.insert_or_assign("substrate", std::move(subs));

  const auto params_file = ctx.dir / "upscale_params.toml";
  std::ofstream(params_file) << doc << '\n';
  const auto out_dir = ctx.dir / "upscale";
  const std::string cmd = fmt::format("'{}' upscale '{}' --out '{}' > '{}' 2>&1", ctx.nabridge_exe.string(), params_file.string(),
                                      out_dir.string(), (ctx.dir / "upscale.log").string());
  if (std::system(cmd.c_str()) != 0) {
    std::ifstream log(ctx.dir / "upscale.log");
    std::stringstream ss;
    ss << log.rdbuf();
    throw std::runtime_error("nabridge upscale failed: " + ss.str());
  }
  std::ifstream in(out_dir / "upscale.json");
  nlohmann::json predictions = nlohmann::json::parse(in);
  return {{"params_file", params_file.string()}, {"out_dir", out_dir.string()}, {"predictions", predictions}};
}

}  // namespace nabridge::workflow
