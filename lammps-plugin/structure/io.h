#pragma once
// Structure files: LAMMPS data (atomic style, triclinic when tilted) and extended XYZ (the
// format ASE and OVITO read: Lattice, Properties=species:S:1:pos:R:3:move_mask:L:3, pbc).
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/structure.h"

namespace nabridge {

/// Atom type i+1 holds type_elements[i]; masses from the element table. The cell must be in
/// LAMMPS orientation (upper triangular: a ∥ x, b in xy). Atom IDs are 1..N in Structure order.
void write_lammps_data(const std::string& path, const Structure& s, const std::vector<std::string>& type_elements);

/// One frame of an extended XYZ file: a structure with, when known, its energy and forces
/// (ASE reads them as the frame's calculator results) and text keys for the comment line.
struct XyzFrame {
  Structure structure;
  std::optional<double> energy_eV;
  std::optional<Positions> forces_eV_A;   // 3 x N
  std::vector<std::pair<std::string, std::string>> info;  // e.g. {"site", "fcc"}
};

/// move_mask columns: T/F per Cartesian direction (ASE reads them as FixCartesian/FixAtoms
/// constraints); then forces when given. The species column holds each atom's element; a
/// structure with species that carry a role ("Na:metal", core/elements.h) has them in a last
/// column, nabridge_species, which read_extxyz restores.
/// Several frames (a NEB band) go one after another, as ASE's read(path, index=':') expects.
void write_extxyz_frames(const std::string& path, const std::vector<XyzFrame>& frames);
void write_extxyz(const std::string& path, const Structure& s, const std::string& comment = "");
/// Reads the first frame of an extended XYZ file written by write_extxyz (or ASE): the columns
/// the Properties spec names, a move_mask as T/F (L:1 or L:3) or as dof bits (I:1).
Structure read_extxyz(const std::string& path);

}  // namespace nabridge
