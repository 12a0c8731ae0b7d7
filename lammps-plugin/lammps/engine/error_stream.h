#pragma once
// The screen of NaBridge's own LAMMPS instances. They run quiet (their output would flood the
// user's terminal), but Debian's LAMMPS ends the process on an error (no exceptions), so its
// "ERROR: ..." line is the only explanation a user gets: this stream passes exactly the ERROR
// and "Last command:" lines to standard error and drops the rest.
#include <cstdio>
#include <string>

namespace nabridge {

/// A new unbuffered stream for LAMMPS's `screen`; LAMMPS closes it when the instance is deleted.
FILE* open_error_only_screen();

/// True for the lines that explain a LAMMPS failure: "ERROR..." and "Last command: ...".
bool is_lammps_error_line(const std::string& line);

}  // namespace nabridge
