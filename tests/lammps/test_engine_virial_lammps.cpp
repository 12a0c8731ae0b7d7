// Engine::provides_virial() of the LAMMPS-backed engines against what evaluate(s, true) returns:
// LammpsEngine gives the pair virial plus, with a k-space solver, its reciprocal part; ShellEngine
// gives it with fully periodic boundaries (its values: test_shell_engine_virial.cpp) and none on
// an open-circuit slab, which callers must learn by asking rather than by an evaluation (a whole
// shell relaxation).
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/lammps_engine.h"
#include "engine/shell_engine.h"
#include "lammps_packages.h"
#include "potentials/potential_library.h"
#include "shipped_potential.h"
#include "structure/prototypes.h"

using namespace nabridge;

TEST_CASE("provides_virial: LammpsEngine fills the virial, pair alone and with Ewald", "[lammps][engine][virial]") {
  LammpsEngine lj(potentials::potential_from_lines("lj/cut 8.0", {"1 1 0.4 2.6"}, {"Al"}));
  // Nearest neighbours at 3.7/√2 = 2.62 Å against the LJ fcc crystal's 1.09σ = 2.83 Å: compressed.
  const Structure al = bulk_prototype("fcc", {"Al"}, 3.7);
  CHECK(lj.provides_virial());
  const Evaluation ev = lj.evaluate(al, true);
  REQUIRE(ev.virial_eV.has_value());
  CHECK(ev.virial_eV->trace() > 0.0);  // compressed: pushes outwards
  CHECK_FALSE(lj.evaluate(al, false).virial_eV.has_value());

  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  // NaI rock salt with born/coul/long + Ewald (nai-tosifumi's Ewald twin): the k-space virial too.
  const auto nai = testing::load_shipped_potential("nai-tosifumi");
  REQUIRE(nai.has_ewald_reference);
  LammpsEngine ewald(nai.ewald_reference);
  CHECK(ewald.provides_virial());
  CHECK(ewald.evaluate(bulk_prototype("rocksalt", {"Na", "I"}, 6.5), true).virial_eV.has_value());
}

TEST_CASE("provides_virial: ShellEngine with periodic boundaries fills the virial", "[lammps][shell][engine][virial]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  ShellEngine engine(testing::load_shipped_potential("batio3-vielma").spec);
  CHECK(engine.provides_virial());
  const Structure cubic = bulk_prototype("perovskite", {"Ba", "Ti", "O"}, 4.0);
  CHECK(engine.evaluate(cubic, true).virial_eV.has_value());
  CHECK_FALSE(engine.evaluate(cubic, false).virial_eV.has_value());
}
