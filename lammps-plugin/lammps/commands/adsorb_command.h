#pragma once
// nabridge/adsorb: one atom on every symmetry-unique site of the top surface
// (docs/commands/nabridge_adsorb.md).
#include "commands/command_support.h"

namespace nabridge {
class AdsorbCommand : public NabridgeCommand {
 public:
  explicit AdsorbCommand(LAMMPS_NS::LAMMPS* lmp) : NabridgeCommand(lmp, "nabridge/adsorb") {}
  void command(int narg, char** arg) override;
};
}  // namespace nabridge
