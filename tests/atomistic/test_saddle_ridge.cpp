#include <catch2/catch.hpp>
#include <cmath>

#include "model_surfaces.h"
#include "protocols/htst.h"
#include "protocols/saddle_ridge.h"

using namespace nabridge;
using namespace nabridge::testing;

TEST_CASE("a band held on a mirror ridge converges to the maximum, moved off it to the saddle beside it",
          "[neb][ridge]") {
  const double b = 0.5, lambda = 2.0;
  MirrorRidge ridge(b, lambda);
  NebOptions opt;
  opt.fmax_eV_A = 1e-5;
  opt.max_steps = 20000;
  const NebResult on_ridge = band_across(ridge, 7, opt.fmax_eV_A);
  INFO(on_ridge.message);
  REQUIRE(on_ridge.converged);
  // The straight path's top is the maximum at the origin: E = 1 + b⁴ against b⁴ at the minima.
  CHECK(on_ridge.barrier_eV == Approx(1.0).margin(1e-6));
  const ModeAnalysis top_modes = normal_modes(ridge, on_ridge.images[on_ridge.saddle_image], {0});
  CHECK(top_modes.imaginary_modes == 2);

  const auto off = band_off_ridge(ridge, on_ridge, top_modes, opt);
  REQUIRE(off.has_value());
  INFO(off->message);
  REQUIRE(off->converged);
  // The saddle at (0, ±b), E = 1: barrier 1 − b⁴ = 0.9375, a first-order saddle.
  CHECK(off->barrier_eV == Approx(1.0 - std::pow(b, 4)).margin(1e-6));
  const Structure& top = off->images[off->saddle_image];
  CHECK(top.positions(0, 0) == Approx(0.0).margin(1e-3));
  CHECK(std::abs(top.positions(1, 0)) == Approx(b).margin(1e-3));
  CHECK(normal_modes(ridge, top, {0}).imaginary_modes == 1);
  // Its endpoints stay the minima.
  CHECK(off->energy_eV.front() == Approx(std::pow(b, 4)).margin(1e-9));
  CHECK(off->energy_eV.back() == Approx(std::pow(b, 4)).margin(1e-9));
}

TEST_CASE("a band whose top is a first-order saddle is left as it is", "[neb][ridge]") {
  DoubleWell well(0.3, 2.0);
  NebOptions opt;
  opt.images = 5;
  opt.fmax_eV_A = 1e-5;
  const NebResult band = run_neb(well, plane_point(-1, 0), plane_point(1, 0), opt);
  REQUIRE(band.converged);
  CHECK_FALSE(band_off_ridge(well, band, normal_modes(well, band.images[band.saddle_image], {0}), opt).has_value());
}

TEST_CASE("normal modes give each imaginary mode's displacement pattern", "[htst][ridge]") {
  MirrorRidge ridge(0.5, 2.0);
  // At the origin both curvatures are negative (−4 along x, −4b² = −1 along y), so the more
  // unstable mode is along x, and each pattern moves the atom by 1 Å.
  const ModeAnalysis m = normal_modes(ridge, plane_point(0, 0), {0});
  REQUIRE(m.imaginary_modes == 2);
  REQUIRE(m.unstable_directions.size() == 2);
  CHECK(std::abs(m.unstable_directions[0](0, 0)) == Approx(1.0).margin(1e-9));
  CHECK(m.unstable_directions[0](1, 0) == Approx(0.0).margin(1e-9));
  CHECK(std::abs(m.unstable_directions[1](1, 0)) == Approx(1.0).margin(1e-9));
}
