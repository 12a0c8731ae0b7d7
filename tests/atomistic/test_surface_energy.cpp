#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "fcc_stack.h"
#include "protocols/surface_energy.h"

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
