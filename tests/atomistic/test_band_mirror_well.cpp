// protocols/band_mirror_well.h on an analytic surface: a band whose middle image sits in a shallow
// well on top of its barrier stops there (no imaginary mode); its half to the well, relaxed again,
// finds the saddle beside the well, whose position and energy are known.
#include <catch2/catch.hpp>
#include <cmath>

#include "model_surfaces.h"
#include "protocols/band_mirror_well.h"
#include "protocols/htst.h"

using namespace nabridge;
using namespace nabridge::testing;

TEST_CASE("a band stopped in a well on its mirror plane moves to the saddle beside it", "[neb][mirror_well]") {
  const double h = 1.0, w = 0.05, s = 0.08, k_y = 2.0;
  DimpledBarrier engine(h, w, s, k_y);
  NebOptions opt;
  opt.fmax_eV_A = 1e-6;
  opt.max_steps = 20000;
  const NebResult band = band_across(engine, 5, opt.fmax_eV_A);
  INFO(band.message);
  REQUIRE(band.converged);
  // The middle image is the highest (E = h − w = 0.95 against 0.79 at x = ±1/3) and sits in the
  // dimple: a minimum there, so no prefactor.
  REQUIRE(band.saddle_image == 3);
  CHECK(band.barrier_eV == Approx(h - w).margin(1e-9));
  const ModeAnalysis top = normal_modes(engine, band.images[band.saddle_image], {0});
  CHECK(top.imaginary_modes == 0);

  const auto moved = band_off_mirror_well(engine, band, top, opt);
  REQUIRE(moved.has_value());
  INFO(moved->message);
  REQUIRE(moved->converged);
  // The half band to the well, refined (7 frames), then the original images beyond the well (3).
  REQUIRE(moved->images.size() == 10);
  CHECK(moved->energy_eV.front() == Approx(band.energy_eV.front()).margin(1e-12));
  CHECK(moved->energy_eV.back() == Approx(band.energy_eV.back()).margin(1e-12));
  CHECK(moved->reverse_barrier_eV == Approx(moved->barrier_eV).margin(1e-9));  // symmetric ends
  // The saddle: the root of dE/dx between the dimple and the barrier's top, by bisection.
  double gx = 0.0, gy = 0.0, lo = 0.01, hi = 0.5;
  for (int k = 0; k < 200; ++k) {
    const double mid = 0.5 * (lo + hi);
    engine.value(mid, 0.0, gx, gy);
    (gx > 0 ? lo : hi) = mid;
  }
  const double x_saddle = 0.5 * (lo + hi);
  const double e_saddle = engine.value(x_saddle, 0.0, gx, gy);
  const Structure& saddle = moved->images[moved->saddle_image];
  CHECK(std::abs(saddle.positions(0, 0)) == Approx(x_saddle).margin(1e-4));
  CHECK(moved->barrier_eV == Approx(e_saddle).margin(1e-8));
  CHECK(moved->barrier_eV > h - w);  // above the well it stopped in
  CHECK(normal_modes(engine, saddle, {0}).imaginary_modes == 1);
}

TEST_CASE("a band whose middle image is a first-order saddle is left as it is", "[neb][mirror_well]") {
  DoubleWell well(0.3, 2.0);
  NebOptions opt;
  opt.images = 5;
  opt.fmax_eV_A = 1e-5;
  const NebResult band = run_neb(well, plane_point(-1, 0), plane_point(1, 0), opt);
  REQUIRE(band.converged);
  const ModeAnalysis top = normal_modes(well, band.images[band.saddle_image], {0});
  REQUIRE(top.imaginary_modes == 1);
  CHECK_FALSE(band_off_mirror_well(well, band, top, opt).has_value());
}
