#pragma once
// Local minimisers over an Engine. Frozen directions come from Structure::free_dofs (the
// force is projected onto the free directions), so cost per step is linear in atom count.
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
  int steps = 0;
  double energy_eV = 0.0;
  double fmax_eV_A = 0.0;
  long force_calls = 0;
};

class Optimizer {
 public:
  virtual ~Optimizer() = default;
  /// Relaxes s in place.
  virtual OptimizerResult minimize(Engine& engine, Structure& s) = 0;
  virtual std::string name() const = 0;
};

}  // namespace nabridge
