#pragma once
// FIRE, the Fast Inertial Relaxation Engine (Bitzek, Koskinen, Gähler, Moseler, Gumbsch,
// Phys. Rev. Lett. 97, 170201 (2006)): damped MD whose velocity is steered towards the force
// and which stops dead when it goes uphill (P = F·v ≤ 0). Unit masses; time step in units of
// Å·(amu·Å²/eV)^½ scaled so that the defaults below (those of the paper and of ASE) work for
// forces in eV/Å. Only forces steer the motion (the energy is reported, never used), so FIRE
// also relaxes mildly non-conservative force fields, e.g. an Engine returning NEB band forces.
#include "optimize/optimizer.h"

namespace nabridge {

struct FireParameters {
  double dt_start = 0.1;
  double dt_max = 1.0;
  int n_min = 5;             // downhill steps before dt may grow
  double f_inc = 1.1;        // dt growth factor
  double f_dec = 0.5;        // dt shrink factor on an uphill step
  double alpha_start = 0.1;  // initial velocity-force mixing
  double f_alpha = 0.99;     // mixing decay per accelerated step
};

class Fire : public Optimizer {
 public:
  explicit Fire(OptimizerOptions opt = {}, FireParameters par = {}) : opt_(opt), par_(par) {}
  OptimizerResult minimize(Engine& engine, Structure& s) override;
  std::string name() const override { return "fire"; }

 private:
  OptimizerOptions opt_;
  FireParameters par_;
};

}  // namespace nabridge
