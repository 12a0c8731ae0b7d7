#pragma once
// Work of separation between two parts A and B of one structure:
// W = (E_A + E_B − E_AB)/A, relaxed and unrelaxed, and a rigid-separation scan fitted to UBER.
// Interfacial energy γ_AB = γ_A + γ_B − W when both surface energies are supplied.
// The structure must hold exactly one A|B contact: B above A along z, the cell periodic along
// a and b, and (if periodic along c) vacuum above B wider than the interaction range plus scan_max_A.
#include <limits>
#include <optional>
#include <vector>

#include "core/engine.h"
#include "optimize/optimizer.h"
#include "protocols/uber.h"

namespace nabridge {

struct AdhesionOptions {
  bool relax = true;
  Optimizer* optimizer = nullptr;       // nullptr: FIRE with default options
  bool scan = true;                     // rigid separation scan + UBER fit
  double scan_min_A = -0.5, scan_max_A = 6.0;  // displacement of B along +z from the contact
  int scan_points = 27;                 // >= 4, evenly spaced, both ends included
  std::optional<double> gamma_A_J_m2, gamma_B_J_m2;
  /// Largest displacement (Å) an atom of A may make between A relaxed alone and the relaxed contact.
  /// Beyond it A has torn (e.g. a fixed-charge oxide whose anions a film of charged Na pulls out of
  /// the surface: a reaction the model cannot describe), and the contact is relaxed again with A held
  /// at its own relaxed geometry, the way a DFT film relaxation on a frozen substrate is done.
  /// NaN: no check, A always free.
  double max_A_displacement_A = std::numeric_limits<double>::quiet_NaN();
};

struct AdhesionResult {
  double W_sep_J_m2 = 0.0;              // relaxed if requested, else = W_sep_unrelaxed_J_m2
  double W_sep_unrelaxed_J_m2 = 0.0;    // all three energies of the geometry as given
  double area_A2 = 0.0;                 // |a × b|
  double contact_separation_A = 0.0;    // input gap: lowest B atom z − highest A atom z
  double energy_AB_eV = 0.0, energy_A_eV = 0.0, energy_B_eV = 0.0;  // final (relaxed if requested)
  OptimizerResult relax_AB, relax_A, relax_B;  // default (steps 0) when not relaxed
  Structure structure_AB;               // the joined system, relaxed if requested
  std::optional<double> gamma_int_J_m2;  // γ_A + γ_B − W_sep_J_m2, when both γ are given
  UberFit uber;                         // fitted to curve (when scan)
  /// Rigid scan of the input geometry: (d_A, E_J_m2), d = contact_separation_A + displacement,
  /// E = (E_AB(d) − E_A − E_B)/A with the unrelaxed parts, so E → 0 at full separation.
  std::vector<std::pair<double, double>> curve;
  /// With relax: the largest displacement of an atom of A from A relaxed alone to the contact relaxed
  /// with A free (its index in s), and, when it exceeded max_A_displacement_A, W_sep of that contact
  /// (W_sep_J_m2 is then the one with A held).
  double max_A_displacement_A = 0.0;
  std::size_t max_A_displacement_atom = 0;
  std::optional<double> W_sep_A_free_J_m2;
};

/// in_B[i] marks the atoms of part B (above A along z). Both parts keep the structure's cell
/// and free_dofs; with max_A_displacement_A exceeded, A's atoms are held in the second relaxation.
/// Throws std::invalid_argument naming the field on bad input (size of in_B, an empty part, B not
/// above A, non-periodic a/b, scan_points < 4, scan_max_A <= scan_min_A).
AdhesionResult work_of_separation(Engine& engine, const Structure& s, const std::vector<bool>& in_B,
                                  const AdhesionOptions& opt);

}  // namespace nabridge
