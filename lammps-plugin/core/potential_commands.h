#pragma once
// The LAMMPS commands a potential definition may contain. Potentials come from campaign files
// and potential.toml files that groups share; LAMMPS itself can run programs (`shell`, `python`,
// `pair_style python`, `fix python/*`) and write files anywhere (`write_*`, `print ... file`,
// `log`), so a potential is restricted to the commands that define interactions.
#include <string>
#include <vector>

namespace nabridge {

/// Empty when `command` may set up a potential; otherwise why not, e.g.
/// "'shell touch x': LAMMPS command 'shell' is not allowed in a potential (allowed: ...)".
/// Allowed: pair_style, pair_coeff, pair_modify, kspace_style, kspace_modify, mass, neighbor,
/// neigh_modify, special_bonds, `kim init` and `kim interactions`; no Python styles; no `$`
/// (LAMMPS variable substitution), `&` (line continuation), quotes or control characters.
std::string potential_command_problem(const std::string& command);

/// Throws std::invalid_argument with the first problem of `commands` (prefixed by `where`).
void check_potential_commands(const std::vector<std::string>& commands, const std::string& where);

}  // namespace nabridge
