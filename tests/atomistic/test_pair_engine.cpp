#include <catch2/catch.hpp>

#include <cmath>

#include "engines/pair_engine.h"

using namespace nabridge;

TEST_CASE("LJ dimer energy and force match the analytic formula", "[engine]") {
  LennardJonesEngine lj("Ar", 0.0104, 3.4, 10.0);
  Structure s;
  s.cell = Mat3::Identity() * 50.0;
  s.pbc = {false, false, false};
  const double r = 3.8;
  s.add_atom("Ar", Vec3(0, 0, 0));
  s.add_atom("Ar", Vec3(r, 0, 0));
  const auto ev = lj.evaluate(s);
  const double sr6 = std::pow(3.4 / r, 6);
  CHECK(ev.energy_eV == Approx(4 * 0.0104 * (sr6 * sr6 - sr6)).epsilon(1e-14));
  const double dphi = 4 * 0.0104 * (-12 * sr6 * sr6 + 6 * sr6) / r;
  CHECK(ev.forces_eV_A(0, 1) == Approx(-dphi).epsilon(1e-12));
  CHECK(ev.forces_eV_A(0, 0) == Approx(dphi).epsilon(1e-12));
}

TEST_CASE("Pair engine forces are minus the finite-difference energy gradient", "[engine]") {
  MorseEngine morse("Cu", 0.3429, 1.3588, 2.866, 6.0);
  Structure s;
  s.cell << 3.6, 0.3, 0.0, 0.0, 3.7, 0.0, 0.0, 0.0, 3.8;  // triclinic, periodic
  s.add_atom("Cu", Vec3(0.1, 0.2, 0.0));
  s.add_atom("Cu", Vec3(1.9, 1.7, 1.6));
  const auto ev = morse.evaluate(s);
  const double h = 1e-5;
  for (int i = 0; i < 2; ++i)
    for (int k = 0; k < 3; ++k) {
      Structure p = s, m = s;
      p.positions(k, i) += h;
      m.positions(k, i) -= h;
      const double fd = -(morse.energy(p) - morse.energy(m)) / (2 * h);
      CHECK(ev.forces_eV_A(k, i) == Approx(fd).margin(1e-7));
    }
}

TEST_CASE("Pair engine energy does not depend on which periodic image an atom is stored at", "[engine]") {
  LennardJonesEngine lj("Ar", 1.0, 1.0, 2.5);
  Structure s;
  s.cell << 10.0, 2.0, 0.0, 0.0, 9.0, 0.0, 0.0, 0.0, 8.0;
  s.add_atom("Ar", Vec3(0.2, 0.1, 0.0));
  s.add_atom("Ar", Vec3(1.3, 0.4, 0.3));
  s.add_atom("Ar", Vec3(9.4, 0.3, 7.4));  // bonded to atom 0 through the a and c boundaries
  const auto ref = lj.evaluate(s);
  Structure moved = s;
  moved.positions.col(1) += s.cell * Vec3(2, -1, 3);  // stored several cells away
  moved.positions.col(0) -= s.cell * Vec3(0, 1, 0);
  const auto ev = lj.evaluate(moved);
  CHECK(ev.energy_eV == Approx(ref.energy_eV).epsilon(1e-12));
  CHECK(ref.energy_eV < -1.2);  // the third atom does interact across the boundary
  CHECK((ev.forces_eV_A - ref.forces_eV_A).norm() < 1e-10);
}
