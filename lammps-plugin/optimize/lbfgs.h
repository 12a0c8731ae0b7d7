#pragma once
// Limited-memory BFGS (Nocedal, Math. Comp. 35, 773 (1980); two-loop recursion as in Nocedal &
// Wright, Numerical Optimization, Alg. 7.4) in the free directions of Structure::free_dofs.
// The step is capped so no atom moves more than max_step_A (as ASE does), then shortened by
// backtracking until the Armijo sufficient-decrease condition holds. A non-descent direction
// or a failed line search clears the memory (restart from steepest descent).
// Cost per step O(m·N) for memory m.
#include "optimize/optimizer.h"

namespace nabridge {

struct LbfgsParameters {
  int memory = 10;                         // (s, y) pairs kept
  double initial_curvature_eV_A2 = 70.0;   // H0 = 1/this before any pair exists (ASE's alpha)
  double armijo_c1 = 1e-4;                 // sufficient-decrease constant
  int max_backtracks = 10;                 // step halvings before the memory is reset
  /// false: accept every (capped) step without an energy test, as ASE's LBFGS does. Needed
  /// for force fields that are not the gradient of the reported energy, e.g. NEB band forces.
  bool line_search = true;
};

class Lbfgs : public Optimizer {
 public:
  explicit Lbfgs(OptimizerOptions opt = {}, LbfgsParameters par = {});
  OptimizerResult minimize(Engine& engine, Structure& s) override;
  std::string name() const override { return "lbfgs"; }

 private:
  OptimizerOptions opt_;
  LbfgsParameters par_;
};

}  // namespace nabridge
