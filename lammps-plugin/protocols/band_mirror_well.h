#pragma once
// A band between mirror-image endpoints with an odd number of images has its middle image on the
// mirror plane, where the climbing image feels no force along the path by symmetry. Where the
// plane holds a shallow well on top of the barrier (two saddles close beside it), that image is
// the band's highest and the CI stops in the well: its Hessian has no imaginary mode and the hop
// no prefactor. Seen with batio3-pedone-nadft on BaO-terminated BaTiO3(001): the top-O → top-O
// band stops in the Ba2O2 hollow, 0.46 eV up, where the energy rises along the path both ways.
#include <optional>

#include "protocols/htst.h"
#include "protocols/neb.h"

namespace nabridge {

/// When the highest image of `band` is its middle one (an odd number of intermediate images) and
/// `top_modes` (its normal modes, htst.h) has no imaginary mode: the half band from the start to
/// that well, with an image added between each two, relaxed as a CI-NEB (its top is the saddle
/// before the well), followed by the original images beyond the well (the mirror half). Its
/// `converged` and `message` are the half band's. nullopt otherwise.
std::optional<NebResult> band_off_mirror_well(Engine& engine, const NebResult& band, const ModeAnalysis& top_modes,
                                              const NebOptions& opt);

}  // namespace nabridge
