#pragma once
// nabridge/neb: climbing-image NEB of one moving atom, in-process (docs/commands/nabridge_neb.md).
#include "commands/command_support.h"

namespace nabridge {
class NebCommand : public NabridgeCommand {
 public:
  explicit NebCommand(LAMMPS_NS::LAMMPS* lmp) : NabridgeCommand(lmp, "nabridge/neb") {}
  void command(int narg, char** arg) override;
};
}  // namespace nabridge
