// pair_style nabridge/morse/bondorder (lammps-plugin/lammps/styles/pair_morse_bond_order.h):
// its energy written out by hand for three atoms, LAMMPS's own `morse` when beta = 0, forces and
// virial against finite differences of its energy, newton_pair off against on, and one error per
// bad pair_coeff through `nabridge lmp`.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <random>

#include "engine/lammps_engine.h"
#include "lammps_reference.h"
#include "potentials/potential_library.h"
#include "subprocess.h"

using namespace nabridge;

namespace {
constexpr double kD0 = 0.3, kAlpha = 1.5, kR0 = 2.4, kRon = 3.2, kRoff = 4.2;

// O (type 1) is the host, Na (type 2) the adsorbate whose Na coordination damps its O bonds.
PotentialSpec bond_order_potential(double beta, double n, const std::vector<std::string>& commands = {}) {
  PotentialSpec p = potentials::potential_from_lines(
      "hybrid/overlay zero 6.0 nabridge/morse/bondorder 6.0",
      {"* * zero", fmt::format("2 2 nabridge/morse/bondorder {} {} {} {}", beta, n, kRon, kRoff),
       fmt::format("1 2 nabridge/morse/bondorder {} {} {}", kD0, kAlpha, kR0)},
      {"O", "Na"});
  p.commands.insert(p.commands.end(), commands.begin(), commands.end());
  return p;
}

double morse(double r) {
  const double e = std::exp(-kAlpha * (r - kR0));
  return kD0 * (e * e - 2.0 * e);
}

// A 3x3 O layer with a second layer below, and five Na above it at Na–Na distances on both sides of
// the taper, each coordinate moved by up to 0.15 A (fixed seed) so that no force vanishes by symmetry.
Structure na_on_oxide_layer() {
  Structure s;
  s.cell = Mat3::Identity();
  s.cell(0, 0) = s.cell(1, 1) = 8.4;
  s.cell(2, 2) = 20.0;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      s.add_atom("O", Vec3(2.8 * i, 2.8 * j, 5.0));
      s.add_atom("O", Vec3(2.8 * i + 1.4, 2.8 * j + 1.4, 3.6));
    }
  for (const Vec3& r : {Vec3(1.4, 1.4, 7.3), Vec3(4.6, 1.6, 7.4), Vec3(1.5, 4.9, 7.2), Vec3(5.2, 5.0, 7.5),
                        Vec3(3.1, 3.4, 9.6)})
    s.add_atom("Na", r);
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> shift(-0.15, 0.15);
  for (Eigen::Index k = 0; k < s.positions.size(); ++k) s.positions.data()[k] += shift(rng);
  return s;
}
}  // namespace

TEST_CASE("nabridge/morse/bondorder: three atoms, energy written out by hand", "[lammps][pair_style]") {
  const double beta = 0.6, n = 2.0;
  Structure s;
  s.cell = Mat3::Identity() * 30.0;
  s.add_atom("O", Vec3(10.0, 10.0, 10.0));
  s.add_atom("Na", Vec3(10.0, 10.0, 12.5));
  s.add_atom("Na", Vec3(13.5, 10.0, 12.5));
  // Na–Na 3.5 A lies in the taper: each Na has N = (1 + cos(pi 0.3/1.0))/2 Na neighbours.
  const double coordination = 0.5 * (1.0 + std::cos(M_PI * (3.5 - kRon) / (kRoff - kRon)));
  const double b = std::pow(1.0 + std::pow(beta * coordination, n), -1.0 / (2.0 * n));
  const double r2 = std::hypot(3.5, 2.5);
  CHECK(coordination == Approx(0.793893).epsilon(1e-6));
  CHECK(LammpsEngine(bond_order_potential(beta, n)).energy(s) == Approx(b * (morse(2.5) + morse(r2))).epsilon(1e-12));
  // pair_modify shift yes: each bond measured from its value at the 6 A cutoff.
  CHECK(LammpsEngine(bond_order_potential(beta, n, {"pair_modify shift yes"})).energy(s) ==
        Approx(b * (morse(2.5) + morse(r2) - 2.0 * morse(6.0))).epsilon(1e-12));
  // Moving the second Na out of the first's shell (4.5 A > r_off) restores the full bonds.
  s.positions(0, 2) = 14.5;
  CHECK(LammpsEngine(bond_order_potential(beta, n)).energy(s) ==
        Approx(morse(2.5) + morse(std::hypot(4.5, 2.5))).epsilon(1e-12));
}

TEST_CASE("nabridge/morse/bondorder with beta = 0 is LAMMPS's morse", "[lammps][pair_style]") {
  const Structure s = na_on_oxide_layer();
  const Evaluation bo = LammpsEngine(bond_order_potential(0.0, 2.0)).evaluate(s, true);
  const Evaluation plain =
      LammpsEngine(potentials::potential_from_lines(
                       "hybrid/overlay zero 6.0 morse 6.0",
                       {"* * zero", fmt::format("1 2 morse {} {} {}", kD0, kAlpha, kR0)}, {"O", "Na"}))
          .evaluate(s, true);
  CHECK(bo.energy_eV == Approx(plain.energy_eV).epsilon(1e-12));
  CHECK((bo.forces_eV_A - plain.forces_eV_A).cwiseAbs().maxCoeff() < 1e-10);
  CHECK((*bo.virial_eV - *plain.virial_eV).cwiseAbs().maxCoeff() < 1e-10);
}

TEST_CASE("nabridge/morse/bondorder forces and virial are derivatives of its energy", "[lammps][pair_style]") {
  const Structure s = na_on_oxide_layer();
  LammpsEngine engine(bond_order_potential(0.6, 2.0, {"pair_modify shift yes"}));
  const Evaluation ev = engine.evaluate(s, true);
  // The structure is not a trivial case: the damping changes the energy by more than 0.1 eV.
  CHECK(std::abs(ev.energy_eV - LammpsEngine(bond_order_potential(0.0, 2.0, {"pair_modify shift yes"})).energy(s)) >
        0.1);
  const double h = 1e-5;
  double worst = 0.0;
  for (Eigen::Index atom = 0; atom < s.positions.cols(); ++atom)
    for (int k = 0; k < 3; ++k) {
      Structure plus = s, minus = s;
      plus.positions(k, atom) += h;
      minus.positions(k, atom) -= h;
      const double fd = -(engine.energy(plus) - engine.energy(minus)) / (2 * h);
      worst = std::max(worst, std::abs(fd - ev.forces_eV_A(k, atom)));
    }
  CHECK(worst < 1e-7);
  CHECK(ev.forces_eV_A.cwiseAbs().maxCoeff() > 0.1);
  // W_ab = -dE/d(eps_ab) under a homogeneous deformation of cell and atoms.
  REQUIRE(ev.virial_eV);
  for (const auto& [a, b] : {std::pair{0, 0}, {2, 2}, {0, 1}, {1, 2}}) {
    auto strained = [&](double e) {
      Structure t = s;
      Mat3 f = Mat3::Identity();
      f(a, b) += e;
      t.cell = f * t.cell;
      t.positions = f * t.positions;
      return engine.energy(t);
    };
    CHECK((*ev.virial_eV)(a, b) == Approx(-(strained(h) - strained(-h)) / (2 * h)).margin(1e-7));
  }
}

TEST_CASE("nabridge/morse/bondorder gives the same energy and forces with newton_pair off", "[lammps][pair_style]") {
  // Plain LAMMPS instances: a potential may not switch newton (LammpsEngine keeps it on), and with
  // it off every ghost pair is counted by both owners, the other branch of the style's bookkeeping.
  const Structure s = na_on_oxide_layer();
  const PotentialSpec pot = bond_order_potential(0.6, 2.0);
  testing::RunZeroReference on(pot, s, "on"), off(pot, s, "off");
  Positions f_on, f_off;
  const double e_on = on.run0(s.positions, f_on);
  const double e_off = off.run0(s.positions, f_off);
  CHECK(e_on == Approx(LammpsEngine(pot).energy(s)).epsilon(1e-12));
  CHECK(e_off == Approx(e_on).epsilon(1e-12));
  const auto p_on = on.pressure_xx_zz_xy_bar(), p_off = off.pressure_xx_zz_xy_bar();
  for (int k = 0; k < 3; ++k) CHECK(p_off[k] == Approx(p_on[k]).epsilon(1e-12).margin(1e-9));
  CHECK((f_on - f_off).cwiseAbs().maxCoeff() < 1e-10);
}

TEST_CASE("nabridge/morse/bondorder: each bad pair_coeff is one error naming the style", "[lammps][pair_style]") {
  const auto dir = std::filesystem::temp_directory_path() / fmt::format("nabridge-test-pair-bo-{}", getpid());
  std::filesystem::create_directories(dir);
  struct Case {
    std::vector<std::string> coeffs;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"1 2 nabridge/morse/bondorder 0.3 1.5 2.4"}, "no `pair_coeff N N beta n r_on r_off` line"},
      {{"2 2 nabridge/morse/bondorder 0.6 0.5 3.2 4.2"}, "n must be >= 1"},
      {{"2 2 nabridge/morse/bondorder 0.6 2 4.2 3.2"}, "need 0 < r_on < r_off"},
      {{"2 2 nabridge/morse/bondorder 0.6 2 3.2 4.2", "1 1 nabridge/morse/bondorder 0.6 2 3.2 4.2"},
       "only one type can carry the bond order"},
      {{"2 2 nabridge/morse/bondorder 0.6 2 3.2 4.2", "1 3 nabridge/morse/bondorder 0.3 1.5 2.4"},
       "the Morse term 1 3 does not involve the adsorbate type 2"},
  };
  for (const auto& c : cases) {
    std::string input =
        "units metal\nregion box block 0 10 0 10 0 10\ncreate_box 3 box\nmass * 20.0\n"
        "create_atoms 1 single 1 1 1\ncreate_atoms 2 single 1 1 3.5\n"
        "pair_style hybrid/overlay zero 6.0 nabridge/morse/bondorder 6.0\npair_coeff * * zero\n";
    for (const auto& line : c.coeffs) input += "pair_coeff " + line + "\n";
    input += "run 0\n";
    testing::write_file(dir / "in.bo", input);
    const auto r = testing::run_process({testing::nabridge_exe(), "lmp", "in.bo"}, dir);
    INFO(r.output);
    CHECK(r.exited);
    CHECK(r.status != 0);
    CHECK(r.output.find("pair nabridge/morse/bondorder: " + c.message) != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}
