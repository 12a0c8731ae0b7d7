// ShellEngine (lammps/engine/shell_engine.h): a core–shell model behind the one-particle-per-atom
// Engine, shells relaxed at every call. Known answers: the forces are the gradient of the
// adiabatic energy (central differences, with a Na rigid ion and the open-circuit slab
// correction); at the cores of the fully relaxed bulk the energy is that of the full relaxation
// (shell_bulk.h, an independent LAMMPS minimisation of cores, shells and cell) and the forces
// vanish; the zero of E_bind (a lone Na rigid ion) and a Na pair against the damped-shifted-force
// formula by hand; bad models are refused with one message naming the potential.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/shell_bulk.h"
#include "engine/shell_engine.h"
#include "lammps_packages.h"
#include "protocols/isolated_atom.h"
#include "shipped_potential.h"
#include "structure/slab.h"

using namespace nabridge;

namespace {

/// A 1×1 TiO2/BaO/TiO2 slab of a = 4 Å (vacuum 14 Å) with a Na above the hollow of the top TiO2
/// layer, slightly off-centre so no force vanishes by symmetry.
Structure tiny_slab_with_na() {
  Structure s;
  s.cell = Vec3(4.0, 4.0, 18.0).asDiagonal();
  for (double z : {1.0, 5.0}) {
    s.add_atom("Ti", {2.0, 2.0, z + 0.05});
    s.add_atom("O", {2.0, 0.0, z});
    s.add_atom("O", {0.0, 2.0, z - 0.03});
  }
  s.add_atom("Ba", {0.0, 0.0, 3.0});
  s.add_atom("O", {2.0, 2.0, 3.02});
  s.add_atom("Na", {0.2, 0.1, 7.2});
  return s;
}

}  // namespace

TEST_CASE("ShellEngine: core forces are the gradient of the adiabatic energy (Na, open-circuit slab, host field)",
          "[shell][shell-engine]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  const PotentialSpec model = testing::load_shipped_potential("batio3-vielma").spec;
  ShellEngineOptions opt;
  opt.open_circuit_slab = true;
  opt.shell_ftol_eV_A = 1e-8;
  // Without and with a uniform field on the host ions (its energy −qEz must be in E).
  opt.host_field_V_A = GENERATE(0.0, 0.3);
  ShellEngine engine(model, opt);
  const Structure s = tiny_slab_with_na();
  const Evaluation e = engine.evaluate(s);
  CHECK(engine.shell_offsets_A().col(8).norm() == 0.0);  // Na: rigid
  CHECK(engine.shell_offsets_A().col(6).norm() > 1e-3);  // Ba under the field of the surfaces: polarised
  // Margin: LAMMPS's buck/coul/long/cs (`pair_modify table 0`) computes the real-space Ewald
  // energy with the Abramowitz–Stegun erfc (|error| < 1.5e-7) but the force from the exact
  // derivative; that alone puts ~1e-3 eV/Å between F and −dE/dx on Ti here, the same at h = 1e-3
  // and 1e-5 Å (measured).
  const double h = 1e-4;
  for (const auto& [atom, dir] : std::vector<std::pair<int, int>>{{8, 0}, {8, 2}, {0, 2}, {1, 0}, {6, 2}, {7, 1}}) {
    Structure plus = s, minus = s;
    plus.positions(dir, atom) += h;
    minus.positions(dir, atom) -= h;
    const double fd = -(engine.energy(plus) - engine.energy(minus)) / (2 * h);
    INFO("atom " << atom << " direction " << dir << ": F = " << e.forces_eV_A(dir, atom) << ", -dE/dx = " << fd);
    CHECK(e.forces_eV_A(dir, atom) == Approx(fd).margin(2e-3));
  }
  // Net force: only the field's pull on the host's net charge (Ba Ti2 O5: 2.172 + 2·3.072 − 5·1.748
  // = −0.424 e); the internal forces cancel.
  const Vec3 net = e.forces_eV_A.rowwise().sum();
  CHECK(std::hypot(net.x(), net.y()) < 1e-6);
  CHECK(net.z() == Approx(opt.host_field_V_A * -0.424).margin(1e-6));
}

TEST_CASE("ShellEngine: the isolated Na rigid ion is the zero of E_bind, a Na pair the DSF Coulomb by hand",
          "[shell][shell-engine]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  // batio3-vielma's Na is a rigid ion of +0.874 e whose only Na–Na term is the damped shifted
  // force (alpha 0.3/A, cutoff 12 A) and which carries no Ewald charge: alone in its box it has no
  // pair within the cutoff, no self-energy and no reciprocal-space term, so E = 0 exactly (with
  // an Ewald charge its self-energy -q^2 alpha_Ewald/sqrt(pi) would show), in the periodic box and
  // in the open-circuit slab boundaries the polar_surface task uses. Before ShellEngine set an
  // Ewald splitting for a structure without Ewald charges, LAMMPS exited here.
  const PotentialSpec model = testing::load_shipped_potential("batio3-vielma").spec;
  ShellEngineOptions opt;
  opt.open_circuit_slab = GENERATE(false, true);
  ShellEngine engine(model, opt);
  CHECK(isolated_atom_energy_eV(engine, "Na") == 0.0);
  // Two Na at r: E = k q^2 [erfc(a r)/r - erfc(a rc)/rc + (r - rc)(erfc(a rc)/rc^2 + 2a/sqrt(pi) exp(-a^2 rc^2)/rc)],
  // F = k q^2 [erfc(a r)/r^2 + 2a/sqrt(pi) exp(-a^2 r^2)/r - erfc(a rc)/rc^2 - 2a/sqrt(pi) exp(-a^2 rc^2)/rc]
  // (Fennell & Gezelter 2006), k = 14.399645 eV A, q = 0.874 e, written out here.
  const double k = 14.399645, q = 0.874, a = 0.3, rc = 12.0, r = 3.5;
  const double tail = std::erfc(a * rc) / (rc * rc) + 2 * a / std::sqrt(M_PI) * std::exp(-a * a * rc * rc) / rc;
  const double E_hand = k * q * q * (std::erfc(a * r) / r - std::erfc(a * rc) / rc + (r - rc) * tail);
  const double F_hand =
      k * q * q * (std::erfc(a * r) / (r * r) + 2 * a / std::sqrt(M_PI) * std::exp(-a * a * r * r) / r - tail);
  Structure pair;
  pair.cell = Mat3::Identity() * kIsolatedAtomBox_A;
  pair.add_atom("Na", Vec3(15.0, 20.0, 20.0));
  pair.add_atom("Na", Vec3(15.0 + r, 20.0, 20.0));
  const Evaluation e = engine.evaluate(pair);
  // The table is a 5000-point spline from 0.2 A to the cutoff.
  CHECK(e.energy_eV == Approx(E_hand).margin(1e-5));
  CHECK(e.forces_eV_A(0, 1) == Approx(F_hand).margin(1e-5));
  CHECK(e.forces_eV_A(0, 0) == Approx(-F_hand).margin(1e-5));
  CHECK(E_hand > 0.2);  // a repulsion of the right size (0.43 eV), not a vanishing number
}

TEST_CASE("ShellEngine at the cores of the relaxed polar bulk: the full relaxation's energy, zero forces",
          "[shell][shell-engine]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  const PotentialSpec model = testing::load_shipped_potential("batio3-vielma").spec;
  const ShellPerovskite bulk = relax_shell_perovskite(model, {"Ba", "Ti", "O"}, 4.0, 1, +0.1);
  ShellEngineOptions opt;
  opt.shell_ftol_eV_A = 1e-8;
  ShellEngine engine(model, opt);
  const Evaluation e = engine.evaluate(bulk.unit);
  CHECK(e.energy_eV == Approx(bulk.energy_eV_per_fu).margin(1e-6));
  CHECK(e.forces_eV_A.colwise().norm().maxCoeff() < 1e-3);
  // The relaxed shells carry the electronic part of P: Ti's shell sits below its core (P up, negative shell).
  CHECK(engine.shell_offsets_A().col(1).z() < 0.0);
}

TEST_CASE("ShellEngine: ewald_accuracy replaces the model's Ewald sum, within that accuracy", "[shell][shell-engine]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  // LAMMPS sets the Ewald splitting for an estimated RMS force error of accuracy x the force
  // between two unit charges 1 A apart (14.4 eV/A): 1.4e-5 eV/A at 1e-6, 1.4e-7 at the model's 1e-8.
  const PotentialSpec model = testing::load_shipped_potential("batio3-vielma").spec;
  ShellEngineOptions opt;
  opt.open_circuit_slab = true;
  opt.shell_ftol_eV_A = 1e-8;
  ShellEngine model_sum(model, opt);
  opt.ewald_accuracy = 1e-6;
  ShellEngine coarse(model, opt);
  const Structure s = tiny_slab_with_na();
  const Evaluation fine = model_sum.evaluate(s), e = coarse.evaluate(s);
  const Positions dF = e.forces_eV_A - fine.forces_eV_A;
  const double rms_dF = std::sqrt(dF.colwise().squaredNorm().mean()), max_dF = dF.colwise().norm().maxCoeff();
  WARN("ewald 1e-6 vs 1e-8: dE = " << e.energy_eV - fine.energy_eV << " eV, RMS |dF| = " << rms_dF
                                   << " eV/A, max |dF| = " << max_dF << " eV/A");
  CHECK(std::abs(e.energy_eV - fine.energy_eV) > 1e-9);  // the option acts: another splitting
  CHECK(std::abs(e.energy_eV - fine.energy_eV) < 1e-3);
  // LAMMPS's estimate holds to a factor of a few (3.3 on this 1x1 slab, measured): 5x it, still
  // 100 times below the force tolerance of the tasks that use the option (5e-3 eV/A).
  CHECK(rms_dF < 5 * 1.44e-5);
  CHECK(max_dF < 5e-4);
  opt.ewald_accuracy = 1.0;
  CHECK_THROWS_WITH(ShellEngine(model, opt), Catch::Contains("ewald_accuracy must be in [0, 1)"));
}

TEST_CASE("ShellEngine refuses models it cannot run, naming them", "[shell][shell-engine]") {
  PotentialSpec rigid;
  rigid.id = "rigid-test";
  rigid.elements = {"Na"};
  rigid.commands = {"pair_style zero 5.0", "pair_coeff * *"};
  CHECK_THROWS_WITH(ShellEngine(rigid), Catch::Contains("potential 'rigid-test' has no shells"));
  PotentialSpec no_charge = testing::load_shipped_potential("batio3-vielma").spec;
  no_charge.charges_e.clear();
  CHECK_THROWS_WITH(ShellEngine(no_charge),
                    Catch::Contains("potential 'batio3-vielma': element 'Na' has neither a shell nor a charge"));
}

namespace {

/// Antifluorite Na2O, conventional cubic cell: O on the fcc sites, Na on the eight tetrahedral ones.
Structure antifluorite_na2o(double a_A) {
  Structure s;
  s.cell = Mat3::Identity() * a_A;
  for (const Vec3& f : {Vec3(0, 0, 0), Vec3(0, 0.5, 0.5), Vec3(0.5, 0, 0.5), Vec3(0.5, 0.5, 0)}) {
    s.add_atom("O", a_A * f);
    s.add_atom("Na", a_A * (f + Vec3(0.25, 0.25, 0.25)));
    s.add_atom("Na", a_A * (f + Vec3(0.75, 0.75, 0.75)));
  }
  return s;
}

}  // namespace

TEST_CASE("batio3-vielma's Na terms: lattice constant of Na2O against experiment", "[shell][shell-engine][na2o]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  // Na2O is a neutral bulk: every charge in the Ewald sum (the Na adatom's DSF Coulomb on the
  // slabs is there to avoid a charged cell; here it would leave the O sublattice on a neutralising
  // background). Same Na–O Buckingham, charges and oxygen shells as on the slab.
  PotentialSpec model = testing::load_shipped_potential("batio3-vielma").spec;
  model.rigid_ion_dsf_alpha_per_A = model.rigid_ion_dsf_cutoff_A = 0.0;
  for (auto& c : model.commands)
    if (c.rfind("pair_style", 0) == 0) c = "pair_style buck/coul/long/cs 10.0";
    else if (c.rfind("pair_coeff", 0) == 0) c.replace(c.find(" buck/coul/long/cs"), 18, "");
  ShellEngine engine(model);
  // Golden-section search of E(a): every site of antifluorite is a centre of inversion or of
  // tetrahedral symmetry, so a is the only free parameter (no internal relaxation).
  const double phi = (std::sqrt(5.0) - 1.0) / 2.0;
  double lo = 4.8, hi = 6.4;
  double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
  double e1 = engine.energy(antifluorite_na2o(x1)), e2 = engine.energy(antifluorite_na2o(x2));
  while (hi - lo > 1e-4) {
    if (e1 < e2) {
      hi = x2, x2 = x1, e2 = e1, x1 = hi - phi * (hi - lo), e1 = engine.energy(antifluorite_na2o(x1));
    } else {
      lo = x1, x1 = x2, e1 = e2, x2 = lo + phi * (hi - lo), e2 = engine.energy(antifluorite_na2o(x2));
    }
  }
  const double a = 0.5 * (lo + hi);
  const Structure relaxed = antifluorite_na2o(a);
  const Evaluation e = engine.evaluate(relaxed);
  WARN("Na2O with batio3-vielma's Na terms: a = " << a << " A (expt 5.55 A), E = " << e.energy_eV / 4
                                                  << " eV per Na2O, "
                                                     "Na-O = "
                                                  << a * std::sqrt(3.0) / 4 << " A");
  CHECK(e.forces_eV_A.colwise().norm().maxCoeff() < 1e-3);  // symmetric sites: no internal forces
  // Experiment: a = 5.55 Å (E. Zintl, A. Harder, B. Dauth, Z. Elektrochem. 40, 588 (1934)). The
  // Na–O term was fitted to Na2O with another oxygen (formal charges, Catlow O–O); with this
  // model's oxygen and Na +0.874 e it gives 5.696 Å (+2.6 %, measured): within 4 % is "transfers".
  CHECK(a == Approx(5.55).epsilon(0.04));
}
