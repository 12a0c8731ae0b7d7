#pragma once
// Equilibrium lattice constant of a crystal whose cell vectors scale together (cubic, or
// tetragonal/hexagonal with c/a held) as the root of its pressure, P(a) = 0, with the pressure
// from the engine's virial (P = tr W / 3V at 0 K): for a uniform scaling dE/da = -3V P / a, so the
// root is the minimum of E(a) along that path. A root of the analytic
// derivative is resolved to ~1e-12 Å, where minimising E(a) stops at ~sqrt(machine ε)·a; this
// is what lets two codes be compared to 1e-8 eV at "the" lattice constant.
#include <functional>
#include <string>
#include <vector>

#include "core/engine.h"
#include "nabridge/base/constants.h"

namespace nabridge {

struct CubicLattice {
  double a_A = 0.0;
  double energy_eV_per_atom = 0.0;  // at a_A, positions scaled with the cell (no internal relaxation)
  double pressure_GPa = 0.0;        // residual at a_A
  int evaluations = 0;
};

/// Builds the periodic crystal for lattice constant a (Å); the cell and positions scale with a.
using CubicBuilder = std::function<Structure(double a_A)>;

/// Brackets P = 0 by steps of 2 % from a_guess_A (at most 10 each way), then bisects to
/// |Δa| < tol_A. Exact for Bravais
/// lattices; for prototypes with internal degrees of freedom it is the unrelaxed-basis value.
/// Throws std::invalid_argument for a_guess_A <= 0 or tol_A <= 0, std::runtime_error when no
/// sign change of P is found, or when the engine gives no virial.
CubicLattice cubic_equilibrium(Engine& engine, const CubicBuilder& build, double a_guess_A, double tol_A = 1e-10);
/// The same for bulk_prototype(prototype, elements, a) ("fcc", "bcc", "rocksalt", ...).
CubicLattice cubic_equilibrium(Engine& engine, const std::string& prototype, const std::vector<std::string>& elements,
                               double a_guess_A, double tol_A = 1e-10);

/// The same state for an engine without a virial (ShellEngine): the minimum of the energy along
/// the uniform scaling, which is the pressure root because dE/da = -3VP/a on that path. Brackets
/// the minimum by steps of 2 % from a_guess_A (at most 10 each way), then golden section to
/// |Δa| < tol_A; the energy's rounding limits a to ~sqrt(machine ε)·a, coarser than the root of
/// the pressure. pressure_GPa is NaN (not computed). Throws std::invalid_argument for
/// a_guess_A <= 0 or tol_A <= 0, std::runtime_error when no minimum lies within 22 % of a_guess_A.
CubicLattice cubic_energy_minimum(Engine& engine, const CubicBuilder& build, double a_guess_A, double tol_A = 1e-6);

/// Static bulk modulus at the equilibrium lattice constant a_A of a crystal scaled uniformly by
/// `build`: B = V d²E/dV² = E''(a) / (9 a v), with v = V/(N a³) the volume per atom in units of a³
/// and E'' the central second difference of the energy per atom at a ± rel_step·a. Holds at the
/// minimum of E(a) (where dE/da = 0) for a crystal whose basis does not relax under the scaling.
double scaling_bulk_modulus_GPa(Engine& engine, const CubicBuilder& build, double a_A, double rel_step = 0.01);

}  // namespace nabridge
