#include "workflow/lammps_engines.h"

#include "engine/lammps_engine.h"
#include "engine/shell_bulk.h"
#include "engine/shell_engine.h"

namespace nabridge::workflow {

void use_lammps_engines(TaskContext& ctx) {
  ctx.engine_factory = [](const PotentialSpec& p) -> std::unique_ptr<Engine> {
    return std::make_unique<LammpsEngine>(p);
  };
  ctx.shell_engine_factory = [](const PotentialSpec& model,
                                const ShellEngineOptions& options) -> std::unique_ptr<Engine> {
    return std::make_unique<ShellEngine>(model, options);
  };
  ctx.relax_perovskite = relax_shell_perovskite;
}

std::unique_ptr<Engine> lammps_engine_for(const PotentialSpec& spec, const ShellEngineOptions& shell_options) {
  if (!spec.shells.empty()) return std::make_unique<ShellEngine>(spec, shell_options);
  return std::make_unique<LammpsEngine>(spec);
}

std::unique_ptr<Engine> periodic_engine_for(const PotentialSpec& spec) {
  ShellEngineOptions periodic;
  periodic.shell_ftol_eV_A = 1e-5;
  return lammps_engine_for(spec, periodic);
}

}  // namespace nabridge::workflow
