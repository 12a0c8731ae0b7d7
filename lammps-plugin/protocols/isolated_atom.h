#pragma once
// The energy of one atom alone: the zero of cohesive and binding energies, which a potential need
// not put at 0 (an EAM with F(0) ≠ 0; the Coulomb self-energy of a charged ion under DSF).
#include <string>

#include "core/engine.h"

namespace nabridge {

/// Side of the periodic box the atom sits in (Å): no image within any cutoff below 20 Å. A
/// periodic box rather than open boundaries because a LammpsEngine keeps its boundary settings.
inline constexpr double kIsolatedAtomBox_A = 40.0;

double isolated_atom_energy_eV(Engine& engine, const std::string& element);

}  // namespace nabridge
