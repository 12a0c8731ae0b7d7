// Entry point of nabridgeplugin.so for `plugin load` in a LAMMPS built with the PLUGIN package:
// registers every nabridge/* command through the documented lammpsplugin_init ABI.
#include "commands/register.h"
#include "compat/lammps_compat.h"
#include "lammps.h"

extern "C" void lammpsplugin_init(void* lmp, void* handle, void* regfunc) {
  auto reg = reinterpret_cast<lammpsplugin_regfunc>(regfunc);
  int count = 0;
  const nabridge::CommandInfo* table = nabridge::command_table(count);
  for (int i = 0; i < count; ++i) {
    lammpsplugin_t plugin{};
    // The LAMMPS this plugin was compiled against (cmake/NaBridgeLammps.cmake): LAMMPS warns when
    // it differs from the one loading the plugin, whose class layouts may differ.
    plugin.version = NABRIDGE_LAMMPS_BUILT_AGAINST;
    plugin.style = "command";
    plugin.name = table[i].name;
    plugin.info = table[i].info;
    plugin.author = "NaBridge developers";
    plugin.creator.v1 = reinterpret_cast<lammpsplugin_factory1*>(table[i].create);
    plugin.handle = handle;
    (*reg)(&plugin, lmp);
  }
}
