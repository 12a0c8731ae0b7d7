// `nabridge lmp INPUT [-var NAME VALUE ...] [--log FILE]`: runs a LAMMPS input script in the
// embedded LAMMPS with the NaBridge commands registered (Debian's LAMMPS has no PLUGIN package;
// a `plugin load .../nabridgeplugin.so` line in the script is accepted). KIM models work as in
// `lmp` (`kim init MODEL metal` before the box, then `kim interactions SPECIES...`).
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "engine/lammps_input.h"

namespace nabridge::cli {

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
      if (extras[i] != "-var" && extras[i] != "-v")
        throw std::invalid_argument("lmp: unexpected argument '" + extras[i] + "'");
      if (i + 2 >= extras.size()) throw std::invalid_argument("lmp: -var expects NAME VALUE");
      vars.push_back(extras[i + 1]);
      vars.push_back(extras[i + 2]);
      i += 2;
    }
    run_lammps_input(*input, vars, *log);
  });
}

}  // namespace nabridge::cli
