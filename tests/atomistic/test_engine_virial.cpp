// Engine::provides_virial() says what evaluate(s, true) does, so a protocol can choose between the
// pressure and the energy without a probing evaluation: every engine of the library a test can
// build without LAMMPS (the analytic pair engines, EamEngine) and the test engines. NEB's band and
// IDPP engines and relax_cell_shape's cell filter are internal to their protocols' sources (not
// constructible here); each returns false and resets or never sets the virial.
#include <catch2/catch.hpp>

#include "engines/pair_engine.h"
#include "model_surfaces.h"
#include "potentials/eam_engine.h"
#include "potentials/zhou_params.h"
#include "structure/prototypes.h"
#include "timed_engine.h"

using namespace nabridge;
using namespace nabridge::potentials;

TEST_CASE("provides_virial: the analytic and EAM engines fill the virial, wrapped or not", "[engine][virial]") {
  // fcc Al at a = 3.5 Å, compressed for each engine (zero pressure at 3.650 Å for this Morse, about
  // 1.09σ·√2 = 4.01 Å for this LJ, 4.05 Å for Zhou's Al): a virial that is not zero.
  const Structure al = bulk_prototype("fcc", {"Al"}, 3.5);
  MorseEngine morse("Al", 0.3, 1.4, 2.86, 9.0);
  LennardJonesEngine lj("Al", 0.4, 2.6, 8.0);
  const auto params = read_zhou_parameters(std::string(NABRIDGE_SOURCE_DIR) + "/potentials/zhou2004/zhou2004.toml");
  const ZhouAlloyModel zhou({params.get("Al")});
  EamEngine eam(zhou);
  testing::TimedEngine timed(morse);
  for (Engine* engine : std::vector<Engine*>{&morse, &lj, &eam, &timed}) {
    INFO(engine->describe());
    CHECK(engine->provides_virial());
    const Evaluation ev = engine->evaluate(al, true);
    REQUIRE(ev.virial_eV.has_value());
    CHECK(ev.virial_eV->trace() > 0.0);  // compressed: pushes outwards
    CHECK_FALSE(engine->evaluate(al, false).virial_eV.has_value());  // only when asked
  }
}

TEST_CASE("provides_virial: the energy-surface test engines have none, wrapped or not", "[engine][virial]") {
  testing::DoubleWell well(1.0, 2.0);
  testing::TimedEngine timed(well);
  for (Engine* engine : std::vector<Engine*>{&well, &timed}) {
    INFO(engine->describe());
    CHECK_FALSE(engine->provides_virial());
    CHECK_FALSE(engine->evaluate(testing::plane_point(0.3, 0.1), true).virial_eV.has_value());
  }
  testing::SplitWellAdatom adatom(3.0, Vec3(0, 0, 10), 0.1, 0.05, 1.0);
  Structure s;
  s.cell = Mat3::Identity() * 3.0;
  s.add_atom("Na", Vec3(0.4, 0.2, 10.3));
  CHECK_FALSE(adatom.provides_virial());
  CHECK_FALSE(adatom.evaluate(s, true).virial_eV.has_value());
}
