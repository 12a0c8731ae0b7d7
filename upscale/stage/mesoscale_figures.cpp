// The figures of a mesoscale sweep at its reference conditions: the first temperature, the
// highest pressure, the first capacity and seed (each title says which).
#include <fmt/format.h>

#include <algorithm>

#include "stage/mesoscale_sweep.h"
#include "stage/plots.h"

namespace nabridge::upscale {

namespace {

struct ReferenceConditions {
  double T_C = 0, P_MPa = 0, cap_mAh_cm2 = 0;
  std::uint64_t seed = 1;
  double i_mid = 0;      // the middle current of the sweep
  double P_low = 0;      // the lowest pressure (where contact is scarcest)
  bool all_currents = false;   // transients of every current while the figure stays readable
  bool all_pressures = false;  // CE of every pressure while readable
  std::string text;

  bool at(const SweepRun& r) const { return r.T_C == T_C && r.P_MPa == P_MPa && r.cap_mAh_cm2 == cap_mAh_cm2 && r.seed == seed; }
};

ReferenceConditions reference_conditions(const MesoSweep& m, std::size_t interfaces) {
  ReferenceConditions ref;
  ref.T_C = m.temperature_C.front();
  ref.cap_mAh_cm2 = m.capacity_mAh_cm2.front();
  ref.P_MPa = *std::max_element(m.pressure_MPa.begin(), m.pressure_MPa.end());
  ref.seed = m.seeds.front();
  ref.text = fmt::format("{} °C, {} MPa, {} mAh/cm², seed {}", ref.T_C, ref.P_MPa, ref.cap_mAh_cm2, ref.seed);
  std::vector<double> currents = m.current_mA_cm2;
  std::sort(currents.begin(), currents.end());
  ref.i_mid = currents[currents.size() / 2];
  ref.all_currents = interfaces * currents.size() <= 16;
  ref.all_pressures = interfaces * m.pressure_MPa.size() <= 16;
  ref.P_low = *std::min_element(m.pressure_MPa.begin(), m.pressure_MPa.end());
  return ref;
}

/// The first plating of `r`: η and coverage against the plated charge.
void add_first_plating(const SweepRun& r, const std::string& label, LinePlot& transients, LinePlot& coverage) {
  PlotSeries tr{label + (r.failed ? " (run failed)" : ""), {}}, cv{label, {}};
  for (const auto& t : r.result.transient)
    if (t.cycle == 1 && t.plating && t.charge_C_m2 > 0) {
      tr.xy.emplace_back(t.charge_C_m2 / kC_m2_per_mAh_cm2, t.eta_V * 1e3);
      cv.xy.emplace_back(t.charge_C_m2 / kC_m2_per_mAh_cm2, t.coverage);
    }
  transients.series.push_back(tr);
  coverage.series.push_back(cv);
}

/// CE vs cycle of interface f at the middle current, for every stack pressure (or the lowest).
void add_ce_series(const std::vector<SweepRun>& runs, std::size_t f, const std::string& name, const ReferenceConditions& ref,
                   LinePlot& ce) {
  for (const auto& r : runs) {
    if (r.iface != f || r.failed || r.T_C != ref.T_C || r.cap_mAh_cm2 != ref.cap_mAh_cm2 || r.seed != ref.seed || r.i_mA_cm2 != ref.i_mid)
      continue;
    if (!ref.all_pressures && r.P_MPa != ref.P_low) continue;
    PlotSeries c{ref.all_pressures ? fmt::format("{} {} MPa", name, r.P_MPa) : name, {}};
    for (const auto& cyc : r.result.cycles) c.xy.emplace_back(cyc.cycle, cyc.ce);
    ce.series.push_back(c);
  }
}

/// Critical current vs pressure of one interface, from mesoscale.json's critical_current entries.
PlotSeries critical_series(const nlohmann::json& critical, const std::string& name, const ReferenceConditions& ref) {
  PlotSeries cc{name, {}};
  for (const auto& j : critical)
    if (j["interface"] == name && j["T_C"] == ref.T_C && j["capacity_mAh_cm2"] == ref.cap_mAh_cm2 && j["seed"] == ref.seed &&
        !j["critical_current_mA_cm2"].is_null())
      cc.xy.emplace_back(j["pressure_MPa"].get<double>(), j["critical_current_mA_cm2"].get<double>());
  return cc;
}

MapPlot thickness_map(const SweepRun& shown, std::size_t f, const SweepInterface& itf, const ReferenceConditions& ref) {
  MapPlot mp{fmt::format("thickness_{}", f + 1),
             fmt::format("Na thickness after the first plating\n{}, {} mA/cm²\n{}", itf.name, shown.i_mA_cm2, ref.text), "thickness (nm)",
             shown.result.nx, shown.result.ny, itf.spec.cell_m * 1e9, {}};
  for (double h : shown.result.thickness_first_plating_m) mp.values.push_back(h * 1e9);
  return mp;
}

}  // namespace

int draw_sweep_figures(const MesoSweep& m, const std::vector<SweepInterface>& ifaces, const std::vector<SweepRun>& runs,
                       const nlohmann::json& critical, const std::filesystem::path& plots_dir, std::FILE* warnings) {
  const ReferenceConditions ref = reference_conditions(m, ifaces.size());
  const std::string tref = ref.all_currents ? ref.text : fmt::format("{} mA/cm², {}", ref.i_mid, ref.text);
  LinePlot transients{"transients", "First plating transient\n" + tref, "plated charge (mAh/cm²)", "overpotential η (mV)", true};
  transients.style = "lines";
  LinePlot coverage{"coverage_vs_charge", "Na coverage during the first plating\n" + tref, "plated charge (mAh/cm²)", "covered fraction",
                    true};
  coverage.style = "lines";
  LinePlot eta_nuc{"eta_nuc_vs_current", "Nucleation overpotential\n" + ref.text, "current density (mA/cm²)",
                   "η_nuc = spike − plateau (mV)", true};
  LinePlot ce{"ce_vs_cycle",
              fmt::format("Coulombic efficiency (runs that did not fail)\n{} mA/cm², {}{} °C, {} mAh/cm², seed {}", ref.i_mid,
                          ref.all_pressures ? "" : fmt::format("{} MPa, ", ref.P_low), ref.T_C, ref.cap_mAh_cm2, ref.seed),
              "cycle", "CE"};
  LinePlot crit{"critical_current_vs_pressure",
                fmt::format("Critical current density (lowest failing current of the sweep)\n{} °C, {} mAh/cm², seed {}", ref.T_C,
                            ref.cap_mAh_cm2, ref.seed),
                "stack pressure (MPa)", "critical current (mA/cm²)", true, true};
  std::vector<MapPlot> maps;
  for (std::size_t f = 0; f < ifaces.size(); ++f) {
    const std::string& name = ifaces[f].name;
    PlotSeries nuc{name, {}};
    const SweepRun* shown = nullptr;  // the first run at the reference conditions that did not fail
    for (const auto& r : runs) {
      if (r.iface != f || !ref.at(r)) continue;
      if (ref.all_currents || r.i_mA_cm2 == ref.i_mid)
        add_first_plating(r, ref.all_currents ? fmt::format("{} {} mA/cm²", name, r.i_mA_cm2) : name, transients, coverage);
      if (r.failed) continue;
      nuc.xy.emplace_back(r.i_mA_cm2, r.result.cycles.front().eta_nuc_V * 1e3);
      if (!shown) shown = &r;
    }
    add_ce_series(runs, f, name, ref, ce);
    eta_nuc.series.push_back(nuc);
    crit.series.push_back(critical_series(critical, name, ref));
    if (shown && !shown->result.thickness_first_plating_m.empty()) maps.push_back(thickness_map(*shown, f, ifaces[f], ref));
  }
  return render_plots(plots_dir, {transients, coverage, eta_nuc, ce, crit}, maps, warnings);
}

}  // namespace nabridge::upscale
