#include "compat/lammps_compat.h"

namespace nabridge::lammps_compat {
std::string version(LAMMPS_NS::LAMMPS* lmp) { return lmp->version; }
bool has_plugin_command(LAMMPS_NS::LAMMPS* /*lmp*/) { return LAMMPS_NS::LAMMPS::is_installed_pkg("PLUGIN"); }
}  // namespace nabridge::lammps_compat
