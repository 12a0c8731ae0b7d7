#include <catch2/catch.hpp>

#include <cmath>

#include "core/elements.h"
#include "model_surfaces.h"
#include "protocols/htst.h"

using namespace nabridge;
using namespace nabridge::testing;

namespace {
// 1 eV/(Å² amu) in s⁻², written out independently of the library constant.
const double kUnit = 1.602176634e-19 / 1e-20 / 1.66053906660e-27;
}

TEST_CASE("normal mode of a harmonic well equals the analytic frequency", "[htst]") {
  // E = h(x²−1)² + ½ k y²: at x = 1, d²E/dx² = 8h; in y, k.
  const double h = 0.4, k = 3.0;
  DoubleWell well(h, k);
  Structure s = plane_point(1.0, 0.0, "Na");
  const ModeAnalysis m = normal_modes(well, s, {0});
  const double mass = atomic_mass_amu("Na");
  REQUIRE(m.imaginary_modes == 0);
  REQUIRE(m.frequencies_Hz.size() == 2);  // plane_point holds z: x and y only
  const double nu_x = std::sqrt(8 * h / mass * kUnit) / (2 * M_PI);
  const double nu_y = std::sqrt(k / mass * kUnit) / (2 * M_PI);
  CHECK(m.frequencies_Hz[0] == Approx(std::min(nu_x, nu_y)).epsilon(1e-5));
  CHECK(m.frequencies_Hz[1] == Approx(std::max(nu_x, nu_y)).epsilon(1e-5));
}

TEST_CASE("normal modes count only the coordinates an atom's free_dofs leave free", "[htst]") {
  // The well of the test above with the atom held to y (a slab atom held at its in-plane x): one
  // mode, k in y; at the saddle x = 0 held to x: one imaginary mode, nothing else.
  const double h = 0.4, k = 3.0;
  DoubleWell well(h, k);
  Structure s = plane_point(1.0, 0.0, "Na");
  s.free_dofs[0] = dof::kY;
  const ModeAnalysis m = normal_modes(well, s, {0});
  REQUIRE(m.imaginary_modes == 0);
  REQUIRE(m.frequencies_Hz.size() == 1);
  CHECK(m.frequencies_Hz[0] == Approx(std::sqrt(k / atomic_mass_amu("Na") * kUnit) / (2 * M_PI)).epsilon(1e-5));
  Structure saddle = plane_point(0.0, 0.0, "Na");
  saddle.free_dofs[0] = dof::kX;
  const ModeAnalysis ms = normal_modes(well, saddle, {0});
  CHECK(ms.imaginary_modes == 1);
  CHECK(ms.frequencies_Hz.empty());
  saddle.free_dofs[0] = dof::kNone;
  CHECK_THROWS_WITH(normal_modes(well, saddle, {0}), Catch::Contains("no free coordinate"));
}

TEST_CASE("Vineyard prefactor of a separable double well is the frequency along the path", "[htst]") {
  const double h = 0.4, k = 3.0;
  DoubleWell well(h, k);
  const auto r = vineyard_prefactor(well, plane_point(1.0, 0.0, "Na"), plane_point(0.0, 0.0, "Na"), {0});
  REQUIRE(r.valid);
  // The y mode is the same at minimum and saddle and cancels: ν* = ν_x(min) = √(8h/m)/2π.
  CHECK(r.nu_Hz == Approx(std::sqrt(8 * h / atomic_mass_amu("Na") * kUnit) / (2 * M_PI)).epsilon(1e-5));
  // Swapping minimum and saddle is caught.
  const auto bad = vineyard_prefactor(well, plane_point(0.0, 0.0, "Na"), plane_point(1.0, 0.0, "Na"), {0});
  CHECK_FALSE(bad.valid);
  CHECK_THAT(bad.message, Catch::Contains("imaginary"));
}

TEST_CASE("hop rate and 2D lattice diffusivity", "[htst]") {
  const double rate = hop_rate_Hz(1e13, 0.1, 300.0);
  CHECK(rate == Approx(1e13 * std::exp(-0.1 / (8.617333262e-5 * 300.0))));
  // Square lattice, 4 hops of 3 Å at rate Γ: D = Γ a² (d = 2).
  CHECK(lattice_diffusivity_m2_s({3, 3, 3, 3}, {2e9, 2e9, 2e9, 2e9}, 2) == Approx(2e9 * 9e-20));
  CHECK_THROWS(hop_rate_Hz(1e13, 0.1, 0.0));
}
