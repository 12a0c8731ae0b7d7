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

}  // namespace nabridge::workflow
