// Digest of the mesoscale simulator for kernel changes: every result field (transient, cycles,
// censuses, thickness maps) and the final state (per-cell arrays, substrate map) of fixed runs —
// the mesoscale_bench transient at 10⁴ cells (10⁵ with `big`), a coating/gap/pore map with
// the built-in field over two plating/stripping cycles, three cycles with gaps, an alloying
// coating at 1 and 10 mA/cm², a sodiophilic collector at 0.1 mA/cm², and 60 direct steps
// (plating, rest, stripping) — one value a line at 17 significant digits. Equal files before and
// after a change mean bit-identical results:
//   ./build/bench/mesoscale_digest before.txt [big]   (then after.txt, and cmp before.txt after.txt)
// (plus narrow and non-square maps: 2×2, 2×9, 11×2, 13×6, with and without gaps, two cycles).
#include <cstdio>
#include <cstring>
#include <string>
#include <utility>
#include <vector>
#include "nabridge/upscale/mesoscale.h"
#include "meso_fixtures.h"
using namespace nabridge::upscale;
using namespace nabridge::upscale::testing;
static FILE* out;
static void v(const char* k, double x) { std::fprintf(out, "%s %.17g\n", k, x); }
static void vec(const char* k, const std::vector<double>& a) { for (size_t i = 0; i < a.size(); ++i) std::fprintf(out, "%s[%zu] %.17g\n", k, i, a[i]); }
static void dump(const std::string& name, MesoscaleSimulator& sim, const MesoResult& r) {
  std::fprintf(out, "== %s\n", name.c_str());
  v("failed", r.failed); std::fprintf(out, "failure %s\n", r.failure.c_str());
  v("steps", (double)r.steps); v("charge_passed", r.charge_passed_C_m2); v("alloyed_before", r.alloyed_before_nucleation_C_m2);
  for (auto& t : r.transient) std::fprintf(out, "T %d %d %.17g %.17g %.17g %.17g %.17g %.17g\n", t.cycle, t.plating, t.t_s, t.charge_C_m2, t.eta_V, t.coverage, t.nuclei_m2, t.contact_fraction);
  for (auto& c : r.cycles) std::fprintf(out, "C %d %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g %.17g\n", c.cycle, c.plated_C_m2, c.stripped_C_m2, c.ce, c.dead_C_m2, c.eta_spike_V, c.eta_plateau_V, c.eta_nuc_V, c.nuclei_m2, c.alloyed_C_m2, c.continuity_charge_C_m2, c.contact_after_plating, c.contact_after_stripping, c.max_focusing, c.max_void_focusing);
  for (auto& c : r.islands) { std::fprintf(out, "I %.17g %.17g %.17g %d %.17g %.17g", c.t_s, c.charge_C_m2, c.coverage, c.islands, c.islands_m2, c.mean_atoms); for (int h : c.histogram) std::fprintf(out, " %d", h); std::fprintf(out, "\n"); }
  vec("h1", r.thickness_first_plating_m); vec("hf", r.thickness_final_m);
  const auto& st = sim.state();
  std::vector<double> cov(st.covered.begin(), st.covered.end());
  vec("cov", cov); vec("n1", st.n1_m2); vec("h", st.h_m); vec("isl", st.islands_m2); vec("gap", st.gap_m); vec("alloy", st.alloy_m2);
  v("eta", st.eta_V); v("t", st.t_s); v("na_charge", sim.na_charge_C_m2()); v("coverage", sim.coverage()); v("contact", sim.contact_fraction());
  std::vector<double> sm(sim.substrate_map().begin(), sim.substrate_map().end()); vec("sub", sm);
}
static MesoSubstrate au(double layers) { MesoSubstrate s = substrate("Au-coating", -1.40, 20, 0.03, 1e13, 2.88, 6, 10.0); s.alloy_capacity_m2 = layers * 1.39e19 * 0.5; s.alloy_potential_V = 0.274; s.alloy_phase = 1; return s; }
static MesoSubstrate nau2() { return substrate("NaAu2", -1.40, 20, 0.03, 1e13, 2.88, 6, 10.0); }
int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT.txt [big]\n", argv[0]);
    return 2;
  }
  out = std::fopen(argv[1], "w");
  if (!out) {
    std::fprintf(stderr, "mesoscale_digest: cannot write %s\n", argv[1]);
    return 1;
  }
  const bool big = argc > 2 && std::strcmp(argv[2], "big") == 0;
  // 1: the benchmark transient
  for (int side : big ? std::vector<int>{316} : std::vector<int>{100}) {
    MesoMapSpec ms; ms.nx = ms.ny = side; ms.gap_fraction = 0.1;
    MesoOperating op; op.current_A_m2 = 10; op.capacity_C_m2 = 1800; op.strip = false; op.snapshots = 0;
    MesoscaleSimulator sim({sodiophobic()}, sodium(), make_meso_map(ms, 1), op);
    auto r = sim.run(); dump("bench" + std::to_string(side), sim, r);
  }
  if (big) return std::fclose(out) == 0 ? 0 : 1;
  // 2: mixed coating/gap/pore, field, 2 cycles with stripping, census
  {
    MesoSubstrate field = sodiophilic(); field.field_offset_V = 0.05;
    MesoMapSpec ms; ms.nx = 48; ms.ny = 40; ms.coating = 1; ms.coating_fraction = 0.25; ms.gap_fraction = 0.1; ms.pore_fraction = 0.08;
    MesoOperating op; op.current_A_m2 = 20; op.capacity_C_m2 = 600; op.cycles = 2; op.pressure_Pa = 1e6;
    MesoscaleSimulator sim({sodiophobic(), field}, sodium(), make_meso_map(ms, 7), op);
    auto r = sim.run(); dump("mixed", sim, r);
  }
  {  // high pressure, 3 cycles, sodiophobic with gaps
    MesoMapSpec ms; ms.nx = ms.ny = 40; ms.gap_fraction = 0.15;
    MesoOperating op; op.current_A_m2 = 30; op.capacity_C_m2 = 900; op.cycles = 3; op.pressure_Pa = 5e6;
    MesoscaleSimulator sim({sodiophobic()}, sodium(), make_meso_map(ms, 3), op);
    auto r = sim.run(); dump("cycles", sim, r);
  }
  // 3: alloying coating, partial coverage, 1 and 10 mA/cm2
  for (double i : {10.0, 100.0}) {
    MesoMapSpec ms; ms.nx = ms.ny = 32; ms.cell_m = 25e-9; ms.base = 2; ms.coating = 0; ms.coating_fraction = 0.5; ms.gap_fraction = 0.05;
    MesoOperating op; op.current_A_m2 = i; op.pressure_Pa = 5e6; op.capacity_C_m2 = 60; op.cycles = 1;
    MesoscaleSimulator sim({au(4), nau2(), sodiophobic()}, sodium(), make_meso_map(ms, 2), op);
    auto r = sim.run(); dump("alloy" + std::to_string((int)i), sim, r);
  }
  // 4: sodiophilic at 0.1 mA/cm2
  {
    MesoMapSpec ms; ms.nx = ms.ny = 40;
    MesoOperating op; op.current_A_m2 = 1; op.capacity_C_m2 = 100; op.cycles = 1; op.pressure_Pa = 5e6;
    MesoscaleSimulator sim({sodiophilic()}, sodium(), make_meso_map(ms, 5), op);
    auto r = sim.run(); dump("philic", sim, r);
  }
  // 5: narrow and non-square maps (periodic wrap of the distance transform and the labels)
  for (const auto& [nx, ny] : std::vector<std::pair<int, int>>{{2, 2}, {2, 9}, {11, 2}, {13, 6}})
    for (double gap_fraction : {0.0, 0.3}) {
      MesoMapSpec ms; ms.nx = nx; ms.ny = ny; ms.gap_fraction = gap_fraction; ms.gap_size_m = 60e-9;
      MesoOperating op; op.current_A_m2 = 30; op.capacity_C_m2 = 300; op.cycles = 2; op.pressure_Pa = 1e6; op.seed = 2;
      MesoscaleSimulator sim({sodiophobic()}, sodium(), make_meso_map(ms, 2), op);
      auto r = sim.run(); dump("narrow" + std::to_string(nx) + "x" + std::to_string(ny) + "_" + std::to_string(gap_fraction), sim, r);
    }
  // 6: step API directly, rest and stripping steps
  {
    MesoMapSpec ms; ms.nx = ms.ny = 30; ms.gap_fraction = 0.2; ms.pore_fraction = 0.1;
    MesoOperating op; op.pressure_Pa = 1e6;
    MesoscaleSimulator sim({sodiophobic()}, sodium(), make_meso_map(ms, 9), op);
    MesoResult r;
    for (int k = 0; k < 60; ++k) { auto s = sim.step(k < 40 ? 0.05 : 0.02, k < 40 ? 20.0 : (k < 45 ? 0.0 : -20.0));
      std::fprintf(out, "S %.17g %.17g %.17g %d %.17g %.17g %.17g %.17g %.17g\n", s.eta_V, s.faradaic_C_m2, s.double_layer_C_m2, s.limited, s.nuclei, s.focusing, s.void_focusing, s.alloyed_C_m2, s.alloy_open_C_m2); }
    dump("steps", sim, r);
  }
  return std::fclose(out) == 0 ? 0 : 1;
}
