// `nabridge`: the NaBridge command-line program.
#include <fmt/core.h>

#include <exception>

#include "cli/commands.h"
#include "nabridge/version.h"

int main(int argc, char** argv) {
  CLI::App app{"NaBridge: atomistic-to-continuum multiscale framework for anode-free Na batteries"};
  app.set_version_flag("--version", std::string("nabridge ") + nabridge::kVersion);
  app.require_subcommand(1);
  nabridge::cli::add_lmp_command(app);
  nabridge::cli::add_sites_command(app);
  nabridge::cli::add_upscale_command(app);
  nabridge::cli::add_run_commands(app);
  nabridge::cli::add_potential_command(app);
  nabridge::cli::add_dft_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const std::exception& e) {
    fmt::print(stderr, "nabridge: error: {}\n", e.what());
    return 1;
  }
  return 0;
}
