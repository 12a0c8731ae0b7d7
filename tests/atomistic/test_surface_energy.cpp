#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "fcc_stack.h"
#include "optimize/fire.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;
using namespace nabridge::testing;

namespace {
constexpr double kEps = 0.4, kNn = 2.55;
}

TEST_CASE("Nearest-neighbour LJ fcc bulk has -6 epsilon per atom", "[surface]") {
  auto lj = nn_lennard_jones(kEps, kNn);
  for (int facet : {111, 100}) {
    FccStackSpec p;
    p.nn_A = kNn;
    p.facet = facet;
    p.bulk = true;
    const Structure bulk = fcc_stack(p);  // 6 layers fit both ABC and AB stacking
    CHECK(lj.energy(bulk) / static_cast<double>(bulk.size()) == Approx(-6.0 * kEps).epsilon(1e-13));
  }
}

TEST_CASE("Unrelaxed gamma of NN-LJ fcc slabs = broken bonds x epsilon / (2 area)", "[surface]") {
  auto lj = nn_lennard_jones(kEps, kNn);
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = -6.0 * kEps;
  opt.relax = false;
  // Cleaving breaks, per surface atom, 3 bonds on (111) and 4 on (100); the cleave makes 2 faces.
  struct Case { int facet; int broken_per_atom; double area_per_atom_A2; };
  for (const Case c : {Case{111, 3, std::sqrt(3.0) / 2.0 * kNn * kNn}, Case{100, 4, kNn * kNn}}) {
    FccStackSpec p;
    p.nn_A = kNn;
    p.facet = c.facet;
    const Structure slab = fcc_stack(p);
    const auto res = surface_energy(lj, slab, opt);
    const double expected_eV_A2 = c.broken_per_atom * kEps / (2.0 * c.area_per_atom_A2);
    CHECK(res.gamma_unrelaxed_J_m2 == Approx(expected_eV_A2 * kEvPerA2_to_J_per_m2).epsilon(1e-12));
    CHECK(res.gamma_J_m2 == res.gamma_unrelaxed_J_m2);
    CHECK(res.natoms == slab.size());
    CHECK(res.area_A2 == Approx(4 * c.area_per_atom_A2).epsilon(1e-14));
    CHECK(res.relax.steps == 0);
  }
}

TEST_CASE("Relaxing a longer-ranged LJ slab lowers gamma and converges", "[surface]") {
  // Beyond nearest neighbours the surface atoms feel a net force and relax.
  auto lj = three_shell_lennard_jones(kEps, kNn);
  FccStackSpec p;
  p.nn_A = kNn;
  p.facet = 100;
  p.bulk = true;
  const Structure bulk = fcc_stack(p);
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = lj.energy(bulk) / static_cast<double>(bulk.size());
  p.bulk = false;
  Structure slab = fcc_stack(p);
  for (std::size_t i = 0; i < 4; ++i) slab.free_dofs[i] = dof::kNone;  // bottom layer held
  const auto res = surface_energy(lj, slab, opt);
  REQUIRE(res.relax.converged);
  CHECK(res.relax.steps > 0);
  CHECK(res.relax.fmax_eV_A < 1e-3);
  CHECK(res.gamma_unrelaxed_J_m2 > 0.0);
  CHECK(res.gamma_J_m2 < res.gamma_unrelaxed_J_m2);
  CHECK(res.energy_eV == res.relax.energy_eV);
}

TEST_CASE("surface_energy rejects missing ebulk, empty and non-periodic slabs", "[surface]") {
  auto lj = nn_lennard_jones(kEps, kNn);
  FccStackSpec p;
  p.nn_A = kNn;
  const Structure slab = fcc_stack(p);
  SurfaceEnergyOptions opt;
  opt.relax = false;
  CHECK_THROWS_WITH(surface_energy(lj, slab, opt), Catch::Contains("ebulk_eV_per_atom"));
  opt.ebulk_eV_per_atom = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_AS(surface_energy(lj, slab, opt), std::invalid_argument);
  opt.ebulk_eV_per_atom = -6 * kEps;
  Structure open = slab;
  open.pbc[1] = false;
  CHECK_THROWS_WITH(surface_energy(lj, open, opt), Catch::Contains("periodic along a and b"));
  Structure empty;
  CHECK_THROWS_WITH(surface_energy(lj, empty, opt), Catch::Contains("no atoms"));
}

TEST_CASE("FIRE and L-BFGS give the same relaxed surface energy", "[surface][optimize]") {
  auto lj = three_shell_lennard_jones(kEps, kNn);
  for (int facet : {111, 100}) {
    FccStackSpec p;
    p.nn_A = kNn;
    p.facet = facet;
    p.repeat = 3;
    p.bulk = true;
    const Structure bulk = fcc_stack(p);
    SurfaceEnergyOptions opt;
    opt.ebulk_eV_per_atom = lj.energy(bulk) / static_cast<double>(bulk.size());
    p.bulk = false;
    const Structure slab = fcc_stack(p);
    double gamma[2];
    int k = 0;
    for (const std::string name : {"fire", "lbfgs"}) {
      OptimizerOptions oo;
      oo.fmax_eV_A = 1e-4;
      auto minimiser = make_optimizer(name, oo);
      opt.optimizer = minimiser.get();
      const auto res = surface_energy(lj, slab, opt);
      REQUIRE(res.relax.converged);
      gamma[k++] = res.gamma_J_m2;
    }
    CHECK(gamma[0] == Approx(gamma[1]).epsilon(1e-7));
  }
}

namespace {

// Cubic perovskite BaTiO3, a = 4 Å, with Morse bonds between nearest neighbours only, each at its
// minimum (phi = -D): Ti-O at a/2 and Ba-O at a/√2, the cutoffs below the next Ti-O (√5 a/2) and
// Ba-O (√(3/2) a) distances. No atom of a bulk-terminated slab feels a force, and a cut between a
// BaO and a TiO2 layer breaks, per cell a², 1 Ti-O bond and 4 Ba-O bonds.
constexpr double kA = 4.0, kD_TiO = 1.3, kD_BaO = 0.35;

MorseEngine nn_perovskite_morse() {
  MorseEngine m;
  m.set("Ti", "O", kD_TiO, 2.0, kA / 2.0, 0.8 * kA);
  m.set("Ba", "O", kD_BaO, 1.5, kA / std::sqrt(2.0), kA);
  return m;
}

Slab perovskite001(const std::string& termination, int layers, int repeat = 2) {
  SlabSpec spec;
  spec.miller = Eigen::Vector3i(0, 0, 1);
  spec.layers = layers;
  spec.vacuum_A = 10.0;
  spec.termination = termination;
  spec.repeat_a = spec.repeat_b = repeat;
  return make_slab(bulk_perovskite("Ba", "Ti", "O", kA), spec);
}

}  // namespace

TEST_CASE("whole_formula_units: every element of the bulk in the bulk's ratio", "[surface]") {
  const Structure bulk = bulk_perovskite("Ba", "Ti", "O", kA);
  CHECK(whole_formula_units(bulk, bulk));
  CHECK(whole_formula_units(perovskite001("TiO2", 4).structure, bulk));       // 2 TiO2 + 2 BaO layers
  CHECK_FALSE(whole_formula_units(perovskite001("TiO2", 5).structure, bulk));  // 3 TiO2 + 2 BaO
  CHECK_FALSE(whole_formula_units(perovskite001("BaO", 5).structure, bulk));
  Structure no_ba;
  no_ba.add_atom("Ti", Vec3(0, 0, 0));
  no_ba.add_atom("O", Vec3(2, 0, 0));
  CHECK_FALSE(whole_formula_units(no_ba, bulk));
}

TEST_CASE("Termination pair of a nearest-neighbour perovskite(001): gamma_avg = (D_TiO + 4 D_BaO) / (2 a^2)",
          "[surface]") {
  auto morse = nn_perovskite_morse();
  const Structure bulk = bulk_perovskite("Ba", "Ti", "O", kA);
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = morse.energy(bulk) / 5.0;
  CHECK(opt.ebulk_eV_per_atom == Approx(-(6 * kD_TiO + 12 * kD_BaO) / 5.0).epsilon(1e-13));
  // Four faces, two cuts' worth of broken bonds: (E_1 + E_2 - N e_bulk) / (4A) = (D_TiO + 4 D_BaO) / (2a²).
  const double expected_J_m2 = (kD_TiO + 4.0 * kD_BaO) / (2.0 * kA * kA) * kEvPerA2_to_J_per_m2;  // 1.3518
  const auto r = termination_pair_surface_energy(morse, perovskite001("TiO2", 5).structure,
                                                 perovskite001("BaO", 5).structure, bulk, opt);
  CHECK(r.area_A2 == Approx(4.0 * kA * kA).epsilon(1e-14));
  CHECK(r.first.natoms == 4 * 13);   // Ba2Ti3O8 per cell, 2x2 cells
  CHECK(r.second.natoms == 4 * 12);  // Ba3Ti2O7
  CHECK(r.gamma_avg_unrelaxed_J_m2 == Approx(expected_J_m2).epsilon(1e-12));
  CHECK(r.gamma_avg_J_m2 == Approx(expected_J_m2).epsilon(1e-12));  // no force: nothing relaxes
  CHECK(r.gamma_first_J_m2 == Approx(expected_J_m2).epsilon(1e-12));
  CHECK(r.gamma_second_J_m2 == Approx(expected_J_m2).epsilon(1e-12));
  CHECK(r.first.relax.converged);
  CHECK(r.second.relax.converged);
}

TEST_CASE("Termination pair with relaxing faces: its unrelaxed average is the stoichiometric slab's gamma",
          "[surface]") {
  // O-O repulsion between nearest O (a/√2, cutoff below a) pushes the faces' O out of place.
  auto morse = nn_perovskite_morse();
  morse.set("O", "O", 0.05, 1.5, 3.2, 3.5);
  const Structure bulk = bulk_perovskite("Ba", "Ti", "O", kA);
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = morse.energy(bulk) / 5.0;
  OptimizerOptions oo;
  oo.fmax_eV_A = 1e-5;
  Fire fire(oo);
  opt.optimizer = &fire;
  const auto r = termination_pair_surface_energy(morse, perovskite001("TiO2", 5).structure,
                                                 perovskite001("BaO", 5).structure, bulk, opt);
  // An even layer count is whole formula units with one face of each termination: the same
  // broken bonds per face, so the same unrelaxed gamma by a route without the pair.
  opt.relax = false;
  const auto even = surface_energy(morse, perovskite001("TiO2", 6).structure, opt);
  CHECK(r.gamma_avg_unrelaxed_J_m2 == Approx(even.gamma_unrelaxed_J_m2).epsilon(1e-12));
  REQUIRE(r.first.relax.converged);
  REQUIRE(r.second.relax.converged);
  CHECK(r.first.relax.steps > 0);
  CHECK(r.gamma_avg_J_m2 < r.gamma_avg_unrelaxed_J_m2 - 1e-3);
  CHECK(r.gamma_first_J_m2 < r.gamma_avg_unrelaxed_J_m2);
  CHECK(r.gamma_second_J_m2 < r.gamma_avg_unrelaxed_J_m2);
  CHECK(0.5 * (r.gamma_first_J_m2 + r.gamma_second_J_m2) == Approx(r.gamma_avg_J_m2).epsilon(1e-12));
}

TEST_CASE("termination_pair_surface_energy refuses a pair that is not whole formula units or of two cells",
          "[surface]") {
  auto morse = nn_perovskite_morse();
  const Structure bulk = bulk_perovskite("Ba", "Ti", "O", kA);
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = -2.4;
  const Structure tio2 = perovskite001("TiO2", 5).structure;
  CHECK_THROWS_WITH(termination_pair_surface_energy(morse, tio2, tio2, bulk, opt),
                    Catch::Contains("not whole formula units"));
  Structure strained_bao = perovskite001("BaO", 5).structure;
  strained_bao.cell.col(0) *= 1.01;
  CHECK_THROWS_WITH(termination_pair_surface_energy(morse, tio2, strained_bao, bulk, opt),
                    Catch::Contains("different surface cells"));
  opt.ebulk_eV_per_atom = std::numeric_limits<double>::quiet_NaN();
  CHECK_THROWS_WITH(termination_pair_surface_energy(morse, tio2, perovskite001("BaO", 5).structure, bulk, opt),
                    Catch::Contains("ebulk_eV_per_atom"));
}
