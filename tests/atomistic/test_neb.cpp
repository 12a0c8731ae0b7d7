#include <catch2/catch.hpp>

#include <Eigen/Dense>

#include "engines/pair_engine.h"
#include "model_surfaces.h"
#include "optimize/fire.h"
#include "protocols/neb.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;
using namespace nabridge::testing;

namespace {
/// Newton iteration on ∇E = 0 with a finite-difference Hessian: the exact stationary point
/// near (x, y), independent of the NEB code.
Eigen::Vector2d stationary_point(const PlaneEngine& e, Eigen::Vector2d p) {
  for (int it = 0; it < 50; ++it) {
    double gx, gy;
    e.value(p.x(), p.y(), gx, gy);
    const double h = 1e-6;
    Eigen::Matrix2d H;
    for (int k = 0; k < 2; ++k) {
      Eigen::Vector2d q = p;
      q[k] += h;
      double gx2, gy2;
      e.value(q.x(), q.y(), gx2, gy2);
      H(0, k) = (gx2 - gx) / h;
      H(1, k) = (gy2 - gy) / h;
    }
    p -= H.lu().solve(Eigen::Vector2d(gx, gy));
  }
  return p;
}

double energy_at(const PlaneEngine& e, const Eigen::Vector2d& p) {
  double gx, gy;
  return e.value(p.x(), p.y(), gx, gy);
}
}  // namespace

TEST_CASE("CI-NEB finds both Müller-Brown saddles to 1e-4", "[neb]") {
  MullerBrown mb;
  // Stationary points (Müller & Brown 1979): minima A, B, C and saddles S1 (A-C), S2 (C-B).
  const auto A = stationary_point(mb, {-0.558, 1.442}), B = stationary_point(mb, {0.623, 0.028}),
             C = stationary_point(mb, {-0.050, 0.467}), S1 = stationary_point(mb, {-0.822, 0.624}),
             S2 = stationary_point(mb, {0.212, 0.293});
  CHECK(energy_at(mb, A) == Approx(-146.69952).margin(1e-4));
  CHECK(energy_at(mb, B) == Approx(-108.16672).margin(1e-4));
  CHECK(energy_at(mb, C) == Approx(-80.76782).margin(1e-4));
  CHECK(energy_at(mb, S1) == Approx(-40.66484).margin(1e-4));
  CHECK(energy_at(mb, S2) == Approx(-72.24894).margin(1e-4));

  NebOptions opt;
  opt.images = 9;
  opt.interpolation = "linear";
  opt.spring_eV_A2 = 50.0;
  opt.fmax_eV_A = 1e-3;
  opt.max_steps = 20000;
  opt.max_step_A = 0.01;
  opt.climb_switch_eV_A = 5.0;
  opt.endpoint_fmax_eV_A = 1e-5;
  struct Leg { Eigen::Vector2d from, to, saddle; };
  for (const Leg& leg : {Leg{A, C, S1}, Leg{C, B, S2}}) {
    const NebResult r = run_neb(mb, plane_point(leg.from.x(), leg.from.y()), plane_point(leg.to.x(), leg.to.y()), opt);
    INFO(r.message);
    REQUIRE(r.converged);
    CHECK(r.energy_eV[r.saddle_image] == Approx(energy_at(mb, leg.saddle)).margin(1e-4));
    CHECK(r.saddle_A.x() == Approx(leg.saddle.x()).margin(1e-3));
    CHECK(r.saddle_A.y() == Approx(leg.saddle.y()).margin(1e-3));
    CHECK(r.dE_eV == Approx(energy_at(mb, leg.to) - energy_at(mb, leg.from)).margin(1e-6));
  }
}

TEST_CASE("symmetric double well: dE = 0 and the analytic barrier", "[neb]") {
  DoubleWell well(0.3, 2.0);
  for (const auto& [interp, optimizer] :
       {std::pair<std::string, std::string>{"linear", "fire"}, {"idpp", "fire"}, {"linear", "lbfgs"}}) {
    INFO(interp << " " << optimizer);
    NebOptions opt;
    opt.interpolation = interp;
    opt.optimizer = optimizer;
    opt.images = 6;  // even count: no image starts on the saddle, the climber must find it
    opt.fmax_eV_A = 1e-4;
    opt.endpoint_fmax_eV_A = 1e-6;
    // Endpoints off the minima and off the axis: relaxation must bring them back.
    const NebResult r = run_neb(well, plane_point(-0.9, 0.1), plane_point(1.1, -0.05), opt);
    INFO(r.message);
    REQUIRE(r.converged);
    CHECK(r.dE_eV == Approx(0.0).margin(1e-8));
    CHECK(r.barrier_eV == Approx(0.3).margin(1e-6));
    CHECK(r.reverse_barrier_eV == Approx(0.3).margin(1e-6));
    CHECK(r.saddle_A.x() == Approx(0.0).margin(1e-3));
    for (std::size_t k = 1; k < r.reaction_coordinate_A.size(); ++k)
      CHECK(r.reaction_coordinate_A[k] > r.reaction_coordinate_A[k - 1]);
  }
}

TEST_CASE("NEB reports bad input instead of a barrier", "[neb]") {
  DoubleWell well(0.3, 2.0);
  // Both endpoints in the same well.
  const NebResult same = run_neb(well, plane_point(0.8, 0.1), plane_point(1.2, -0.1));
  CHECK_FALSE(same.converged);
  CHECK_THAT(same.message, Catch::Contains("same minimum"));
  // Step limit too small.
  NebOptions opt;
  opt.images = 6;  // no image on the saddle: the climbing image has to move
  opt.fmax_eV_A = 1e-5;
  opt.max_steps = 3;
  const NebResult slow = run_neb(well, plane_point(-1, 0), plane_point(1, 0), opt);
  CHECK_FALSE(slow.converged);
  CHECK_THAT(slow.message, Catch::Contains("not converged"));
  Structure two = plane_point(1, 0);
  two.add_atom("H", Vec3(5, 5, 0));
  CHECK_THROWS_WITH(run_neb(well, plane_point(-1, 0), two), Catch::Contains("atom counts"));
  // An endpoint on the barrier top (a maximum along the path): relaxation keeps it there by
  // symmetry, and the band only descends from it.
  NebOptions top;
  top.images = 4;
  const NebResult down = run_neb(well, plane_point(0, 0), plane_point(1, 0), top);
  CHECK_FALSE(down.converged);
  CHECK_THAT(down.message, Catch::Contains("not a minimum"));
  // Two findings in one message: one "; " between them, none at the end.
  top.max_steps = 3;
  top.fmax_eV_A = 1e-5;
  const NebResult stopped = run_neb(well, plane_point(0, 0), plane_point(1, 0), top);
  CHECK_THAT(stopped.message, Catch::StartsWith("band not converged in 3 iterations (max force ") &&
                                  Catch::Contains(" > 1e-05); the band only descends from the initial endpoint") &&
                                  Catch::EndsWith("there is no saddle"));
  // A deeper minimum between the endpoints: the band converges, but there is no elementary hop.
  TripleWell triple(0.1, 2.0);
  const NebResult through = run_neb(triple, plane_point(-1, 0), plane_point(1, 0));
  CHECK_FALSE(through.converged);
  CHECK_THAT(through.message, Catch::Contains("another minimum"));
  // The band is symmetric about x = 0, so its middle image (4 of 0..8) is the one in the deeper well.
  CHECK(through.below_ends_image == 4);
  DoubleWell double_well(1.0, 2.0);
  CHECK(band_across(double_well, 7, 1e-3).below_ends_image == 0);
}

TEST_CASE("LJ adatom hop on a rigid fcc(100) slab equals a fine constrained 1D scan", "[neb]") {
  const double a = 4.05;
  SlabSpec spec;
  spec.miller = {1, 0, 0};
  spec.layers = 3;
  spec.repeat_a = 3;
  spec.repeat_b = 3;
  spec.vacuum_A = 12;
  Structure slab = make_slab(bulk_fcc("Al", a), spec).structure;
  for (auto& f : slab.free_dofs) f = dof::kNone;  // rigid slab
  LennardJonesEngine lj;
  lj.set("Al", "Al", 0.2, 2.6, 6.0, true);
  lj.set("Al", "Na", 0.1, 3.0, 7.0, true);
  double ztop = slab.positions.row(2).maxCoeff();
  // Hollows of the 3x3 (100) cell: centre of a square of top atoms.
  Vec3 top_atom;
  for (Eigen::Index i = 0; i < slab.positions.cols(); ++i)
    if (slab.positions(2, i) > ztop - 0.1) top_atom = slab.positions.col(i);
  const Vec3 h1 = top_atom + 0.5 * (slab.cell.col(0) + slab.cell.col(1)) / 3.0 + Vec3(0, 0, 2.0);
  const Vec3 h2 = h1 + slab.cell.col(0) / 3.0;
  Structure initial = slab, final = slab;
  initial.add_atom("Na", h1);
  final.add_atom("Na", h2);
  NebOptions opt;
  opt.images = 5;
  opt.fmax_eV_A = 1e-4;
  const NebResult r = run_neb(lj, initial, final, opt);
  INFO(r.message);
  REQUIRE(r.converged);
  opt.optimizer = "lbfgs";
  const NebResult q = run_neb(lj, initial, final, opt);
  REQUIRE(q.converged);
  CHECK(q.barrier_eV == Approx(r.barrier_eV).margin(1e-5));

  // Reference: the adatom held at points of the straight hollow-bridge-hollow line (x, y
  // fixed), z relaxed; by symmetry this line is the minimum-energy path.
  OptimizerOptions fopt;
  fopt.fmax_eV_A = 1e-6;
  Fire fire(fopt);
  double e_min = 1e300, e_max = -1e300;
  for (int k = 0; k <= 200; ++k) {
    Structure s = slab;
    s.add_atom("Na", h1 + (h2 - h1) * (k / 200.0), dof::kZ);
    fire.minimize(lj, s);
    const double e = lj.energy(s);
    e_min = std::min(e_min, e), e_max = std::max(e_max, e);
  }
  CHECK(r.barrier_eV == Approx(e_max - e_min).margin(1e-4));
  CHECK(r.dE_eV == Approx(0.0).margin(1e-6));
}
