#include "protocols/cell_relax.h"

#include <algorithm>
#include <stdexcept>

#include "protocols/cubic_lattice.h"

namespace nabridge {

CellRelaxResult relax_cell_axes(Engine& engine, Structure s, const CellRelaxOptions& opt) {
  if (!opt.optimizer) throw std::invalid_argument("relax_cell_axes: 'optimizer' is required");
  if (!(opt.stiffness_GPa > 0.0)) throw std::invalid_argument("relax_cell_axes: 'stiffness_GPa' must be > 0");
  if (!(s.pbc[0] && s.pbc[1] && s.pbc[2]))
    throw std::invalid_argument("relax_cell_axes: the crystal must be periodic along a, b and c");
  CellRelaxResult r;
  for (r.cycles = 1; r.cycles <= opt.max_cycles; ++r.cycles) {
    const OptimizerResult fr = opt.optimizer->minimize(engine, s);
    const Evaluation ev = engine.evaluate(s, true);
    if (!ev.virial_eV) throw std::runtime_error("relax_cell_axes: the engine gives no virial");
    const Vec3 excess = (*ev.virial_eV / s.volume_A3() * kEvPerA3_to_GPa).diagonal() - Vec3::Constant(opt.pressure_GPa);
    r.energy_eV = ev.energy_eV;
    r.max_stress_GPa = excess.cwiseAbs().maxCoeff();
    if (r.max_stress_GPa < opt.stress_tol_GPa && fr.converged) {
      r.converged = true;
      break;
    }
    const double in_plane = 0.5 * (excess.x() + excess.y()) / opt.stiffness_GPa;
    const Vec3 scale(1 + in_plane, 1 + in_plane, 1 + excess.z() / opt.stiffness_GPa);
    s.cell = scale.asDiagonal() * s.cell;
    s.positions = scale.asDiagonal() * s.positions;
  }
  r.cycles = std::min(r.cycles, opt.max_cycles);
  r.structure = std::move(s);
  return r;
}

namespace {

/// The extended system of relax_cell_shape as an Engine: columns 0..N−1 of a "structure" are X,
/// columns N..N+2 are c times the columns of F.
class CellFilterEngine : public Engine {
 public:
  CellFilterEngine(Engine& inner, const Structure& reference, double cell_factor)
      : inner_(inner), ref_(reference), c_(cell_factor) {}
  std::string describe() const override { return "cell filter over " + inner_.describe(); }
  bool provides_virial() const override { return false; }  // the cell is among its coordinates

  Structure extended(const Structure& s) const {
    Structure x = s;
    const Mat3 f = c_ * Mat3::Identity();
    for (int k = 0; k < 3; ++k) x.add_atom("cell", f.col(k));
    return x;
  }
  Mat3 deformation(const Structure& x) const { return x.positions.rightCols(3) / c_; }
  Structure physical(const Structure& x) const {
    const std::size_t n = ref_.size();
    Structure s = ref_;
    const Mat3 f = deformation(x);
    s.cell = f * ref_.cell;
    s.positions = f * x.positions.leftCols(static_cast<Eigen::Index>(n));
    return s;
  }

 protected:
  void compute(const Structure& x, Evaluation& out, bool /*want_virial*/) override {
    const Structure s = physical(x);
    inner_.evaluate(s, inner_eval_, true);
    if (!inner_eval_.virial_eV) throw std::runtime_error("relax_cell_shape: the engine gives no virial");
    const Mat3 f = deformation(x);
    const Mat3 w = *inner_eval_.virial_eV;
    out.energy_eV = inner_eval_.energy_eV;
    out.forces_eV_A.resize(3, x.positions.cols());
    const auto n = static_cast<Eigen::Index>(ref_.size());
    out.forces_eV_A.leftCols(n) = f.transpose() * inner_eval_.forces_eV_A;
    out.forces_eV_A.rightCols(3) = w * f.inverse().transpose() / c_;
    out.virial_eV.reset();
  }

 private:
  Engine& inner_;
  const Structure& ref_;
  double c_;
  Evaluation inner_eval_;
};

}  // namespace

CellRelaxResult relax_cell_shape(Engine& engine, const Structure& s, const CellShapeOptions& opt) {
  if (!opt.optimizer) throw std::invalid_argument("relax_cell_shape: 'optimizer' is required");
  if (!(s.pbc[0] && s.pbc[1] && s.pbc[2]))
    throw std::invalid_argument("relax_cell_shape: the crystal must be periodic along a, b and c");
  s.validate();
  const double c = opt.cell_factor > 0 ? opt.cell_factor : static_cast<double>(std::max<std::size_t>(s.size(), 1));
  CellFilterEngine filter(engine, s, c);
  Structure x = filter.extended(s);
  const OptimizerResult fr = opt.optimizer->minimize(filter, x);
  CellRelaxResult r;
  r.structure = filter.physical(x);
  const Evaluation ev = engine.evaluate(r.structure, true);
  if (!ev.virial_eV) throw std::runtime_error("relax_cell_shape: the engine gives no virial");
  r.energy_eV = ev.energy_eV;
  r.max_stress_GPa = (*ev.virial_eV / r.structure.volume_A3() * kEvPerA3_to_GPa).cwiseAbs().maxCoeff();
  r.cycles = fr.steps;
  r.converged = fr.converged;
  return r;
}

}  // namespace nabridge
