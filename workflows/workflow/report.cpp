// report.md (and report.html, report_html.cpp): the campaign's parameter table, Na properties, a ranking of substrates,
// NEB profiles (gnuplot PNG), the potentials' errors against the DFT reference, the upscaling predictions, the
// mesoscale ranking and figures (report_mesoscale.cpp) and the provenance of the run.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <sstream>

#include "core/safe_name.h"
#include "nabridge/version.h"
#include "workflow/dft_targets.h"
#include "workflow/outputs.h"
#include "workflow/report_html.h"
#include "workflow/report_mesoscale.h"
#include "workflow/result_cache.h"
#include "nabridge/base/atomic_file.h"
#include "nabridge/base/bounds.h"
#include "nabridge/base/gnuplot.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

// A note as one sentence: notes end without a full stop (their findings joined by append_note,
// nabridge/base/notes.h), a quoted message may end with one; the sentence gets exactly one.
std::string as_sentence(std::string note) {
  while (!note.empty() && (note.back() == ' ' || note.back() == '.')) note.pop_back();
  return note + ".";
}

std::string num(const nlohmann::json& row, const std::string& key, const char* format = "{:.4g}") {
  if (!row.contains(key) || !row[key].is_number()) return "–";
  return fmt::format(fmt::runtime(format), row[key].get<double>());
}

/// Spread (max − min) of each numeric key over the rows of one substrate facet computed with
/// different potentials; empty when a facet has one row.
using Spreads = std::map<std::string, std::map<std::string, double>>;
Spreads potential_spreads(const nlohmann::json& rows) {
  std::map<std::string, std::vector<const nlohmann::json*>> groups;
  for (const auto& r : rows)
    groups[r.at("substrate").get<std::string>() + "(" + r.at("facet").get<std::string>() + ")"].push_back(&r);
  Spreads out;
  for (const auto& [g, members] : groups) {
    if (members.size() < 2) continue;
    for (const auto& [k, v] : members.front()->items()) {
      if (!v.is_number()) continue;
      double lo = kRunningMinStart, hi = kRunningMaxStart;
      for (const auto* m : members)
        if (m->contains(k) && (*m)[k].is_number())
          lo = std::min(lo, (*m)[k].get<double>()), hi = std::max(hi, (*m)[k].get<double>());
      out[g][k] = hi - lo;
    }
  }
  return out;
}

/// The value, and with several potentials for this facet the spread between them: "−3.18 (Δ 0.46)".
std::string value(const nlohmann::json& row, const std::string& key, const char* format, const Spreads& spreads) {
  std::string s = num(row, key, format);
  const auto g = spreads.find(row.at("substrate").get<std::string>() + "(" + row.at("facet").get<std::string>() + ")");
  if (g != spreads.end() && g->second.count(key)) s += fmt::format(" (Δ {:.2g})", g->second.at(key));
  return s;
}

/// NEB energy profiles of all hops of one (substrate, facet) in one PNG; false if not drawn.
bool plot_neb_profiles(const nlohmann::json& hops, const fs::path& png, const std::string& title) {
  const fs::path data = png.string() + ".dat", script = png.string() + ".gp";
  std::ofstream d(data);
  std::string plots;
  int block = 0;
  for (const auto& h : hops.at("hops")) {
    for (const auto& pt : h.at("path")) d << pt[0].get<double>() << ' ' << pt[1].get<double>() << '\n';
    d << "\n\n";
    plots += fmt::format("{}{} index {} with linespoints title {}", plots.empty() ? "" : ", ",
                         gnuplot_string(data.string()), block++,
                         gnuplot_string(fmt::format("{} -> {} ({:.3f} eV)", h.at("from").get<std::string>(),
                                                    h.at("to").get<std::string>(), h.at("barrier_eV").get<double>())));
  }
  d.close();
  if (plots.empty()) return false;
  std::ofstream(script) << fmt::format(
      "set terminal {} size 640,420 noenhanced\nset output {}\nset title {}\nset xlabel 'reaction coordinate (Å)'\n"
      "set ylabel 'E − E_initial (eV)'\nset key top left\nplot {}\n",
      gnuplot_png_terminal(), gnuplot_string(png.string()), gnuplot_string(title), plots);
  return run_gnuplot_if_changed(script, {data}, png);
}

/// Rigid separation scan of a Na film with its UBER fit E(d) = −W (1 + d*) exp(−d*),
/// d* = (d − d0)/l (Rose, Ferrante, Smith, Phys. Rev. Lett. 47, 675 (1981)).
bool plot_uber(const nlohmann::json& ad, const fs::path& png, const std::string& title) {
  const fs::path data = png.string() + ".dat", script = png.string() + ".gp";
  std::ofstream d(data);
  for (const auto& pt : ad.at("uber_curve")) d << pt[0].get<double>() << ' ' << pt[1].get<double>() << '\n';
  d.close();
  if (ad.at("uber_curve").empty()) return false;
  const double W = ad.at("uber_W_J_m2"), l = ad.at("uber_l_A"), d0 = ad.at("uber_d0_A");
  std::ofstream(script) << fmt::format(
      "set terminal {} size 640,420 noenhanced\nset output {}\nset title {}\nset xlabel 'film separation d (Å)'\n"
      "set ylabel 'E (J/m²)'\nf(x) = -{} * (1 + (x - {})/{}) * exp(-(x - {})/{})\n"
      "plot {} with points pt 7 title 'rigid scan', f(x) with lines title 'UBER fit W = {:.3f} J/m², l = {:.3f} Å'\n",
      gnuplot_png_terminal(), gnuplot_string(png.string()), gnuplot_string(title), W, d0, l, d0, l,
      gnuplot_string(data.string()), W, l);
  return run_gnuplot_if_changed(script, {data}, png);
}

/// Links to the extended XYZ files the tasks wrote (ASE: ase.io.read(path, index=':'); OVITO).
std::string structures_section(const TaskGraph& graph, const std::map<std::string, nlohmann::json>& results) {
  std::ostringstream md;
  for (const auto& t : graph.tasks()) {
    const auto r = results.find(t.name);
    if (r == results.end()) continue;
    std::vector<std::pair<std::string, std::string>> files;
    if (r->second.contains("structures"))
      for (const auto& [what, path] : r->second.at("structures").items())
        files.emplace_back(what, path.get<std::string>());
    if (r->second.contains("hops"))
      for (const auto& h : r->second.at("hops"))
        if (h.contains("band_structures"))
          files.emplace_back(
              fmt::format("NEB band {} -> {}", h.at("from").get<std::string>(), h.at("to").get<std::string>()),
              h.at("band_structures").get<std::string>());
    if (r->second.contains("superseded_hops"))
      for (const auto& h : r->second.at("superseded_hops"))
        files.emplace_back(fmt::format("NEB band {} -> {}, set aside: {}", h.at("from").get<std::string>(),
                                       h.at("to").get<std::string>(), h.at("why").get<std::string>()),
                           h.at("band_structures").get<std::string>());
    for (const auto& [what, path] : files) md << fmt::format("| `{}` | {} | [{}]({}) |\n", t.name, what, path, path);
  }
  if (md.str().empty()) return "";
  return "\n## Structures\n\nRelaxed states as extended XYZ (energy, forces, cell, pbc; `move_mask` 0 marks fixed "
         "atoms): `ase.io.read(path, index=':')` or OVITO opens them.\n\n| task | state | file |\n|---|---|---|\n" +
         md.str();
}

/// The E_ads_vs_bulk rows per site: the sodiophilicity the ranking orders by, in DFT and in the potential.
std::string adsorption_vs_dft_table(const std::vector<DftValidationRow>& rows) {
  std::string md;
  const auto signed_eV = [](double e) { return std::isnan(e) ? std::string("n/a") : fmt::format("{:+.3f}", e); };
  for (const auto& r : rows)
    if (r.quantity == "E_ads_vs_bulk")
      md += fmt::format("| {} | {} | {} | {} | {} |\n", r.system, r.site, signed_eV(r.dft), signed_eV(r.potential),
                        signed_eV(r.potential - r.dft));
  if (md.empty()) return "";
  return "\nNa adatom E_ads vs bulk Na per site (what the ranking orders by):\n\n"
         "| system | site | DFT (eV) | potential (eV) | potential − DFT (eV) |\n|---|---|---|---|---|\n" +
         md;
}

/// Per potential of the campaign, its errors against the DFT reference from
/// potentials/<id>/dft_validation.csv, so a reader sees which rows rest on a potential far from DFT.
std::string potentials_vs_dft_section(const Campaign& c) {
  std::string md =
      "\n## Potentials against the DFT reference\n\nEach potential's errors against the NaBridge DFT reference "
      "(PBE, CP2K; `data/reference/dft`), from its `dft_validation.csv` (`nabridge potential dft-validate ID`). "
      "Where a potential's E_ads vs bulk Na is far from DFT, the ranking above shows the potential, not the "
      "substrate.\n";
  std::string unchecked;
  for (const auto& potential : c.potentials) {
    const std::string& name = potential.first;
    const auto folder = c.potential_folders.find(name);
    const fs::path csv = folder == c.potential_folders.end() ? fs::path() : folder->second / "dft_validation.csv";
    if (csv.empty() || !fs::exists(csv)) {
      unchecked += fmt::format("- `{}` has not been checked against DFT (no dft_validation.csv).\n", name);
      continue;
    }
    const auto rows = read_dft_validation_csv(csv);
    md += fmt::format("\n### `{}` ({})\n\n", name, folder->second.filename().string()) +
          dft_error_table_markdown(rows) + adsorption_vs_dft_table(rows);
  }
  if (!unchecked.empty()) md += "\n" + unchecked;
  return md;
}

/// The title, the campaign and the run's task counts, with the first line of each failure.
std::string summary_section(const Campaign& c, const RunSummary& summary) {
  std::string md = fmt::format("# NaBridge report: {}\n\nCampaign `{}`, T = {} K, NaBridge {}.\n\n", c.name,
                               c.file.string(), c.T_K, kVersion);
  md += fmt::format("Tasks: {} in the graph, {} from the cache, {} run now, {} failed, {} skipped.\n\n", summary.total,
                    summary.cached, summary.executed, summary.failed, summary.skipped);
  for (const auto& [name, err] : summary.failures)
    md += fmt::format("- **failed** `{}`: {}\n", name, err.substr(0, err.find('\n')));
  if (!summary.failures.empty()) md += "\n";
  return md;
}

std::string bulk_na_section(const nlohmann::json& na) {
  std::string md = "## Bulk Na (" + na.at("potential").get<std::string>() + ")\n\n| quantity | value |\n|---|---|\n";
  for (const auto& [k, v] : na.items())
    if (v.is_number()) md += fmt::format("| {} | {:.6g} |\n", k, v.get<double>());
  return md;
}

/// The parameter table's rows, then the notes on γ_sub and on the diffusion barriers.
std::string parameter_table_section(const nlohmann::json& rows, const Spreads& sp) {
  std::string md = "\n## Parameter table\n\nAlso in `parameters.csv`, `parameters.json`, `parameters.toml`.\n\n";
  if (!sp.empty()) md += "Facets computed with several potentials show the spread between them as (Δ max − min).\n\n";
  md +=
      "| substrate | facet | potential | γ_sub (J/m²) | site | E_bind (eV) | E_ads vs bulk Na (eV) | sites (m⁻²) "
      "| Ea_diff (eV) | ν0 (Hz) | D_s (m²/s) |\n";
  md += "|---|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    md +=
        fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", r.at("substrate").get<std::string>(),
                    r.at("facet").get<std::string>(), r.at("potential").get<std::string>(),
                    value(r, "gamma_sub_J_m2", "{:.3f}", sp), r.value("site", "–"), value(r, "E_bind_eV", "{:.3f}", sp),
                    value(r, "E_ads_eV", "{:.3f}", sp), num(r, "site_density_m2", "{:.3e}"),
                    value(r, "Ea_diff_eV", "{:.3f}", sp), num(r, "nu0_Hz", "{:.3e}"), num(r, "D_s_m2_s", "{:.3e}"));
  for (const auto& r : rows)
    if (r.contains("gamma_note"))
      md += fmt::format("\n- γ_sub of {}({}) [{}]: {}", r.at("substrate").get<std::string>(),
                        r.at("facet").get<std::string>(), r.at("potential").get<std::string>(),
                        as_sentence(r.at("gamma_note").get<std::string>()));
  for (const auto& r : rows)
    if (r.contains("hops_note"))
      md += fmt::format("\n- {} {}({}) [{}]: {}",
                        r.contains("Ea_diff_eV") ? "Diffusion barrier of" : "No diffusion barrier for",
                        r.at("substrate").get<std::string>(), r.at("facet").get<std::string>(),
                        r.at("potential").get<std::string>(), as_sentence(r.at("hops_note").get<std::string>()));
  return md + "\n";
}

std::string film_adhesion_section(const nlohmann::json& rows, const Spreads& sp) {
  std::string md =
      "\n## Na film adhesion\n\n| substrate | facet | potential | W_ad (J/m²) | γ_int (J/m²) | θ (°) | "
      "UBER l (Å) | σ_max (GPa) | Na film strain |\n";
  md += "|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    if (r.contains("W_ad_J_m2"))
      md += fmt::format("| {} | {} | {} | {} | {} | {} | {} | {} | {} |\n", r.at("substrate").get<std::string>(),
                        r.at("facet").get<std::string>(), r.at("potential").get<std::string>(),
                        value(r, "W_ad_J_m2", "{:.3f}", sp), value(r, "gamma_int_J_m2", "{:.3f}", sp),
                        value(r, "theta_deg", "{:.1f}", sp), num(r, "uber_l_A", "{:.3f}"),
                        num(r, "sigma_max_GPa", "{:.2f}"), num(r, "film_strain_max", "{:+.3f}"));
  for (const auto& r : rows)
    if (r.contains("adhesion_note"))
      md += fmt::format("\n- W_ad of {}({}) [{}]: {}", r.at("substrate").get<std::string>(),
                        r.at("facet").get<std::string>(), r.at("potential").get<std::string>(),
                        as_sentence(r.at("adhesion_note").get<std::string>()));
  return md + (md.back() == '\n' ? "" : "\n");
}

/// Sodiophilicity ranking: an adatom bound more strongly than in bulk Na (E_ads < 0) wets the
/// substrate and meets little or no nucleation barrier (docs/upscale.md).
std::string sodiophilicity_ranking_section(const nlohmann::json& rows) {
  std::vector<nlohmann::json> ranked(rows.begin(), rows.end());
  std::sort(ranked.begin(), ranked.end(),
            [](const auto& a, const auto& b) { return a.at("E_ads_eV") < b.at("E_ads_eV"); });
  std::string md = "\n## Ranking by Na adsorption energy relative to bulk Na (most sodiophilic first)\n\n";
  for (std::size_t k = 0; k < ranked.size(); ++k)
    md += fmt::format("{}. {}({}) [{}]: E_ads = {:+.3f} eV {}\n", k + 1, ranked[k].at("substrate").get<std::string>(),
                      ranked[k].at("facet").get<std::string>(), ranked[k].at("potential").get<std::string>(),
                      ranked[k].at("E_ads_eV").get<double>(),
                      ranked[k].at("E_ads_eV").get<double>() < 0 ? "(binds Na more strongly than bulk Na)" : "");
  return md;
}

/// Each hops task's hops, with its NEB profiles drawn when gnuplot is at hand.
std::string neb_section(const TaskGraph& graph, const std::map<std::string, nlohmann::json>& results,
                        const fs::path& dir, bool gnuplot) {
  std::string figures;
  for (const auto& t : graph.tasks()) {
    if (t.type != "hops") continue;
    const auto r = results.find(t.name);
    if (r == results.end()) continue;
    const fs::path png = dir / "figures" / (safe_file_stem(t.name) + ".png");
    fs::create_directories(png.parent_path());
    const bool drawn = gnuplot && plot_neb_profiles(r->second, png, "Na hops: " + t.name);
    figures += fmt::format("### {}\n\n", t.name);
    for (const auto& h : r->second.at("hops"))
      figures +=
          fmt::format("- {} → {}: {:.3f} Å, Ea = {:.4f} eV, ν = {:.3e} Hz{}\n", h.at("from").get<std::string>(),
                      h.at("to").get<std::string>(), h.at("length_A").get<double>(), h.at("barrier_eV").get<double>(),
                      h.at("nu_Hz").get<double>(), h.at("converged").get<bool>() ? "" : " (NOT converged)");
    if (drawn) figures += fmt::format("\n![NEB profiles]({})\n", fs::relative(png, dir).string());
    figures += "\n";
  }
  return figures.empty() ? "" : "\n## Diffusion barriers (CI-NEB)\n\n" + figures;
}

/// Each adhesion task's separation curve, drawn when gnuplot is at hand (no section otherwise).
std::string separation_curves_section(const TaskGraph& graph, const std::map<std::string, nlohmann::json>& results,
                                      const fs::path& dir, bool gnuplot) {
  std::string uber;
  for (const auto& t : graph.tasks()) {
    if (t.type != "adhesion") continue;
    const auto r = results.find(t.name);
    if (r == results.end() || !gnuplot) continue;
    const fs::path png = dir / "figures" / (safe_file_stem(t.name) + ".png");
    fs::create_directories(png.parent_path());
    if (plot_uber(r->second, png, "Na film: " + t.name))
      uber += fmt::format("![{}]({})\n", t.name, fs::relative(png, dir).string());
  }
  return uber.empty() ? "" : "\n## Separation curves (rigid scan, UBER fit)\n\n" + uber + "\n";
}

/// The upscaling stage's nucleation predictions, then the mesoscale runs (report_mesoscale.cpp).
std::string upscaling_section(const nlohmann::json& meso, const fs::path& dir) {
  std::string md =
      "## Upscaling predictions\n\nFrom the mesoscale task's upscaling stage (`run_upscale_stage`, the "
      "library call behind `nabridge upscale`) on the parameter table (input: `" +
      meso.at("params_file").get<std::string>() + "`).\n\n";
  md += "| substrate | η (mV) | regime | n* | ΔG* (eV) | θ (°) | D_s (m²/s) |\n|---|---|---|---|---|---|---|\n";
  const auto& pred = meso.at("predictions");
  if (pred.is_array())
    for (const auto& p : pred)
      md += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", p.value("substrate", "?"), num(p, "eta_mV", "{:g}"),
                        p.value("regime", "?"), p.contains("n_star_atomistic") ? p["n_star_atomistic"].dump() : "–",
                        num(p, "dG_star_atomistic_eV", "{:.4f}"), num(p, "theta_deg", "{:.1f}"),
                        num(p, "D_s_m2_s", "{:.3e}"));
  return md + mesoscale_report_section(meso, dir);
}

}  // namespace

fs::path write_report(const Campaign& c, const TaskGraph& graph, const std::map<std::string, nlohmann::json>& results,
                      const RunSummary& summary, const fs::path& dir) {
  std::string md = summary_section(c, summary);
  if (const auto table = results.find("table"); table != results.end()) {
    const nlohmann::json& rows = table->second.at("rows");
    const Spreads sp = potential_spreads(rows);
    md += bulk_na_section(table->second.at("na")) + parameter_table_section(rows, sp) +
          film_adhesion_section(rows, sp) + sodiophilicity_ranking_section(rows);
  }
  md += potentials_vs_dft_section(c);
  const bool gnuplot = gnuplot_available();
  md += neb_section(graph, results, dir, gnuplot) + separation_curves_section(graph, results, dir, gnuplot);
  if (const auto meso = results.find("mesoscale"); meso != results.end()) md += upscaling_section(meso->second, dir);
  md += structures_section(graph, results);
  md +=
      "\n## Provenance\n\nEvery result is indexed in `nabridge.sqlite` (table `tasks`: key, inputs, versions, host, "
      "times, status, error), e.g. `sqlite3 nabridge.sqlite 'select name, status, seconds from tasks'`.\n";
  const fs::path out = dir / "report.md";
  write_file_atomically(out, md);
  write_report_html(md, dir, "NaBridge report: " + c.name);
  return out;
}

}  // namespace nabridge::workflow
