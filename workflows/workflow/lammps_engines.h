#pragma once
// The one place that gives the tasks LAMMPS: LammpsEngine for a potential, ShellEngine and
// relax_shell_perovskite for a core–shell model. The worker runs every task with them; a test
// that runs a task in-process on LAMMPS uses them too, and one on an analytic engine sets its own.
#include "workflow/tasks/task_common.h"

namespace nabridge::workflow {

/// Sets ctx's engine_factory, shell_engine_factory and relax_perovskite to the LAMMPS ones.
void use_lammps_engines(TaskContext& ctx);

/// The engine a potential runs on: ShellEngine with `shell_options` for a core–shell model
/// (PotentialSpec::shells non-empty; LammpsEngine has one particle per atom), LammpsEngine for
/// every other potential.
std::unique_ptr<Engine> lammps_engine_for(const PotentialSpec& spec, const ShellEngineOptions& shell_options = {});

/// lammps_engine_for a fully periodic cell (no open-circuit correction, no host field, so a
/// core–shell model gives the virial a cell relaxation needs) with the shells relaxed to
/// 1e-5 eV/Å. The tolerance of the polar rows: at ShellEngine's default 1e-6 the surface O shells
/// of BaTiO3(001) slabs crawl (1.6-3e-3 eV/Å left after 5000 FIRE steps), while 1e-5 eV/Å is worth
/// ~f²/2k₂ < 1e-6 eV on O's k₂ = 37 eV/Å². `potential validate` of a compound potential and the
/// comparisons with the DFT reference run on it.
std::unique_ptr<Engine> periodic_engine_for(const PotentialSpec& spec);

}  // namespace nabridge::workflow
