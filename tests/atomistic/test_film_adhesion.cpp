#include <catch2/catch.hpp>

#include <cmath>

#include "fcc_stack.h"
#include "protocols/film_adhesion.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;
using namespace nabridge::testing;

namespace {

constexpr double kEps = 0.4, kAl = 4.05;
const double kNn = kAl / std::sqrt(2.0);

/// Unrelaxed γ of the substrate facet from the surface_energy protocol (NN-LJ: e_bulk = −6ε).
double gamma_unrelaxed(Engine& engine, const Eigen::Vector3i& hkl) {
  SlabSpec spec;
  spec.miller = hkl;
  spec.layers = 6;
  spec.vacuum_A = 12.0;
  SurfaceEnergyOptions so;
  so.ebulk_eV_per_atom = -6 * kEps;
  so.relax = false;
  return surface_energy(engine, make_slab(bulk_fcc("Al", kAl), spec).structure, so).gamma_unrelaxed_J_m2;
}

double lj(double eps, double sigma, double r) {
  const double sr6 = std::pow(sigma / r, 6);
  return 4 * eps * (sr6 * sr6 - sr6);
}

}  // namespace

TEST_CASE("A film of the substrate's own facet at the bulk spacing: W_sep = 2 gamma, gamma_int = 0",
          "[film_adhesion]") {
  auto engine = nn_lennard_jones(kEps, kNn, "Al");
  const Structure al = bulk_fcc("Al", kAl);
  // Layer counts continue the stacking (ABC|ABC for (111), AB|AB for (100)) across the contact.
  struct Case { Eigen::Vector3i hkl; int sub_layers, film_layers; };
  for (const Case& c : {Case{{1, 1, 1}, 6, 3}, Case{{1, 0, 0}, 4, 4}}) {
    const double gamma = gamma_unrelaxed(engine, c.hkl);
    FilmAdhesionOptions opt;
    opt.substrate_layers = c.sub_layers;
    opt.film_layers = c.film_layers;
    opt.adhesion.relax = false;
    opt.adhesion.scan = false;
    opt.gamma_substrate_J_m2 = gamma;
    opt.gamma_film_J_m2 = gamma;
    const FilmAdhesionResult r = film_adhesion(engine, al, c.hkl, al, c.hkl, opt);
    INFO("hkl " << c.hkl.transpose());
    CHECK(r.interface.match.substrate_index == 1);
    CHECK(r.interface.match.film_strain.max_principal == Approx(0.0).margin(1e-12));
    CHECK(r.natoms == static_cast<std::size_t>(c.sub_layers + c.film_layers));
    const double d = c.hkl == Eigen::Vector3i(1, 1, 1) ? kAl / std::sqrt(3.0) : kAl / 2;
    CHECK(r.separation_A == Approx(d).epsilon(1e-12));
    CHECK(r.adhesion.contact_separation_A == Approx(d).epsilon(1e-10));
    CHECK(r.adhesion.W_sep_unrelaxed_J_m2 == Approx(2 * gamma).epsilon(1e-10));
    REQUIRE(r.adhesion.gamma_int_J_m2);
    CHECK(*r.adhesion.gamma_int_J_m2 == Approx(0.0).margin(1e-10));
  }
}

TEST_CASE("Relaxed NN-LJ W_sep of the continued crystal stays 2 gamma (bonds sit at the minimum)", "[film_adhesion]") {
  auto engine = nn_lennard_jones(kEps, kNn, "Al");
  const Structure al = bulk_fcc("Al", kAl);
  FilmAdhesionOptions opt;
  opt.film_layers = 3;
  opt.adhesion.scan = false;
  const FilmAdhesionResult r = film_adhesion(engine, al, {1, 1, 1}, al, {1, 1, 1}, opt);
  REQUIRE(r.adhesion.relax_AB.converged);
  CHECK(r.interface.structure.count_frozen() == 2);  // substrate_fixed_layers = 2, one atom each
  CHECK(r.adhesion.W_sep_J_m2 == Approx(2 * gamma_unrelaxed(engine, {1, 1, 1})).epsilon(1e-8));
}

TEST_CASE("Registry scan moves an on-top film into a hollow: W_sep from -phi(d)/A to 2 gamma", "[film_adhesion]") {
  // 4 substrate (111) layers end on an A layer; the film's bottom A layer then sits on top
  // sites at d111 = 0.816 r_nn: one repulsive bond per atom, nothing else in range.
  auto engine = nn_lennard_jones(kEps, kNn, "Al");
  const Structure al = bulk_fcc("Al", kAl);
  FilmAdhesionOptions opt;
  opt.substrate_layers = 4;
  opt.film_layers = 3;
  opt.adhesion.relax = false;
  opt.adhesion.scan = false;
  const FilmAdhesionResult on_top = film_adhesion(engine, al, {1, 1, 1}, al, {1, 1, 1}, opt);
  const double d = kAl / std::sqrt(3.0), area_atom = std::sqrt(3.0) / 2 * kNn * kNn;
  const double phi = lj(kEps, kNn / std::pow(2.0, 1.0 / 6.0), d);
  CHECK(on_top.adhesion.W_sep_unrelaxed_J_m2 == Approx(-phi / area_atom * kEvPerA2_to_J_per_m2).epsilon(1e-10));
  CHECK(!on_top.registry);

  opt.registry_points_a = opt.registry_points_b = 3;  // includes both hollows (1/3, 1/3), (2/3, 2/3)
  const FilmAdhesionResult scanned = film_adhesion(engine, al, {1, 1, 1}, al, {1, 1, 1}, opt);
  REQUIRE(scanned.registry);
  CHECK(scanned.registry->points.size() == 9);
  const Eigen::Vector2d f = scanned.registry->points[scanned.registry->best].fraction;
  CHECK(std::abs(f.x() - f.y()) < 1e-12);  // a hollow of the 60° cell: (1/3, 1/3) or (2/3, 2/3)
  CHECK(std::abs(f.x() - 1.0 / 3.0) * std::abs(f.x() - 2.0 / 3.0) < 1e-12);
  CHECK(scanned.film_shift_A.isApprox(scanned.interface.substrate_cell_strained * f));
  // Either hollow gives each interface atom 3 bonds at r_nn, as in the bulk.
  CHECK(scanned.adhesion.W_sep_unrelaxed_J_m2 == Approx(2 * gamma_unrelaxed(engine, {1, 1, 1})).epsilon(1e-10));
}

TEST_CASE("A strained film: the reported strain matches the built geometry", "[film_adhesion]") {
  // Film Cu with a lattice 1/0.98 times Al's: strained by −2 % onto the substrate.
  LennardJonesEngine engine;
  const double a_cu = kAl / 0.98, nn_cu = a_cu / std::sqrt(2.0);
  engine.set("Al", "Al", kEps, kNn / std::pow(2.0, 1.0 / 6.0), 1.8 * kNn);
  engine.set("Cu", "Cu", kEps, nn_cu / std::pow(2.0, 1.0 / 6.0), 1.8 * nn_cu);
  engine.set("Al", "Cu", kEps, 0.5 * (kNn + nn_cu) / std::pow(2.0, 1.0 / 6.0), 0.9 * (kNn + nn_cu));
  FilmAdhesionOptions opt;
  opt.substrate_layers = 4;
  opt.film_layers = 3;
  opt.registry_points_a = opt.registry_points_b = 4;
  opt.adhesion.relax = false;
  opt.adhesion.scan_points = 12;
  const FilmAdhesionResult r =
      film_adhesion(engine, bulk_fcc("Al", kAl), {1, 0, 0}, bulk_fcc("Cu", a_cu), {1, 0, 0}, opt);
  const LatticeMatch& m = r.interface.match;
  CHECK(m.film_strain.xx == Approx(-0.02).epsilon(1e-12));
  CHECK(m.film_strain.yy == Approx(-0.02).epsilon(1e-12));
  CHECK(m.substrate_strain.max_principal == Approx(0.0).margin(1e-12));
  const Structure& s = r.interface.structure;
  CHECK(r.natoms == 7);
  CHECK(r.interface.film_atoms == 3);
  // One film atom per layer and cell: its in-plane period is the (Al) cell = 0.98 × Cu's own.
  CHECK(s.cell.col(0).norm() == Approx(0.98 * nn_cu).epsilon(1e-12));
  CHECK(s.area_A2() == Approx(0.98 * 0.98 * nn_cu * nn_cu).epsilon(1e-12));
  // The film keeps its own interlayer spacing (no Poisson response: rigid strain of the cell).
  CHECK(s.positions(2, 5) - s.positions(2, 4) == Approx(a_cu / 2).epsilon(1e-10));
  CHECK(r.adhesion.W_sep_unrelaxed_J_m2 > 0);
  CHECK(r.adhesion.uber.converged);
  // Registry: 4 substrate layers end on a B layer, so the unshifted film (A) already sits in the
  // (100) hollows; the shift (1/2, 1/2) puts it on top sites, the worst registry.
  const auto& pts = r.registry->points;
  CHECK(pts[r.registry->best].fraction.isZero());
  REQUIRE(pts[10].fraction.isApprox(Eigen::Vector2d(0.5, 0.5)));
  for (const auto& p : pts) CHECK(p.energy_eV <= pts[10].energy_eV);
}

TEST_CASE("Na bcc(110) film on Al fcc(111) with the default options", "[film_adhesion]") {
  LennardJonesEngine engine;
  const double a_na = 4.225, nn_na = a_na * std::sqrt(3.0) / 2, s = std::pow(2.0, 1.0 / 6.0);
  engine.set("Al", "Al", kEps, kNn / s, 1.8 * kNn);
  engine.set("Na", "Na", 0.1, nn_na / s, 1.8 * nn_na);
  engine.set("Al", "Na", 0.2, 0.5 * (kNn + nn_na) / s, 0.9 * (kNn + nn_na));
  FilmAdhesionOptions opt;
  opt.adhesion.relax = false;
  opt.registry_points_a = opt.registry_points_b = 3;
  const FilmAdhesionResult r =
      film_adhesion(engine, bulk_fcc("Al", kAl), {1, 1, 1}, bulk_bcc("Na", a_na), {1, 1, 0}, opt);
  const LatticeMatch& m = r.interface.match;
  INFO("indices " << m.substrate_index << "/" << m.film_index << ", strain " << m.film_strain.max_principal
                  << ", natoms " << r.natoms << ", W " << r.adhesion.W_sep_unrelaxed_J_m2);
  CHECK(std::abs(m.mismatch.max_principal) <= 0.05);
  CHECK(r.natoms <= 400);
  CHECK(r.natoms == 6 * m.substrate_index + 4 * m.film_index);
  CHECK(r.adhesion.area_A2 == Approx(m.substrate_area_A2).epsilon(1e-10));
  CHECK(r.adhesion.W_sep_unrelaxed_J_m2 > 0);
  CHECK(r.adhesion.uber.converged);
}

TEST_CASE("film_adhesion rejects bad options with the field named", "[film_adhesion]") {
  auto engine = nn_lennard_jones(kEps, kNn, "Al");
  const Structure al = bulk_fcc("Al", kAl);
  FilmAdhesionOptions opt;
  opt.registry_points_a = 3;
  CHECK_THROWS_WITH(film_adhesion(engine, al, {1, 1, 1}, al, {1, 1, 1}, opt),
                    Catch::Contains("'registry_points_a/registry_points_b'"));
  opt = FilmAdhesionOptions{};
  opt.separation_A = -1;
  CHECK_THROWS_WITH(film_adhesion(engine, al, {1, 1, 1}, al, {1, 1, 1}, opt), Catch::Contains("'separation_A'"));
  opt = FilmAdhesionOptions{};
  opt.film_layers = 0;
  CHECK_THROWS_WITH(film_adhesion(engine, al, {1, 1, 1}, al, {1, 1, 1}, opt), Catch::Contains("'layers'"));
  opt = FilmAdhesionOptions{};
  opt.match.max_strain = 0.001;
  opt.match.max_atoms = 30;
  CHECK_THROWS_WITH(film_adhesion(engine, al, {1, 1, 1}, bulk_bcc("Na", 4.225), {1, 1, 0}, opt),
                    Catch::Contains("'max_strain'"));
}
