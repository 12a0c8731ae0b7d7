#pragma once
// A bulk ABO3 perovskite under a core–shell model (PotentialSpec::shells), relaxed at 0 K in an
// embedded LAMMPS: every ion a core and a shell tied by a class2 bond (K2 = k2/2, K3 = 0,
// K4 = k4/24, r0 = 0: U = k2/2 r^2 + k4/24 r^4), atom_style full, `special_bonds coul 0 0 0` so a
// core does not see its own shell. The cell relaxes at zero stress with a = b (tetragonal
// constraint, `fix box/relax x 0 y 0 z 0 couple xy`), then cores and shells, alternating until the
// energy changes by less than 1e-7 eV. The polarisation comes from the core and shell
// displacements times their charges (core/polarization.h) against the cubic positions scaled to
// the relaxed cell.
#include <array>
#include <string>

#include "core/potential_spec.h"
#include "core/shell_perovskite.h"

namespace nabridge {

/// Relaxes an n×n×n supercell of the ABO3 perovskite `abo` = {A, B, O} under `model`, started
/// from the cubic cell of lattice constant a0_A with every B displaced by seed_A along z (the
/// sign picks P up or down; 0 starts centrosymmetric and stays there). Elements without a shell
/// are rigid ions with model.charges_e. std::invalid_argument when the model has no shells, lacks
/// one of the elements, or an element has neither a shell nor a charge.
ShellPerovskite relax_shell_perovskite(const PotentialSpec& model, const std::array<std::string, 3>& abo, double a0_A,
                                       int n, double seed_A);

}  // namespace nabridge
