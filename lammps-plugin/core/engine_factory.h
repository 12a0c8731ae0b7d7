#pragma once
// Functions that build a fresh Engine for a potential. Code that needs engines of its own (a
// potential's validation, the workflow's tasks) is given one, so production passes the LAMMPS
// engine's and a test an analytic engine's, and the same code runs on both. A core–shell model
// (PotentialSpec::shells) has its own factory: its engine also takes the slab's boundary
// conditions and the shells' tolerance (ShellEngineOptions).
#include <functional>
#include <memory>

#include "core/engine.h"
#include "core/potential_spec.h"

namespace nabridge {

using EngineFactory = std::function<std::unique_ptr<Engine>(const PotentialSpec&)>;

/// How a core–shell engine treats its structure (lammps/engine/shell_engine.h describes the
/// boundaries and the host field).
struct ShellEngineOptions {
  bool open_circuit_slab = false;
  /// Convergence of the shell relaxation: LAMMPS's ftol on the 2-norm of all shell forces.
  double shell_ftol_eV_A = 1e-6;
  int max_shell_iterations = 5000;
  double host_field_V_A = 0.0;
  /// > 0: the model's k-space sum replaced by Ewald at this relative force accuracy (LAMMPS
  /// `kspace_style ewald`), for a large cell where the model's own accuracy costs more than the
  /// result needs; 0: the model's kspace_style as written.
  double ewald_accuracy = 0.0;
};

using ShellEngineFactory = std::function<std::unique_ptr<Engine>(const PotentialSpec&, const ShellEngineOptions&)>;

}  // namespace nabridge
