// ShellEngine (lammps/engine/shell_engine.h): a core–shell model behind the one-particle-per-atom
// Engine, shells relaxed at every call. Known answers: the forces are the gradient of the
// adiabatic energy (central differences, with a Na rigid ion and the open-circuit slab
// correction); at the cores of the fully relaxed bulk the energy is that of the full relaxation
// (shell_bulk.h, an independent LAMMPS minimisation of cores, shells and cell) and the forces
// vanish; bad models are refused with one message naming the potential.
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/shell_bulk.h"
#include "engine/shell_engine.h"
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

TEST_CASE("ShellEngine: core forces are the gradient of the adiabatic energy (Na, open-circuit slab)", "[shell][shell-engine]") {
  const PotentialSpec model = testing::load_shipped_potential("batio3-vielma").spec;
  ShellEngineOptions opt;
  opt.open_circuit_slab = true;
  opt.shell_ftol_eV_A = 1e-8;
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
  CHECK(e.forces_eV_A.rowwise().sum().norm() < 1e-6);  // no net force on an isolated slab
}

TEST_CASE("ShellEngine at the cores of the relaxed polar bulk: the full relaxation's energy, zero forces", "[shell][shell-engine]") {
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

TEST_CASE("ShellEngine refuses models it cannot run, naming them", "[shell][shell-engine]") {
  PotentialSpec rigid;
  rigid.id = "rigid-test";
  rigid.elements = {"Na"};
  rigid.commands = {"pair_style zero 5.0", "pair_coeff * *"};
  CHECK_THROWS_WITH(ShellEngine(rigid), Catch::Contains("potential 'rigid-test' has no shells"));
  PotentialSpec no_dsf = testing::load_shipped_potential("batio3-vielma").spec;
  no_dsf.rigid_ion_dsf_alpha_per_A = no_dsf.rigid_ion_dsf_cutoff_A = 0.0;
  CHECK_THROWS_WITH(ShellEngine(no_dsf), Catch::Contains("needs [rigid_ion_coulomb]"));
}
