// Adatom height minimisation on a frozen substrate: the analytic Morse minimum is found in the
// single height coordinate; ranges without an interior minimum are refused.
#include <catch2/catch.hpp>

#include "engines/pair_engine.h"
#include "protocols/adatom_height.h"

using namespace nabridge;

namespace {
// One substrate atom at the origin of a large box and the adatom straight above it.
Structure dimer_above_surface(double h_A) {
  Structure s;
  s.cell = Mat3::Identity() * 30.0;
  s.add_atom("Al", Vec3(15, 15, 10), dof::kNone);
  s.add_atom("Na", Vec3(15, 15, 10 + h_A), dof::kZ);
  return s;
}
}  // namespace

TEST_CASE("Adatom height: the Morse minimum r0 and -D0 in the height coordinate", "[protocols][adsorption]") {
  MorseEngine morse;
  morse.set("Al", "Na", 0.45, 1.3, 2.87, 12.0);
  const AdatomHeight h = minimise_adatom_height(morse, dimer_above_surface(4.0), 1, 10.0, 1.5, 6.0, 1e-6);
  CHECK(h.height_A == Approx(2.87).margin(1e-5));
  CHECK(h.energy_eV == Approx(-0.45).epsilon(1e-9));
  CHECK(h.evaluations < 100);
}

TEST_CASE("Adatom height: no interior minimum, bad index or range is an error", "[protocols][adsorption]") {
  MorseEngine morse;
  morse.set("Al", "Na", 0.45, 1.3, 2.87, 12.0);
  CHECK_THROWS_WITH(minimise_adatom_height(morse, dimer_above_surface(4.0), 1, 10.0, 3.5, 6.0),
                    Catch::Contains("end of the range"));
  CHECK_THROWS_WITH(minimise_adatom_height(morse, dimer_above_surface(4.0), 2, 10.0, 1.5, 6.0), Catch::Contains("index 2"));
  CHECK_THROWS_AS(minimise_adatom_height(morse, dimer_above_surface(4.0), 1, 10.0, 6.0, 1.5), std::invalid_argument);
}
