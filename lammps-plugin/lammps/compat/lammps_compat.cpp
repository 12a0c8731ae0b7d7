#include "compat/lammps_compat.h"

namespace nabridge::lammps_compat {
std::string version(LAMMPS_NS::LAMMPS* lmp) { return lmp->version; }
}  // namespace nabridge::lammps_compat
