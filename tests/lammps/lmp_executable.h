#pragma once
// The `lmp` of the LAMMPS NaBridge is built against (Debian's, or the user's install), not
// whichever `lmp` comes first in PATH: a plain-LAMMPS reference must run on the same LAMMPS.
// NABRIDGE_LMP_EXECUTABLE is set for test_lammps and the benchmarks only (LAMMPS::lmp).
#include <string>

namespace nabridge::testing {

inline std::string lmp_exe() { return NABRIDGE_LMP_EXECUTABLE; }

}  // namespace nabridge::testing
