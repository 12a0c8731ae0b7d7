#include <catch2/catch.hpp>

#include <cmath>

#include "fcc_stack.h"
#include "protocols/adhesion.h"
#include "protocols/surface_energy.h"

using namespace nabridge;
using namespace nabridge::testing;

namespace {
constexpr double kEps = 0.4, kNn = 2.55;

/// Upper half of a 6-layer stack (atoms ordered by layer) is part B.
std::vector<bool> upper_half(const Structure& s) {
  std::vector<bool> in_B(s.size(), false);
  for (std::size_t i = s.size() / 2; i < s.size(); ++i) in_B[i] = true;
  return in_B;
}
}  // namespace

TEST_CASE("Unrelaxed W_sep of a cleaved NN-LJ crystal is 2 gamma and gamma_int is 0", "[adhesion]") {
  auto lj = nn_lennard_jones(kEps, kNn);
  for (int facet : {111, 100}) {
    FccStackSpec p;
    p.nn_A = kNn;
    p.facet = facet;
    const Structure s = fcc_stack(p);
    SurfaceEnergyOptions so;
    so.ebulk_eV_per_atom = -6 * kEps;
    so.relax = false;
    const double gamma = surface_energy(lj, s, so).gamma_unrelaxed_J_m2;

    AdhesionOptions ao;
    ao.relax = false;
    ao.scan = false;
    ao.gamma_A_J_m2 = gamma;
    ao.gamma_B_J_m2 = gamma;
    const auto res = work_of_separation(lj, s, upper_half(s), ao);
    CHECK(res.W_sep_unrelaxed_J_m2 == Approx(2 * gamma).epsilon(1e-12));
    CHECK(res.W_sep_J_m2 == res.W_sep_unrelaxed_J_m2);
    REQUIRE(res.gamma_int_J_m2);
    CHECK(*res.gamma_int_J_m2 == Approx(0.0).margin(1e-12));  // a crystal's interface with itself
    CHECK(res.contact_separation_A == Approx(fcc_layer_spacing(facet, kNn)).epsilon(1e-12));
    CHECK(res.curve.empty());
  }
}

TEST_CASE("Rigid separation scan starts at -W, vanishes beyond the cutoff and fits UBER", "[adhesion]") {
  auto lj = three_shell_lennard_jones(kEps, kNn);
  FccStackSpec p;
  p.nn_A = kNn;
  p.facet = 111;
  p.vacuum_A = 15.0;
  const Structure s = fcc_stack(p);
  AdhesionOptions ao;
  ao.relax = false;
  const auto res = work_of_separation(lj, s, upper_half(s), ao);
  REQUIRE(res.curve.size() == 27);
  const double h = fcc_layer_spacing(111, kNn);
  CHECK(res.curve.front().first == Approx(h - 0.5).epsilon(1e-12));
  CHECK(res.curve.back().first == Approx(h + 6.0).epsilon(1e-12));
  CHECK(res.curve[2].first == Approx(h).epsilon(1e-12));  // displacement 0: the input geometry
  CHECK(res.curve[2].second == Approx(-res.W_sep_unrelaxed_J_m2).epsilon(1e-12));
  CHECK(res.curve.back().second == Approx(0.0).margin(1e-12));  // gap h + 6 Å exceeds the cutoff
  INFO(res.uber.message);
  REQUIRE(res.uber.converged);
  // LJ is not exactly UBER: the fit is close, not exact.
  CHECK(res.uber.W_J_m2 == Approx(res.W_sep_unrelaxed_J_m2).epsilon(0.15));
  CHECK(res.uber.d0_A == Approx(h).margin(0.3));
  CHECK(res.uber.l_A > 0.1);
  CHECK(res.uber.l_A < 2.0);
}

TEST_CASE("Relaxed W_sep is consistent with the relaxed surface energies of the parts", "[adhesion]") {
  // W = (E_A + E_B − E_AB)/A and E_X = N_X e_bulk + 2 A γ_X give W = 2(γ_A + γ_B − γ_AB).
  auto lj = three_shell_lennard_jones(kEps, kNn);
  FccStackSpec p;
  p.nn_A = kNn;
  p.facet = 100;
  p.vacuum_A = 15.0;
  Structure s = fcc_stack(p);
  for (std::size_t i = 0; i < 4; ++i) s.free_dofs[i] = dof::kNone;  // bottom layer of A held
  const auto in_B = upper_half(s);
  AdhesionOptions ao;
  ao.scan = false;
  const auto res = work_of_separation(lj, s, in_B, ao);
  REQUIRE(res.relax_AB.converged);
  REQUIRE(res.relax_A.converged);
  REQUIRE(res.relax_B.converged);

  SurfaceEnergyOptions so;
  so.ebulk_eV_per_atom = -1.0;  // any reference cancels in the combination
  Structure A, B;
  for (Structure* x : {&A, &B}) x->cell = s.cell;
  for (std::size_t i = 0; i < s.size(); ++i)
    (in_B[i] ? B : A).add_atom(s.species[i], s.positions.col(static_cast<Eigen::Index>(i)), s.free_dofs[i]);
  const double gA = surface_energy(lj, A, so).gamma_J_m2, gB = surface_energy(lj, B, so).gamma_J_m2;
  const double gAB = surface_energy(lj, s, so).gamma_J_m2;
  CHECK(res.W_sep_J_m2 == Approx(2 * (gA + gB - gAB)).epsilon(1e-10));
  CHECK(res.W_sep_J_m2 != res.W_sep_unrelaxed_J_m2);
}

TEST_CASE("work_of_separation rejects malformed parts and scan options", "[adhesion]") {
  auto lj = nn_lennard_jones(kEps, kNn);
  FccStackSpec p;
  p.nn_A = kNn;
  const Structure s = fcc_stack(p);
  AdhesionOptions ao;
  ao.relax = false;
  CHECK_THROWS_WITH(work_of_separation(lj, s, std::vector<bool>(3, true), ao), Catch::Contains("'in_B'"));
  CHECK_THROWS_WITH(work_of_separation(lj, s, std::vector<bool>(s.size(), false), ao),
                    Catch::Contains("part B is empty"));
  CHECK_THROWS_WITH(work_of_separation(lj, s, std::vector<bool>(s.size(), true), ao), Catch::Contains("part A"));
  std::vector<bool> lower(s.size(), false);
  for (std::size_t i = 0; i < 4; ++i) lower[i] = true;
  CHECK_THROWS_WITH(work_of_separation(lj, s, lower, ao), Catch::Contains("must lie above part A"));
  ao.scan_points = 3;
  CHECK_THROWS_WITH(work_of_separation(lj, s, upper_half(s), ao), Catch::Contains("'scan_points'"));
  ao.scan_points = 10;
  ao.scan_max_A = -1.0;
  CHECK_THROWS_WITH(work_of_separation(lj, s, upper_half(s), ao), Catch::Contains("'scan_max_A'"));
}

TEST_CASE("Relaxed W_sep of a stretched NN-LJ (100) contact is the bonded value 4 eps per atom", "[adhesion]") {
  // A: rigid 3-layer (100) slab. B: one (100) layer in the next stacking position, lifted 0.3 Å
  // and free along z only. Relaxing brings B back to r = r_nn (each B atom bonded to 4 A atoms,
  // φ = −ε each); B alone and A alone do not change energy on relaxation. So
  // W_relaxed = 4ε / r_nn² exactly and W_unrelaxed = −4 φ(r_stretched) / r_nn².
  auto lj = nn_lennard_jones(kEps, kNn);
  FccStackSpec p;
  p.nn_A = kNn;
  p.facet = 100;
  p.layers = 4;
  p.vacuum_A = 15.0;
  p.free = dof::kNone;
  Structure s = fcc_stack(p);
  std::vector<bool> in_B(s.size(), false);
  for (std::size_t i = 12; i < 16; ++i) {
    in_B[i] = true;
    s.positions(2, static_cast<Eigen::Index>(i)) += 0.3;
    s.free_dofs[i] = dof::kZ;
  }
  AdhesionOptions ao;
  ao.scan = false;
  const auto res = work_of_separation(lj, s, in_B, ao);
  const double h = fcc_layer_spacing(100, kNn);
  const double r = std::sqrt((h + 0.3) * (h + 0.3) + kNn * kNn / 2);
  const double sigma = kNn / std::pow(2.0, 1.0 / 6.0), sr6 = std::pow(sigma / r, 6);
  const double phi = 4 * kEps * (sr6 * sr6 - sr6);
  CHECK(res.contact_separation_A == Approx(h + 0.3).epsilon(1e-12));
  CHECK(res.W_sep_unrelaxed_J_m2 == Approx(-4 * phi / (kNn * kNn) * kEvPerA2_to_J_per_m2).epsilon(1e-12));
  REQUIRE(res.relax_AB.converged);
  CHECK(res.W_sep_J_m2 == Approx(4 * kEps / (kNn * kNn) * kEvPerA2_to_J_per_m2).epsilon(1e-7));
  CHECK(res.relax_A.steps == 0);  // all frozen: converged at once
}
