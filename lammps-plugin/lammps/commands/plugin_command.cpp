#include "commands/plugin_command.h"

#include <fmt/format.h>

#include "commands/register.h"

namespace nabridge {

void PluginCommand::command(int narg, char** arg) {
  const std::string sub = narg > 0 ? arg[0] : "";
  if (sub == "load") {
    if (narg != 2) fail("load: expects one file name");
    const std::string file = arg[1];
    const std::string base = file.substr(file.find_last_of('/') + 1);
    if (base != "nabridgeplugin.so")
      fail(fmt::format(
          "load: this LAMMPS has no PLUGIN package; only nabridgeplugin.so (built in) can be loaded, not '{}'", file));
    log("plugin: NaBridge commands are built into this executable; 'plugin load " + file + "' accepted\n");
  } else if (sub == "list") {
    int count = 0;
    const CommandInfo* table = command_table(count);
    for (int i = 0; i < count; ++i) log(fmt::format("command style plugin {} ({})\n", table[i].name, table[i].info));
  } else {
    fail(fmt::format(
        "'{}' is not available: this LAMMPS has no PLUGIN package (NaBridge provides 'plugin load' and 'plugin list')",
        sub));
  }
}

}  // namespace nabridge
