#include "stage/mesoscale_sweep.h"

#include <fmt/format.h>
#include <fmt/os.h>

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
#include <tuple>

#include "nabridge/base/csv.h"
#include "nabridge/base/notes.h"
#include "nabridge/upscale/constants.h"
#include "stage/mesoscale_warnings.h"

namespace nabridge::upscale {

namespace fs = std::filesystem;

namespace {

constexpr double kA_m2_per_mA_cm2 = 10.0;

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

std::string num(double v, const char* f = "{:.6g}") {
  return std::isfinite(v) ? fmt::format(fmt::runtime(f), v) : std::string();
}

/// "<interface> at <i> mA/cm², <P> MPa": the run a nucleation warning is about (its own text in
/// mesoscale.json; the log and the report group the runs, stage/mesoscale_warnings.h).
std::string run_label(const SweepInterface& itf, const SweepRun& run) {
  return fmt::format("{} at {:g} mA/cm², {:g} MPa", itf.name, run.i_mA_cm2, run.P_MPa);
}

/// Side of the square map the run's result is from (the interface's, or an enlarged one).
double map_side_m(const SweepRun& run, const SweepInterface& itf) { return run.cells * itf.spec.cell_m; }

/// Nuclei the first plating formed in the run's map (what N reports).
double nuclei_in_map(const SweepRun& run, const SweepInterface& itf, const MesoCycle& c) {
  const double side_m = map_side_m(run, itf);
  return c.nuclei_m2 * side_m * side_m;
}

/// A nucleation density the map cannot give: fewer than 30 nuclei in the whole map make it a count
/// of a few random events (statistical error > 20 %), whatever the cell size. Said after the map
/// was enlarged as far as max_cells allows (simulate); not where most of the Na started as a
/// percolated adatom layer (layer_warning says so instead). Its entry of "nucleation_warnings"
/// (stage/mesoscale_warnings.h), or null.
nlohmann::json few_nuclei_warning(const SweepInterface& itf, const SweepRun& run, const MesoCycle& c,
                                  const MesoSweep& m) {
  const double in_map = nuclei_in_map(run, itf, c);
  if (in_map >= 30 || c.layer_cell_fraction > 0.5) return nullptr;
  std::string advice;
  if (c.layer_cell_fraction > 0)
    advice = "a map with a percolated layer is not enlarged; set cells × cell_nm for a larger one";
  else if (run.cells >= m.max_cells)
    advice = fmt::format("the map {} max_cells = {} per side; raise [conditions.interface] max_cells",
                         run.cells > itf.spec.nx ? "was enlarged to" : "is already", m.max_cells);
  else
    advice = fmt::format("raise [conditions.interface] min_nuclei (now {}) to enlarge the map", m.min_nuclei);
  return {{"kind", kFewNucleiWarning},
          {"nuclei_per_um2", c.nuclei_m2 * 1e-12},
          {"nuclei_in_map", in_map},
          {"map_um", map_side_m(run, itf) * 1e6},
          {"advice", advice}};
}

/// A nucleation density the rate equations do not give: where most nuclei formed on adatoms
/// filling more than half the sites (immobile adatoms, E_a > ~1.1 eV, held at the site density),
/// nucleation runs at the full layer's rate for as long as bare area is left, so the density is
/// set by how fast the Na spreads across the cells and moves with the cell size.
nlohmann::json crowded_sites_warning(const MesoCycle& c) {
  if (!(c.nuclei_m2 > 0) || c.crowded_nuclei_m2 <= 0.1 * c.nuclei_m2) return nullptr;
  return {{"kind", kCrowdedSitesWarning},
          {"crowded_percent", 100 * c.crowded_nuclei_m2 / c.nuclei_m2},
          {"nuclei_per_um2", c.nuclei_m2 * 1e-12}};
}

/// Na that did not nucleate: where immobile adatoms (E_a > ~1.1 eV) filled a cell's sites past
/// the percolation threshold they formed one connected layer, a wetting layer Na grows on; the
/// nucleation density then describes only the rest of the map.
nlohmann::json layer_warning(const MesoCycle& c) {
  if (!(c.layer_cell_fraction > 0)) return nullptr;
  return {{"kind", kLayerWarning},
          {"layer_cells_percent", 100 * c.layer_cell_fraction},
          {"nuclei_per_um2", c.nuclei_m2 * 1e-12}};
}

/// A nucleation density set by one step: where most nuclei formed in a single step (a uniform
/// alloying coating that converts on every cell at once takes its nuclei then), the density
/// follows the step and the cell size, not a nucleation rate.
nlohmann::json burst_warning(const MesoCycle& c) {
  if (!(c.nuclei_m2 > 0) || c.burst_nuclei_m2 <= 0.5 * c.nuclei_m2) return nullptr;
  return {{"kind", kBurstWarning},
          {"burst_percent", 100 * c.burst_nuclei_m2 / c.nuclei_m2},
          {"nuclei_per_um2", c.nuclei_m2 * 1e-12}};
}

std::vector<SweepInterface> interfaces_of(const UpscaleParams& p) {
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
  std::vector<SweepInterface> out;
  for (const auto& name : m.substrates) {
    SweepInterface u{name, {}, base};
    row(name, u.subs);
    out.push_back(u);
  }
  if (m.coating) {
    SweepInterface c{fmt::format("{} islands on {}", *m.coating, *m.coating_on), {}, base};
    c.spec.base = row(*m.coating_on, c.subs);
    c.spec.coating = row(*m.coating, c.subs);
    c.spec.coating_fraction = m.coating_fraction;
    c.spec.coating_island_m = m.coating_island_nm * 1e-9;
    out.push_back(c);
  }
  return out;
}

/// Every combination of the sweep, in the order of runs.csv (the current varies fastest).
std::vector<SweepRun> plan_runs(const MesoSweep& m, std::size_t interfaces) {
  std::vector<SweepRun> runs;
  for (std::size_t f = 0; f < interfaces; ++f)
    for (double T : m.temperature_C)
      for (double P : m.pressure_MPa)
        for (double cap : m.capacity_mAh_cm2)
          for (auto seed : m.seeds)
            for (double i : m.current_mA_cm2) {
              SweepRun r;
              r.id = static_cast<int>(runs.size()) + 1;
              r.iface = f, r.i_mA_cm2 = i, r.T_C = T, r.P_MPa = P, r.cap_mAh_cm2 = cap, r.seed = seed;
              runs.push_back(r);
            }
  return runs;
}

/// One run on a map of `cells` per side of the interface's kind. A current the interface cannot
/// sustain is a failed run (a result); an input the simulator refuses throws std::invalid_argument.
void run_on_map(SweepRun& run, const SweepInterface& itf, const MesoSweep& m, int cells) {
  MesoOperating op = m.numerics;
  op.current_A_m2 = run.i_mA_cm2 * kA_m2_per_mA_cm2;
  op.T_K = run.T_C + 273.15;
  op.pressure_Pa = run.P_MPa * 1e6;
  op.capacity_C_m2 = run.cap_mAh_cm2 * kC_m2_per_mAh_cm2;
  op.seed = run.seed;
  MesoMapSpec spec = itf.spec;
  spec.nx = spec.ny = cells;
  run.cells = cells;
  run.failed = false;
  run.failure.clear();
  try {
    MesoscaleSimulator sim(itf.subs, m.na, make_meso_map(spec, run.seed), op);
    run.result = sim.run();
    run.failed = run.result.failed;
    run.failure = run.result.failure;
  } catch (const UnsustainableCurrent& e) {
    run.result = MesoResult{};
    run.failed = true;
    run.failure = e.what();
  }
}

/// Whether a larger map would give the run's nucleation density better: its first plating formed
/// fewer than min_nuclei nuclei in the map. Not a failed run, and not one where Na started as a
/// percolated adatom layer: its few nuclei beside the layer are not a density (layer_warning).
bool too_few_nuclei(const SweepRun& run, const SweepInterface& itf, const MesoSweep& m) {
  if (run.failed || run.result.cycles.empty()) return false;
  const MesoCycle& first = run.result.cycles.front();
  return !(first.layer_cell_fraction > 0) && nuclei_in_map(run, itf, first) < m.min_nuclei;
}

/// Runs one operating point on the interface's map and, while that held too few nuclei, again on
/// one with twice the cells per side (same cell size and seed) up to max_cells. The overpotential
/// is one value for the whole map, so the first nuclei form in the rare tail of the nucleation
/// rate and end the spike: a map of a few hundred nuclei samples that tail badly (N biased high
/// and scattered; kDefaultMinNuclei).
void simulate(SweepRun& run, const SweepInterface& itf, const MesoSweep& m) {
  const auto t0 = Clock::now();
  run_on_map(run, itf, m, itf.spec.nx);
  while (run.cells < m.max_cells && too_few_nuclei(run, itf, m))
    run_on_map(run, itf, m, std::min(2 * run.cells, m.max_cells));
  run.seconds = seconds_since(t0);
}

/// transients/, islands/ and maps/ of one run.
void write_run_files(const SweepRun& run, const fs::path& dir) {
  const auto tag = fmt::format("run_{:04d}", run.id);
  {
    auto f = fmt::output_file((dir / "transients" / (tag + ".csv")).string());
    f.print("cycle,half,t_s,charge_mAh_cm2,eta_mV,coverage,nuclei_per_um2,contact_fraction,eta_S_mV\n");
    for (const auto& t : run.result.transient)
      f.print("{},{},{:.9g},{:.9g},{:.6f},{:.6f},{:.6g},{:.6f},{}\n", t.cycle, t.plating ? "plate" : "strip", t.t_s,
              t.charge_C_m2 / kC_m2_per_mAh_cm2, t.eta_V * 1e3, t.coverage, t.nuclei_m2 * 1e-12, t.contact_fraction,
              num(t.eta_S_V * 1e3, "{:.6f}"));
  }
  {
    auto f = fmt::output_file((dir / "islands" / (tag + ".csv")).string());
    f.print("charge_mAh_cm2,t_s,coverage,islands,islands_per_um2,mean_atoms,log2_size_histogram\n");
    for (const auto& c : run.result.islands) {
      std::string h;
      for (std::size_t k = 0; k < c.histogram.size(); ++k) h += (k ? ";" : "") + std::to_string(c.histogram[k]);
      f.print("{:.9g},{:.9g},{:.6f},{},{:.6g},{:.6g},{}\n", c.charge_C_m2 / kC_m2_per_mAh_cm2, c.t_s, c.coverage,
              c.islands, c.islands_m2 * 1e-12, c.mean_atoms, h);
    }
  }
  if (!run.result.thickness_first_plating_m.empty()) {
    std::ofstream f(dir / "maps" / (tag + "_thickness_nm.dat"));
    for (int y = 0; y < run.result.ny; ++y) {
      for (int x = 0; x < run.result.nx; ++x)
        f << (x ? " " : "")
          << fmt::format("{:.5g}",
                         run.result.thickness_first_plating_m[static_cast<std::size_t>(y) * run.result.nx + x] * 1e9);
      f << '\n';
    }
  }
}

/// Runs every point of the sweep. Runs are independent and seeded by their own seed: `threads`
/// workers take them in order from a shared counter, so results do not depend on the thread
/// count. The first input error stops handing out runs and is rethrown naming the file.
void run_all(std::vector<SweepRun>& runs, const std::vector<SweepInterface>& ifaces, const UpscaleParams& p,
             const fs::path& dir, const UpscaleStageOptions& opt) {
  const auto t_start = Clock::now();
  std::atomic<std::size_t> next{0}, finished{0};
  std::mutex report_mutex;
  std::exception_ptr input_error;
  auto worker = [&] {
    for (std::size_t k = next++; k < runs.size(); k = next++) {
      SweepRun& run = runs[k];
      const SweepInterface& itf = ifaces[run.iface];
      try {
        simulate(run, itf, *p.meso);
      } catch (const std::invalid_argument& e) {
        const std::lock_guard<std::mutex> lock(report_mutex);
        if (!input_error)
          input_error = std::make_exception_ptr(std::invalid_argument(fmt::format("{}: {}", p.file, e.what())));
        next = runs.size();
        return;
      }
      write_run_files(run, dir);
      const std::lock_guard<std::mutex> lock(report_mutex);
      const double done = static_cast<double>(++finished);
      const double eta_s = seconds_since(t_start) / done * (static_cast<double>(runs.size()) - done);
      std::fprintf(
          opt.progress,
          "[%d/%zu] %s | %g mA/cm² | %g °C | %g MPa | %g mAh/cm² | seed %llu: %s (%.2f s; about %.0f s left)\n", run.id,
          runs.size(), itf.name.c_str(), run.i_mA_cm2, run.T_C, run.P_MPa, run.cap_mAh_cm2,
          static_cast<unsigned long long>(run.seed), run.failed ? ("FAILED: " + run.failure).c_str() : "ok",
          run.seconds, eta_s);
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < opt.threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  if (input_error) std::rethrow_exception(input_error);
}

nlohmann::json cycle_json(const MesoCycle& c) {
  auto opt = [](double v) { return std::isfinite(v) ? nlohmann::json(v) : nlohmann::json(nullptr); };
  return {{"cycle", c.cycle},
          {"plated_mAh_cm2", c.plated_C_m2 / kC_m2_per_mAh_cm2},
          {"stripped_mAh_cm2", c.stripped_C_m2 / kC_m2_per_mAh_cm2},
          {"ce", opt(c.ce)},
          {"dead_mAh_cm2", c.dead_C_m2 / kC_m2_per_mAh_cm2},
          {"eta_spike_mV", opt(c.eta_spike_V * 1e3)},
          {"eta_plateau_mV", c.eta_plateau_V * 1e3},
          {"eta_nuc_mV", c.eta_nuc_V * 1e3},
          {"eta_S_nuc_mV", opt(c.eta_S_nuc_V * 1e3)},
          {"nuclei_per_um2", c.nuclei_m2 * 1e-12},
          {"alloyed_mAh_cm2", c.alloyed_C_m2 / kC_m2_per_mAh_cm2},
          {"continuity_mAh_cm2", opt(c.continuity_charge_C_m2 / kC_m2_per_mAh_cm2)},
          {"contact_after_plating", c.contact_after_plating},
          {"contact_after_stripping", c.contact_after_stripping},
          {"max_focusing", c.max_focusing},
          {"max_void_focusing", c.max_void_focusing}};
}

std::string cycle_csv_row(const SweepRun& run, const MesoCycle& c) {
  return fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", run.id, run.failed ? "failed" : "ok",
                     c.cycle, num(c.plated_C_m2 / kC_m2_per_mAh_cm2, "{:.9g}"),
                     num(c.stripped_C_m2 / kC_m2_per_mAh_cm2, "{:.9g}"), num(c.ce, "{:.10f}"),
                     num(c.dead_C_m2 / kC_m2_per_mAh_cm2), num(c.eta_spike_V * 1e3), num(c.eta_plateau_V * 1e3),
                     num(c.eta_nuc_V * 1e3), num(c.eta_S_nuc_V * 1e3), num(c.nuclei_m2 * 1e-12),
                     num(c.continuity_charge_C_m2 / kC_m2_per_mAh_cm2), num(c.contact_after_plating),
                     num(c.contact_after_stripping), num(c.max_focusing), num(c.max_void_focusing));
}

/// The prediction columns of runs.csv (eta_spike_mV … ce_mean … contact_after_stripping), then
/// steps and seconds; a failed run carries no prediction.
std::string run_csv_tail(const SweepRun& run) {
  const auto& cy = run.result.cycles;
  if (run.failed || cy.empty())
    return std::string(12, ',') + fmt::format("{},{}", run.result.steps, num(run.seconds, "{:.3f}"));
  double ce_sum = 0;
  for (const auto& c : cy) ce_sum += c.ce;
  const auto& c0 = cy.front();
  return fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{}", num(c0.eta_spike_V * 1e3),
                     num(c0.eta_plateau_V * 1e3), num(c0.eta_nuc_V * 1e3), num(c0.eta_S_nuc_V * 1e3),
                     num(c0.nuclei_m2 * 1e-12), num(c0.continuity_charge_C_m2 / kC_m2_per_mAh_cm2),
                     num(c0.ce, "{:.10f}"), num(cy.back().ce, "{:.10f}"), num(ce_sum / cy.size(), "{:.10f}"),
                     num(cy.back().dead_C_m2 / kC_m2_per_mAh_cm2), num(c0.contact_after_plating),
                     num(cy.back().contact_after_stripping), run.result.steps, num(run.seconds, "{:.3f}"));
}

/// A run's entry of mesoscale.json, with the warnings about its nucleation density: each as an
/// entry of "nucleation_warnings" (its kind and numbers) and all as text in "warning".
nlohmann::json run_json(const SweepRun& run, const SweepInterface& itf, const MesoSweep& m,
                        const nlohmann::json& cycles) {
  nlohmann::json j{{"run", run.id},
                   {"interface", itf.name},
                   {"current_mA_cm2", run.i_mA_cm2},
                   {"T_C", run.T_C},
                   {"pressure_MPa", run.P_MPa},
                   {"capacity_mAh_cm2", run.cap_mAh_cm2},
                   {"seed", run.seed},
                   {"cells_per_side", run.cells},
                   {"map_um", map_side_m(run, itf) * 1e6},
                   {"status", run.failed ? "failed" : "ok"},
                   {"steps", run.result.steps},
                   {"seconds", run.seconds},
                   {"transient_file", fmt::format("transients/run_{:04d}.csv", run.id)}};
  if (run.failed) {
    j["failure"] = run.failure;
    j["completed_cycles_for_diagnosis"] = cycles;  // not predictions
    return j;
  }
  j["cycles"] = cycles;
  if (std::isfinite(run.result.alloyed_before_nucleation_C_m2))
    j["alloyed_before_nucleation_mAh_cm2"] = run.result.alloyed_before_nucleation_C_m2 / kC_m2_per_mAh_cm2;
  const MesoCycle& first = run.result.cycles.front();
  std::string all;
  nlohmann::json found = nlohmann::json::array();
  for (const nlohmann::json& w : {few_nuclei_warning(itf, run, first, m), layer_warning(first),
                                  crowded_sites_warning(first), burst_warning(first)}) {
    if (w.is_null()) continue;
    append_note(all, nucleation_warning_text(run_label(itf, run), w));
    found.push_back(w);
  }
  if (!all.empty()) j["warning"] = all, j["nucleation_warnings"] = found;
  return j;
}

/// runs.csv and cycles.csv; returns the runs' entries of mesoscale.json.
nlohmann::json write_run_tables(const std::vector<SweepRun>& runs, const std::vector<SweepInterface>& ifaces,
                                const MesoSweep& m, const fs::path& dir) {
  auto runs_csv = fmt::output_file((dir / "runs.csv").string());
  runs_csv.print(
      "run,interface,current_mA_cm2,T_C,pressure_MPa,capacity_mAh_cm2,seed,cells_per_side,map_um,cycles,status,failure,"
      "eta_spike_mV,eta_plateau_mV,eta_nuc_mV,eta_S_nuc_mV,nuclei_per_um2,continuity_mAh_cm2,ce_first,ce_last,ce_mean,"
      "dead_mAh_cm2,contact_after_plating,contact_after_stripping,steps,seconds\n");
  auto cyc_csv = fmt::output_file((dir / "cycles.csv").string());
  cyc_csv.print(
      "run,run_status,cycle,plated_mAh_cm2,stripped_mAh_cm2,ce,dead_mAh_cm2,eta_spike_mV,eta_plateau_mV,eta_nuc_mV,"
      "eta_S_nuc_mV,nuclei_per_um2,continuity_mAh_cm2,contact_after_plating,contact_after_stripping,max_focusing,"
      "max_void_focusing\n");
  nlohmann::json jruns = nlohmann::json::array();
  for (const auto& run : runs) {
    const auto& itf = ifaces[run.iface];
    runs_csv.print("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", run.id, csv_field(itf.name), run.i_mA_cm2, run.T_C,
                   run.P_MPa, run.cap_mAh_cm2, run.seed, run.cells, num(map_side_m(run, itf) * 1e6), m.cycles,
                   run.failed ? "failed" : "ok", run.failed ? csv_field(run.failure) : "", run_csv_tail(run));
    nlohmann::json jc = nlohmann::json::array();
    for (const auto& c : run.result.cycles) {
      jc.push_back(cycle_json(c));
      cyc_csv.print("{}", cycle_csv_row(run, c));
    }
    jruns.push_back(run_json(run, itf, m, jc));
  }
  return jruns;
}

/// Critical current density: the lowest current of the sweep whose run failed, per (interface,
/// T, pressure, capacity, seed). Writes critical_current.csv; returns mesoscale.json's entries.
nlohmann::json write_critical_currents(const std::vector<SweepRun>& runs, const std::vector<SweepInterface>& ifaces,
                                       const fs::path& dir) {
  auto crit_csv = fmt::output_file((dir / "critical_current.csv").string());
  crit_csv.print("interface,T_C,pressure_MPa,capacity_mAh_cm2,seed,critical_current_mA_cm2,note\n");
  nlohmann::json jcrit = nlohmann::json::array();
  std::map<std::tuple<std::size_t, double, double, double, std::uint64_t>, std::vector<const SweepRun*>> groups;
  for (const auto& r : runs) groups[{r.iface, r.T_C, r.P_MPa, r.cap_mAh_cm2, r.seed}].push_back(&r);
  for (auto& [key, g] : groups) {
    std::sort(g.begin(), g.end(), [](const SweepRun* a, const SweepRun* b) { return a->i_mA_cm2 < b->i_mA_cm2; });
    const auto first_fail = std::find_if(g.begin(), g.end(), [](const SweepRun* r) { return r->failed; });
    const SweepRun* fail = first_fail == g.end() ? nullptr : *first_fail;
    const auto& [f, T, P, cap, seed] = key;
    const std::string note = fail ? "lowest failing current of the sweep: " + fail->failure
                                  : fmt::format("no failure up to {} mA/cm²", g.back()->i_mA_cm2);
    crit_csv.print("{},{},{},{},{},{},{}\n", csv_field(ifaces[f].name), T, P, cap, seed,
                   fail ? num(fail->i_mA_cm2) : "", csv_field(note));
    jcrit.push_back({{"interface", ifaces[f].name},
                     {"T_C", T},
                     {"pressure_MPa", P},
                     {"capacity_mAh_cm2", cap},
                     {"seed", seed},
                     {"critical_current_mA_cm2", fail ? nlohmann::json(fail->i_mA_cm2) : nlohmann::json(nullptr)},
                     {"note", note}});
  }
  return jcrit;
}

/// The interfaces' entries of mesoscale.json: each map's substrates as the simulator took them.
nlohmann::json interfaces_json(const std::vector<SweepInterface>& ifaces) {
  nlohmann::json jif = nlohmann::json::array();
  for (const auto& itf : ifaces) {
    nlohmann::json subs = nlohmann::json::array();
    for (const auto& s : itf.subs)
      subs.push_back(
          {{"name", s.name},
           {"E_bind_eV", s.E_bind_eV},
           {"theta_deg", s.theta_deg},
           {"Ea_diff_eV", s.Ea_diff_eV},
           {"nu0_Hz", s.nu0_Hz},
           {"i0_A_m2", s.i0_A_m2},
           {"field_offset_mV", s.field_offset_V * 1e3},
           {"alloy_capacity_mAh_cm2", s.alloy_capacity_m2 * kElementaryCharge_C / kC_m2_per_mAh_cm2},
           {"alloy_potential_mV",
            std::isnan(s.alloy_potential_V) ? nlohmann::json() : nlohmann::json(s.alloy_potential_V * 1e3)}});
    jif.push_back({{"name", itf.name},
                   {"substrates", subs},
                   {"cells", itf.spec.nx * itf.spec.ny},
                   {"cell_nm", itf.spec.cell_m * 1e9},
                   {"coating_fraction", itf.spec.coating >= 0 ? itf.spec.coating_fraction : 0.0},
                   {"gap_fraction", itf.spec.gap_fraction},
                   {"pore_fraction", itf.spec.pore_fraction}});
  }
  return jif;
}

void print_summary(const std::vector<SweepRun>& runs, const std::vector<SweepInterface>& ifaces, double seconds,
                   const fs::path& dir, int figures, std::FILE* report) {
  fmt::print(report, "\nmesoscale: {} runs ({} failed) in {:.1f} s; results in {}\n", runs.size(),
             std::count_if(runs.begin(), runs.end(), [](const SweepRun& r) { return r.failed; }), seconds,
             dir.string());
  fmt::print(report, "{:<36} {:>6} {:>8} {:>12} {:>9} {:>9} {:>8}\n", "interface", "T_C", "P_MPa", "i_mA_cm2",
             "eta_nuc", "CE_mean", "status");
  for (const auto& r : runs) {
    double ce_sum = 0;
    for (const auto& c : r.result.cycles) ce_sum += c.ce;
    fmt::print(report, "{:<36} {:>6g} {:>8g} {:>12g} {:>9} {:>9} {:>8}\n", ifaces[r.iface].name.substr(0, 36), r.T_C,
               r.P_MPa, r.i_mA_cm2, r.failed ? "-" : fmt::format("{:.1f}", r.result.cycles.front().eta_nuc_V * 1e3),
               r.failed ? "-" : fmt::format("{:.6f}", ce_sum / r.result.cycles.size()), r.failed ? "FAILED" : "ok");
  }
  if (figures) fmt::print(report, "{} figures (PNG + SVG) in {}\n", figures, (dir / "plots").string());
}

}  // namespace

void run_mesoscale_sweep(const UpscaleParams& p, const fs::path& dir, const UpscaleStageOptions& opt) {
  const MesoSweep& m = *p.meso;
  const auto ifaces = interfaces_of(p);
  for (const char* sub : {"transients", "islands", "maps", "plots"}) fs::create_directories(dir / sub);
  std::vector<SweepRun> runs = plan_runs(m, ifaces.size());
  const auto t_start = Clock::now();
  run_all(runs, ifaces, p, dir, opt);

  const nlohmann::json jruns = write_run_tables(runs, ifaces, m, dir);
  for (const auto& w : grouped_nucleation_warnings(jruns)) fmt::print(opt.progress, "warning: {}\n", w.text);
  const nlohmann::json jcrit = write_critical_currents(runs, ifaces, dir);
  std::ofstream(dir / "mesoscale.json") << nlohmann::json{{"params_file", p.file},
                                                         {"cycles", m.cycles},
                                                         {"built_in_field", m.numerics.built_in_field},
                                                         {"interfaces", interfaces_json(ifaces)},
                                                         {"runs", jruns},
                                                         {"critical_current", jcrit}}
                                               .dump(2)
                                        << '\n';
  const int drawn = opt.plots ? draw_sweep_figures(m, ifaces, runs, jcrit, dir / "plots", opt.progress) : 0;
  print_summary(runs, ifaces, seconds_since(t_start), dir, drawn, opt.report);
}

}  // namespace nabridge::upscale
