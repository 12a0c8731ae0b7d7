// ShellEngine's virial (fully periodic boundaries): LAMMPS's pair + bond +
// k-space virial at the relaxed shells is the strain derivative of the
// adiabatic energy E(cores) = min_shells U. Known answers: central finite
// differences of E under homogeneous strains of cell and cores (the shells
// re-relaxed at every strained cell): tr W = −dE/ds under uniform scaling by s
// (= −3V dE/dV) and W_ab = −dE/dγ under x_a += γ x_b, on batio3-vielma's cubic
// cell (ideal and with polarised shells) and on a small core–shell fixture; and
// the lattice constant of cubic BaTiO3 from the virial's pressure root
// (cubic_equilibrium) equals the minimum of E(a) (cubic_energy_minimum,
// energies only).
#include <catch2/catch.hpp>
#include <cmath>
#include <string>
#include <utility>
#include <vector>

#include "engine/shell_engine.h"
#include "lammps_packages.h"
#include "protocols/cubic_lattice.h"
#include "shipped_potential.h"
#include "structure/prototypes.h"

using namespace nabridge;

namespace {

/// fcc Al as a core (+1 e) and a shell (−1 e) on a soft spring (polarisability
/// q²/k2 = 0.72 Å³), shell–shell Buckingham repulsion, Ewald: the shells move
/// under strain unless the cores sit on sites of cubic symmetry.
PotentialSpec soft_shell_al() {
  PotentialSpec m;
  m.id = "soft-shell-Al";
  m.elements = {"Al"};
  m.shells["Al"] = ShellSpec{1.0, -1.0, 10.0, 20.0, 0.0};
  m.commands = {"pair_style buck/coul/long/cs 9.0", "pair_coeff * * 0.0 1.0 0.0", "pair_coeff 2 2 1000.0 0.3 0.0",
                "kspace_style ewald 1.0e-8", "pair_modify table 0"};
  return m;
}

/// The conventional fcc cell of a = 4.05 Å, tilted (xy) and with the cores
/// moved off their sites, so that every virial component is non-zero and the
/// shells polarise.
Structure distorted_al() {
  Structure s = bulk_prototype("fcc", {"Al"}, 4.05);
  s.cell(0, 1) = 0.3;
  s.positions.col(1) += Vec3(0.08, -0.05, 0.03);
  s.positions.col(2) += Vec3(-0.04, 0.06, 0.07);
  s.positions.col(3) += Vec3(0.02, 0.03, -0.09);
  return s;
}

/// batio3-vielma's cubic five-atom cell at a = 4.0 Å; `polar`: Ti 0.06 Å along
/// z and one O 0.04 Å along x, so the shells polarise (at the ideal sites they
/// sit on their cores by symmetry).
Structure batio3_cell(bool polar) {
  Structure s = bulk_perovskite("Ba", "Ti", "O", 4.0);
  if (!polar) return s;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    if (s.species[i] == "Ti") s.positions(2, k) += 0.06;
  }
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.species[i] == "O") {
      s.positions(0, static_cast<Eigen::Index>(i)) += 0.04;
      break;
    }
  return s;
}

/// s under the homogeneous deformation F (cell and positions).
Structure deformed(const Structure &s, const Mat3 &F) {
  Structure d = s;
  d.cell = F * s.cell;
  d.positions = F * s.positions;
  return d;
}

/// −dE/dt at t = 0 for the deformation F(t) = I + t D, central difference with
/// step h.
double minus_dE(Engine &engine, const Structure &s, const Mat3 &D, double h) {
  const Mat3 I = Mat3::Identity();
  return -(engine.energy(deformed(s, I + h * D)) - engine.energy(deformed(s, I - h * D))) / (2 * h);
}

/// The virial against finite differences of E: trace by uniform scaling,
/// components W_ab by the deformations x_a += γ x_b that keep the cell upper
/// triangular (LAMMPS's form).
void check_virial_against_finite_differences(ShellEngine &engine, const Structure &s, double margin_eV,
                                             double relative = 0.0) {
  REQUIRE(engine.provides_virial());
  const Evaluation e = engine.evaluate(s, true);
  REQUIRE(e.virial_eV.has_value());
  const Mat3 W = *e.virial_eV;
  CHECK((W - W.transpose()).cwiseAbs().maxCoeff() < 1e-12);
  const double h = 1e-4;
  const double fd_trace = minus_dE(engine, s, Mat3::Identity(), h);
  INFO("tr W = " << W.trace() << " eV, -dE/ds = " << fd_trace << " eV");
  CHECK(W.trace() == Approx(fd_trace).margin(margin_eV).epsilon(relative));
  // −3V dE/dV is the same number: V = s³ V0.
  for (const auto &[a, b] : std::vector<std::pair<int, int>>{{0, 1}, {0, 2}, {1, 2}, {2, 2}}) {
    Mat3 D = Mat3::Zero();
    D(a, b) = 1.0;
    const double fd = minus_dE(engine, s, D, h);
    INFO("W(" << a << "," << b << ") = " << W(a, b) << " eV, -dE/dgamma = " << fd << " eV");
    CHECK(W(a, b) == Approx(fd).margin(margin_eV).epsilon(relative));
  }
}

}  // namespace

TEST_CASE("ShellEngine virial: the strain derivative of the adiabatic energy (soft-shell Al fixture)",
          "[shell][shell-engine][virial]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  ShellEngineOptions opt;
  opt.shell_ftol_eV_A = 1e-9;
  ShellEngine engine(soft_shell_al(), opt);
  const Structure s = distorted_al();
  engine.evaluate(s);
  REQUIRE(engine.shell_offsets_A().colwise().norm().maxCoeff() > 1e-3);  // the shells are polarised
  // Measured: tr W 17.10211 against 17.10201 eV, W_xy −0.672838 against
  // −0.672830, W_zz 5.550740 against 5.550718 eV: 6e-6 relative.
  check_virial_against_finite_differences(engine, s, 2e-5, 1e-5);
}

TEST_CASE("ShellEngine virial: the strain derivative of the adiabatic energy (batio3-vielma, cubic cell)",
          "[shell][shell-engine][virial][batio3]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  ShellEngineOptions opt;
  opt.shell_ftol_eV_A = 1e-9;
  ShellEngine engine(testing::load_shipped_potential("batio3-vielma").spec, opt);
  const bool polar = GENERATE(false, true);
  INFO((polar ? "polar" : "ideal") << " cell");
  // Not the shells: on the ideal cell they sit on their cores by symmetry, yet
  // tr W and −dE/ds differ by 3e-4 relative (−3.4457 against −3.4467 eV; polar
  // cell: W_zz −0.72061 against −0.72073, W_xz −0.08353 against −0.08362 eV).
  // The soft-shell fixture (charges ±1) agrees to 6e-6 relative; here the
  // charges reach 5 e, and buck/coul/long/cs's real-space energy uses the
  // Abramowitz–Stegun erfc whose derivative is not the force's
  // (test_shell_engine.cpp: ~1e-3 eV/Å on Ti). 3e-4 relative of the pressure is
  // 8e-4 GPa at a = 4.0 Å.
  check_virial_against_finite_differences(engine, batio3_cell(polar), 1.5e-4, 5e-4);
  // The shells' tolerance: W errs by |f_shell|₂ × the shells' non-affine
  // displacement per unit strain, so the default 1e-6 eV/Å moves it by ~1e-6 eV
  // per Å of that displacement (measured on the polar cell: 5.5e-8 eV).
  ShellEngine loose(testing::load_shipped_potential("batio3-vielma").spec);
  const Mat3 dW =
      *loose.evaluate(batio3_cell(polar), true).virial_eV - *engine.evaluate(batio3_cell(polar), true).virial_eV;
  INFO("max |W(ftol 1e-6) - W(ftol 1e-9)| = " << dW.cwiseAbs().maxCoeff() << " eV");
  CHECK(dW.cwiseAbs().maxCoeff() < 1e-5);
}

TEST_CASE("ShellEngine virial: cubic BaTiO3's pressure root is its energy minimum (batio3-vielma)",
          "[shell][shell-engine][virial][batio3]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  ShellEngine engine(testing::load_shipped_potential("batio3-vielma").spec);
  const CubicBuilder cubic = [](double a) { return bulk_perovskite("Ba", "Ti", "O", a); };
  const CubicLattice root = cubic_equilibrium(engine, cubic, 4.0, 1e-7);
  const CubicLattice minimum = cubic_energy_minimum(engine, cubic, 4.0, 1e-6);
  INFO("pressure root " << root.a_A << " A (" << root.evaluations << " evaluations), energy minimum " << minimum.a_A
                        << " A (" << minimum.evaluations << ")");
  // Measured: 3.98685 and 3.98688 Å; 3e-5 Å is the virial's erfc mismatch above
  // (8e-4 GPa over dP/da ≈ −3B/a) plus the golden section's bracket.
  CHECK(root.a_A == Approx(minimum.a_A).margin(5e-5));
  CHECK(root.a_A == Approx(3.987).margin(5e-4));  // the energy-minimum value of docs/dft.md
  CHECK(std::abs(root.pressure_GPa) < 2e-5);      // bisected to 1e-7 Å, dP/da ≈ −110 GPa/Å
}

TEST_CASE("ShellEngine virial: none on an open-circuit slab", "[shell][shell-engine][virial]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  ShellEngineOptions opt;
  opt.open_circuit_slab = true;
  ShellEngine engine(testing::load_shipped_potential("batio3-vielma").spec, opt);
  CHECK_FALSE(engine.provides_virial());
  Structure slab = bulk_perovskite("Ba", "Ti", "O", 4.0);
  slab.cell(2, 2) = 20.0;
  CHECK_FALSE(engine.evaluate(slab, true).virial_eV.has_value());
}
