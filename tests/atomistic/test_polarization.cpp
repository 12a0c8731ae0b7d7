// Polarisation of point charges displaced from a centrosymmetric reference (core/polarization.h),
// checked against values worked out by hand; and the core–shell fields of potential.toml: the
// shipped batio3-vielma read exactly, a shell without its mass refused naming file and field.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "core/polarization.h"
#include "potentials/potential_library.h"

using namespace nabridge;
namespace fs = std::filesystem;

TEST_CASE("Polarisation of a displaced perovskite pattern equals the hand-computed value", "[polarization]") {
  // A 4 x 4 x 4.2 Å cell (V = 67.2 Å^3) with the ions of a neutral ABO3: A +2 at the corner, B +4
  // at the body centre, three O -2 at face centres. Displacement pattern: B +0.1 Å along z, the
  // apical O (at (2, 2, 0)) -0.05 Å along z, the equatorial O unmoved, A +0.02 Å along x. By hand:
  //   d_z = 4 * 0.1 + (-2) * (-0.05) = 0.5 e Å;  d_x = 2 * 0.02 = 0.04 e Å;  d_y = 0
  //   P = d / V * 16.02176634 C/m² per e/Å²: P_z = 0.5 / 67.2 * 16.02176634 = 0.119209571 C/m²,
  //   P_x = 0.04 / 67.2 * 16.02176634 = 0.0095367657 C/m².
  Mat3 cell = Mat3::Zero();
  cell.diagonal() << 4.0, 4.0, 4.2;
  Positions ref(3, 5);
  ref.col(0) << 0, 0, 0;
  ref.col(1) << 2, 2, 2.1;
  ref.col(2) << 2, 2, 0;
  ref.col(3) << 2, 0, 2.1;
  ref.col(4) << 0, 2, 2.1;
  const std::vector<double> q = {2, 4, -2, -2, -2};
  Positions x = ref;
  x(0, 0) += 0.02;
  x(2, 1) += 0.1;
  x(2, 2) -= 0.05;
  const Vec3 P = polarization_C_m2(cell, x, ref, q);
  CHECK(P[2] == Approx(0.119209571).epsilon(1e-8));
  CHECK(P[0] == Approx(0.0095367657).epsilon(1e-8));
  CHECK(std::abs(P[1]) < 1e-15);

  SECTION("a rigid translation, and a particle wrapped through the boundary, leave P unchanged") {
    Positions moved = x;
    for (long i = 0; i < 5; ++i) moved.col(i) += Vec3(0.7, -1.3, 0.4);
    moved(2, 2) -= 4.2;  // the apical O across the lower z face: its image is the same particle
    const Vec3 P2 = polarization_C_m2(cell, moved, ref, q);
    CHECK((P2 - P).norm() < 1e-12);
  }
  SECTION("opposite displacements give the opposite polarisation") {
    const Positions down = 2 * ref - x;
    CHECK((polarization_C_m2(cell, down, ref, q) + P).norm() < 1e-12);
  }
  SECTION("a charged set and mismatched sizes are refused") {
    CHECK_THROWS_WITH(polarization_C_m2(cell, x, ref, {2, 4, -2, -2, -1}), Catch::Contains("charges sum to 1"));
    CHECK_THROWS_WITH(polarization_C_m2(cell, x, ref, {2, 4}), Catch::Contains("differ in number"));
  }
}

TEST_CASE("A polarisation that relaxed away is reported, never passed on as zero", "[polarization]") {
  CHECK_NOTHROW(require_polar(Vec3(0, 0, 0.25), 0.01, "BaTiO3"));
  CHECK_THROWS_WITH(require_polar(Vec3(0, 0, 1e-6), 0.01, "BaTiO3 (batio3-pedone)"),
                    Catch::Contains("BaTiO3 (batio3-pedone): the spontaneous polarisation relaxed away") &&
                        Catch::Contains("not passed on as a zero field"));
}

TEST_CASE("Core-shell potential.toml: batio3-vielma's shells read exactly, a shell without mass refused",
          "[polarization][potentials]") {
  const std::string dir = std::string(NABRIDGE_SOURCE_DIR) + "/potentials";
  const PotentialSpec s = potentials::load_potential("batio3-vielma", {dir});
  REQUIRE(s.shells.size() == 3);
  CHECK(s.shells.at("Ti").core_charge_e == 4.616);
  CHECK(s.shells.at("Ti").k4_eV_A4 == 500.0);
  CHECK(s.shells.at("O").shell_charge_e == -2.718);
  double total = 0.0;  // BaTiO3 neutral: Ba + Ti + 3 O
  for (const auto& [el, sh] : s.shells) total += (el == "O" ? 3 : 1) * (sh.core_charge_e + sh.shell_charge_e);
  CHECK(std::abs(total) < 1e-9);
  CHECK(s.commands.front() == "pair_style hybrid/overlay buck/coul/long/cs 10.0 table spline 5000");
  // Na: a rigid ion whose Coulomb term is a DSF table (α 0.3/Å, 12 Å), charge −q_O/2.
  CHECK(s.charges_e.at("Na") == Approx(-0.5 * (s.shells.at("O").core_charge_e + s.shells.at("O").shell_charge_e)));
  CHECK(s.rigid_ion_dsf_alpha_per_A == 0.3);
  CHECK(s.rigid_ion_dsf_cutoff_A == 12.0);
  CHECK_THROWS_WITH(potentials::load_potential("batio3-vielma", {dir}, {"Ti", "O"}),
                    Catch::Contains("cannot be narrowed"));

  const fs::path scratch = fs::path(NABRIDGE_BINARY_DIR) / "test-scratch" / "shell-no-mass";
  fs::remove_all(scratch);
  fs::create_directories(scratch);
  const std::string file = (scratch / "potential.toml").string();
  std::ofstream(file)
      << "elements = [\"Ti\", \"O\"]\npair_style = \"buck/coul/long/cs 10.0\"\npair_coeff = [\"* * 0 1 0\"]\n"
         "[shells.O]\ncore_charge_e = 0.97\nshell_charge_e = -2.718\nk2_eV_A2 = 36.93\n";
  CHECK_THROWS_WITH(potentials::load_potential(file, {}),
                    Catch::Contains(file + ":") && Catch::Contains(": shells.O.shell_mass_amu: missing"));

  // [rigid_ion_coulomb]: only with shells, and a positive damping.
  std::ofstream(file) << "elements = [\"Na\"]\npair_style = \"zero 5.0\"\npair_coeff = [\"* *\"]\n"
                         "[rigid_ion_coulomb]\ndsf_alpha_per_A = 0.3\ncutoff_A = 12.0\n";
  CHECK_THROWS_WITH(potentials::load_potential(file, {}),
                    Catch::Contains(file + ":") && Catch::Contains("rigid_ion_coulomb: only a core–shell model"));
  std::ofstream(file)
      << "elements = [\"O\", \"Na\"]\npair_style = \"buck/coul/long/cs 10.0\"\npair_coeff = [\"* * 0 1 0\"]\n"
         "charges = { Na = 0.874 }\n[shells.O]\ncore_charge_e = 0.97\nshell_charge_e = -2.718\nk2_eV_A2 = 36.93\n"
         "shell_mass_amu = 2.0\n[rigid_ion_coulomb]\ndsf_alpha_per_A = -0.3\ncutoff_A = 12.0\n";
  CHECK_THROWS_WITH(
      potentials::load_potential(file, {}),
      Catch::Contains(file + ":") && Catch::Contains("rigid_ion_coulomb.dsf_alpha_per_A: must be positive"));
}
