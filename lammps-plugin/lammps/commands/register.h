#pragma once
// Registers the nabridge/* commands and pair styles in a LAMMPS instance. Used by `nabridge lmp`
// (Debian's LAMMPS has no PLUGIN package), by every instance LammpsEngine opens (pair styles)
// and, through lammpsplugin_init, by `plugin load`.
namespace LAMMPS_NS {
class LAMMPS;
class Command;
class Pair;
}  // namespace LAMMPS_NS

namespace nabridge {

struct CommandInfo {
  const char* name;
  const char* info;
  LAMMPS_NS::Command* (*create)(LAMMPS_NS::LAMMPS*);
};

struct PairStyleInfo {
  const char* name;
  const char* info;
  LAMMPS_NS::Pair* (*create)(LAMMPS_NS::LAMMPS*);
};

/// The commands NaBridge provides (name, one-line description, creator).
const CommandInfo* command_table(int& count);

/// The pair styles NaBridge provides (name, one-line description, creator).
const PairStyleInfo* pair_style_table(int& count);

/// Inserts every command into lmp->input->command_map, plus, where the LAMMPS lacks the PLUGIN
/// package, a `plugin` command that accepts `plugin load .../nabridgeplugin.so` so the same input
/// scripts run in both LAMMPS flavours.
void register_commands(LAMMPS_NS::LAMMPS* lmp);

/// Inserts every pair style into lmp->force->pair_map.
void register_pair_styles(LAMMPS_NS::LAMMPS* lmp);

}  // namespace nabridge
