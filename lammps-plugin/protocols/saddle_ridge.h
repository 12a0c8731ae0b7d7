#pragma once
// A band whose ends and straight path lie on a mirror plane of the surface feels no force off
// that plane, so a CI-NEB started on it converges onto the plane even where the plane is a ridge:
// its highest image is then a saddle of order two (a maximum across the plane as well as along
// the path), and the hop really crosses one of two mirror-image first-order saddles beside it,
// lower in energy. Measured with nabridge-eam-NaAlCuAu on Al(111): the fcc–hcp bridge is such a
// point (Hessian eigenvalues −0.008 and −0.004 eV/Å²/amu, the second one across the path).
#include <optional>
#include <vector>

#include "protocols/htst.h"
#include "protocols/neb.h"

namespace nabridge {

/// How far the band is pushed off the ridge before it relaxes again (largest atomic move at the
/// highest image): enough to leave the plane by more than the band's force tolerance resolves,
/// small against the distance to the neighbouring sites.
inline constexpr double kRidgeDisplacement_A = 0.1;

/// When `top_modes`, the normal modes of the highest image of `band` (over the moving atom and its
/// neighbours, htst.h), has two or more imaginary modes, the band relaxed again from itself
/// displaced along the imaginary mode most nearly perpendicular to the path (by
/// kRidgeDisplacement_A · sin(π s), s the fraction of the band's length, so the ends stay where
/// they are); nullopt when the highest image is not a saddle of higher order.
std::optional<NebResult> band_off_ridge(Engine& engine, const NebResult& band, const ModeAnalysis& top_modes,
                                        const NebOptions& opt);

}  // namespace nabridge
