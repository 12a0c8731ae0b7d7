// Overlayer height minimisation on a frozen substrate: the analytic Morse minimum is found in the
// single height coordinate, for one adatom and for a film moved as a rigid body; ranges without
// an interior minimum are refused.
#include <catch2/catch.hpp>

#include "engines/pair_engine.h"
#include "protocols/overlayer_height.h"

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

TEST_CASE("Overlayer height: the Morse minimum r0 and -D0 in the height coordinate", "[protocols][adsorption]") {
  MorseEngine morse;
  morse.set("Al", "Na", 0.45, 1.3, 2.87, 12.0);
  const OverlayerHeight h = minimise_overlayer_height(morse, dimer_above_surface(4.0), 1, 10.0, 1.5, 6.0, 1e-6);
  CHECK(h.height_A == Approx(2.87).margin(1e-5));
  CHECK(h.energy_eV == Approx(-0.45).epsilon(1e-9));
  CHECK(h.evaluations < 100);
}

TEST_CASE("Overlayer height: a film moves as a rigid body, its own bonds unchanged", "[protocols][adsorption]") {
  // Film: one Na above the Al atom and a second 14 A away laterally and 0.5 A higher, bound to
  // the first at its Morse r0; the second is out of the Al-Na cutoff. A rigid move keeps the
  // Na-Na bond at r0, so the minimum is -0.45 - 0.2 eV with the lowest Na at 2.87 A; moving the
  // first atom alone would stretch the bond.
  MorseEngine morse;
  morse.set("Al", "Na", 0.45, 1.3, 2.87, 12.0);
  const double bond_A = std::hypot(14.0, 0.5);
  morse.set("Na", "Na", 0.2, 1.0, bond_A, 16.0);
  Structure s;
  s.cell = Mat3::Identity() * 40.0;
  s.add_atom("Al", Vec3(10, 20, 10), dof::kNone);
  s.add_atom("Na", Vec3(10, 20, 14.0), dof::kNone);
  s.add_atom("Na", Vec3(24, 20, 14.5), dof::kNone);
  const OverlayerHeight h = minimise_overlayer_height(morse, s, 1, 10.0, 1.5, 6.0, 1e-6);
  CHECK(h.height_A == Approx(2.87).margin(1e-5));
  CHECK(h.energy_eV == Approx(-0.65).epsilon(1e-9));
}

TEST_CASE("Overlayer height: no interior minimum, bad index or range is an error", "[protocols][adsorption]") {
  MorseEngine morse;
  morse.set("Al", "Na", 0.45, 1.3, 2.87, 12.0);
  CHECK_THROWS_WITH(minimise_overlayer_height(morse, dimer_above_surface(4.0), 1, 10.0, 3.5, 6.0),
                    Catch::Contains("end of the range"));
  // The well lies above the range, so the energy falls to its upper end. (5.4 − 1.1)/0.1 is a
  // whole number of steps only up to rounding: the upper end must still count as the last point.
  MorseEngine far_well;
  far_well.set("Al", "Na", 0.45, 1.3, 7.0, 12.0);
  CHECK_THROWS_WITH(minimise_overlayer_height(far_well, dimer_above_surface(4.0), 1, 10.0, 1.1, 5.4),
                    Catch::Contains("end of the range [1.10, 5.40]"));
  CHECK_THROWS_WITH(minimise_overlayer_height(morse, dimer_above_surface(4.0), 2, 10.0, 1.5, 6.0),
                    Catch::Contains("index 2"));
  CHECK_THROWS_AS(minimise_overlayer_height(morse, dimer_above_surface(4.0), 1, 10.0, 6.0, 1.5), std::invalid_argument);
}
