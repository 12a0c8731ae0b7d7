#pragma once
// Reading a CP2K output file: the code version, the last total energy and force block, the SCF
// status of every step and CP2K's own abort message. Values stay in CP2K's atomic units here;
// the engine converts them.
#include <optional>
#include <string>

#include "core/structure.h"

namespace nabridge {

struct Cp2kOutput {
  std::string version;                   // "CP2K version 2023.1"
  std::optional<double> energy_Ha;       // last "ENERGY| Total FORCE_EVAL" line
  Positions forces_Ha_bohr;              // last ATOMIC FORCES block (3 x N), empty if none
  int scf_steps = 0;                     // summed over every SCF run of the calculation
  int scf_runs = 0;                      // SCF runs that converged
  bool scf_failed = false;               // some SCF run printed "SCF run NOT converged"
  bool geo_opt_converged = false;        // "GEOMETRY OPTIMIZATION COMPLETED"
  bool geo_opt_max_iter = false;         // "MAXIMUM NUMBER OF OPTIMIZATION STEPS REACHED"
  bool ended = false;                    // CP2K reached its final banner ("PROGRAM ENDED AT")
  std::string abort_message;             // text of CP2K's [ABORT] box, empty if none
};

Cp2kOutput parse_cp2k_output(const std::string& text);

/// The last frame of a CP2K XYZ trajectory (Å), in file order; throws std::runtime_error if the
/// file has no complete frame of `atoms` atoms.
Positions last_xyz_frame(const std::string& text, std::size_t atoms);

}  // namespace nabridge
