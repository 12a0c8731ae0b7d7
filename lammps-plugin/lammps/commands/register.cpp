#include "commands/register.h"

#include "commands/adhesion_command.h"
#include "commands/adsorb_command.h"
#include "commands/hops_command.h"
#include "commands/neb_command.h"
#include "commands/pes_command.h"
#include "commands/plugin_command.h"
#include "commands/surface_command.h"
#include "input.h"

namespace nabridge {

namespace {
template <typename T>
LAMMPS_NS::Command* create(LAMMPS_NS::LAMMPS* lmp) {
  return new T(lmp);
}

const CommandInfo kCommands[] = {
    {"nabridge/surface", "surface energy of a symmetric slab", &create<SurfaceCommand>},
    {"nabridge/adsorb", "adsorption energies on every symmetry-unique surface site", &create<AdsorbCommand>},
    {"nabridge/adhesion", "work of separation, UBER fit and interfacial energy", &create<AdhesionCommand>},
    {"nabridge/hops", "all unique adatom hops, Vineyard prefactors and surface diffusivity", &create<HopsCommand>},
    {"nabridge/neb", "climbing-image nudged elastic band of one moving atom", &create<NebCommand>},
    {"nabridge/pes", "adatom potential-energy map over the surface cell", &create<PesCommand>},
};
}  // namespace

const CommandInfo* command_table(int& count) {
  count = static_cast<int>(sizeof(kCommands) / sizeof(kCommands[0]));
  return kCommands;
}

void register_commands(LAMMPS_NS::LAMMPS* lmp) {
  auto& map = *lmp->input->command_map;
  for (const auto& c : kCommands) map[c.name] = c.create;
  if (!lammps_compat::has_plugin_command(lmp)) map["plugin"] = &create<PluginCommand>;
}

}  // namespace nabridge
