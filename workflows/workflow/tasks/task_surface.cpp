// surface: γ of a symmetric slab of one facet, all layers free so both faces relax alike.
#include "optimize/fire.h"
#include "protocols/surface_energy.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

nlohmann::json run_surface_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const auto& bulk = ctx.input("bulk");
  auto engine = make_engine(p.at("potential"));
  const Slab slab = make_task_slab(p, bulk, 0);
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = bulk.at("e_bulk_eV_per_atom");
  OptimizerOptions fo;
  fo.fmax_eV_A = p.at("slab").at("fmax_eV_A");
  Fire fire(fo);
  opt.optimizer = &fire;
  const SurfaceEnergyResult r = surface_energy(*engine, slab.structure, opt);
  return {{"gamma_J_m2", r.gamma_J_m2},     {"gamma_unrelaxed_J_m2", r.gamma_unrelaxed_J_m2},
          {"area_A2", r.area_A2},           {"natoms", r.natoms},
          {"energy_eV", r.energy_eV},       {"relax_converged", r.relax.converged},
          {"relax_steps", r.relax.steps},   {"terminations", slab.terminations}};
}

}  // namespace nabridge::workflow
