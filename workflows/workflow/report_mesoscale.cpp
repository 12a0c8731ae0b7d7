#include "workflow/report_mesoscale.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <vector>

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

/// The completed cycles of a run (a failed run keeps its completed ones for diagnosis only).
const nlohmann::json* first_cycle(const nlohmann::json& run) {
  if (run.value("status", "") != "ok" || !run.contains("cycles") || run.at("cycles").empty()) return nullptr;
  return &run.at("cycles").front();
}

double mean_ce(const nlohmann::json& run) {
  double sum = 0;
  for (const auto& c : run.at("cycles")) sum += c.at("ce").get<double>();
  return sum / static_cast<double>(run.at("cycles").size());
}

std::string figure(const fs::path& plots, const std::string& stem, const fs::path& report_dir, const std::string& alt) {
  const fs::path png = plots / (stem + ".png");
  if (!fs::exists(png)) return "";
  return fmt::format("![{}]({})\n", alt, png.lexically_relative(report_dir).string());
}

/// results/mesoscale: a relative symlink to the mesoscale output of the current mesoscale task
/// (runs, cycles, critical currents, transients, maps, plots), so the run folder has one stable
/// path to them. A real folder of that name is left alone and the work path is used instead.
fs::path stable_mesoscale_dir(const fs::path& out, const fs::path& report_dir) {
  const fs::path link = report_dir / "mesoscale";
  std::error_code ec;
  if (fs::is_symlink(link, ec)) fs::remove(link, ec);
  if (!fs::exists(link, ec)) fs::create_directory_symlink(fs::relative(out, report_dir), link, ec);
  return !ec && fs::is_symlink(link) ? link : out;
}

}  // namespace

std::string mesoscale_report_section(const nlohmann::json& meso, const fs::path& report_dir) {
  if (!meso.contains("sweep")) return "";
  const fs::path out = stable_mesoscale_dir(fs::path(meso.at("out_dir").get<std::string>()) / "mesoscale", report_dir);
  const auto& sweep = meso.at("sweep");
  const auto& runs = sweep.at("runs");
  if (runs.empty()) return "";
  // Reference conditions, as in the figures of `nabridge upscale`: the first temperature,
  // capacity and seed, the highest stack pressure.
  const double T_ref = runs.front().at("T_C"), cap_ref = runs.front().at("capacity_mAh_cm2");
  const auto seed_ref = runs.front().at("seed");
  double P_ref = 0;
  std::set<double> currents, pressures;
  for (const auto& r : runs) {
    P_ref = std::max(P_ref, r.at("pressure_MPa").get<double>());
    currents.insert(r.at("current_mA_cm2").get<double>());
    pressures.insert(r.at("pressure_MPa").get<double>());
  }
  const std::vector<double> I(currents.begin(), currents.end());
  const double i_mid = I[I.size() / 2];
  auto at_ref = [&](const nlohmann::json& r, double P) {
    return r.at("T_C") == T_ref && r.at("pressure_MPa") == P && r.at("capacity_mAh_cm2") == cap_ref &&
           r.at("seed") == seed_ref;
  };

  struct Line {
    std::string name, field_mV;
    double key = std::numeric_limits<double>::infinity();  // η_nuc at i_mid (failed: last)
    std::vector<std::string> eta, crit;
    std::string ce, nuclei, continuity;
  };
  std::vector<Line> lines;
  for (const auto& itf : sweep.at("interfaces")) {
    Line l;
    l.name = itf.at("name");
    double field = 0;
    // The coating's offset, of either sign (negative for P pointing away from the collector).
    for (const auto& s : itf.at("substrates"))
      if (std::abs(s.value("field_offset_mV", 0.0)) > std::abs(field)) field = s.value("field_offset_mV", 0.0);
    l.field_mV = sweep.value("built_in_field", true) ? fmt::format("{:g}", field) : "off";
    for (double i : I) {
      std::string cell = "–";
      for (const auto& r : runs) {
        if (r.at("interface") != l.name || r.at("current_mA_cm2") != i || !at_ref(r, P_ref)) continue;
        const auto* c = first_cycle(r);
        // A run without a nucleation spike (no nucleus formed within the plated charge) has
        // no η_nuc: say so rather than fail the report.
        const bool nucleated = c && c->at("eta_nuc_mV").is_number();
        cell = !c ? "failed" : nucleated ? fmt::format("{:.1f}", c->at("eta_nuc_mV").get<double>()) : "no spike";
        if (nucleated && i == i_mid) {
          l.key = c->at("eta_nuc_mV");
          l.ce = fmt::format("{:.4f}", mean_ce(r));
          l.nuclei =
              c->at("nuclei_per_um2").is_number() ? fmt::format("{:.3g}", c->at("nuclei_per_um2").get<double>()) : "–";
          l.continuity = c->at("continuity_mAh_cm2").is_number()
                             ? fmt::format("{:.2g}", c->at("continuity_mAh_cm2").get<double>())
                             : "never";
        }
      }
      l.eta.push_back(cell);
    }
    for (double P : pressures) {
      std::string cell = "–";
      for (const auto& c : sweep.at("critical_current"))
        if (c.at("interface") == l.name && c.at("T_C") == T_ref && c.at("pressure_MPa") == P &&
            c.at("capacity_mAh_cm2") == cap_ref && c.at("seed") == seed_ref)
          cell = c.at("critical_current_mA_cm2").is_number()
                     ? fmt::format("{:g}", c.at("critical_current_mA_cm2").get<double>())
                     : fmt::format("> {:g}", I.back());
      l.crit.push_back(cell);
    }
    lines.push_back(l);
  }
  std::stable_sort(lines.begin(), lines.end(), [](const Line& a, const Line& b) { return a.key < b.key; });

  std::ostringstream md;
  int failed = 0;
  for (const auto& r : runs) failed += r.value("status", "") != "ok";
  md << "\n## Mesoscale plating and stripping\n\n";
  md << fmt::format(
      "{} runs of the interface simulator ({} failed: contact loss or runaway focusing; a failed run gives no "
      "prediction), {} cycle(s) each. Ranking at {} °C, {} MPa, {} mAh/cm² per cycle, seed {}; η_nuc = nucleation "
      "spike − growth plateau of the first plating (mV); sorted by η_nuc at {} mA/cm². Field: the built-in-field "
      "overpotential offset of the interface's substrates (mV; computed from the polarisation for a [ferroelectric] "
      "substrate, docs/ferroelectric.md, else an input). Every run: `{}`.\n\n",
      runs.size(), failed, sweep.at("cycles").get<int>(), T_ref, P_ref, cap_ref, seed_ref.dump(), i_mid,
      (out / "runs.csv").lexically_relative(report_dir).string());
  md << "| rank | interface | field (mV) |";
  for (double i : I) md << fmt::format(" η_nuc @ {:g} mA/cm² |", i);
  md << fmt::format(" nuclei/µm² @ {:g} | continuous at (mAh/cm²) | CE mean @ {:g} |", i_mid, i_mid);
  for (double P : pressures) md << fmt::format(" i_crit @ {:g} MPa (mA/cm²) |", P);
  md << "\n|---|---|---|";
  for (std::size_t k = 0; k < I.size() + 3 + pressures.size(); ++k) md << "---|";
  md << "\n";
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const auto& l = lines[n];
    md << fmt::format("| {} | {} | {} |", n + 1, l.name, l.field_mV);
    for (const auto& e : l.eta) md << " " << e << " |";
    md << fmt::format(" {} | {} | {} |", l.nuclei.empty() ? "–" : l.nuclei, l.continuity.empty() ? "–" : l.continuity,
                      l.ce.empty() ? "–" : l.ce);
    for (const auto& c : l.crit) md << " " << c << " |";
    md << "\n";
  }
  md << fmt::format("\ni_crit: the lowest current of the sweep at which the run failed (\"> {:g}\": none failed).\n",
                    I.back());
  if (meso.contains("notes") && !meso.at("notes").empty()) {
    md << "\n";
    for (const auto& n : meso.at("notes")) md << "- " << n.get<std::string>() << "\n";
  }
  int warned = 0;
  for (const auto& r : runs)
    if (r.contains("warning"))
      md << (warned++ ? "" : "\nWarnings:\n\n") << "- " << r.at("warning").get<std::string>() << "\n";
  const fs::path plots = out / "plots";
  std::string figs = figure(plots, "eta_nuc_vs_current", report_dir, "nucleation overpotential vs current") +
                     figure(plots, "transients", report_dir, "first plating transients") +
                     figure(plots, "coverage_vs_charge", report_dir, "coverage vs plated charge") +
                     figure(plots, "ce_vs_cycle", report_dir, "coulombic efficiency vs cycle") +
                     figure(plots, "critical_current_vs_pressure", report_dir, "critical current vs pressure");
  for (int k = 1; fs::exists(plots / fmt::format("thickness_{}.png", k)); ++k)
    figs += figure(plots, fmt::format("thickness_{}", k), report_dir, "thickness map");
  if (!figs.empty()) md << "\n" << figs;
  return md.str();
}

}  // namespace nabridge::workflow
