#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <stdexcept>

#include "engines/pair_engine.h"
#include "optimize/fire.h"
#include "optimize/lbfgs.h"

using namespace nabridge;

namespace {

// Reduced LJ units (ε = 1 eV, σ = 1 Å) with a cutoff beyond any pair of a 13-atom cluster.
LennardJonesEngine reduced_lj() { return LennardJonesEngine("Ar", 1.0, 1.0, 10.0); }

Structure open_box() {
  Structure s;
  s.cell = Mat3::Identity() * 40.0;
  s.pbc = {false, false, false};
  return s;
}

/// Centre + 12 icosahedron vertices at distance r, slightly and deterministically perturbed.
Structure icosahedron(double r) {
  Structure s = open_box();
  s.add_atom("Ar", Vec3(0, 0, 0));
  const double phi = (1.0 + std::sqrt(5.0)) / 2.0;
  const double scale = r / std::sqrt(1.0 + phi * phi);
  int k = 0;
  for (int a : {-1, 1})
    for (int b : {-1, 1}) {
      const Vec3 v[3] = {Vec3(0, a, b * phi), Vec3(a, b * phi, 0), Vec3(b * phi, 0, a)};
      for (const Vec3& x : v) {
        s.add_atom("Ar", scale * x + 0.02 * Vec3(std::sin(k), std::cos(3 * k), std::sin(5 * k)));
        ++k;
      }
    }
  return s;
}

std::unique_ptr<Optimizer> by_name(const std::string& name, double fmax) {
  OptimizerOptions o;
  o.fmax_eV_A = fmax;
  o.max_steps = 5000;
  return make_optimizer(name, o);
}

}  // namespace

TEST_CASE("Optimisers relax an LJ dimer to r = 2^(1/6) sigma", "[optimize]") {
  for (const std::string name : {"fire", "lbfgs"}) {
    SECTION(name) {
      auto lj = reduced_lj();
      Structure s = open_box();
      s.add_atom("Ar", Vec3(5, 5, 5));
      s.add_atom("Ar", Vec3(6.5, 5.2, 4.9));
      const auto res = by_name(name, 1e-7)->minimize(lj, s);
      REQUIRE(res.converged);
      CHECK(res.fmax_eV_A < 1e-7);
      CHECK((s.positions.col(1) - s.positions.col(0)).norm() == Approx(std::pow(2.0, 1.0 / 6.0)).epsilon(1e-8));
      CHECK(res.energy_eV == Approx(-1.0).epsilon(1e-12));
      CHECK(res.force_calls == lj.force_calls());
    }
  }
}

TEST_CASE("Optimisers find the LJ13 icosahedron minimum -44.326801 epsilon", "[optimize]") {
  for (const std::string name : {"fire", "lbfgs"}) {
    SECTION(name) {
      auto lj = reduced_lj();
      Structure s = icosahedron(1.2);
      const auto res = by_name(name, 1e-5)->minimize(lj, s);
      REQUIRE(res.converged);
      // Cambridge Cluster Database value (Wales & Doye 1997), 6 decimals.
      CHECK(res.energy_eV == Approx(-44.326801).margin(1e-6));
      CHECK(lj.energy(s) == Approx(res.energy_eV).epsilon(1e-14));
    }
  }
}

TEST_CASE("Frozen atoms do not move and xy-held atoms move only along z", "[optimize]") {
  for (const std::string name : {"fire", "lbfgs"}) {
    SECTION(name) {
      auto lj = reduced_lj();
      Structure s = icosahedron(1.2);
      s.free_dofs[0] = dof::kNone;
      s.free_dofs[3] = dof::kZ;
      const Positions start = s.positions;
      const auto res = by_name(name, 1e-5)->minimize(lj, s);
      REQUIRE(res.converged);
      CHECK(s.positions.col(0) == start.col(0));
      CHECK(s.positions(0, 3) == start(0, 3));
      CHECK(s.positions(1, 3) == start(1, 3));
      CHECK(s.positions(2, 3) != start(2, 3));
      // Unconstrained components of the constrained atoms are relaxed too.
      auto f = lj.evaluate(s).forces_eV_A;
      CHECK(std::abs(f(2, 3)) < 1e-5);
    }
  }
}

TEST_CASE("A z-only Morse adatom relaxes to the analytic hollow height on a rigid square layer", "[optimize]") {
  // One frozen square layer of spacing d; the adatom above a hollow sees 4 neighbours at
  // lateral distance d/sqrt(2) within the cutoff, so the minimum is where they sit at r0:
  // h = sqrt(r0^2 - d^2/2).
  const double d = 2.5, r0 = 2.8, alpha = 1.5, D0 = 0.4, rc = 4.0;
  for (const std::string name : {"fire", "lbfgs"}) {
    SECTION(name) {
      MorseEngine morse;  // only the adatom-layer interaction: the layer's own energy is then 0
      morse.set("Na", "Cu", D0, alpha, r0, rc);
      Structure s;
      s.cell = Mat3::Identity() * 4 * d;
      s.cell(2, 2) = 30.0;
      for (int i = 0; i < 4; ++i)
        for (int j = 0; j < 4; ++j) s.add_atom("Cu", Vec3(i * d, j * d, 5.0), dof::kNone);
      s.add_atom("Na", Vec3(1.5 * d, 1.5 * d, 5.0 + 3.2), dof::kZ);
      const auto res = by_name(name, 1e-9)->minimize(morse, s);
      REQUIRE(res.converged);
      CHECK(s.positions(2, 16) - 5.0 == Approx(std::sqrt(r0 * r0 - d * d / 2)).epsilon(1e-9));
      CHECK(s.positions(0, 16) == 1.5 * d);
      CHECK(res.energy_eV == Approx(-4 * D0).epsilon(1e-12));
    }
  }
}

TEST_CASE("Optimisers respect max_step_A and report non-convergence at max_steps", "[optimize]") {
  for (const std::string name : {"fire", "lbfgs"}) {
    SECTION(name) {
      auto lj = reduced_lj();
      Structure s = icosahedron(1.4);
      const Positions start = s.positions;
      OptimizerOptions o;
      o.max_steps = 1;
      o.max_step_A = 0.01;
      const auto res = make_optimizer(name, o)->minimize(lj, s);
      CHECK_FALSE(res.converged);
      CHECK(res.steps == 1);
      CHECK(max_atom_norm(s.positions - start) <= 0.01 + 1e-15);
      CHECK(res.energy_eV < lj.energy(icosahedron(1.4)));
    }
  }
}

TEST_CASE("make_optimizer names the unknown optimiser", "[optimize]") {
  CHECK(make_optimizer("fire")->name() == "fire");
  CHECK(make_optimizer("lbfgs")->name() == "lbfgs");
  CHECK_THROWS_WITH(make_optimizer("bfgs"), Catch::Contains("'bfgs'") && Catch::Contains("fire, lbfgs"));
}

namespace {
/// A non-conservative field: attraction to c plus a weaker swirl about z; no energy (reports 0).
/// (A swirl comparable to the attraction can feed an outward spiral with F·v > 0: FIRE, like
/// any damped dynamics, needs a dominantly attracting field, as NEB band forces are.)
class SwirlEngine : public Engine {
 public:
  std::string describe() const override { return "swirl test field"; }
  bool provides_virial() const override { return false; }

 protected:
  void compute(const Structure& s, Evaluation& out, bool) override {
    out.energy_eV = 0.0;
    out.forces_eV_A.resize(3, static_cast<Eigen::Index>(s.size()));
    for (Eigen::Index i = 0; i < out.forces_eV_A.cols(); ++i) {
      const Vec3 d = s.positions.col(i) - Vec3(1, 2, 3);
      out.forces_eV_A.col(i) = -2.0 * d + 0.5 * Vec3::UnitZ().cross(d);
    }
  }
};
}  // namespace

TEST_CASE("FIRE relaxes a non-conservative force field to its fixed point", "[optimize]") {
  SwirlEngine swirl;
  Structure s = open_box();
  s.add_atom("X", Vec3(3, -1, 5));
  s.add_atom("X", Vec3(0, 4, 2));
  OptimizerOptions o;
  o.fmax_eV_A = 1e-8;
  Fire fire(o);
  const auto res = fire.minimize(swirl, s);
  INFO("steps " << res.steps << " fmax " << res.fmax_eV_A);
  REQUIRE(res.converged);
  for (int i = 0; i < 2; ++i) CHECK((s.positions.col(i) - Vec3(1, 2, 3)).norm() < 1e-8);
}
