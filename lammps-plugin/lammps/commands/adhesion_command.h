#pragma once
// nabridge/adhesion: work of separation, UBER fit and interfacial energy between two groups
// (docs/commands/nabridge_adhesion.md).
#include "commands/command_support.h"

namespace nabridge {
class AdhesionCommand : public NabridgeCommand {
 public:
  explicit AdhesionCommand(LAMMPS_NS::LAMMPS* lmp) : NabridgeCommand(lmp, "nabridge/adhesion") {}
  void command(int narg, char** arg) override;
};
}  // namespace nabridge
