#include "workflow/report_mesoscale.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <sstream>
#include <vector>

#include "stage/mesoscale_warnings.h"

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

/// The conditions the ranking is read at, as in the figures of `nabridge upscale`: the first
/// temperature, capacity and seed, the highest stack pressure; the sweep's currents (ranked at the
/// middle one) and pressures.
struct ReferenceConditions {
  double T_C = 0, capacity_mAh_cm2 = 0, P_MPa = 0;
  nlohmann::json seed;
  std::vector<double> currents_mA_cm2;
  std::set<double> pressures_MPa;
  double i_mid_mA_cm2 = 0;

  /// Whether run (or critical-current entry) r is at these conditions and stack pressure P.
  bool holds(const nlohmann::json& r, double P) const {
    return r.at("T_C") == T_C && r.at("pressure_MPa") == P && r.at("capacity_mAh_cm2") == capacity_mAh_cm2 &&
           r.at("seed") == seed;
  }
};

ReferenceConditions reference_conditions(const nlohmann::json& runs) {
  ReferenceConditions ref;
  ref.T_C = runs.front().at("T_C");
  ref.capacity_mAh_cm2 = runs.front().at("capacity_mAh_cm2");
  ref.seed = runs.front().at("seed");
  std::set<double> currents;
  for (const auto& r : runs) {
    ref.P_MPa = std::max(ref.P_MPa, r.at("pressure_MPa").get<double>());
    currents.insert(r.at("current_mA_cm2").get<double>());
    ref.pressures_MPa.insert(r.at("pressure_MPa").get<double>());
  }
  ref.currents_mA_cm2.assign(currents.begin(), currents.end());
  ref.i_mid_mA_cm2 = ref.currents_mA_cm2[ref.currents_mA_cm2.size() / 2];
  return ref;
}

/// One interface's row of the ranking, its cells as the table prints them.
struct RankingLine {
  std::string name, field_mV;
  double key = std::numeric_limits<double>::infinity();  // η_nuc at i_mid (failed: last)
  std::vector<std::string> eta, crit;
  std::string ce, nuclei, eta_S, continuity;
};

/// The coating's built-in-field offset, of either sign (negative for P pointing away from the
/// collector), or "off" when the sweep ran without it.
std::string field_cell(const nlohmann::json& sweep, const nlohmann::json& itf) {
  double field = 0;
  for (const auto& s : itf.at("substrates"))
    if (std::abs(s.value("field_offset_mV", 0.0)) > std::abs(field)) field = s.value("field_offset_mV", 0.0);
  return sweep.value("built_in_field", true) ? fmt::format("{:g}", field) : "off";
}

/// η_nuc per current at the reference conditions; at the middle current also the ranking key,
/// nucleus density, continuity and mean CE.
void fill_nucleation_cells(RankingLine& l, const nlohmann::json& runs, const ReferenceConditions& ref) {
  for (double i : ref.currents_mA_cm2) {
    std::string cell = "–";
    for (const auto& r : runs) {
      if (r.at("interface") != l.name || r.at("current_mA_cm2") != i || !ref.holds(r, ref.P_MPa)) continue;
      const auto* c = first_cycle(r);
      // A run without a nucleation spike (no nucleus formed within the plated charge) has
      // no η_nuc: say so rather than fail the report.
      const bool nucleated = c && c->at("eta_nuc_mV").is_number();
      cell = !c ? "failed" : nucleated ? fmt::format("{:.1f}", c->at("eta_nuc_mV").get<double>()) : "no spike";
      if (nucleated && i == ref.i_mid_mA_cm2) {
        l.key = c->at("eta_nuc_mV");
        l.ce = fmt::format("{:.4f}", mean_ce(r));
        l.nuclei =
            c->at("nuclei_per_um2").is_number() ? fmt::format("{:.3g}", c->at("nuclei_per_um2").get<double>()) : "–";
        const auto eta_S = c->value("eta_S_nuc_mV", nlohmann::json());
        l.eta_S = eta_S.is_number() ? fmt::format("{:.0f}", eta_S.get<double>()) : "–";
        l.continuity = c->at("continuity_mAh_cm2").is_number()
                           ? fmt::format("{:.2g}", c->at("continuity_mAh_cm2").get<double>())
                           : "never";
      }
    }
    l.eta.push_back(cell);
  }
}

/// The critical current per stack pressure at the reference conditions ("> i_max" when none failed).
void fill_critical_current_cells(RankingLine& l, const nlohmann::json& sweep, const ReferenceConditions& ref) {
  for (double P : ref.pressures_MPa) {
    std::string cell = "–";
    for (const auto& c : sweep.at("critical_current"))
      if (c.at("interface") == l.name && ref.holds(c, P))
        cell = c.at("critical_current_mA_cm2").is_number()
                   ? fmt::format("{:g}", c.at("critical_current_mA_cm2").get<double>())
                   : fmt::format("> {:g}", ref.currents_mA_cm2.back());
    l.crit.push_back(cell);
  }
}

/// Every interface of the sweep, lowest η_nuc at the middle current first.
std::vector<RankingLine> ranking_lines(const nlohmann::json& sweep, const ReferenceConditions& ref) {
  std::vector<RankingLine> lines;
  for (const auto& itf : sweep.at("interfaces")) {
    RankingLine l;
    l.name = itf.at("name");
    l.field_mV = field_cell(sweep, itf);
    fill_nucleation_cells(l, sweep.at("runs"), ref);
    fill_critical_current_cells(l, sweep, ref);
    lines.push_back(l);
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const RankingLine& a, const RankingLine& b) { return a.key < b.key; });
  return lines;
}

/// The section's heading and the paragraph that says what the ranking shows and where every run is.
std::string section_intro(const nlohmann::json& sweep, const ReferenceConditions& ref, const fs::path& runs_csv) {
  const auto& runs = sweep.at("runs");
  int failed = 0;
  for (const auto& r : runs) failed += r.value("status", "") != "ok";
  return "\n## Mesoscale plating and stripping\n\n" +
         fmt::format(
             "{} runs of the interface simulator ({} failed: contact loss or runaway focusing; a failed run gives no "
             "prediction), {} cycle(s) each. Ranking at {} °C, {} MPa, {} mAh/cm² per cycle, seed {}; η_nuc = "
             "nucleation spike − growth plateau of the first plating (mV; 0: no spike, the nuclei formed below bulk-Na "
             "activity or nothing relieved the adatoms' supersaturation); η_S,nuc = (kT/e) ln of the adatom "
             "supersaturation the nuclei relieved (mV; < 0: below bulk Na; docs/upscale.md); sorted by η_nuc at {} "
             "mA/cm². Field: the built-in-field overpotential offset of the interface's substrates (mV; computed from "
             "the polarisation for a [ferroelectric] substrate, docs/ferroelectric.md, else an input). Every run: "
             "`{}`.\n\n",
             runs.size(), failed, sweep.at("cycles").get<int>(), ref.T_C, ref.P_MPa, ref.capacity_mAh_cm2,
             ref.seed.dump(), ref.i_mid_mA_cm2, runs_csv.string());
}

/// The ranking table and the line that explains i_crit.
std::string ranking_table(const std::vector<RankingLine>& lines, const ReferenceConditions& ref) {
  const std::vector<double>& I = ref.currents_mA_cm2;
  std::ostringstream md;
  md << "| rank | interface | field (mV) |";
  for (double i : I) md << fmt::format(" η_nuc @ {:g} mA/cm² |", i);
  md << fmt::format(" η_S,nuc @ {:g} | nuclei/µm² @ {:g} | continuous at (mAh/cm²) | CE mean @ {:g} |",
                    ref.i_mid_mA_cm2, ref.i_mid_mA_cm2, ref.i_mid_mA_cm2);
  for (double P : ref.pressures_MPa) md << fmt::format(" i_crit @ {:g} MPa (mA/cm²) |", P);
  md << "\n|---|---|---|";
  for (std::size_t k = 0; k < I.size() + 4 + ref.pressures_MPa.size(); ++k) md << "---|";
  md << "\n";
  for (std::size_t n = 0; n < lines.size(); ++n) {
    const auto& l = lines[n];
    md << fmt::format("| {} | {} | {} |", n + 1, l.name, l.field_mV);
    for (const auto& e : l.eta) md << " " << e << " |";
    md << fmt::format(" {} | {} | {} | {} |", l.eta_S.empty() ? "–" : l.eta_S, l.nuclei.empty() ? "–" : l.nuclei,
                      l.continuity.empty() ? "–" : l.continuity, l.ce.empty() ? "–" : l.ce);
    for (const auto& c : l.crit) md << " " << c << " |";
    md << "\n";
  }
  md << fmt::format("\ni_crit: the lowest current of the sweep at which the run failed (\"> {:g}\": none failed).\n",
                    I.back());
  return md.str();
}

/// The mesoscale task's notes, then the runs' warnings, one line per interface and kind.
std::string notes_and_warnings(const nlohmann::json& meso) {
  std::ostringstream md;
  if (meso.contains("notes") && !meso.at("notes").empty()) {
    md << "\n";
    for (const auto& n : meso.at("notes")) md << "- " << n.get<std::string>() << "\n";
  }
  int warned = 0;
  for (const auto& w : upscale::grouped_nucleation_warnings(meso.at("sweep").at("runs")))
    md << (warned++ ? "" : "\nWarnings:\n\n") << "- " << w.text << "\n";
  return md.str();
}

/// The figures `nabridge upscale` drew that exist, linked relative to report_dir.
std::string figures(const fs::path& plots, const fs::path& report_dir) {
  std::string figs = figure(plots, "eta_nuc_vs_current", report_dir, "nucleation overpotential vs current") +
                     figure(plots, "transients", report_dir, "first plating transients") +
                     figure(plots, "coverage_vs_charge", report_dir, "coverage vs plated charge") +
                     figure(plots, "ce_vs_cycle", report_dir, "coulombic efficiency vs cycle") +
                     figure(plots, "critical_current_vs_pressure", report_dir, "critical current vs pressure");
  for (int k = 1; fs::exists(plots / fmt::format("thickness_{}.png", k)); ++k)
    figs += figure(plots, fmt::format("thickness_{}", k), report_dir, "thickness map");
  return figs.empty() ? "" : "\n" + figs;
}

}  // namespace

std::string mesoscale_report_section(const nlohmann::json& meso, const fs::path& report_dir) {
  if (!meso.contains("sweep")) return "";
  const fs::path out = stable_mesoscale_dir(fs::path(meso.at("out_dir").get<std::string>()) / "mesoscale", report_dir);
  const auto& sweep = meso.at("sweep");
  if (sweep.at("runs").empty()) return "";
  const ReferenceConditions ref = reference_conditions(sweep.at("runs"));
  return section_intro(sweep, ref, (out / "runs.csv").lexically_relative(report_dir)) +
         ranking_table(ranking_lines(sweep, ref), ref) + notes_and_warnings(meso) + figures(out / "plots", report_dir);
}

}  // namespace nabridge::workflow
