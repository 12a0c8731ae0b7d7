// `nabridge lmp`: run a LAMMPS input script with the NaBridge commands registered.
#include "cli/commands.h"

namespace nabridge::cli {
void add_lmp_command(CLI::App& app) {
  app.add_subcommand("lmp", "Run a LAMMPS input with the NaBridge commands registered");
}
}  // namespace nabridge::cli
