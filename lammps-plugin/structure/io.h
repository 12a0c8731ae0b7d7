#pragma once
// Structure files: LAMMPS data (atomic style, triclinic when tilted) and extended XYZ (the
// format ASE and OVITO read: Lattice, Properties=species:S:1:pos:R:3:move_mask:I:1, pbc).
#include <string>
#include <vector>

#include "core/structure.h"

namespace nabridge {

/// Atom type i+1 holds type_elements[i]; masses from the element table. The cell must be in
/// LAMMPS orientation (upper triangular: a ∥ x, b in xy). Atom IDs are 1..N in Structure order.
void write_lammps_data(const std::string& path, const Structure& s, const std::vector<std::string>& type_elements);

/// move_mask column: the atom's free_dofs bits (0 = frozen, 7 = free).
void write_extxyz(const std::string& path, const Structure& s, const std::string& comment = "");
/// Reads the first frame of an extended XYZ file written by write_extxyz (or ASE).
Structure read_extxyz(const std::string& path);

}  // namespace nabridge
