#pragma once
// `plugin` for LAMMPS builds without the PLUGIN package (Debian's): `nabridge lmp` has already
// registered the NaBridge commands, so `plugin load .../nabridgeplugin.so` only confirms that,
// and input scripts written for an upstream LAMMPS run unchanged.
#include "commands/command_support.h"

namespace nabridge {
class PluginCommand : public NabridgeCommand {
 public:
  explicit PluginCommand(LAMMPS_NS::LAMMPS* lmp) : NabridgeCommand(lmp, "plugin") {}
  void command(int narg, char** arg) override;
};
}  // namespace nabridge
