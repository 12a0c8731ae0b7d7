// Bulk Na vacancy with real Na potentials through KIM: formation energy, CI-NEB barrier of the
// nearest-neighbour <111> jump in bcc (4 × 4 × 4 conventional cells, 128 sites), Vineyard
// prefactor and D_v at 300 K. Reference (shared/reference/na_reference.toml): E_f = 0.42 ±
// 0.03 eV (dilatometry); E_m: 0.053 eV (C.na_vacancy_migration_energy), Q_SD − E_f = 0.03 eV,
// MD single jumps 0.12 ± 0.02 eV. Numbers measured with these models: docs/potentials-kim.md.
#include <catch2/catch.hpp>

#include "core/kim_potential.h"
#include "engine/lammps_engine.h"
#include "kim_models.h"
#include "lammps_packages.h"
#include "optimize/fire.h"
#include "protocols/cubic_lattice.h"
#include "protocols/vacancy_migration.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

namespace {

struct NaCrystal {
  double a_A = 0.0;
  Structure supercell;
};

NaCrystal na_bcc_128(Engine& engine) {
  NaCrystal c;
  c.a_A = cubic_equilibrium(engine, "bcc", {"Na"}, 4.2).a_A;
  c.supercell = repeat(bulk_bcc("Na", c.a_A), 4, 4, 4);
  return c;
}

VacancyMigrationOptions na_options() {
  VacancyMigrationOptions opt;
  opt.neb.images = 5;
  opt.hessian_radius_A = 4.5;  // the jumping atom and its first and second shells (3.7, 4.2 Å)
  opt.T_K = 300.0;
  return opt;
}

/// Energy of the relaxed cell with the jumping atom pinned at the midpoint of the jump, above
/// the relaxed vacancy: the saddle when the path has one hump (by inversion symmetry), the split
/// vacancy when that is a minimum. Independent of the NEB.
double pinned_midpoint_eV(Engine& engine, const VacancyMigrationResult& r, const Structure& vacancy_end,
                          const Structure& jump_end) {
  Eigen::Index mover = 0;
  (jump_end.positions - vacancy_end.positions).colwise().norm().maxCoeff(&mover);
  Structure mid = vacancy_end;
  const Vec3 jump = minimum_image(vacancy_end, jump_end.positions.col(mover) - vacancy_end.positions.col(mover));
  mid.positions.col(mover) += (r.split_vacancy ? 1.0 : 0.5) * jump;
  mid.free_dofs[static_cast<std::size_t>(mover)] = dof::kNone;
  OptimizerOptions fopt;
  fopt.fmax_eV_A = 1e-5;
  fopt.max_steps = 20000;
  REQUIRE(Fire(fopt).minimize(engine, mid).converged);
  return engine.energy(mid) - engine.energy(vacancy_end);
}

}  // namespace

TEST_CASE("Na vacancy, Mendelev 2015 EAM (KIM): E_f, single-hump <111> jump, prefactor, D_v(300 K)",
          "[lammps][kim][vacancy]") {
  if (testing::skip_without_lammps_packages({"KIM"})) return;
  LammpsEngine engine(kim_potential(testing::kMendelevNa, {"Na"}));
  const NaCrystal na = na_bcc_128(engine);
  REQUIRE(na.supercell.size() == 128);
  CHECK(na.a_A == Approx(4.2279).margin(1e-3));  // the model's 0 K lattice constant (expt 5 K: 4.225)

  const VacancyFormationResult f = vacancy_formation(engine, na.supercell);
  REQUIRE(f.relax.converged);
  CHECK(f.relaxation_eV > 0.0);
  CHECK(f.Ef_eV == Approx(0.42).margin(0.07));  // dilatometry 0.42 ± 0.03 eV; this model: 0.368

  const VacancyMigrationResult m = vacancy_migration(engine, na.supercell, na_options());
  INFO(m.neb.message << "; " << m.prefactor.message);
  REQUIRE(m.neb.converged);
  CHECK_FALSE(m.split_vacancy);
  CHECK(m.coordination == 8);
  CHECK(m.jump_length_A == Approx(na.a_A * std::sqrt(3.0) / 2.0).epsilon(1e-9));
  CHECK(m.neb.dE_eV == Approx(0.0).margin(1e-6));
  CHECK(m.neb.reverse_barrier_eV == Approx(m.Em_eV).margin(1e-6));
  CHECK(m.neb.saddle_image == 3);
  CHECK(m.Em_eV == Approx(pinned_midpoint_eV(engine, m, m.neb.images.front(), m.neb.images.back())).margin(2e-4));
  // Between the experimental estimates (0.03 eV from Q_SD − E_f, 0.053 eV) and MD's 0.12 eV.
  CHECK(m.Em_eV > 0.03);
  CHECK(m.Em_eV < 0.12);
  REQUIRE(m.prefactor.valid);
  CHECK(m.prefactor.nu_Hz > 1e11);
  CHECK(m.prefactor.nu_Hz < 1e13);  // below the Debye frequency of Na (158 K: 3.3 THz)
  const double rate = m.prefactor.nu_Hz * std::exp(-m.Em_eV / (8.617333262e-5 * 300.0));
  CHECK(m.jump_rate_Hz == Approx(rate).epsilon(1e-12));
  CHECK(m.D_vacancy_m2_s == Approx(8.0 * std::pow(m.jump_length_A * 1e-10, 2) * rate / 6.0).epsilon(1e-12));
}

TEST_CASE("Na vacancy, Kim & Lee 2022 MEAM (KIM): metastable split vacancy, two-hump jump", "[lammps][kim][vacancy]") {
  if (testing::skip_without_lammps_packages({"KIM"})) return;
  LammpsEngine engine(kim_potential(testing::kKimLeeNaCu, {"Na"}));
  const NaCrystal na = na_bcc_128(engine);
  const VacancyFormationResult f = vacancy_formation(engine, na.supercell);
  REQUIRE(f.relax.converged);
  CHECK(f.Ef_eV == Approx(0.42).margin(0.07));  // this model: 0.370

  const VacancyMigrationResult m = vacancy_migration(engine, na.supercell, na_options());
  INFO(m.neb.message << "; " << m.prefactor.message);
  REQUIRE(m.split_vacancy);
  REQUIRE(m.neb.converged);
  // The NEB's far end is the split vacancy: same energy as a pinned-midpoint relaxation.
  CHECK(m.neb.dE_eV == Approx(m.split_vacancy_eV).margin(1e-5));
  CHECK(m.split_vacancy_eV ==
        Approx(pinned_midpoint_eV(engine, m, m.neb.images.front(), m.neb.images.back())).margin(1e-4));
  CHECK(m.split_vacancy_eV > 0.0);
  CHECK(m.Em_eV > m.split_vacancy_eV);  // a hump between the vacancy and the split vacancy
  REQUIRE(m.prefactor.valid);
  const double rate = m.prefactor.nu_Hz * std::exp(-m.Em_eV / (8.617333262e-5 * 300.0));
  CHECK(m.jump_rate_Hz == Approx(0.5 * rate).epsilon(1e-12));  // half the split states go on
}

TEST_CASE("Na vacancy, Nichol-Ackland 2016 EAM (KIM): unstable vacancy, no barrier reported",
          "[lammps][kim][vacancy]") {
  if (testing::skip_without_lammps_packages({"KIM"})) return;
  // This model's relaxed vacancy is not a minimum: along the jump the band falls ~0.13 eV
  // below it (a local collapse towards close packing; fcc lies 3 meV/atom below bcc in this
  // model). The protocol must say so instead of returning a barrier.
  LammpsEngine engine(kim_potential(testing::kNicholAcklandNa, {"Na"}));
  const NaCrystal na = na_bcc_128(engine);
  VacancyMigrationOptions opt = na_options();
  opt.neb.max_steps = 400;
  const VacancyMigrationResult m = vacancy_migration(engine, na.supercell, opt);
  INFO(m.neb.message);
  CHECK_FALSE(m.neb.converged);
  CHECK(m.neb.message.find("below the lower endpoint") != std::string::npos);
  CHECK(m.D_vacancy_m2_s == 0.0);
  CHECK_FALSE(m.prefactor.valid);
}
