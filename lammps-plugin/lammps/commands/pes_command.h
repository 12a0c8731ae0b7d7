#pragma once
// nabridge/pes: adatom potential-energy map over the surface cell (docs/commands/nabridge_pes.md).
#include "commands/command_support.h"

namespace nabridge {
class PesCommand : public NabridgeCommand {
 public:
  explicit PesCommand(LAMMPS_NS::LAMMPS* lmp) : NabridgeCommand(lmp, "nabridge/pes") {}
  void command(int narg, char** arg) override;
};
}  // namespace nabridge
