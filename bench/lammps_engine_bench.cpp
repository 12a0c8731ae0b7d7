// Cost of one energy+force evaluation on a ~300-atom EAM slab, three ways:
//   LammpsEngine::evaluate  (positions in, neighbour list only past half the skin, pair->compute)
//   bare pair->compute      (the floor: LAMMPS's own force kernel, nothing else)
//   `run 0`                 (what a hand-written script or the library API does per evaluation)
// Each is timed over the same sequence of small random displacements (as in a relaxation).
//   ./build/bench/lammps_engine_bench [evaluations]
#include <fmt/format.h>

#include <chrono>
#include <random>

#include "atom.h"
#include "comm.h"
#include "engine/lammps_engine.h"
#include "force.h"
#include "input.h"
#include "lammps.h"
#include "library.h"
#include "pair.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  const int n_eval = argc > 1 ? std::atoi(argv[1]) : 400;
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = 8;
  spec.repeat_a = 6;
  spec.repeat_b = 6;
  Structure slab = make_slab(bulk_fcc("Al", 4.05), spec).structure;
  PotentialSpec pot;
  pot.id = "Al_zhou";
  pot.elements = {"Al"};
  pot.commands = {"pair_style eam/alloy", "pair_coeff * * /usr/share/lammps/potentials/Al_zhou.eam.alloy Al"};

  std::mt19937 rng(7);
  std::normal_distribution<double> jitter(0.0, 0.01);
  std::vector<Positions> frames;
  Positions x = slab.positions;
  for (int k = 0; k < n_eval; ++k) {
    for (Eigen::Index i = 0; i < x.size(); ++i) x.data()[i] += jitter(rng);
    frames.push_back(x);
  }

  LammpsEngine engine(pot);
  engine.evaluate(slab);  // set-up outside the timing
  auto t0 = Clock::now();
  Evaluation ev;
  for (const auto& f : frames) {
    slab.positions = f;
    engine.evaluate(slab, ev);
  }
  const double ms_engine = std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / n_eval;

  // Bare kernel on the same instance (neighbour list fixed, positions fixed).
  auto* lmp = engine.lammps();
  t0 = Clock::now();
  for (int k = 0; k < n_eval; ++k) {
    lmp->force->pair->compute(1, 0);
    lmp->comm->reverse_comm();
  }
  const double ms_pair = std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / n_eval;

  // `run 0` after scattering positions, as a script or the library interface would do.
  std::vector<double> buf(static_cast<std::size_t>(slab.positions.size()));
  lmp->input->one("thermo_style custom step pe");
  lmp->input->one("thermo_modify norm no");
  t0 = Clock::now();
  for (const auto& f : frames) {
    Structure w = slab;
    w.positions = f;
    w.wrap();
    std::copy(w.positions.data(), w.positions.data() + w.positions.size(), buf.begin());
    lammps_scatter_atoms(lmp, const_cast<char*>("x"), 1, 3, buf.data());
    lmp->input->one("run 0");
  }
  const double ms_run0 = std::chrono::duration<double, std::milli>(Clock::now() - t0).count() / n_eval;

  fmt::print("Al(111) slab, {} atoms, Zhou EAM, {} evaluations ({} neighbour rebuilds in LammpsEngine)\n",
             slab.size(), n_eval, engine.neighbor_builds());
  fmt::print("| method | ms per evaluation | ratio to bare pair->compute |\n|---|---|---|\n");
  fmt::print("| bare pair->compute + reverse_comm | {:.3f} | 1.00 |\n", ms_pair);
  fmt::print("| LammpsEngine::evaluate | {:.3f} | {:.2f} |\n", ms_engine, ms_engine / ms_pair);
  fmt::print("| scatter + `run 0` | {:.3f} | {:.2f} |\n", ms_run0, ms_run0 / ms_pair);
  fmt::print("run 0 / LammpsEngine = {:.1f}x\n", ms_run0 / ms_engine);
  return 0;
}
