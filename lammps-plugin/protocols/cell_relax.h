#pragma once
// Relaxation of a periodic crystal with its cell: positions by an optimiser at fixed cell, then
// the three cell axes strained until the diagonal of the pressure tensor (virial / V) equals an
// applied hydrostatic pressure, repeated until both hold. The in-plane axes a, b are scaled
// together (a tetragonal or hexagonal cell keeps its shape; c/a is free). For crystals whose
// internal coordinates and c/a are not fixed by symmetry (corundum, a polar perovskite), where
// scaling a conventional cell (cubic_equilibrium) is not the minimum. Units: Å, eV, GPa.
#include "core/engine.h"
#include "optimize/optimizer.h"

namespace nabridge {

struct CellRelaxOptions {
  Optimizer* optimizer = nullptr;  // positions at fixed cell (required)
  double pressure_GPa = 0.0;       // applied hydrostatic pressure (> 0 compresses)
  double stress_tol_GPa = 1e-3;    // converged when every |P_ii − pressure| is below this
  /// Strain per cycle ε = (P_ii − pressure)/stiffness. The in-plane update converges when the
  /// stiffness exceeds half of C11 + C12 (the in-plane biaxial response) and the c update when
  /// it exceeds half of C33; near those values it takes the fewest cycles, far above, many.
  double stiffness_GPa = 300.0;
  int max_cycles = 200;
};

/// A stiffness for corundum cells: C11 + C12 ≈ 660 GPa is the in-plane response (expt alpha-Al2O3
/// C11 497, C12 163, C33 501 GPa; Gieske & Barsch, Phys. Status Solidi 29, 121 (1968)); the
/// generic 300 GPa is below half of it and the in-plane update diverges.
inline constexpr double kCorundumStiffness_GPa = 700.0;

struct CellRelaxResult {
  Structure structure;          // relaxed positions and cell
  double energy_eV = 0.0;
  double max_stress_GPa = 0.0;  // max |P_ii − pressure| at the end
  int cycles = 0;
  bool converged = false;       // stress and the last position relaxation converged
};

/// Throws std::invalid_argument without an optimiser, for a non-positive stiffness, or for a
/// structure not periodic in all three directions; std::runtime_error when the engine gives no virial.
CellRelaxResult relax_cell_axes(Engine& engine, Structure s, const CellRelaxOptions& opt);

struct CellShapeOptions {
  Optimizer* optimizer = nullptr;  // minimises positions and cell together (required)
  double cell_factor = 0.0;        // c below; <= 0: the atom count (ASE's default)
};

/// Positions and the whole cell (volume and shape: all strain components) relaxed together at
/// zero applied stress, by one run of the optimiser over extended coordinates (X, c·F): X the
/// positions in the frame of the starting cell C0, F the deformation gradient (cell F·C0,
/// positions F·X) and c the cell factor. Their generalised forces are (Fᵀ f_i, W F⁻ᵀ / c) with W
/// the virial (dE = −W : dF F⁻¹), so the minimiser sees one smooth energy surface and follows
/// any downhill direction, an unstable strain included (a shear of a crystal with C44 < 0, the
/// tetragonal Bain strain of one with C11 < C12). This is the construction of ASE's
/// UnitCellFilter. With c = N the optimiser's force tolerance fmax on the cell rows is a stress
/// of fmax·N/V (1e-4 eV/Å on a 16 Å³/atom crystal: 1e-3 GPa). converged: the optimiser's
/// verdict; cycles: its steps; max_stress_GPa: the largest |virial/V| component at the end. Free atom directions
/// (free_dofs) are honoured in X. Throws std::invalid_argument without an optimiser or for a
/// structure not periodic in all three directions; std::runtime_error when the engine gives no virial.
CellRelaxResult relax_cell_shape(Engine& engine, const Structure& s, const CellShapeOptions& opt);

}  // namespace nabridge
