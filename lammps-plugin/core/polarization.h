#pragma once
// Spontaneous polarisation of a periodic point-charge model (rigid ions or cores and shells):
// P = (1/V) Σ_i q_i (r_i − r_i^0), with r_i^0 the particle's position in a centrosymmetric
// reference (e.g. the cubic perovskite scaled to the relaxed cell) and each displacement taken as
// the minimum image in the cell. With Σ q_i = 0 a rigid translation does not change P. Units:
// charges in e, lengths in Å, P in C/m².
#include <string>
#include <vector>

#include "core/structure.h"

namespace nabridge {

/// P (C/m²) of `positions_A` relative to `reference_A` (same particle order) in the periodic
/// `cell` (columns = lattice vectors, Å). std::invalid_argument for mismatched sizes, a singular
/// cell or a non-neutral set of charges (|Σq| > 1e-6 e), where P would depend on the origin.
Vec3 polarization_C_m2(const Mat3& cell, const Positions& positions_A, const Positions& reference_A,
                       const std::vector<double>& charges_e);

/// Refuses a polarisation that relaxed away: std::runtime_error "<what>: the spontaneous
/// polarisation relaxed away (|P| = ... C/m² < ... C/m²); ..." when |P| < min_C_m2, so a paraelectric
/// result is never used as a zero field.
void require_polar(const Vec3& P_C_m2, double min_C_m2, const std::string& what);

}  // namespace nabridge
