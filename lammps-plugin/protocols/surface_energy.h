#pragma once
// Surface energy of a symmetric slab: γ = (E_slab − N·e_bulk) / (2A), A = |a × b|.
// Both faces must be equivalent (symmetric slab); a slab periodic along c needs vacuum wider
// than the interaction range so the two faces do not see each other.
#include <limits>

#include "core/engine.h"
#include "nabridge/base/constants.h"
#include "optimize/optimizer.h"

namespace nabridge {

struct SurfaceEnergyResult {
  double gamma_J_m2 = 0.0;            // from the final (relaxed if requested) energy
  double gamma_unrelaxed_J_m2 = 0.0;  // from the energy of the slab as given
  double area_A2 = 0.0;
  double energy_eV = 0.0;   // final (relaxed if requested) slab energy
  std::size_t natoms = 0;
  OptimizerResult relax;    // default (steps == 0, converged == false) when not relaxed
  Structure structure;      // the final (relaxed if requested) slab
};

struct SurfaceEnergyOptions {
  /// Required: bulk reference energy per atom (NaN = not given -> std::invalid_argument).
  double ebulk_eV_per_atom = std::numeric_limits<double>::quiet_NaN();
  bool relax = true;
  Optimizer* optimizer = nullptr;  // nullptr: FIRE with default options
};

/// Throws std::invalid_argument naming the field for a missing/NaN ebulk, an empty slab or a
/// cell that is not periodic along a and b.
SurfaceEnergyResult surface_energy(Engine& engine, Structure slab, const SurfaceEnergyOptions& opt);


}  // namespace nabridge
