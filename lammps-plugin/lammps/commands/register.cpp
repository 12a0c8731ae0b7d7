#include "commands/register.h"

#include "commands/adhesion_command.h"
#include "commands/adsorb_command.h"
#include "commands/hops_command.h"
#include "commands/neb_command.h"
#include "commands/pes_command.h"
#include "commands/plugin_command.h"
#include "commands/surface_command.h"
#include "force.h"
#include "input.h"
#include "styles/pair_morse_bond_order.h"

namespace nabridge {

namespace {
using LAMMPS_NS::Command;
using LAMMPS_NS::Pair;

template <typename Base, typename T>
Base* create(LAMMPS_NS::LAMMPS* lmp) {
  return new T(lmp);
}

const CommandInfo kCommands[] = {
    {"nabridge/surface", "surface energy of a symmetric slab", &create<Command, SurfaceCommand>},
    {"nabridge/adsorb", "adsorption energies on every symmetry-unique surface site", &create<Command, AdsorbCommand>},
    {"nabridge/adhesion", "work of separation, UBER fit and interfacial energy", &create<Command, AdhesionCommand>},
    {"nabridge/hops", "all unique adatom hops, Vineyard prefactors and surface diffusivity",
     &create<Command, HopsCommand>},
    {"nabridge/neb", "climbing-image nudged elastic band of one moving atom", &create<Command, NebCommand>},
    {"nabridge/pes", "adatom potential-energy map over the surface cell", &create<Command, PesCommand>},
};

const PairStyleInfo kPairStyles[] = {
    {"nabridge/morse/bondorder", "host-adsorbate Morse damped by the adsorbate's own coordination",
     &create<Pair, PairMorseBondOrder>},
};
}  // namespace

const CommandInfo* command_table(int& count) {
  count = static_cast<int>(sizeof(kCommands) / sizeof(kCommands[0]));
  return kCommands;
}

const PairStyleInfo* pair_style_table(int& count) {
  count = static_cast<int>(sizeof(kPairStyles) / sizeof(kPairStyles[0]));
  return kPairStyles;
}

void register_commands(LAMMPS_NS::LAMMPS* lmp) {
  auto& map = *lmp->input->command_map;
  for (const auto& c : kCommands) map[c.name] = c.create;
  if (!lammps_compat::has_plugin_command(lmp)) map["plugin"] = &create<Command, PluginCommand>;
}

void register_pair_styles(LAMMPS_NS::LAMMPS* lmp) {
  for (const auto& s : kPairStyles) (*lmp->force->pair_map)[s.name] = s.create;
}

}  // namespace nabridge
