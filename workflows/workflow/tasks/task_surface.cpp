// surface: γ of a symmetric slab of one facet, all layers free so both faces relax alike. For a
// coated substrate, γ of the coating material's facet (its own lattice): the coating's surface
// is what Na meets; the small strain the match puts on it is ignored here.
#include "optimize/fire.h"
#include "protocols/surface_energy.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

nlohmann::json run_surface_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const auto& substrate = ctx.input("bulk");
  const auto& bulk = substrate.contains("coating") ? substrate.at("coating") : substrate;
  auto engine = make_engine(p.at("potential"));
  nlohmann::json sp = p;
  if (substrate.contains("coating")) sp["termination"] = bulk.at("termination");
  const Slab slab = make_task_slab(sp, bulk, 0);
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
