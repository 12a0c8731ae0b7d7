// `nabridge upscale PARAMS.toml [--out DIR]`: wetting, nucleation (classical and atomistic,
// with the regime stated) and adatom kinetics for each substrate row of a parameter file, over
// the overpotentials and temperature it lists. Writes upscale.csv and upscale.json.
#include <fmt/format.h>
#include <fmt/os.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <set>
#include <stdexcept>
#include <toml++/toml.h>

#include "cli/commands.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/kinetics.h"
#include "nabridge/upscale/nucleation.h"
#include "nabridge/upscale/wetting.h"

namespace nabridge::cli {

namespace {
using namespace nabridge::upscale;

struct SubstrateRow {
  std::string name;
  double E_bind_eV = 0;
  std::optional<double> W_ad_J_m2, Ea_diff_eV, nu0_Hz, hop_length_A;
  int hops_per_site = 4;
};

/// Rejects keys a table does not know, naming the file and the key path.
void check_keys(const toml::table& t, const std::set<std::string>& known, const std::string& file, const std::string& where) {
  for (const auto& [k, v] : t)
    if (!known.count(std::string(k.str())))
      throw std::invalid_argument(fmt::format("{}: {}: unknown key '{}'", file, where, k.str()));
}

double required(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  const auto v = t[key].value<double>();
  if (!v) throw std::invalid_argument(fmt::format("{}: {}.{}: missing or not a number", file, where, key));
  return *v;
}

std::optional<double> optional_number(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  if (!t.contains(key)) return std::nullopt;
  const auto v = t[key].value<double>();
  if (!v) throw std::invalid_argument(fmt::format("{}: {}.{}: not a number", file, where, key));
  return v;
}

void run_upscale(const std::string& path, const std::string& out_dir) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::invalid_argument(fmt::format("{}:{}:{}: {}", path, e.source().begin.line, e.source().begin.column, e.description()));
  }
  check_keys(doc, {"conditions", "na", "substrate"}, path, "(top level)");
  const toml::table* cond = doc["conditions"].as_table();
  const toml::table* na = doc["na"].as_table();
  if (!cond) throw std::invalid_argument(path + ": [conditions] table missing");
  if (!na) throw std::invalid_argument(path + ": [na] table missing");
  check_keys(*cond, {"T_K", "eta_mV"}, path, "conditions");
  check_keys(*na, {"gamma_Na_J_m2", "E_coh_eV", "omega_A3", "source"}, path, "na");
  const double T = required(*cond, "T_K", path, "conditions");
  std::vector<double> etas_mV;
  if (const auto* arr = (*cond)["eta_mV"].as_array())
    for (const auto& e : *arr) {
      const auto v = e.value<double>();
      if (!v || *v <= 0) throw std::invalid_argument(path + ": conditions.eta_mV: entries must be positive numbers");
      etas_mV.push_back(*v);
    }
  if (etas_mV.empty()) throw std::invalid_argument(path + ": conditions.eta_mV: missing or empty");
  const double gamma = required(*na, "gamma_Na_J_m2", path, "na");
  const double ecoh = na->contains("E_coh_eV") ? required(*na, "E_coh_eV", path, "na") : kNaCohesiveEnergy_eV;
  const double omega = na->contains("omega_A3") ? required(*na, "omega_A3", path, "na") * 1e-30 : kNaAtomicVolume_m3;

  std::vector<SubstrateRow> rows;
  const auto* subs = doc["substrate"].as_array();
  if (!subs || subs->empty()) throw std::invalid_argument(path + ": [[substrate]]: at least one row is needed");
  for (std::size_t k = 0; k < subs->size(); ++k) {
    const auto* t = (*subs)[k].as_table();
    const std::string where = fmt::format("substrate[{}]", k);
    if (!t) throw std::invalid_argument(path + ": " + where + ": not a table");
    check_keys(*t, {"name", "E_bind_eV", "W_ad_J_m2", "Ea_diff_eV", "nu0_Hz", "hop_length_A", "hops_per_site", "source"}, path, where);
    SubstrateRow r;
    r.name = t->get("name") ? t->get("name")->value_or(std::string()) : std::string();
    if (r.name.empty()) throw std::invalid_argument(path + ": " + where + ".name: missing");
    r.E_bind_eV = required(*t, "E_bind_eV", path, where);
    r.W_ad_J_m2 = optional_number(*t, "W_ad_J_m2", path, where);
    r.Ea_diff_eV = optional_number(*t, "Ea_diff_eV", path, where);
    r.nu0_Hz = optional_number(*t, "nu0_Hz", path, where);
    r.hop_length_A = optional_number(*t, "hop_length_A", path, where);
    if (const auto z = (*t)["hops_per_site"].value<int64_t>()) r.hops_per_site = static_cast<int>(*z);
    rows.push_back(r);
  }

  std::filesystem::create_directories(out_dir);
  auto csv = fmt::output_file((std::filesystem::path(out_dir) / "upscale.csv").string());
  csv.print("substrate,T_K,eta_mV,theta_deg,wetting,E_ads_vs_bulk_eV,coverage_eq,D_s_m2_s,regime,n_star_atomistic,"
            "dG_star_atomistic_eV,r_star_classical_nm,n_star_classical,dG_het_classical_eV\n");
  nlohmann::json out = nlohmann::json::array();
  fmt::print("{:<22} {:>7} {:>9} {:>16} {:>12} {:>6} {:>10} {:>10} {:>10}\n", "substrate", "eta_mV", "theta_deg", "regime",
             "D_s_m2_s", "n*", "dG*_eV", "r*_nm", "dGhet_eV");
  for (const auto& r : rows) {
    std::optional<Wetting> w;
    if (r.W_ad_J_m2) w = young_dupre(*r.W_ad_J_m2, gamma);
    std::optional<double> D;
    if (r.Ea_diff_eV && r.nu0_Hz && r.hop_length_A)
      D = surface_diffusivity_m2_s(*r.nu0_Hz, *r.Ea_diff_eV, *r.hop_length_A, r.hops_per_site, T);
    const double cov = equilibrium_coverage(r.E_bind_eV, ecoh, T);
    for (double eta_mV : etas_mV) {
      const auto atom = atomistic_nucleus(r.E_bind_eV, ecoh, eta_mV * 1e-3);
      std::optional<ClassicalNucleus> cl;
      if (w && w->regime == WettingRegime::partial) cl = classical_nucleus(gamma, omega, eta_mV * 1e-3, w->theta_deg, T);
      const std::string regime = nucleation_regime(atom, cl ? cl->n_star : 0.0);
      auto num = [](const std::optional<double>& v, const char* f = "{:.6g}") { return v ? fmt::format(fmt::runtime(f), *v) : std::string(); };
      csv.print("{},{},{},{},{},{:.6f},{:.6g},{},{},{},{:.6f},{},{},{}\n", r.name, T, eta_mV, w ? num(w->theta_deg) : "",
                w ? to_string(w->regime) : "", r.E_bind_eV + ecoh, cov, num(D), regime, atom.n_star, atom.dG_star_eV,
                cl ? num(cl->r_star_m * 1e9) : "", cl ? num(cl->n_star) : "", cl ? num(cl->dG_het_eV) : "");
      fmt::print("{:<22} {:>7g} {:>9} {:>16} {:>12} {:>6} {:>10.4f} {:>10} {:>10}\n", r.name, eta_mV,
                 w ? fmt::format("{:.1f}", w->theta_deg) : "-", regime, D ? fmt::format("{:.3e}", *D) : "-", atom.n_star,
                 atom.dG_star_eV, cl ? fmt::format("{:.3f}", cl->r_star_m * 1e9) : "-", cl ? fmt::format("{:.4f}", cl->dG_het_eV) : "-");
      nlohmann::json j{{"substrate", r.name}, {"T_K", T}, {"eta_mV", eta_mV}, {"E_ads_vs_bulk_eV", r.E_bind_eV + ecoh},
                       {"coverage_eq", cov}, {"regime", regime}, {"n_star_atomistic", atom.n_star},
                       {"dG_star_atomistic_eV", atom.dG_star_eV}};
      if (w) j["theta_deg"] = w->theta_deg, j["wetting"] = to_string(w->regime);
      if (D) j["D_s_m2_s"] = *D;
      if (cl) j["classical"] = {{"r_star_nm", cl->r_star_m * 1e9}, {"n_star", cl->n_star}, {"dG_het_eV", cl->dG_het_eV}, {"zeldovich", cl->zeldovich}};
      out.push_back(j);
    }
  }
  std::ofstream(std::filesystem::path(out_dir) / "upscale.json") << out.dump(2) << '\n';
  fmt::print("wrote {}/upscale.csv and upscale.json\n", out_dir);
}
}  // namespace

void add_upscale_command(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>("upscale-out");
  auto* cmd = app.add_subcommand("upscale", "Wetting, nucleation and kinetics from a parameter-table TOML");
  cmd->add_option("params", *file, "parameter TOML ([conditions], [na], [[substrate]])")->required()->check(CLI::ExistingFile);
  cmd->add_option("--out", *out, "output directory")->capture_default_str();
  cmd->callback([file, out] { run_upscale(*file, *out); });
}

}  // namespace nabridge::cli
