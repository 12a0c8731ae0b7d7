#pragma once
// nabridge/surface: surface energy of a symmetric slab (docs/commands/nabridge_surface.md).
#include "commands/command_support.h"

namespace nabridge {
class SurfaceCommand : public NabridgeCommand {
 public:
  explicit SurfaceCommand(LAMMPS_NS::LAMMPS* lmp) : NabridgeCommand(lmp, "nabridge/surface") {}
  void command(int narg, char** arg) override;
};
}  // namespace nabridge
