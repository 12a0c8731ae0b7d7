// Where the CPU time of the site-based protocols goes on production-size slabs: the adsorption
// scan (nabridge/adsorb, relax no and yes) of Na on ASE-style orthogonal Al(111) slabs, the
// hollow->hollow CI-NEB (nabridge/neb ... hop) and the whole hop network (nabridge/hops) on
// Al(100); Zhou EAM + the illustrative Morse Na–Al term, in process. Prints CPU seconds, force calls and the share
// spent inside the engine (LAMMPS's force computation and the coordinate transfer to it).
//   ./build/bench/site_protocols_bench [fmax eV/A = 0.01]
#include <fmt/format.h>

#include "na_al100_hop.h"
#include "optimize/fire.h"
#include "protocols/adsorption.h"
#include "protocols/neb.h"
#include "protocols/surface_diffusion.h"
#include "surface_supercells.h"
#include "symmetry/sites.h"
#include "timed_engine.h"

using namespace nabridge;
using testing::process_cpu_s;
using testing::TimedEngine;

namespace {
/// One protocol run: CPU seconds in total and inside the engine, force calls.
template <class F>
void measure(const std::string& what, std::size_t atoms, TimedEngine& engine, F&& run) {
  engine.seconds = 0;
  const long calls0 = engine.force_calls();
  const double t0 = process_cpu_s();
  const std::string result = run();
  const double cpu = process_cpu_s() - t0;
  fmt::print("| {} | {} | {:.2f} | {} | {:.1f} % | {} |\n", what, atoms, cpu, engine.force_calls() - calls0,
             100.0 * engine.seconds / cpu, result);
}
}  // namespace

int main(int argc, char** argv) {
  const double fmax = argc > 1 ? std::atof(argv[1]) : 0.01;
  LammpsEngine lammps(testing::al_na_morse());
  TimedEngine engine(lammps);
  OptimizerOptions oo;
  oo.fmax_eV_A = fmax;
  Fire fire(oo);
  fmt::print("| protocol | atoms | CPU s | force calls | inside the engine | result |\n|---|---|---|---|---|---|\n");
  for (const auto& [n, layers] : {std::pair{6, 6}, std::pair{12, 7}}) {
    const Structure slab = testing::ase_style_fcc111("Al", 4.05, n, layers, layers / 2);
    const auto sites = find_adsorption_sites(slab);
    AdsorptionOptions ao;
    ao.height_A = 2.5;
    ao.relax = false;
    measure(fmt::format("adsorb, relax no ({}x{}x{})", n, n, layers), slab.size(), engine, [&] {
      const auto r = adsorption_scan(engine, slab, sites, ao);
      return fmt::format("best {} {:.3f} eV", r.sites[r.most_stable].site.label, r.sites[r.most_stable].E_bind_eV);
    });
    ao.relax = true;
    ao.optimizer = &fire;
    measure(fmt::format("adsorb, relax yes ({}x{}x{})", n, n, layers), slab.size(), engine, [&] {
      const auto r = adsorption_scan(engine, slab, sites, ao);
      return fmt::format("best {} {:.3f} eV", r.sites[r.most_stable].site.label, r.sites[r.most_stable].E_bind_eV);
    });
  }
  NebOptions no;
  no.images = 5;
  no.fmax_eV_A = fmax;
  for (const auto& [n, layers] : {std::pair{6, 6}, std::pair{11, 8}}) {
    const auto ends = testing::na_al100_hop(lammps, n, layers);
    Structure clean = ends.initial;
    clean.remove_atom(clean.size() - 1);
    measure(fmt::format("neb hollow->hollow, Al(100) {}x{}x{}", n, n, layers), ends.initial.size(), engine, [&] {
      // As `nabridge/neb ... hop` does: the sites and the hop first, then the band.
      const auto sites = find_adsorption_sites(clean);
      find_hops(clean, sites, {sites.size() - 1});
      const NebResult r = run_neb(engine, ends.initial, ends.final, no);
      return fmt::format("barrier {:.4f} eV{}", r.barrier_eV, r.converged ? "" : " (not converged: " + r.message + ")");
    });
  }
  // The whole hop network (nabridge/hops): minima, every symmetry-distinct hop's CI-NEB and
  // the Vineyard prefactors (finite-difference Hessians) on Al(100), bottom half fixed.
  SurfaceDiffusionOptions so;
  so.neb = no;
  so.relax = oo;
  for (const auto& [n, layers] : {std::pair{6, 6}, std::pair{8, 8}}) {
    SlabSpec spec;
    spec.miller = {1, 0, 0};
    spec.layers = layers;
    spec.fixed_layers = layers / 2;
    spec.repeat_a = spec.repeat_b = n;
    spec.vacuum_A = 14;
    const Structure slab = make_slab(bulk_fcc("Al", 4.05), spec).structure;  // as built: its full symmetry
    measure(fmt::format("hops, Al(100) {}x{}x{}", n, n, layers), slab.size(), engine, [&] {
      const SurfaceDiffusionResult r = surface_diffusion(engine, slab, so);
      return fmt::format("Ea {:.4f} eV, {} hop(s){}", r.Ea_diff_eV, r.hops.size(),
                         r.complete ? "" : " (incomplete: " + r.message + ")");
    });
  }
  return 0;
}
