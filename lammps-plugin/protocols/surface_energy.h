#pragma once
// Surface energy of a symmetric slab: γ = (E_slab − N·e_bulk) / (2A), A = |a × b|; of a cut whose
// symmetric slabs are not whole formula units, from the pair of its two terminations (below).
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

/// (E_slab − N e_bulk)/(2A) in J/m²: the surface energy of a slab of N atoms with two like faces of
/// area A each, against the bulk's energy per atom.
double symmetric_slab_gamma_J_m2(double slab_eV, std::size_t natoms, double bulk_eV_per_atom, double area_A2);

/// True when `slab` holds a whole number of the formula units of `bulk_cell`: the same elements,
/// all in the bulk's ratio. Only then does surface_energy's γ of the slab alone mean anything.
bool whole_formula_units(const Structure& slab, const Structure& bulk_cell);

/// One slab of a termination pair: its energy as given and after relaxation (if requested).
struct TerminationSlab {
  double energy_unrelaxed_eV = 0.0;
  double energy_eV = 0.0;  // final (relaxed if requested)
  std::size_t natoms = 0;
  OptimizerResult relax;   // default when not relaxed
  Structure structure;     // final
};

/// Surface energies of a cut whose symmetric slabs are not whole formula units, e.g. perovskite
/// (001): a symmetric TiO2-terminated BaTiO3 slab has one TiO2 layer more than BaO layers and no γ
/// of its own without a chemical potential. The slabs of the two complementary terminations are
/// whole formula units together, and their sum defines
///   γ_avg = (E_1 + E_2 − (N_1 + N_2) e_bulk) / (4A)   (half the cleavage energy per area),
/// and each termination's share γ_i = γ_avg,unrelaxed + (E_i − E_i,unrelaxed) / (2A): the unrelaxed
/// cleavage energy split equally between the two faces, plus the face's own relaxation energy.
struct TerminationPairSurfaceEnergy {
  double gamma_avg_J_m2 = 0.0;             // from the final (relaxed if requested) energies
  double gamma_avg_unrelaxed_J_m2 = 0.0;
  double gamma_first_J_m2 = 0.0, gamma_second_J_m2 = 0.0;
  double area_A2 = 0.0;
  TerminationSlab first, second;
};

/// `first` and `second`: symmetric slabs of the two terminations with the same surface cell.
/// Throws std::invalid_argument for what surface_energy refuses, slabs of different areas, or two
/// slabs that are not whole formula units of `bulk_cell` together.
TerminationPairSurfaceEnergy termination_pair_surface_energy(Engine& engine, Structure first, Structure second,
                                                             const Structure& bulk_cell,
                                                             const SurfaceEnergyOptions& opt);


}  // namespace nabridge
