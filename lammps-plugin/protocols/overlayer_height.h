#pragma once
// Height of an overlayer (one adatom, or a film moved as a rigid body) above a frozen substrate:
// the minimum of E(h) in that single coordinate, the overlayer keeping its lateral position and
// its own shape. It is the geometry of the DFT reference's binding curves and film-separation
// scans (docs/dft.md), so a potential is compared with them by minimising in the same
// coordinate rather than relaxing every atom.
#include <cstddef>

#include "core/engine.h"

namespace nabridge {

struct OverlayerHeight {
  double height_A = 0.0;   // of the overlayer's lowest atom above `surface_z_A`
  double energy_eV = 0.0;  // E of the whole structure at that height
  int evaluations = 0;
};

/// The overlayer is the atoms from index `first_overlayer_atom` to the end of `structure` (an
/// adatom: the last atom; a film: its atoms); they move together along z only. Scans the height
/// of its lowest atom from h_lo_A to h_hi_A in steps of 0.1 Å, then refines the lowest point by
/// golden section to tol_A. Throws std::invalid_argument for an empty or inverted range or an
/// index out of range, std::runtime_error when the lowest scan point is at an end of the range
/// (no minimum inside it).
OverlayerHeight minimise_overlayer_height(Engine& engine, Structure structure, std::size_t first_overlayer_atom,
                                          double surface_z_A, double h_lo_A, double h_hi_A, double tol_A = 1e-4);

}  // namespace nabridge
