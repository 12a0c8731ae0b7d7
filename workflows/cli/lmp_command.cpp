// `nabridge lmp INPUT [-var NAME VALUE ...] [--log FILE]`: runs a LAMMPS input script in the
// embedded LAMMPS with the NaBridge commands registered (Debian's LAMMPS has no PLUGIN package;
// a `plugin load .../nabridgeplugin.so` line in the script is accepted). KIM models work as in
// `lmp` (`kim init MODEL metal` before the box, then `kim interactions SPECIES...`).
#include <mpi.h>

#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>
#include <vector>

#include "cli/commands.h"
#include "commands/register.h"
#include "engine/kim_environment.h"
#include "input.h"
#include "lammps.h"

namespace nabridge::cli {

namespace {
void run_lammps_input(const std::string& input, const std::vector<std::string>& vars, const std::string& log) {
  if (!std::filesystem::is_regular_file(input)) throw std::invalid_argument("lmp: cannot read input file '" + input + "'");
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) MPI_Init(nullptr, nullptr);
  // `kim init` in the script finds Debian's OpenKIM models and those NaBridge built, without
  // the KIM API writing ~/.kim-api (see engine/kim_environment.h).
  // A build tree that cannot be written only matters to scripts that use KIM: warn, go on.
  try {
    ensure_kim_environment();
  } catch (const std::runtime_error& e) {
    std::cerr << "nabridge lmp: warning: " << e.what() << "\n";
  }
  std::vector<std::string> args{"nabridge", "-log", log.empty() ? "none" : log};
  for (std::size_t i = 0; i < vars.size(); i += 2) args.insert(args.end(), {"-var", vars[i], vars[i + 1]});
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  auto lmp = std::make_unique<LAMMPS_NS::LAMMPS>(static_cast<int>(argv.size()), argv.data(), MPI_COMM_WORLD);
  register_commands(lmp.get());
  lmp->input->file(input.c_str());
  lmp.reset();
  MPI_Finalize();
}
}  // namespace

void add_lmp_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("lmp", "Run a LAMMPS input script with the NaBridge commands registered");
  auto input = std::make_shared<std::string>();
  auto log = std::make_shared<std::string>();
  cmd->add_option("input", *input, "LAMMPS input script")->required();
  cmd->add_option("--log", *log, "LAMMPS log file (default: none)");
  cmd->footer("  -var NAME VALUE   define a LAMMPS index variable (repeatable, as with lmp -var)");
  // LAMMPS spells it `-var NAME VALUE`; CLI11 cannot name a multi-letter single-dash option,
  // so those words are left over and read here.
  cmd->allow_extras();
  cmd->callback([cmd, input, log] {
    const auto extras = cmd->remaining();
    std::vector<std::string> vars;
    for (std::size_t i = 0; i < extras.size(); ++i) {
      if (extras[i] != "-var" && extras[i] != "-v") throw std::invalid_argument("lmp: unexpected argument '" + extras[i] + "'");
      if (i + 2 >= extras.size()) throw std::invalid_argument("lmp: -var expects NAME VALUE");
      vars.push_back(extras[i + 1]);
      vars.push_back(extras[i + 2]);
      i += 2;
    }
    run_lammps_input(*input, vars, *log);
  });
}

}  // namespace nabridge::cli
