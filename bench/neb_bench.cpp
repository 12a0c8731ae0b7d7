// NaBridge's in-process CI-NEB vs LAMMPS's multi-partition `neb` on the same hop (Na on
// Al(100), relaxed endpoints, same number of images, same force tolerance), in force calls and
// CPU seconds (all MPI ranks counted for LAMMPS), plus the share of NaBridge's CPU time spent
// inside the force field.
//   ./build/bench/neb_bench [images] [ftol_eV_A] [in-plane repeat] [layers]
#include <fmt/format.h>

#include <chrono>

#include "lammps_neb_reference.h"
#include "na_al100_hop.h"
#include "protocols/neb.h"
#include "timed_engine.h"

using namespace nabridge;
using testing::process_cpu_s;
using testing::TimedEngine;

int main(int argc, char** argv) {
  const int images = argc > 1 ? std::atoi(argv[1]) : 5;
  const double ftol = argc > 2 ? std::atof(argv[2]) : 1e-3;
  const int repeat = argc > 3 ? std::atoi(argv[3]) : 6;
  const int layers = argc > 4 ? std::atoi(argv[4]) : 6;
  const PotentialSpec pot = testing::al_na_morse();
  LammpsEngine engine(pot);
  const auto ends = testing::na_al100_hop(engine, repeat, layers);

  TimedEngine timed(engine);
  NebOptions opt;
  opt.images = images;
  opt.interpolation = "linear";
  opt.relax_endpoints = false;
  opt.fmax_eV_A = ftol;
  const double t0 = process_cpu_s();
  const NebResult ours = run_neb(timed, ends.initial, ends.final, opt);
  const double ours_cpu = process_cpu_s() - t0;
  opt.optimizer = "lbfgs";
  // At 0.1 A per step the L-BFGS band leaves the hollow-bridge valley for an exchange path
  // through the surface (flagged as "another minimum"); 0.05 A keeps it in the valley.
  opt.max_step_A = 0.05;
  const double t1 = process_cpu_s();
  const NebResult lbfgs = run_neb(engine, ends.initial, ends.final, opt);
  const double lbfgs_cpu = process_cpu_s() - t1;

  const auto dir = std::filesystem::temp_directory_path() / "nabridge_neb_bench";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto ref = testing::run_lammps_neb(dir, ends.initial, ends.final, pot, images, ftol, 1.0);
  if (!ref.ran) {
    fmt::print(stderr, "LAMMPS neb failed:\n{}\n", ref.output);
    return 1;
  }
  fmt::print("Na hollow->hollow hop on Al(100), {} atoms, {} images, force tolerance {} eV/A\n", ends.initial.size(),
             images, ftol);
  fmt::print("| code | barrier (eV) | force calls | CPU s | converged |\n|---|---|---|---|---|\n");
  fmt::print("| NaBridge CI-NEB, FIRE band (1 process) | {:.5f} | {} | {:.3f} | {} |\n", ours.barrier_eV,
             ours.force_calls, ours_cpu, ours.converged ? "yes" : "no");
  fmt::print("| NaBridge CI-NEB, L-BFGS band (1 process) | {:.5f} | {} | {:.3f} | {} |\n", lbfgs.barrier_eV,
             lbfgs.force_calls, lbfgs_cpu, lbfgs.converged ? "yes" : "no");
  fmt::print("| LAMMPS neb ({} ranks) | {:.5f} | {} | {:.3f} | yes |\n", images + 2, ref.barrier_eV, ref.force_calls,
             ref.cpu_s);
  fmt::print(
      "CPU ratio NaBridge/LAMMPS = {:.2f}; force-call ratio = {:.2f}; CPU ms per force call: NaBridge {:.3f}, "
      "LAMMPS {:.3f} (incl. MPI start-up); NaBridge time inside the force field: {:.0f} %\n",
      ours_cpu / ref.cpu_s, static_cast<double>(ours.force_calls) / static_cast<double>(ref.force_calls),
      1e3 * ours_cpu / static_cast<double>(ours.force_calls), 1e3 * ref.cpu_s / static_cast<double>(ref.force_calls),
      100.0 * timed.seconds / ours_cpu);
  return 0;
}
