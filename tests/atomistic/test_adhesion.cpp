#include <catch2/catch.hpp>

#include <cmath>

#include "fcc_stack.h"
#include "protocols/adhesion.h"
#include "protocols/surface_energy.h"
#include "engines/pair_engine.h"
#include "optimize/fire.h"

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

TEST_CASE("A substrate atom the contact pulls out of place is held at its relaxed geometry, both W kept",
          "[adhesion]") {
  // A chain along z in a 20 Å square cell (no lateral images within the 8 Å cutoff): a frozen Cu, an
  // O bound to it (part A, free along z) and a frozen Na above (part B). Cu–O and O–Na are Morse; the
  // O–Na bond is six times deeper, so relaxing the contact pulls the O to the minimum z* of
  // f(z) = φ_CuO(z) + φ_ONa(H − z), ~2 Å from its own minimum r_CuO. Held, the O stays at r_CuO.
  constexpr double kD_CuO = 0.5, kD_ONa = 3.0, kAlpha = 1.5, kR_CuO = 2.0, kR_ONa = 2.2, kCut = 8.0;
  const double H = kR_CuO + kR_ONa + 2.0;
  MorseEngine morse;
  morse.set("Cu", "O", kD_CuO, kAlpha, kR_CuO, kCut);
  morse.set("O", "Na", kD_ONa, kAlpha, kR_ONa, kCut);
  auto phi = [](double D, double r0, double r, double& dphi) {
    const double e = std::exp(-kAlpha * (r - r0));
    dphi = 2 * kAlpha * D * (e - e * e);
    return D * (e * e - 2 * e);
  };
  Structure s;
  s.cell = Mat3::Identity();
  s.cell(0, 0) = s.cell(1, 1) = 20.0;
  s.cell(2, 2) = 40.0;
  s.add_atom("Cu", Vec3(0, 0, 5.0), dof::kNone);
  s.add_atom("O", Vec3(0, 0, 5.0 + kR_CuO), dof::kZ);
  s.add_atom("Na", Vec3(0, 0, 5.0 + H), dof::kNone);
  const std::vector<bool> in_B{false, false, true};
  // z* by bisection on f'(z) = φ'_CuO(z) − φ'_ONa(H − z): negative at r_CuO, positive at H − r_ONa.
  auto df = [&](double z) {
    double d1 = 0, d2 = 0;
    phi(kD_CuO, kR_CuO, z, d1), phi(kD_ONa, kR_ONa, H - z, d2);
    return d1 - d2;
  };
  double lo = kR_CuO, hi = H - kR_ONa;
  REQUIRE(df(lo) < 0);
  REQUIRE(df(hi) > 0);
  for (int k = 0; k < 200; ++k) (df(0.5 * (lo + hi)) < 0 ? lo : hi) = 0.5 * (lo + hi);
  const double z_star = 0.5 * (lo + hi);
  double unused = 0;
  const double to_J_m2 = kEvPerA2_to_J_per_m2 / 400.0;
  const double E_A = -kD_CuO;  // O at its own minimum; the Na alone has no energy
  const double W_free = (E_A - (phi(kD_CuO, kR_CuO, z_star, unused) + phi(kD_ONa, kR_ONa, H - z_star, unused))) *
                        to_J_m2;
  const double W_held = -phi(kD_ONa, kR_ONa, H - kR_CuO, unused) * to_J_m2;

  OptimizerOptions fo;
  fo.fmax_eV_A = 1e-6;
  Fire fire(fo);
  AdhesionOptions ao;
  ao.scan = false;
  ao.optimizer = &fire;
  SECTION("without the check the torn contact's W is reported") {
    const auto res = work_of_separation(morse, s, in_B, ao);
    CHECK(res.max_A_displacement_A == Approx(z_star - kR_CuO).margin(1e-5));
    CHECK(res.max_A_displacement_atom == 1);
    CHECK(res.W_sep_J_m2 == Approx(W_free).epsilon(1e-8));
    CHECK_FALSE(res.W_sep_A_free_J_m2);
  }
  SECTION("beyond max_A_displacement_A the substrate is held") {
    ao.max_A_displacement_A = 1.0;
    REQUIRE(z_star - kR_CuO > 1.5);
    const auto res = work_of_separation(morse, s, in_B, ao);
    REQUIRE(res.W_sep_A_free_J_m2);
    CHECK(*res.W_sep_A_free_J_m2 == Approx(W_free).epsilon(1e-8));
    CHECK(res.W_sep_J_m2 == Approx(W_held).epsilon(1e-12));
    CHECK(res.structure_AB.positions(2, 1) == Approx(5.0 + kR_CuO).epsilon(1e-12));
  }
  SECTION("a displacement within the bound leaves the substrate free") {
    ao.max_A_displacement_A = 3.0;
    const auto res = work_of_separation(morse, s, in_B, ao);
    CHECK_FALSE(res.W_sep_A_free_J_m2);
    CHECK(res.W_sep_J_m2 == Approx(W_free).epsilon(1e-8));
  }
}
