#include "stage/upscale_stage.h"

#include <fmt/format.h>
#include <fmt/os.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <fstream>
#include <optional>

#include "nabridge/base/csv.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/kinetics.h"
#include "nabridge/upscale/nucleation.h"
#include "nabridge/upscale/wetting.h"
#include "stage/mesoscale_sweep.h"

namespace nabridge::upscale {

namespace {

/// The row's wetting: from W_ad by Young–Dupré, or its contact angle given directly.
std::optional<Wetting> row_wetting(const SubstrateRow& r, double gamma_Na_J_m2) {
  if (r.W_ad_J_m2) return young_dupre(*r.W_ad_J_m2, gamma_Na_J_m2);
  if (!r.theta_deg) return std::nullopt;
  Wetting w;
  w.theta_deg = *r.theta_deg;
  w.cos_theta = std::cos(*r.theta_deg * kPi / 180.0);
  w.regime = *r.theta_deg <= 0     ? WettingRegime::complete
             : *r.theta_deg >= 180 ? WettingRegime::non_wetting
                                   : WettingRegime::partial;
  return w;
}

std::string optional_number(const std::optional<double>& v) { return v ? fmt::format("{:.6g}", *v) : std::string(); }

/// upscale.csv, upscale.json and the table on `report`: one line per row and overpotential.
void write_nucleation_table(const UpscaleParams& p, const std::filesystem::path& out_dir, std::FILE* report) {
  const double T = p.T_K, gamma = p.gamma_Na_J_m2, ecoh = p.E_coh_eV, omega = p.omega_m3;
  auto csv = fmt::output_file((out_dir / "upscale.csv").string());
  csv.print("substrate,T_K,eta_mV,theta_deg,wetting,E_ads_vs_bulk_eV,coverage_eq,D_s_m2_s,regime,n_star_atomistic,"
            "dG_star_atomistic_eV,r_star_classical_nm,n_star_classical,dG_het_classical_eV\n");
  nlohmann::json out = nlohmann::json::array();
  fmt::print(report, "{:<22} {:>7} {:>9} {:>16} {:>12} {:>6} {:>10} {:>10} {:>10}\n", "substrate", "eta_mV",
             "theta_deg", "regime", "D_s_m2_s", "n*", "dG*_eV", "r*_nm", "dGhet_eV");
  for (const auto& r : p.rows) {
    const std::optional<Wetting> w = row_wetting(r, gamma);
    std::optional<double> D;
    if (r.Ea_diff_eV && r.nu0_Hz && r.hop_length_A)
      D = surface_diffusivity_m2_s(*r.nu0_Hz, *r.Ea_diff_eV, *r.hop_length_A, r.hops_per_site, T);
    const double cov = equilibrium_coverage(r.E_bind_eV, ecoh, T);
    for (double eta_mV : p.eta_mV) {
      const auto atom = atomistic_nucleus(r.E_bind_eV, ecoh, eta_mV * 1e-3);
      std::optional<ClassicalNucleus> cl;
      if (w && w->regime == WettingRegime::partial)
        cl = classical_nucleus(gamma, omega, eta_mV * 1e-3, w->theta_deg, T);
      const std::string regime = nucleation_regime(atom, cl ? cl->n_star : 0.0);
      csv.print("{},{},{},{},{},{:.6f},{:.6g},{},{},{},{:.6f},{},{},{}\n", csv_field(r.name), T, eta_mV,
                w ? optional_number(w->theta_deg) : "", w ? to_string(w->regime) : "", r.E_bind_eV + ecoh, cov,
                optional_number(D), regime, atom.n_star, atom.dG_star_eV, cl ? optional_number(cl->r_star_m * 1e9) : "",
                cl ? optional_number(cl->n_star) : "", cl ? optional_number(cl->dG_het_eV) : "");
      fmt::print(report, "{:<22} {:>7g} {:>9} {:>16} {:>12} {:>6} {:>10.4f} {:>10} {:>10}\n", r.name, eta_mV,
                 w ? fmt::format("{:.1f}", w->theta_deg) : "-", regime, D ? fmt::format("{:.3e}", *D) : "-",
                 atom.n_star, atom.dG_star_eV, cl ? fmt::format("{:.3f}", cl->r_star_m * 1e9) : "-",
                 cl ? fmt::format("{:.4f}", cl->dG_het_eV) : "-");
      nlohmann::json j{{"substrate", r.name}, {"T_K", T}, {"eta_mV", eta_mV}, {"E_ads_vs_bulk_eV", r.E_bind_eV + ecoh},
                       {"coverage_eq", cov}, {"regime", regime}, {"n_star_atomistic", atom.n_star},
                       {"dG_star_atomistic_eV", atom.dG_star_eV}};
      if (w) j["theta_deg"] = w->theta_deg, j["wetting"] = to_string(w->regime);
      if (D) j["D_s_m2_s"] = *D;
      if (cl)
        j["classical"] = {{"r_star_nm", cl->r_star_m * 1e9},
                          {"n_star", cl->n_star},
                          {"dG_het_eV", cl->dG_het_eV},
                          {"zeldovich", cl->zeldovich}};
      out.push_back(j);
    }
  }
  csv.close();
  std::ofstream(out_dir / "upscale.json") << out.dump(2) << '\n';
  fmt::print(report, "wrote {}/upscale.csv and upscale.json\n", out_dir.string());
}

}  // namespace

void run_upscale_stage(const UpscaleParams& p, const std::filesystem::path& out_dir, const UpscaleStageOptions& opt) {
  std::filesystem::create_directories(out_dir);
  write_nucleation_table(p, out_dir, opt.report);
  if (p.meso) run_mesoscale_sweep(p, out_dir / "mesoscale", opt);
}

}  // namespace nabridge::upscale
