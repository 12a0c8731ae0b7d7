#include "optimize/lbfgs.h"

#include <cmath>
#include <deque>
#include <stdexcept>
#include <vector>

namespace nabridge {

namespace {

struct CurvaturePair {
  Positions s, y;  // position and gradient change of one accepted step
  double rho;      // 1 / (y·s)
};

double dot(const Positions& a, const Positions& b) { return (a.array() * b.array()).sum(); }

/// Two-loop recursion: returns H·g for the L-BFGS inverse-Hessian approximation H.
/// With scale_h0 the initial Hessian is rescaled from the newest pair (Nocedal & Wright eq. 7.20);
/// otherwise H0 = h0 throughout, as in ASE, which keeps steps tame when y is not a true gradient
/// difference (NEB band forces).
Positions apply_inverse_hessian(const std::deque<CurvaturePair>& mem, const Positions& g, double h0, bool scale_h0) {
  Positions q = g;
  std::vector<double> a(mem.size());
  for (std::size_t k = mem.size(); k-- > 0;) {
    a[k] = mem[k].rho * dot(mem[k].s, q);
    q -= a[k] * mem[k].y;
  }
  const double gamma =
      mem.empty() || !scale_h0 ? h0 : dot(mem.back().s, mem.back().y) / mem.back().y.squaredNorm();
  Positions r = gamma * q;
  for (std::size_t k = 0; k < mem.size(); ++k) {
    const double b = mem[k].rho * dot(mem[k].y, r);
    r += (a[k] - b) * mem[k].s;
  }
  return r;
}

}  // namespace

Lbfgs::Lbfgs(OptimizerOptions opt, LbfgsParameters par) : opt_(opt), par_(par) {
  if (par_.memory < 1) throw std::invalid_argument("lbfgs: 'memory' must be >= 1");
  if (!(par_.initial_curvature_eV_A2 > 0)) throw std::invalid_argument("lbfgs: 'initial_curvature_eV_A2' must be > 0");
}

OptimizerResult Lbfgs::minimize(Engine& engine, Structure& s) {
  s.validate();
  const long calls0 = engine.force_calls();
  const double h0 = 1.0 / par_.initial_curvature_eV_A2;
  OptimizerResult res;
  Evaluation ev;
  Positions g;  // projected gradient = −projected force
  auto evaluate = [&] {
    engine.evaluate(s, ev);
    project_to_free(s, ev.forces_eV_A);
    g = -ev.forces_eV_A;
  };

  std::deque<CurvaturePair> mem;
  evaluate();
  double energy = ev.energy_eV;
  res.fmax_eV_A = max_atom_norm(g);
  while (true) {
    res.converged = res.fmax_eV_A < opt_.fmax_eV_A;
    if (res.converged || res.steps >= opt_.max_steps) break;

    Positions p = -apply_inverse_hessian(mem, g, h0, par_.line_search);
    project_to_free(s, p);
    double slope = dot(p, g);
    if (!(slope < 0.0)) {  // not a descent direction: forget the curvature history
      mem.clear();
      p = -h0 * g;
      slope = dot(p, g);
    }
    const double biggest = max_atom_norm(p);
    if (biggest > opt_.max_step_A) {
      p *= opt_.max_step_A / biggest;
      slope *= opt_.max_step_A / biggest;
    }

    // Backtracking (Armijo). The tolerance absorbs round-off in E near convergence.
    const Positions x0 = s.positions, g0 = g;
    const double tol = 1e-12 * std::max(1.0, std::abs(energy));
    double t = 1.0;
    bool accepted = false;
    for (int k = 0; k <= par_.max_backtracks && !accepted; ++k, t *= 0.5) {
      s.positions = x0 + t * p;
      evaluate();
      // Without an energy the only test is on the force: the step must not overshoot the 1D
      // minimum along p so far that the slope there is steeper uphill than it was downhill.
      accepted = par_.line_search ? ev.energy_eV <= energy + par_.armijo_c1 * t * slope + tol
                                  : dot(g, p) <= -slope;
    }
    if (!accepted) {
      s.positions = x0;
      g = g0;
      if (mem.empty()) break;  // even steepest descent fails: stuck (noisy or discontinuous energy)
      mem.clear();
      continue;
    }
    energy = ev.energy_eV;
    res.fmax_eV_A = max_atom_norm(g);
    ++res.steps;
    CurvaturePair cp{s.positions - x0, g - g0, 0.0};
    const double sy = dot(cp.s, cp.y);
    if (sy > 1e-12 * cp.s.squaredNorm()) {  // keep only positive-curvature pairs (H stays SPD)
      cp.rho = 1.0 / sy;
      mem.push_back(std::move(cp));
      if (static_cast<int>(mem.size()) > par_.memory) mem.pop_front();
    }
  }
  res.energy_eV = energy;
  res.force_calls = engine.force_calls() - calls0;
  return res;
}

}  // namespace nabridge
