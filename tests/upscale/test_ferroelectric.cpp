// Ferroelectric field → overpotential offset (nabridge/upscale/ferroelectric.h) against values
// worked out by hand, its limits, and bad input.
#include <catch2/catch.hpp>

#include "nabridge/upscale/ferroelectric.h"

using namespace nabridge::upscale;

TEST_CASE("Screened ferroelectric film: offset equals the hand-computed value", "[ferroelectric]") {
  // P = 0.25 C/m², d = 100 nm, ε_f = 6, λ_m = 0.5 Å (ε_m = 1), λ_e = 1 Å, ε_e = 10. By hand:
  //   Λ = 0.5e-10/1 + 1e-10/10 = 6.0e-11 m; d + ε_f Λ = 1e-7 + 3.6e-10 = 1.0036e-7 m
  //   σ_s = 0.25 · 1e-7 / 1.0036e-7 = 0.2491032284 C/m²
  //   Δ_s = σ_s λ_e / (ε0 ε_e) = 0.2491032284 · 1e-10 / (8.8541878128e-12 · 10) = 0.2813394448 V
  //   E_d = −P Λ / (ε0 (d + ε_f Λ)) = −0.25 · 6e-11 / (8.8541878128e-12 · 1.0036e-7) = −1.688036669e7 V/m
  ScreenedFerroelectricFilm f;
  f.P_s_C_m2 = 0.25;
  f.thickness_m = 100e-9;
  f.eps_film = 6;
  f.lambda_metal_m = 0.5e-10;
  f.eps_metal = 1;
  f.lambda_electrolyte_m = 1e-10;
  f.eps_electrolyte = 10;
  CHECK(screening_charge_C_m2(f) == Approx(0.2491032284).epsilon(1e-9));
  CHECK(ferroelectric_offset_V(f, true) == Approx(0.2813394448).epsilon(1e-9));
  CHECK(ferroelectric_offset_V(f, false) == Approx(-0.2813394448).epsilon(1e-9));
  CHECK(depolarising_field_V_m(f) == Approx(-1.688036669e7).epsilon(1e-9));

  SECTION("limits: a thick film is fully screened, a perfect electrolyte screen gives no step") {
    ScreenedFerroelectricFilm thick = f;
    thick.thickness_m = 1.0;  // Δ_s → P λ_e / (ε0 ε_e) = 0.25 · 1.1294091 = 0.28235227 V
    CHECK(ferroelectric_offset_V(thick, true) == Approx(0.2823522780).epsilon(1e-6));
    ScreenedFerroelectricFilm ideal = f;
    ideal.lambda_electrolyte_m = 1e-16;
    CHECK(ferroelectric_offset_V(ideal, true) < 1e-6);
  }
  SECTION("bad input names the field") {
    ScreenedFerroelectricFilm bad = f;
    bad.P_s_C_m2 = 0.0;
    CHECK_THROWS_WITH(ferroelectric_offset_V(bad, true), Catch::Contains("P_s_C_m2 = 0 must be a positive"));
    bad = f;
    bad.eps_electrolyte = -1;
    CHECK_THROWS_WITH(ferroelectric_offset_V(bad, true), Catch::Contains("eps_electrolyte"));
  }
}

TEST_CASE("Debye length equals the hand-computed value", "[ferroelectric]") {
  // sqrt(8.8541878128e-12 · 20 · 1.380649e-23 · 300 / (1e28 · (1.602176634e-19)²)) = 5.345412658e-11 m
  CHECK(debye_length_m(1e28, 20, 300) == Approx(5.345412658e-11).epsilon(1e-9));
  CHECK_THROWS_WITH(debye_length_m(0, 20, 300), Catch::Contains("n_m3"));
}
