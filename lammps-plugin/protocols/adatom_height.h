#pragma once
// Height of one adatom above a frozen substrate on a fixed lateral site: the minimum of E(h)
// in that single coordinate. It is the geometry of a binding curve (the DFT reference scans E
// at fixed heights on each site, docs/dft.md), so a potential is compared with it by minimising
// in the same coordinate rather than relaxing every atom.
#include <cstddef>

#include "core/engine.h"

namespace nabridge {

struct AdatomHeight {
  double height_A = 0.0;   // above `surface_z_A`
  double energy_eV = 0.0;  // E of the whole structure at that height
  int evaluations = 0;
};

/// Scans h from h_lo_A to h_hi_A in steps of 0.1 Å, then refines the lowest point by golden
/// section to tol_A. `structure` holds the substrate and the adatom at index `adatom`; only that
/// atom's z changes (x, y stay where they are). Throws std::invalid_argument for an empty or
/// inverted range or an index out of range, std::runtime_error when the lowest scan point is at
/// an end of the range (no minimum inside it).
AdatomHeight minimise_adatom_height(Engine& engine, Structure structure, std::size_t adatom, double surface_z_A,
                                    double h_lo_A, double h_hi_A, double tol_A = 1e-4);

}  // namespace nabridge
