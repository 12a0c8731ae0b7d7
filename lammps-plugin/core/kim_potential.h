#pragma once
// KIM portable models (OpenKIM, https://openkim.org) as a PotentialSpec. LAMMPS's KIM package
// wants `kim init MODEL UNITS` before the box and `kim interactions SPECIES...` after it; both
// go into the spec here, so every consumer (LammpsEngine, command-line tools) treats a KIM
// model like any other potential. The collection the model is found in is set up by
// ensure_kim_environment() (lammps/engine/kim_environment.h) before LAMMPS sees `kim init`.
#include <string>
#include <vector>

#include "core/potential_spec.h"

namespace nabridge {

/// A KIM portable model with LAMMPS atom type i+1 mapped to species elements[i].
/// Throws std::invalid_argument for an empty element list or a model name that is not a KIM
/// item name (letters, digits and underscores, not starting with a digit).
PotentialSpec kim_potential(const std::string& model, std::vector<std::string> elements,
                            const std::string& units = "metal");

/// True when any of the spec's commands uses LAMMPS's KIM package (`kim ...`, `pair_style kim`).
bool uses_kim(const PotentialSpec& potential);

}  // namespace nabridge
