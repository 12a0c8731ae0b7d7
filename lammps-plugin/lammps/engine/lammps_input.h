#pragma once
// Runs a LAMMPS input script in an embedded LAMMPS with the NaBridge commands registered and KIM
// set up (`nabridge lmp`). Here, in the LAMMPS-facing library, so that callers never include a
// LAMMPS header: an installed upstream LAMMPS brings its own fmt, which must not meet the
// project's.
#include <string>
#include <vector>

namespace nabridge {

/// vars: name, value, name, value, ... (LAMMPS `-var`); log empty: no log file. Initialises and
/// finalises MPI if the caller has not. Throws std::invalid_argument naming an unreadable input.
void run_lammps_input(const std::string& input, const std::vector<std::string>& vars, const std::string& log);

}  // namespace nabridge
