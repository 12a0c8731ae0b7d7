#pragma once
// nabridge/hops: every symmetry-distinct adatom hop of a surface, prefactors and D_s
// (docs/commands/nabridge_hops.md).
#include "commands/command_support.h"

namespace nabridge {
class HopsCommand : public NabridgeCommand {
 public:
  explicit HopsCommand(LAMMPS_NS::LAMMPS* lmp) : NabridgeCommand(lmp, "nabridge/hops") {}
  void command(int narg, char** arg) override;
};
}  // namespace nabridge
