// na_vacancy: vacancy formation energy and nearest-neighbour migration (CI-NEB + Vineyard; a
// split vacancy at the jump's midpoint is detected and its rate halved) in a periodic bcc Na
// supercell at the relaxed lattice constant of na_bulk.
#include "optimize/fire.h"
#include "protocols/vacancy_migration.h"
#include "structure/prototypes.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

nlohmann::json neb_path_json(const NebResult& r);

nlohmann::json run_na_vacancy_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const auto& na = ctx.input("na_bulk");
  auto engine = ctx.engine(p.at("potential"));
  const int n = p.at("cells");
  const Structure crystal = repeat(bulk_bcc("Na", na.at("a_A")), n, n, n);
  VacancyMigrationOptions opt;
  opt.neb.images = p.at("neb_images");
  opt.neb.fmax_eV_A = p.at("neb_fmax_eV_A");
  opt.neb.endpoint_fmax_eV_A = p.at("fmax_eV_A");
  opt.hessian_radius_A = p.at("hessian_radius_A");
  opt.T_K = p.at("T_K");
  OptimizerOptions fo;
  fo.fmax_eV_A = p.at("fmax_eV_A");
  Fire fire(fo);
  const VacancyFormationResult f = vacancy_formation(*engine, crystal, &fire);
  const VacancyMigrationResult r = vacancy_migration(*engine, crystal, opt);
  return {{"natoms", crystal.size()},
          {"Ef_eV", f.Ef_eV},
          {"Ef_relax_converged", f.relax.converged},
          {"split_vacancy", r.split_vacancy},
          {"split_vacancy_eV", r.split_vacancy_eV},
          {"jump_rate_Hz", r.jump_rate_Hz},
          {"Em_eV", r.Em_eV},
          {"jump_length_A", r.jump_length_A},
          {"coordination", r.coordination},
          {"nu_Hz", r.prefactor.nu_Hz},
          {"nu_valid", r.prefactor.valid},
          {"nu_message", r.prefactor.message},
          {"D_vacancy_m2_s", r.D_vacancy_m2_s},
          {"T_K", opt.T_K},
          {"converged", r.neb.converged},
          {"message", r.neb.message},
          {"path", neb_path_json(r.neb)}};
}

}  // namespace nabridge::workflow
