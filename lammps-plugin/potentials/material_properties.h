#pragma once
// Bulk and defect properties of a crystal computed through any Engine (the analytic EamEngine
// inside fits, LammpsEngine for validation): cohesive energy, cubic elastic constants, vacancy formation energy,
// surface energies. Units: Å, eV, GPa, J/m².
#include <Eigen/Core>
#include <functional>
#include <string>

#include "core/engine.h"
#include "nabridge/base/constants.h"
#include "optimize/optimizer.h"
#include "protocols/cubic_lattice.h"
#include "protocols/lattice_stability.h"

namespace nabridge::potentials {

/// "fcc" or "bcc" conventional cell of one element; std::invalid_argument otherwise. Lattice
/// constants come from protocols/cubic_lattice.h (cubic_equilibrium: root of the pressure).
CubicBuilder element_lattice(const std::string& element, const std::string& lattice);

/// protocols/lattice_stability.h: C11, C12, C44 with B, C′ and the Voigt–Reuss–Hill shear modulus.
using CubicElastic = CubicElasticConstants;

/// Elastic constants of a cubic Bravais crystal (no internal relaxation) from central second
/// differences of the energy under strains of size `strain`: ε_xx → C11; ε_xx = ε_yy → C11 + C12;
/// ε_xy = ε_yx → 4·C44/2 (engineering shear 2ε). protocols/lattice_stability.h cubic_elastic with
/// clamped ions (the fits' choice: no minimiser inside a residual); relaxed-ion constants and the
/// Born criteria are there.
CubicElastic cubic_elastic_constants(Engine& engine, const Structure& equilibrium_cell, double strain = 1e-3);

/// E_v = E(N−1) − (N−1)·e_bulk for a reps³ supercell of the given equilibrium cell: relaxed through
/// protocols/vacancy_migration.h vacancy_formation, or unrelaxed (relax = false, one evaluation).
double vacancy_formation_energy(Engine& engine, const Structure& equilibrium_cell, int reps, double ebulk_eV_per_atom,
                                bool relax, Optimizer* optimizer = nullptr);

struct SurfaceSpecOptions {
  double min_thickness_A = 18.0;  // slab at least this thick (layers rounded up)
  double vacuum_A = 20.0;
  bool relax = true;
};

struct SurfaceResult {
  double gamma_J_m2 = 0, gamma_unrelaxed_J_m2 = 0;
  int layers = 0;
  std::size_t natoms = 0;
};

/// Surface energy of the (hkl) face of an equilibrium bulk cell (symmetric slab, both faces
/// relaxed), through protocols/surface_energy.
SurfaceResult surface_energy_hkl(Engine& engine, const Structure& equilibrium_cell, const Eigen::Vector3i& miller,
                                 double ebulk_eV_per_atom, const SurfaceSpecOptions& opt = {},
                                 Optimizer* optimizer = nullptr);

/// "(110)" for {1,1,0}.
std::string miller_label(const Eigen::Vector3i& miller);

}  // namespace nabridge::potentials
