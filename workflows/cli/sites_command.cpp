// `nabridge sites`: symmetry-unique adsorption sites and hops of a prototype surface.
#include "cli/commands.h"

namespace nabridge::cli {
void add_sites_command(CLI::App& app) {
  app.add_subcommand("sites", "Print symmetry-unique adsorption sites of a surface");
}
}  // namespace nabridge::cli
