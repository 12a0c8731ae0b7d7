// Mesoscale simulator and lattice KMC throughput.
//  * cell-steps per second of a galvanostatic plating transient (sodiophobic collector with
//    10 % gaps, 1 mA/cm², 0.05 mAh/cm²) at 10⁴, 10⁵ and 10⁶ cells: the cost should be linear in
//    the number of cells (same number of steps), target ≤ 10 s for the 10⁶-cell transient;
//  * KMC events per second (i* = 1, D/F = 10⁷ on a 512² lattice), target ≥ 10⁶/s.
// Reports wall and CPU seconds (the CPU time is what counts on a shared machine).
//   ./build/bench/mesoscale_bench [max_cells_exponent (default 6)]
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <ctime>
#include <cstdlib>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/kmc.h"
#include "nabridge/upscale/mesoscale.h"
#include "meso_fixtures.h"

using namespace nabridge::upscale;

namespace {
double cpu_s() { return static_cast<double>(std::clock()) / CLOCKS_PER_SEC; }
double wall_s() { return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count(); }
}  // namespace

int main(int argc, char** argv) {
  const int max_exp = argc > 1 ? std::atoi(argv[1]) : 6;
  const MesoSubstrate graphite = testing::sodiophobic();  // graphite-like adatom energetics

  fmt::print("Mesoscale plating transient (1 mA/cm², 0.05 mAh/cm², 50 nm cells, 10 % gaps)\n");
  fmt::print("{:>9} {:>7} {:>10} {:>9} {:>9} {:>16} {:>13}\n", "cells", "steps", "cell-steps", "wall_s", "cpu_s", "cell-steps/cpu-s",
             "eta_nuc_mV");
  for (int e = 4; e <= max_exp; ++e) {
    const int side = static_cast<int>(std::lround(std::sqrt(std::pow(10.0, e))));
    MesoMapSpec ms;
    ms.nx = ms.ny = side;
    ms.gap_fraction = 0.1;
    MesoOperating op;
    op.current_A_m2 = 10.0;
    op.capacity_C_m2 = 1800.0;
    op.strip = false;
    op.snapshots = 0;
    const double w0 = wall_s(), c0 = cpu_s();
    MesoscaleSimulator sim({graphite}, testing::sodium(), make_meso_map(ms, 1), op);
    const MesoResult r = sim.run();
    const double wall = wall_s() - w0, cpu = cpu_s() - c0;
    const double cs = static_cast<double>(r.steps) * side * side;
    fmt::print("{:>9} {:>7} {:>10.3e} {:>9.2f} {:>9.2f} {:>16.3e} {:>13.1f}{}\n", side * side, r.steps, cs, wall, cpu, cs / cpu,
               r.cycles.at(0).eta_nuc_V * 1e3, r.failed ? "  FAILED: " + r.failure : "");
  }

  fmt::print("\nLattice KMC, i* = 1, 512² sites, D/F = 1e7, to 0.1 ML\n");
  KmcParams p;
  p.L = 512;
  p.Ea_eV = 0;
  p.nu_Hz = 1e7;
  p.sample_coverages = {0.1};
  const double w0 = wall_s(), c0 = cpu_s();
  const KmcResult k = run_kmc(p);
  const double wall = wall_s() - w0, cpu = cpu_s() - c0;
  fmt::print("{:>12} {:>9} {:>9} {:>14} {:>16}\n", "events", "wall_s", "cpu_s", "events/cpu-s", "islands/site");
  fmt::print("{:>12} {:>9.2f} {:>9.2f} {:>14.3e} {:>16.3e}\n", k.events, wall, cpu, k.events / cpu, k.samples.at(0).islands_per_site);
  return 0;
}
