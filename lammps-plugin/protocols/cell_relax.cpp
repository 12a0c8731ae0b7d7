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

}  // namespace nabridge
