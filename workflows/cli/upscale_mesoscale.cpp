// Operating-condition sweep of the mesoscale simulator for `nabridge upscale` (see
// upscale_mesoscale.h): one run per interface × temperature × pressure × capacity × seed ×
// current, a progress line per run on stderr, CSV/JSON results, the critical current density per
// pressure, and gnuplot figures.
#include "cli/upscale_mesoscale.h"

#include <fmt/format.h>
#include <fmt/os.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <exception>
#include <fstream>
#include <map>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "cli/upscale_plots.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/mesoscale.h"

namespace nabridge::cli {

namespace fs = std::filesystem;
using namespace nabridge::upscale;

namespace {

constexpr double kC_m2_per_mAh_cm2 = 3.6e4;  // 1 mAh/cm² = 3.6 C / 1e-4 m²
constexpr double kA_m2_per_mA_cm2 = 10.0;

struct Interface {
  std::string name;
  std::vector<MesoSubstrate> subs;
  MesoMapSpec spec;
};

struct Run {
  int id = 0;
  std::size_t iface = 0;
  double i_mA_cm2 = 0, T_C = 0, P_MPa = 0, cap_mAh_cm2 = 0;
  std::uint64_t seed = 1;
  bool failed = false;
  std::string failure;
  double seconds = 0;
  MesoResult result;  // thickness maps dropped after writing (except the plotted ones)
};

std::string csv_text(const std::string& s) {
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string num(double v, const char* f = "{:.6g}") { return std::isfinite(v) ? fmt::format(fmt::runtime(f), v) : std::string(); }

/// A nucleation density the map cannot give: fewer than 30 nuclei in the whole map make it a count
/// of a few random events (statistical error > 20 %), whatever the cell size.
std::string few_nuclei_warning(const Interface& itf, const Run& run, double nuclei_m2) {
  const double side_m = itf.spec.nx * itf.spec.cell_m, in_map = nuclei_m2 * side_m * itf.spec.ny * itf.spec.cell_m;
  if (in_map >= 30) return "";
  return fmt::format("{} at {:g} mA/cm², {:g} MPa: {:.3g} nuclei/µm² is {:.1f} nuclei in the {:.3g} µm map, a count of a few events; "
                     "enlarge the map (cells × cell_nm) for a converged density",
                     itf.name, run.i_mA_cm2, run.P_MPa, nuclei_m2 * 1e-12, in_map, side_m * 1e6);
}

std::vector<Interface> interfaces_of(const UpscaleParams& p) {
  const MesoSweep& m = *p.meso;
  // A row's substrates (an alloying coating brings its alloy phase's row along); returns the
  // index of the row itself in `subs`.
  auto row = [&](const std::string& name, std::vector<MesoSubstrate>& subs) {
    for (const auto& r : p.rows)
      if (r.name == name) return static_cast<int>(append_meso_substrate(p, r, subs));
    throw std::logic_error("unknown substrate row " + name);
  };
  MesoMapSpec base;
  base.nx = base.ny = m.cells;
  base.cell_m = m.cell_nm * 1e-9;
  base.gap_fraction = m.gap_fraction;
  base.gap_size_m = m.gap_size_nm * 1e-9;
  base.gap_depth_m = m.gap_depth_nm * 1e-9;
  base.pore_fraction = m.pore_fraction;
  base.pore_size_m = m.pore_size_nm * 1e-9;
  base.pore_depth_m = m.pore_depth_nm * 1e-9;
  std::vector<Interface> out;
  for (const auto& name : m.substrates) {
    Interface u{name, {}, base};
    row(name, u.subs);
    out.push_back(u);
  }
  if (m.coating) {
    Interface c{fmt::format("{} islands on {}", *m.coating, *m.coating_on), {}, base};
    c.spec.base = row(*m.coating_on, c.subs);
    c.spec.coating = row(*m.coating, c.subs);
    c.spec.coating_fraction = m.coating_fraction;
    c.spec.coating_island_m = m.coating_island_nm * 1e-9;
    out.push_back(c);
  }
  return out;
}

void write_run_files(const Run& run, const fs::path& dir) {
  const auto tag = fmt::format("run_{:04d}", run.id);
  {
    auto f = fmt::output_file((dir / "transients" / (tag + ".csv")).string());
    f.print("cycle,half,t_s,charge_mAh_cm2,eta_mV,coverage,nuclei_per_um2,contact_fraction\n");
    for (const auto& t : run.result.transient)
      f.print("{},{},{:.9g},{:.9g},{:.6f},{:.6f},{:.6g},{:.6f}\n", t.cycle, t.plating ? "plate" : "strip", t.t_s,
              t.charge_C_m2 / kC_m2_per_mAh_cm2, t.eta_V * 1e3, t.coverage, t.nuclei_m2 * 1e-12, t.contact_fraction);
  }
  {
    auto f = fmt::output_file((dir / "islands" / (tag + ".csv")).string());
    f.print("charge_mAh_cm2,t_s,coverage,islands,islands_per_um2,mean_atoms,log2_size_histogram\n");
    for (const auto& c : run.result.islands) {
      std::string h;
      for (std::size_t k = 0; k < c.histogram.size(); ++k) h += (k ? ";" : "") + std::to_string(c.histogram[k]);
      f.print("{:.9g},{:.9g},{:.6f},{},{:.6g},{:.6g},{}\n", c.charge_C_m2 / kC_m2_per_mAh_cm2, c.t_s, c.coverage, c.islands,
              c.islands_m2 * 1e-12, c.mean_atoms, h);
    }
  }
  if (!run.result.thickness_first_plating_m.empty()) {
    std::ofstream f(dir / "maps" / (tag + "_thickness_nm.dat"));
    for (int y = 0; y < run.result.ny; ++y) {
      for (int x = 0; x < run.result.nx; ++x)
        f << (x ? " " : "") << fmt::format("{:.5g}", run.result.thickness_first_plating_m[static_cast<std::size_t>(y) * run.result.nx + x] * 1e9);
      f << '\n';
    }
  }
}

nlohmann::json cycle_json(const MesoCycle& c) {
  auto opt = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  return {{"cycle", c.cycle},
          {"plated_mAh_cm2", c.plated_C_m2 / kC_m2_per_mAh_cm2},
          {"stripped_mAh_cm2", c.stripped_C_m2 / kC_m2_per_mAh_cm2},
          {"ce", opt(c.ce)},
          {"dead_mAh_cm2", c.dead_C_m2 / kC_m2_per_mAh_cm2},
          {"eta_spike_mV", c.eta_spike_V * 1e3},
          {"eta_plateau_mV", c.eta_plateau_V * 1e3},
          {"eta_nuc_mV", c.eta_nuc_V * 1e3},
          {"nuclei_per_um2", c.nuclei_m2 * 1e-12},
          {"alloyed_mAh_cm2", c.alloyed_C_m2 / kC_m2_per_mAh_cm2},
          {"continuity_mAh_cm2", opt(c.continuity_charge_C_m2 / kC_m2_per_mAh_cm2)},
          {"contact_after_plating", c.contact_after_plating},
          {"contact_after_stripping", c.contact_after_stripping},
          {"max_focusing", c.max_focusing},
          {"max_void_focusing", c.max_void_focusing}};
}

}  // namespace

void run_mesoscale_sweep(const UpscaleParams& p, const fs::path& dir, bool plots, int threads) {
  const MesoSweep& m = *p.meso;
  const auto ifaces = interfaces_of(p);
  for (const char* sub : {"transients", "islands", "maps", "plots"}) fs::create_directories(dir / sub);

  std::vector<Run> runs;
  for (std::size_t f = 0; f < ifaces.size(); ++f)
    for (double T : m.temperature_C)
      for (double P : m.pressure_MPa)
        for (double cap : m.capacity_mAh_cm2)
          for (auto seed : m.seeds)
            for (double i : m.current_mA_cm2) {
              Run r;
              r.id = static_cast<int>(runs.size()) + 1;
              r.iface = f, r.i_mA_cm2 = i, r.T_C = T, r.P_MPa = P, r.cap_mAh_cm2 = cap, r.seed = seed;
              runs.push_back(r);
            }

  // Runs are independent and seeded by their own seed: `threads` workers take them in order
  // from a shared counter; results do not depend on the thread count.
  const auto t_start = std::chrono::steady_clock::now();
  std::atomic<std::size_t> next{0}, finished{0};
  std::mutex report_mutex;
  std::exception_ptr input_error;
  auto worker = [&] {
    for (std::size_t k = next++; k < runs.size(); k = next++) {
      Run& run = runs[k];
      const Interface& itf = ifaces[run.iface];
      MesoOperating op = m.numerics;
      op.current_A_m2 = run.i_mA_cm2 * kA_m2_per_mA_cm2;
      op.T_K = run.T_C + 273.15;
      op.pressure_Pa = run.P_MPa * 1e6;
      op.capacity_C_m2 = run.cap_mAh_cm2 * kC_m2_per_mAh_cm2;
      op.seed = run.seed;
      const auto t0 = std::chrono::steady_clock::now();
      try {
        MesoscaleSimulator sim(itf.subs, m.na, make_meso_map(itf.spec, run.seed), op);
        run.result = sim.run();
        run.failed = run.result.failed;
        run.failure = run.result.failure;
      } catch (const UnsustainableCurrent& e) {
        run.failed = true;
        run.failure = e.what();
      } catch (const std::invalid_argument& e) {
        const std::lock_guard<std::mutex> lock(report_mutex);
        if (!input_error) input_error = std::make_exception_ptr(std::invalid_argument(fmt::format("{}: {}", p.file, e.what())));
        next = runs.size();  // stop handing out runs
        return;
      }
      run.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      write_run_files(run, dir);
      const std::lock_guard<std::mutex> lock(report_mutex);
      const double done = static_cast<double>(++finished);
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
      const double eta_s = elapsed / done * (static_cast<double>(runs.size()) - done);
      std::fprintf(stderr, "[%d/%zu] %s | %g mA/cm² | %g °C | %g MPa | %g mAh/cm² | seed %llu: %s (%.2f s; about %.0f s left)\n", run.id,
                   runs.size(), itf.name.c_str(), run.i_mA_cm2, run.T_C, run.P_MPa, run.cap_mAh_cm2,
                   static_cast<unsigned long long>(run.seed), run.failed ? ("FAILED: " + run.failure).c_str() : "ok", run.seconds, eta_s);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (input_error) std::rethrow_exception(input_error);

  // ---- tables
  auto runs_csv = fmt::output_file((dir / "runs.csv").string());
  runs_csv.print("run,interface,current_mA_cm2,T_C,pressure_MPa,capacity_mAh_cm2,seed,cycles,status,failure,eta_spike_mV,eta_plateau_mV,"
                 "eta_nuc_mV,nuclei_per_um2,continuity_mAh_cm2,ce_first,ce_last,ce_mean,dead_mAh_cm2,contact_after_plating,"
                 "contact_after_stripping,steps,seconds\n");
  auto cyc_csv = fmt::output_file((dir / "cycles.csv").string());
  cyc_csv.print("run,run_status,cycle,plated_mAh_cm2,stripped_mAh_cm2,ce,dead_mAh_cm2,eta_spike_mV,eta_plateau_mV,eta_nuc_mV,"
                "nuclei_per_um2,continuity_mAh_cm2,contact_after_plating,contact_after_stripping,max_focusing,max_void_focusing\n");
  nlohmann::json jruns = nlohmann::json::array();
  for (const auto& run : runs) {
    const auto& cy = run.result.cycles;
    std::string pred = std::string(13, ',');  // a failed run carries no prediction
    if (!run.failed && !cy.empty()) {
      double ce_sum = 0;
      for (const auto& c : cy) ce_sum += c.ce;
      const auto& c0 = cy.front();
      pred = fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}", num(c0.eta_spike_V * 1e3), num(c0.eta_plateau_V * 1e3),
                         num(c0.eta_nuc_V * 1e3), num(c0.nuclei_m2 * 1e-12), num(c0.continuity_charge_C_m2 / kC_m2_per_mAh_cm2),
                         num(c0.ce, "{:.10f}"), num(cy.back().ce, "{:.10f}"), num(ce_sum / cy.size(), "{:.10f}"),
                         num(cy.back().dead_C_m2 / kC_m2_per_mAh_cm2), num(c0.contact_after_plating), num(cy.back().contact_after_stripping),
                         run.result.steps, num(run.seconds, "{:.3f}"));
    } else {
      pred = std::string(11, ',') + fmt::format("{},{}", run.result.steps, num(run.seconds, "{:.3f}"));
    }
    runs_csv.print("{},{},{},{},{},{},{},{},{},{},{}\n", run.id, csv_text(ifaces[run.iface].name), run.i_mA_cm2, run.T_C, run.P_MPa,
                   run.cap_mAh_cm2, run.seed, m.cycles, run.failed ? "failed" : "ok", run.failed ? csv_text(run.failure) : "", pred);
    nlohmann::json jc = nlohmann::json::array();
    for (const auto& c : cy) {
      jc.push_back(cycle_json(c));
      cyc_csv.print("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", run.id, run.failed ? "failed" : "ok", c.cycle,
                    num(c.plated_C_m2 / kC_m2_per_mAh_cm2, "{:.9g}"), num(c.stripped_C_m2 / kC_m2_per_mAh_cm2, "{:.9g}"),
                    num(c.ce, "{:.10f}"), num(c.dead_C_m2 / kC_m2_per_mAh_cm2), num(c.eta_spike_V * 1e3), num(c.eta_plateau_V * 1e3),
                    num(c.eta_nuc_V * 1e3), num(c.nuclei_m2 * 1e-12), num(c.continuity_charge_C_m2 / kC_m2_per_mAh_cm2),
                    num(c.contact_after_plating), num(c.contact_after_stripping), num(c.max_focusing), num(c.max_void_focusing));
    }
    nlohmann::json j{{"run", run.id},
                     {"interface", ifaces[run.iface].name},
                     {"current_mA_cm2", run.i_mA_cm2},
                     {"T_C", run.T_C},
                     {"pressure_MPa", run.P_MPa},
                     {"capacity_mAh_cm2", run.cap_mAh_cm2},
                     {"seed", run.seed},
                     {"status", run.failed ? "failed" : "ok"},
                     {"steps", run.result.steps},
                     {"seconds", run.seconds},
                     {"transient_file", fmt::format("transients/run_{:04d}.csv", run.id)}};
    if (run.failed) {
      j["failure"] = run.failure;
      j["completed_cycles_for_diagnosis"] = jc;  // not predictions
    } else {
      j["cycles"] = jc;
      if (std::isfinite(run.result.alloyed_before_nucleation_C_m2))
        j["alloyed_before_nucleation_mAh_cm2"] = run.result.alloyed_before_nucleation_C_m2 / kC_m2_per_mAh_cm2;
      const std::string warning = few_nuclei_warning(ifaces[run.iface], run, cy.front().nuclei_m2);
      if (!warning.empty()) {
        j["warning"] = warning;
        fmt::print(stderr, "warning: {}\n", warning);
      }
    }
    jruns.push_back(j);
  }
  runs_csv.close();
  cyc_csv.close();

  // Critical current density: the lowest current of the sweep whose run failed, per
  // (interface, T, pressure, capacity, seed).
  auto crit_csv = fmt::output_file((dir / "critical_current.csv").string());
  crit_csv.print("interface,T_C,pressure_MPa,capacity_mAh_cm2,seed,critical_current_mA_cm2,note\n");
  nlohmann::json jcrit = nlohmann::json::array();
  std::map<std::tuple<std::size_t, double, double, double, std::uint64_t>, std::vector<const Run*>> groups;
  for (const auto& r : runs) groups[{r.iface, r.T_C, r.P_MPa, r.cap_mAh_cm2, r.seed}].push_back(&r);
  for (auto& [key, g] : groups) {
    std::sort(g.begin(), g.end(), [](const Run* a, const Run* b) { return a->i_mA_cm2 < b->i_mA_cm2; });
    const Run* first_fail = nullptr;
    for (const Run* r : g)
      if (r->failed) {
        first_fail = r;
        break;
      }
    const auto& [f, T, P, cap, seed] = key;
    const std::string note = first_fail ? "lowest failing current of the sweep: " + first_fail->failure
                                        : fmt::format("no failure up to {} mA/cm²", g.back()->i_mA_cm2);
    crit_csv.print("{},{},{},{},{},{},{}\n", csv_text(ifaces[f].name), T, P, cap, seed, first_fail ? num(first_fail->i_mA_cm2) : "",
                   csv_text(note));
    jcrit.push_back({{"interface", ifaces[f].name}, {"T_C", T}, {"pressure_MPa", P}, {"capacity_mAh_cm2", cap}, {"seed", seed},
                     {"critical_current_mA_cm2", first_fail ? nlohmann::json(first_fail->i_mA_cm2) : nlohmann::json(nullptr)},
                     {"note", note}});
  }
  crit_csv.close();

  nlohmann::json jif = nlohmann::json::array();
  for (const auto& itf : ifaces) {
    nlohmann::json subs = nlohmann::json::array();
    for (const auto& s : itf.subs)
      subs.push_back({{"name", s.name}, {"E_bind_eV", s.E_bind_eV}, {"theta_deg", s.theta_deg}, {"Ea_diff_eV", s.Ea_diff_eV},
                      {"nu0_Hz", s.nu0_Hz}, {"i0_A_m2", s.i0_A_m2}, {"field_offset_mV", s.field_offset_V * 1e3},
                      {"alloy_capacity_mAh_cm2", s.alloy_capacity_m2 * kElementaryCharge_C / kC_m2_per_mAh_cm2},
                      {"alloy_potential_mV", std::isnan(s.alloy_potential_V) ? nlohmann::json() : nlohmann::json(s.alloy_potential_V * 1e3)}});
    jif.push_back({{"name", itf.name}, {"substrates", subs}, {"cells", itf.spec.nx * itf.spec.ny}, {"cell_nm", itf.spec.cell_m * 1e9},
                   {"coating_fraction", itf.spec.coating >= 0 ? itf.spec.coating_fraction : 0.0}, {"gap_fraction", itf.spec.gap_fraction},
                   {"pore_fraction", itf.spec.pore_fraction}});
  }
  std::ofstream(dir / "mesoscale.json") << nlohmann::json{{"params_file", p.file},
                                                         {"cycles", m.cycles},
                                                         {"built_in_field", m.numerics.built_in_field},
                                                         {"interfaces", jif},
                                                         {"runs", jruns},
                                                         {"critical_current", jcrit}}
                                               .dump(2)
                                        << '\n';

  // ---- figures at the reference conditions: first temperature, highest pressure, first
  // capacity and seed (each title says which).
  const double T_ref = m.temperature_C.front(), cap_ref = m.capacity_mAh_cm2.front();
  const double P_ref = *std::max_element(m.pressure_MPa.begin(), m.pressure_MPa.end());
  const auto seed_ref = m.seeds.front();
  const std::string ref = fmt::format("{} °C, {} MPa, {} mAh/cm², seed {}", T_ref, P_ref, cap_ref, seed_ref);
  auto at_ref = [&](const Run& r) { return r.T_C == T_ref && r.P_MPa == P_ref && r.cap_mAh_cm2 == cap_ref && r.seed == seed_ref; };
  std::vector<double> currents = m.current_mA_cm2;
  std::sort(currents.begin(), currents.end());
  const double i_mid = currents[currents.size() / 2];
  // Transients of every current while the figure stays readable; else the middle current only.
  const bool all_currents = ifaces.size() * currents.size() <= 16;
  const std::string tref = all_currents ? ref : fmt::format("{} mA/cm², {}", i_mid, ref);
  LinePlot transients{"transients", "First plating transient\n" + tref, "plated charge (mAh/cm²)", "overpotential η (mV)", true};
  transients.style = "lines";
  LinePlot coverage{"coverage_vs_charge", "Na coverage during the first plating\n" + tref, "plated charge (mAh/cm²)", "covered fraction",
                    true};
  coverage.style = "lines";
  LinePlot eta_nuc{"eta_nuc_vs_current", "Nucleation overpotential\n" + ref, "current density (mA/cm²)", "η_nuc = spike − plateau (mV)",
                   true};
  // CE of every pressure while readable; else the lowest pressure (where contact is scarcest).
  const bool all_pressures = ifaces.size() * m.pressure_MPa.size() <= 16;
  const double P_low = *std::min_element(m.pressure_MPa.begin(), m.pressure_MPa.end());
  LinePlot ce{"ce_vs_cycle",
              fmt::format("Coulombic efficiency (runs that did not fail)\n{} mA/cm², {}{} °C, {} mAh/cm², seed {}", i_mid,
                          all_pressures ? "" : fmt::format("{} MPa, ", P_low), T_ref, cap_ref, seed_ref),
              "cycle", "CE"};
  LinePlot crit{"critical_current_vs_pressure", fmt::format("Critical current density (lowest failing current of the sweep)\n{} °C, {} mAh/cm², seed {}", T_ref, cap_ref, seed_ref),
                "stack pressure (MPa)", "critical current (mA/cm²)", true, true};
  std::vector<MapPlot> maps;
  for (std::size_t f = 0; f < ifaces.size(); ++f) {
    PlotSeries nuc{ifaces[f].name, {}}, cc{ifaces[f].name, {}};
    const Run* shown = nullptr;
    for (const auto& r : runs) {
      if (r.iface != f || !at_ref(r)) continue;
      if (all_currents || r.i_mA_cm2 == i_mid) {
        const std::string lbl = all_currents ? fmt::format("{} {} mA/cm²", ifaces[f].name, r.i_mA_cm2) : ifaces[f].name;
        PlotSeries tr{lbl + (r.failed ? " (run failed)" : ""), {}}, cv{lbl, {}};
        for (const auto& t : r.result.transient)
          if (t.cycle == 1 && t.plating && t.charge_C_m2 > 0) {
            tr.xy.emplace_back(t.charge_C_m2 / kC_m2_per_mAh_cm2, t.eta_V * 1e3);
            cv.xy.emplace_back(t.charge_C_m2 / kC_m2_per_mAh_cm2, t.coverage);
          }
        transients.series.push_back(tr);
        coverage.series.push_back(cv);
      }
      if (r.failed) continue;
      nuc.xy.emplace_back(r.i_mA_cm2, r.result.cycles.front().eta_nuc_V * 1e3);
      if (!shown) shown = &r;
    }
    // CE vs cycle for every stack pressure at the middle current of the sweep.
    for (const auto& r : runs) {
      if (r.iface != f || r.failed || r.T_C != T_ref || r.cap_mAh_cm2 != cap_ref || r.seed != seed_ref || r.i_mA_cm2 != i_mid) continue;
      if (!all_pressures && r.P_MPa != P_low) continue;
      PlotSeries c{all_pressures ? fmt::format("{} {} MPa", ifaces[f].name, r.P_MPa) : ifaces[f].name, {}};
      for (const auto& cyc : r.result.cycles) c.xy.emplace_back(cyc.cycle, cyc.ce);
      ce.series.push_back(c);
    }
    eta_nuc.series.push_back(nuc);
    for (const auto& j : jcrit)
      if (j["interface"] == ifaces[f].name && j["T_C"] == T_ref && j["capacity_mAh_cm2"] == cap_ref && j["seed"] == seed_ref &&
          !j["critical_current_mA_cm2"].is_null())
        cc.xy.emplace_back(j["pressure_MPa"].get<double>(), j["critical_current_mA_cm2"].get<double>());
    crit.series.push_back(cc);
    if (shown && !shown->result.thickness_first_plating_m.empty()) {
      MapPlot mp{fmt::format("thickness_{}", f + 1),
                 fmt::format("Na thickness after the first plating\n{}, {} mA/cm²\n{}", ifaces[f].name, shown->i_mA_cm2, ref), "thickness (nm)",
                 shown->result.nx, shown->result.ny, ifaces[f].spec.cell_m * 1e9, {}};
      for (double h : shown->result.thickness_first_plating_m) mp.values.push_back(h * 1e9);
      maps.push_back(mp);
    }
  }
  const int drawn = plots ? render_plots(dir / "plots", {transients, coverage, eta_nuc, ce, crit}, maps) : 0;

  // ---- summary on stdout
  fmt::print("\nmesoscale: {} runs ({} failed) in {:.1f} s; results in {}\n", runs.size(),
             std::count_if(runs.begin(), runs.end(), [](const Run& r) { return r.failed; }),
             std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count(), dir.string());
  fmt::print("{:<36} {:>6} {:>8} {:>12} {:>9} {:>9} {:>8}\n", "interface", "T_C", "P_MPa", "i_mA_cm2", "eta_nuc", "CE_mean", "status");
  for (const auto& r : runs) {
    double ce_sum = 0;
    for (const auto& c : r.result.cycles) ce_sum += c.ce;
    fmt::print("{:<36} {:>6g} {:>8g} {:>12g} {:>9} {:>9} {:>8}\n", ifaces[r.iface].name.substr(0, 36), r.T_C, r.P_MPa, r.i_mA_cm2,
               r.failed ? "-" : fmt::format("{:.1f}", r.result.cycles.front().eta_nuc_V * 1e3),
               r.failed ? "-" : fmt::format("{:.6f}", ce_sum / r.result.cycles.size()), r.failed ? "FAILED" : "ok");
  }
  if (drawn) fmt::print("{} figures (PNG + SVG) in {}\n", drawn, (dir / "plots").string());
}

}  // namespace nabridge::cli
