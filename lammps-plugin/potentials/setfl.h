#pragma once
// DYNAMO setfl files as read by LAMMPS `pair_style eam/alloy` and `eam/fs`: three comment lines,
// the element line, "Nrho drho Nr dr cutoff", then per element "Z mass a lattice", F(ρ_k) for
// ρ_k = k·drho and its density tables at r_k = k·dr, then r·φ_ij(r_k) for i ≥ j (lower triangle,
// row by row). eam/alloy has one density table per element, f_i(r); eam/fs has N, the density
// element i gives an atom of element j, for j = 1..N (LAMMPS pair_eam_fs: rho at an atom of type
// I from a neighbour of type J is table [J][I]).
// (Format: LAMMPS documentation of pair_style eam; Daw, Foiles & Baskes, Mater. Sci. Rep. 9, 251
// (1993); Finnis & Sinclair, Philos. Mag. A 50, 45 (1984).)
#include <array>
#include <string>
#include <vector>

#include "potentials/eam_model.h"

namespace nabridge::potentials {

struct SetflGrid {
  int nrho = 3000;
  double drho = 0.0;
  int nr = 3000;
  double dr = 0.0;
  double cutoff_A = 0.0;
};

/// The grid NaBridge uses unless told otherwise: nr points with the last at the model's
/// cutoff (dr = rc/(nr−1)), and ρ up to rho_max (drho = rho_max/(nrho−1)).
SetflGrid default_grid(const EamModel& model, int nr, int nrho, double rho_max);

enum class SetflForm { kAlloy, kFinnisSinclair };

/// "eam/alloy" or "eam/fs".
std::string pair_style_of(SetflForm form);

/// eam/fs when the model's densities depend on the receiving element, else eam/alloy.
SetflForm setfl_form(const EamModel& model);

struct SetflElement {
  std::string symbol;
  int atomic_number = 0;
  double mass_amu = 0.0, lattice_constant_A = 0.0;
  std::string lattice;
  std::vector<double> F;                 // F(k·drho)
  std::vector<std::vector<double>> rho;  // eam/alloy: {f(k·dr)}; eam/fs: f_{this→j}(k·dr) for each element j
};

struct Setfl {
  SetflForm form = SetflForm::kAlloy;
  std::array<std::string, 3> comments;
  SetflGrid grid;
  std::vector<SetflElement> elements;
  std::vector<std::vector<double>> z2r;  // r·φ, lower-triangle order (i ≥ j)
  const std::vector<double>& rphi(std::size_t i, std::size_t j) const;
};

/// Tabulates the model (element order as in the model) on the grid in its setfl_form.
/// r·φ at r = 0 is 0.
/// `comments` become the three header lines (newlines are replaced by spaces).
Setfl tabulate(const EamModel& model, const SetflGrid& grid, const std::array<std::string, 3>& comments);

/// Writes with 5 numbers per line, `digits` significant digits, atomically (an interrupted
/// write leaves the old file). Throws std::runtime_error naming the path if it cannot be written.
void write_setfl(const Setfl& table, const std::string& path, int digits = 13);

/// Throws std::runtime_error naming the file and the entry that does not parse.
Setfl read_setfl(const std::string& path, SetflForm form = SetflForm::kAlloy);

}  // namespace nabridge::potentials
