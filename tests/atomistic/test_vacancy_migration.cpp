#include <catch2/catch.hpp>

#include "engines/pair_engine.h"
#include "optimize/fire.h"
#include "protocols/vacancy_migration.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

TEST_CASE("vacancy jump in an LJ fcc crystal: symmetric path, 12 partners, first-order saddle", "[vacancy]") {
  const double sigma = 2.6;
  const double a = std::sqrt(2.0) * std::pow(2.0, 1.0 / 6.0) * sigma;  // NN at the LJ minimum
  LennardJonesEngine lj("Ar", 0.0104, sigma, 2.0 * sigma, true);
  const Structure crystal = repeat(bulk_fcc("Ar", a), 3, 3, 3);
  VacancyMigrationOptions opt;
  opt.neb.images = 5;
  opt.neb.fmax_eV_A = 1e-4;
  opt.T_K = 40.0;
  const auto r = vacancy_migration(lj, crystal, opt);
  INFO(r.neb.message);
  REQUIRE(r.neb.converged);
  CHECK(r.coordination == 12);
  CHECK(r.jump_length_A == Approx(a / std::sqrt(2.0)).epsilon(1e-9));
  CHECK(r.neb.dE_eV == Approx(0.0).margin(1e-7));
  CHECK(r.neb.reverse_barrier_eV == Approx(r.Em_eV).margin(1e-7));
  CHECK(r.neb.saddle_image == 3);  // the middle image of the symmetric band
  // Independent check: by symmetry the saddle has the jumping atom at the midpoint of the jump.
  // Pin it there, relax everything else, and compare with the NEB barrier.
  const Structure& start = r.neb.images.front();
  const Structure& end = r.neb.images.back();
  Eigen::Index mover = 0;
  (end.positions - start.positions).colwise().norm().maxCoeff(&mover);
  Structure midpoint = start;
  midpoint.positions.col(mover) = 0.5 * (start.positions.col(mover) + end.positions.col(mover));
  midpoint.free_dofs[static_cast<std::size_t>(mover)] = dof::kNone;
  OptimizerOptions fopt;
  fopt.fmax_eV_A = 1e-6;
  fopt.max_steps = 20000;
  Fire(fopt).minimize(lj, midpoint);
  CHECK(r.Em_eV == Approx(lj.energy(midpoint) - lj.energy(start)).margin(1e-5));
  REQUIRE(r.prefactor.valid);
  CHECK(r.D_vacancy_m2_s > 0);
}
