#pragma once
// Surface energy of a symmetric slab: γ = (E_slab − N·e_bulk) / (2A).
#include "core/engine.h"
#include "optimize/optimizer.h"

namespace nabridge {

struct SurfaceEnergyResult {
  double gamma_J_m2 = 0.0;
  double gamma_unrelaxed_J_m2 = 0.0;
  double area_A2 = 0.0;
  double energy_eV = 0.0;   // final (relaxed if requested) slab energy
  std::size_t natoms = 0;
  OptimizerResult relax;    // steps == 0 when not relaxed
};

struct SurfaceEnergyOptions {
  double ebulk_eV_per_atom = 0.0;  // required: bulk reference energy per atom
  bool relax = true;
  Optimizer* optimizer = nullptr;  // nullptr: FIRE with default options
};

SurfaceEnergyResult surface_energy(Engine& engine, Structure slab, const SurfaceEnergyOptions& opt);

inline constexpr double kEvPerA2_to_J_per_m2 = 16.021766208;  // 1 eV/Å² = 16.02 J/m²

}  // namespace nabridge
