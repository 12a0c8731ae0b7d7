#include <catch2/catch.hpp>

#include "lammps_neb_reference.h"
#include "lammps_packages.h"
#include "na_al100_hop.h"
#include "protocols/neb.h"

using namespace nabridge;

TEST_CASE("NEB barrier of Na on Al(100) agrees with LAMMPS's own neb within 1 meV", "[lammps][neb]") {
  if (testing::skip_without_lammps_packages({"REPLICA"})) return;
  const PotentialSpec pot = testing::al_na_morse();
  LammpsEngine engine(pot);
  const auto ends = testing::na_al100_hop(engine);

  NebOptions opt;
  opt.images = 5;
  opt.interpolation = "linear";  // as LAMMPS does
  opt.relax_endpoints = false;   // both codes start from the same relaxed endpoints
  opt.fmax_eV_A = 1e-3;
  const NebResult ours = run_neb(engine, ends.initial, ends.final, opt);
  INFO(ours.message);
  REQUIRE(ours.converged);

  const auto dir = testing::scratch_dir("neb_lammps");
  const auto ref = testing::run_lammps_neb(dir, ends.initial, ends.final, pot, opt.images, 1e-3, 1.0);
  INFO(ref.output);
  REQUIRE(ref.ran);
  CHECK(ours.barrier_eV == Approx(ref.barrier_eV).margin(1e-3));
  CHECK(ours.barrier_eV > 0.05);
  CHECK(ours.dE_eV == Approx(0.0).margin(1e-4));  // equivalent hollows
}
