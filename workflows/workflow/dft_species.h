#pragma once
// The DFT reference's cells as a potential with a metallic species sees them. In nai-eim-nadft
// lattice Na (the NaI cation) and metallic Na (an adatom, a film, bcc Na) are two atom types,
// "Na" and "Na:metal" (core/elements.h), which interact with the iodide differently; the DFT
// cells name elements only, so which of their Na atoms are metallic follows from the system.
#include <string>
#include <vector>

#include "workflow/dft_reference.h"
#include "workflow/dft_targets.h"

namespace nabridge::workflow {

/// `done` with every metallic atom of an element whose metal species `elements` (a potential's
/// species) lists carrying that species: the adatoms of an adsorption system and the film of a
/// film system (the atoms after the clean slab's, and the film-alone cell), and every atom of an
/// atom, bulk or surface system of that element alone (the isolated atom, bcc Na, Na surfaces).
/// Compounds and the substrates keep their elements. `done` unchanged for a potential without a
/// metal species.
DftOutcomes with_metal_species(const DftReferenceSet& set, DftOutcomes done, const std::vector<std::string>& elements);

}  // namespace nabridge::workflow
