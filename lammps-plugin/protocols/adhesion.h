#pragma once
// Work of separation between two parts A and B of one structure:
// W = (E_A + E_B − E_AB)/A, relaxed and unrelaxed, and a rigid-separation scan fitted to UBER.
// Interfacial energy γ_AB = γ_A + γ_B − W when both surface energies are supplied.
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
  int scan_points = 27;
  std::optional<double> gamma_A_J_m2, gamma_B_J_m2;
};

struct AdhesionResult {
  double W_sep_J_m2 = 0.0;
  double W_sep_unrelaxed_J_m2 = 0.0;
  double area_A2 = 0.0;
  std::optional<double> gamma_int_J_m2;
  UberFit uber;
  std::vector<std::pair<double, double>> curve;  // (d_A separation of the two contact planes, E_J_m2)
};

/// in_B[i] marks the atoms of part B (above A along z). Both parts keep the structure's cell.
AdhesionResult work_of_separation(Engine& engine, const Structure& s, const std::vector<bool>& in_B,
                                  const AdhesionOptions& opt);

}  // namespace nabridge
