#pragma once
// Bulk and surface protocols of the ionic host crystals NaBridge's compound potentials are
// validated on (potentials/ionic_validation.h): rock salt, the ABO3 perovskite and corundum. Any
// engine; units Å, eV, J/m², C/m², GPa.
//
// Surface energies: a symmetric stoichiometric slab for rock-salt (100) and corundum (0001),
// γ = (E_slab − N e_bulk)/2A; for the two non-stoichiometric perovskite (001) terminations the
// convention of Eglitis & Vanderbilt, Phys. Rev. B 76, 155439 (2007): with 7-layer slabs AO- and
// BO2-terminated (together 7 formula units), E_unrel = [E_u(AO) + E_u(BO2) − 7 e_fu]/4A is split
// equally between the terminations and each adds its own relaxation, E_rel(Λ) = [E_r(Λ) − E_u(Λ)]/2A
// (protocols/surface_energy.h termination_pair_surface_energy).
#include <map>
#include <string>

#include "core/engine.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

namespace nabridge {

// ---- bulk ---------------------------------------------------------------------------------

struct RockSaltBulk {
  double a_A = 0.0;
  double e_fu_eV = 0.0;  // energy per formula unit (2 atoms)
};

/// Lattice constant (root of the pressure, protocols/cubic_lattice.h, to 1e-7 Å) and energy.
RockSaltBulk rocksalt_bulk(Engine& engine, const std::string& cation, const std::string& anion, double a_guess_A);

/// Static bulk modulus of rock salt at its lattice constant a: B = V d²E/dV² along the uniform
/// scaling of a 2×2×2 conventional cell, E'' a central difference at a ± 1 %
/// (scaling_bulk_modulus_GPa).
double rocksalt_bulk_modulus_GPa(Engine& engine, const std::string& cation, const std::string& anion, double a_A);

/// Tetragonal ABO3 relaxed from a polar start (B shifted +0.1 Å along c, c/a = 1.01): positions by
/// FIRE (1e-5 eV/Å), the three cell lengths by zeroing the diagonal stress (a = b kept;
/// protocols/cell_relax.h). A paraelectric model returns to cubic; a ferroelectric one keeps c/a > 1
/// and a B displacement.
struct PerovskitePhase {
  double a_A = 0.0, c_A = 0.0;
  double b_shift_A = 0.0;          // B-cation displacement along c relative to the A frame
  double polarization_C_m2 = 0.0;  // |P| from point charges × displacements
  double e_fu_eV = 0.0;
  double max_stress_GPa = 0.0;
  bool converged = false;
};

/// `charges_e`: the point charge of each element (a rigid-ion model's); std::out_of_range without one.
PerovskitePhase relax_perovskite_polar(Engine& engine, const std::string& A, const std::string& B, const std::string& O,
                                       double a0_A, const std::map<std::string, double>& charges_e);

/// Corundum (M2O3) with its c/a and internal coordinates relaxed to zero stress, and the bulk
/// modulus −V dP/dV from the volumes of the cells relaxed again at ±1 GPa.
struct CorundumBulk {
  std::string cation, anion;
  double a_A = 0.0, c_A = 0.0;
  CorundumInternal internal;
  double e_fu_eV = 0.0;           // per M2O3 (5 atoms)
  double bulk_modulus_GPa = 0.0;  // central difference over ±1 GPa
  bool converged = false;         // all three cell relaxations
};

CorundumBulk corundum_bulk(Engine& engine, const std::string& cation, const std::string& anion, double a0_A,
                           double c0_A);

/// The relaxed conventional cell of `b`.
Structure corundum_cell(const CorundumBulk& b);

// ---- surfaces -------------------------------------------------------------------------------

/// A (001) slab of `bulk` (its conventional cell's c axis) of `layers` layers, `termination`
/// ("" = the builder's default), repeat × repeat surface cells, the bottom `fixed_layers` fixed.
Slab slab_001(const Structure& bulk, int layers, const std::string& termination = "", int repeat = 1,
              int fixed_layers = 0, double vacuum_A = 20.0);

/// γ of a symmetric, stoichiometric rock-salt (100) slab of `layers` layers, relaxed (all atoms
/// free, FIRE to 1e-4 eV/Å) when `relax`.
SurfaceEnergyResult rocksalt100_surface(Engine& engine, const std::string& cation, const std::string& anion,
                                        const RockSaltBulk& bulk, int layers = 6, bool relax = true);

struct PerovskiteSurfaces {
  double gamma_unrelaxed_J_m2 = 0.0;  // E_unrel, the same for both terminations
  double gamma_AO_J_m2 = 0.0, gamma_BO2_J_m2 = 0.0;
  double relax_AO_J_m2 = 0.0, relax_BO2_J_m2 = 0.0;  // E_rel (negative)
  bool converged = false;
};

/// Both (001) terminations of the cubic perovskite of lattice constant a and energy e_fu per
/// formula unit, from `layers`-layer symmetric slabs (odd), all atoms relaxed.
PerovskiteSurfaces perovskite001_surfaces(Engine& engine, const std::string& A, const std::string& B,
                                          const std::string& O, double a_A, double e_fu_eV, int layers = 7);

struct CorundumSurface {
  SurfaceEnergyResult gamma;    // all atoms relaxed
  double d12_change_pct = 0.0;  // outermost cation–O3 spacing, relaxed vs bulk (mean of both faces)
};

/// γ of the cation-terminated (0001) slab of `layers` layers (a multiple of 3), all atoms relaxed.
CorundumSurface corundum0001_surface(Engine& engine, const CorundumBulk& b, int layers);

}  // namespace nabridge
