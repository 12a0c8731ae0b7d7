// Entry point of nabridgeplugin.so for `plugin load` in a LAMMPS built with the PLUGIN package:
// registers every nabridge/* command and pair style through the documented lammpsplugin_init ABI.
#include "commands/register.h"
#include "compat/lammps_compat.h"
#include "lammps.h"

namespace {
void register_style(lammpsplugin_regfunc reg, void* lmp, void* handle, const char* style, const char* name,
                    const char* info, void* creator) {
  lammpsplugin_t plugin{};
  // The LAMMPS this plugin was compiled against (cmake/NaBridgeLammps.cmake): LAMMPS warns when
  // it differs from the one loading the plugin, whose class layouts may differ.
  plugin.version = NABRIDGE_LAMMPS_BUILT_AGAINST;
  plugin.style = style;
  plugin.name = name;
  plugin.info = info;
  plugin.author = "NaBridge developers";
  plugin.creator.v1 = reinterpret_cast<lammpsplugin_factory1*>(creator);
  plugin.handle = handle;
  (*reg)(&plugin, lmp);
}
}  // namespace

extern "C" void lammpsplugin_init(void* lmp, void* handle, void* regfunc) {
  auto reg = reinterpret_cast<lammpsplugin_regfunc>(regfunc);
  int count = 0;
  const nabridge::CommandInfo* commands = nabridge::command_table(count);
  for (int i = 0; i < count; ++i)
    register_style(reg, lmp, handle, "command", commands[i].name, commands[i].info,
                   reinterpret_cast<void*>(commands[i].create));
  const nabridge::PairStyleInfo* styles = nabridge::pair_style_table(count);
  for (int i = 0; i < count; ++i)
    register_style(reg, lmp, handle, "pair", styles[i].name, styles[i].info, reinterpret_cast<void*>(styles[i].create));
}
