// `nabridge upscale PARAMS.toml [--out DIR]`: wetting, nucleation (classical and atomistic,
// with the regime stated) and adatom kinetics for each substrate row of a parameter file, over
// the overpotentials and temperature it lists (upscale.csv, upscale.json); with an operating-
// condition sweep in [conditions] also the mesoscale plating/stripping runs (DIR/mesoscale/).
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
#include "cli/upscale_mesoscale.h"
#include "workflow/upscale_params.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/kinetics.h"
#include "nabridge/upscale/nucleation.h"
#include "nabridge/upscale/wetting.h"

namespace nabridge::cli {

namespace {
using namespace nabridge::upscale;

void run_upscale(const std::string& path, const std::string& out_dir, bool plots, int threads) {
  const workflow::UpscaleParams p = workflow::read_upscale_params(path);
  const double T = p.T_K, gamma = p.gamma_Na_J_m2, ecoh = p.E_coh_eV, omega = p.omega_m3;
  const auto& rows = p.rows;
  const auto& etas_mV = p.eta_mV;

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
    if (r.theta_deg) {  // a contact angle given directly
      w = Wetting{};
      w->theta_deg = *r.theta_deg;
      w->cos_theta = std::cos(*r.theta_deg * kPi / 180.0);
      w->regime = *r.theta_deg <= 0 ? WettingRegime::complete : *r.theta_deg >= 180 ? WettingRegime::non_wetting : WettingRegime::partial;
    }
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
  csv.close();
  std::ofstream(std::filesystem::path(out_dir) / "upscale.json") << out.dump(2) << '\n';
  fmt::print("wrote {}/upscale.csv and upscale.json\n", out_dir);
  if (p.meso) run_mesoscale_sweep(p, std::filesystem::path(out_dir) / "mesoscale", plots, threads);
}
}  // namespace

void add_upscale_command(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>("upscale-out");
  auto* cmd = app.add_subcommand("upscale", "Wetting, nucleation, kinetics and mesoscale plating/stripping sweeps from a parameter-table TOML");
  cmd->add_option("params", *file, "parameter TOML ([conditions] (+ [conditions.interface]), [na], [[substrate]])")->required()->check(CLI::ExistingFile);
  auto no_plots = std::make_shared<bool>(false);
  auto threads = std::make_shared<int>(1);
  cmd->add_option("--out", *out, "output directory")->capture_default_str();
  cmd->add_flag("--no-plots", *no_plots, "write the data files only (no gnuplot figures)");
  cmd->add_option("--threads", *threads, "mesoscale runs side by side (results do not depend on it)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->callback([file, out, no_plots, threads] { run_upscale(*file, *out, !*no_plots, *threads); });
}

}  // namespace nabridge::cli
