#include "protocols/vacancy_migration.h"

#include <stdexcept>

#include "nabridge/base/bounds.h"
#include "protocols/common.h"

namespace nabridge {

VacancyFormationResult vacancy_formation(Engine& engine, const Structure& supercell, Optimizer* optimizer) {
  if (supercell.size() < 2) throw std::invalid_argument("vacancy formation: the supercell needs at least 2 atoms");
  if (!supercell.pbc[0] || !supercell.pbc[1] || !supercell.pbc[2])
    throw std::invalid_argument("vacancy formation: the supercell must be periodic in all three directions");
  const double n = static_cast<double>(supercell.size());
  const double e_perfect = engine.energy(supercell);
  Structure defect = supercell;
  defect.remove_atom(0);
  VacancyFormationResult r;
  r.Ef_unrelaxed_eV = engine.energy(defect) - (n - 1.0) / n * e_perfect;
  r.relax = relax_structure(engine, defect, optimizer);
  r.Ef_eV = r.relax.energy_eV - (n - 1.0) / n * e_perfect;
  r.relaxation_eV = r.Ef_unrelaxed_eV - r.Ef_eV;
  return r;
}

VacancyMigrationResult vacancy_migration(Engine& engine, const Structure& supercell,
                                         const VacancyMigrationOptions& opt) {
  if (supercell.size() < 8) throw std::invalid_argument("vacancy migration: the supercell needs at least 8 atoms");
  // Nearest neighbours of atom 0: the jump partners of a vacancy left at its site.
  std::vector<double> d(supercell.size(), kRunningMinStart);
  for (std::size_t i = 1; i < supercell.size(); ++i)
    d[i] = minimum_image(supercell, supercell.positions.col(static_cast<Eigen::Index>(i)) - supercell.positions.col(0))
               .norm();
  const double nn = *std::min_element(d.begin() + 1, d.end());
  std::size_t partner = 0;
  VacancyMigrationResult r;
  for (std::size_t i = 1; i < supercell.size(); ++i)
    if (d[i] < nn + 1e-6) {
      ++r.coordination;
      if (!partner) partner = i;
    }
  r.jump_length_A = nn;

  Structure initial = supercell;
  const Vec3 vacancy = supercell.positions.col(0);
  initial.remove_atom(0);
  const auto mover = static_cast<Eigen::Index>(partner - 1);
  const Vec3 jump = minimum_image(supercell, vacancy - initial.positions.col(mover));
  Structure final = initial;
  final.positions.col(mover) = initial.positions.col(mover) + jump;

  if (opt.check_split_vacancy) {
    // Start 2 % of the jump off the midpoint (an exact midpoint is stationary by symmetry even
    // when it is the saddle) and see whether the atom returns to it.
    Structure split = initial;
    split.positions.col(mover) += 0.48 * jump;
    OptimizerOptions fo;
    fo.fmax_eV_A = opt.neb.endpoint_fmax_eV_A;
    fo.max_steps = 20000;
    Structure start = initial;
    const auto relax_start = make_optimizer("fire", fo)->minimize(engine, start);
    const auto relax_split = make_optimizer("fire", fo)->minimize(engine, split);
    const Vec3 midpoint = initial.positions.col(mover) + 0.5 * jump;
    const double off_A = minimum_image(split, split.positions.col(mover) - midpoint).norm();
    if (relax_split.converged && relax_start.converged && off_A < 0.05 * nn &&
        relax_split.energy_eV > relax_start.energy_eV) {
      r.split_vacancy = true;
      r.split_vacancy_eV = relax_split.energy_eV - relax_start.energy_eV;
      final = split;
    }
  }

  r.neb = run_neb(engine, initial, final, opt.neb);
  r.Em_eV = r.neb.barrier_eV;
  if (!r.neb.converged) return r;
  const auto atoms = atoms_near(r.neb.images.front(), static_cast<std::size_t>(mover), opt.hessian_radius_A);
  r.prefactor = vineyard_prefactor(engine, r.neb.images.front(), r.neb.images[r.neb.saddle_image], atoms);
  if (r.prefactor.valid) {
    r.jump_rate_Hz = hop_rate_Hz(r.prefactor.nu_Hz, r.Em_eV, opt.T_K) * (r.split_vacancy ? 0.5 : 1.0);
    r.D_vacancy_m2_s = r.coordination * r.jump_length_A * r.jump_length_A * 1e-20 * r.jump_rate_Hz / 6.0;
  }
  return r;
}

}  // namespace nabridge
