#include "optimize/fire.h"

#include <algorithm>

namespace nabridge {

OptimizerResult Fire::minimize(Engine& engine, Structure& s) {
  s.validate();
  const long calls0 = engine.force_calls();
  OptimizerResult res;
  Evaluation ev;
  auto evaluate = [&] {
    engine.evaluate(s, ev);
    project_to_free(s, ev.forces_eV_A);
    res.energy_eV = ev.energy_eV;
    res.fmax_eV_A = max_atom_norm(ev.forces_eV_A);
  };

  Positions v = Positions::Zero(3, static_cast<Eigen::Index>(s.size()));
  double dt = par_.dt_start, alpha = par_.alpha_start;
  int downhill = 0;  // consecutive steps with P > 0
  evaluate();
  while (true) {
    res.converged = res.fmax_eV_A < opt_.fmax_eV_A;
    if (res.converged || res.steps >= opt_.max_steps) break;
    const Positions& f = ev.forces_eV_A;
    const double power = (f.array() * v.array()).sum();
    if (power > 0.0) {
      // Mixing v ← (1−α)v + α|v| F̂ turns the velocity towards the force without changing speed.
      v = (1.0 - alpha) * v + (alpha * v.norm() / f.norm()) * f;
      if (++downhill > par_.n_min) {
        dt = std::min(dt * par_.f_inc, par_.dt_max);
        alpha *= par_.f_alpha;
      }
    } else if (power < 0.0) {
      // Uphill: freeze, restart cautiously. (P == 0 only when v == 0, i.e. at the start.)
      v.setZero();
      dt *= par_.f_dec;
      alpha = par_.alpha_start;
      downhill = 0;
    }
    v += dt * f;  // semi-implicit Euler with unit masses (ASE's integrator)
    Positions dx = dt * v;
    const double biggest = max_atom_norm(dx);
    if (biggest > opt_.max_step_A) dx *= opt_.max_step_A / biggest;
    s.positions += dx;
    ++res.steps;
    evaluate();
  }
  res.force_calls = engine.force_calls() - calls0;
  return res;
}

}  // namespace nabridge
