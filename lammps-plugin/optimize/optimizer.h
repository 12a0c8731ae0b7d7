#pragma once
// Local minimisers over an Engine. Frozen directions come from Structure::free_dofs (the
// force is projected onto the free directions), so cost per step is linear in atom count.
#include <memory>
#include <string>

#include "core/engine.h"

namespace nabridge {

struct OptimizerOptions {
  double fmax_eV_A = 1e-3;   // converged when max |projected force| per atom < fmax
  int max_steps = 2000;
  double max_step_A = 0.2;   // largest displacement of any atom in one step
};

struct OptimizerResult {
  bool converged = false;
  int steps = 0;             // position updates made
  double energy_eV = 0.0;    // energy of the final structure
  double fmax_eV_A = 0.0;    // max per-atom |projected force| of the final structure
  long force_calls = 0;      // engine evaluations made by this minimisation
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  /// Relaxes s in place.
  virtual OptimizerResult minimize(Engine& engine, Structure& s) = 0;
  virtual std::string name() const = 0;
};

/// Zeroes the components of v (3 x N, per atom) along the directions s.free_dofs forbids.
void project_to_free(const Structure& s, Positions& v);
/// max_i |v.col(i)|: the per-atom norm used for force convergence and step limits.
double max_atom_norm(const Positions& v);

/// A minimiser by name: "fire" or "lbfgs" (case-sensitive), with default parameters beyond opt.
/// Throws std::invalid_argument naming the unknown optimiser and the known ones.
std::unique_ptr<Optimizer> make_optimizer(const std::string& name, const OptimizerOptions& opt = {});

}  // namespace nabridge
