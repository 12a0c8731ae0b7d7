#pragma once
// LAMMPS's own nudged elastic band (REPLICA package, one MPI rank per replica:
// `mpirun -np N lmp -partition Nx1`) on the same endpoints, as an independent reference for
// NaBridge's in-process NEB (tests/lammps/test_neb_lammps.cpp, bench/neb_bench.cpp).
#include <sys/resource.h>

#include <fmt/format.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "core/potential_spec.h"
#include "lmp_executable.h"
#include "structure/io.h"
#include "subprocess.h"

namespace nabridge::testing {

struct LammpsNebRun {
  bool ran = false;
  double barrier_eV = 0.0;     // EBF of the last line of the climbing stage
  long steps = 0;              // minimiser steps (both stages)
  long force_calls = 0;        // steps × replicas
  double cpu_s = 0.0;          // user + system time of all ranks
  std::string output;
};

inline double children_cpu_seconds() {
  rusage u{};
  getrusage(RUSAGE_CHILDREN, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         1e-6 * static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec);
}

inline LammpsNebRun run_lammps_neb(const std::filesystem::path& dir, const Structure& initial, const Structure& final,
                                   const PotentialSpec& pot, int images, double ftol_eV_A, double spring_eV_A) {
  const int replicas = images + 2;
  write_lammps_data((dir / "initial.data").string(), initial, pot.elements);
  {
    std::ofstream coords(dir / "final.coords");
    coords << final.size() << '\n';
    for (std::size_t i = 0; i < final.size(); ++i)
      coords << fmt::format("{} {:.12f} {:.12f} {:.12f}\n", i + 1, final.positions(0, i), final.positions(1, i),
                            final.positions(2, i));
  }
  std::string frozen;
  for (std::size_t i = 0; i < initial.size(); ++i)
    if (initial.free_dofs[i] == dof::kNone) frozen += fmt::format(" {}", i + 1);
  std::ostringstream in;
  in << "units metal\natom_style atomic\natom_modify map array sort 0 0\n";
  for (const auto& c : pot.init_commands) in << c << '\n';  // e.g. kim init, before read_data
  in << "boundary p p p\nread_data initial.data\n";
  for (const auto& c : pot.commands) in << c << '\n';
  if (!frozen.empty()) in << "group frozen id" << frozen << "\nfix freeze frozen setforce 0.0 0.0 0.0\n";
  in << fmt::format("timestep 0.01\nmin_style fire\nfix band all neb {}\nthermo 10\n", spring_eV_A)
     << fmt::format("neb 0.0 {} 5000 5000 10 final final.coords\n", ftol_eV_A);
  std::ofstream(dir / "neb.in") << in.str();

  LammpsNebRun run;
  const double cpu0 = children_cpu_seconds();
  // A clean environment: this process may itself be an MPI singleton, whose OMPI_*/PMIX_*
  // variables would make the child mpirun believe it runs inside that job.
  const auto r = run_process(
      {"env", "-i", "PATH=/usr/bin:/bin", "HOME=/tmp", "OMPI_ALLOW_RUN_AS_ROOT=1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1",
       "mpirun", "--allow-run-as-root", "--oversubscribe", "-np", std::to_string(replicas), lmp_exe(), "-partition",
       fmt::format("{}x1", replicas), "-in", "neb.in", "-log", "log.lammps"},
      dir);
  run.cpu_s = children_cpu_seconds() - cpu0;
  run.output = r.output;
  if (!r.exited || r.status != 0) return run;
  // The universe log table: Step MaxReplicaForce MaxAtomForce GradV0 GradV1 GradVc EBF EBR RDT ...
  std::ifstream log(dir / "log.lammps");
  std::string line, last;
  long last_step = 0;
  while (std::getline(log, line)) {
    std::istringstream row(line);
    long step;
    double values[8];
    if (!(row >> step)) continue;
    bool numeric = true;
    for (double& v : values) numeric = numeric && static_cast<bool>(row >> v);
    if (!numeric) continue;
    last = line;
    run.barrier_eV = values[5];
    last_step = step;
  }
  run.ran = !last.empty();
  run.steps = last_step;
  run.force_calls = last_step * replicas;
  return run;
}

}  // namespace nabridge::testing
