// Alloying coatings in the mesoscale simulator (Au → NaAu2): the charge taken before Na metal
// nucleates equals the coating's capacity from the alloy stoichiometry, the alloying plateau lies
// at the alloy's potential, non-alloying collectors take nothing, an alloying coating without an
// alloy potential is refused naming the row, and the nuclei on a converted coating follow the
// alloy surface's rate (no burst set by the step) where the last alloying step allows it.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <utility>
#include <vector>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/mesoscale.h"
#include "meso_fixtures.h"

using namespace nabridge::upscale;
using namespace nabridge::upscale::testing;

namespace {

// Two Au(111) layers (1.39e19 atoms/m² each) taking Na as NaAu2 (½ Na per Au atom), plateau
// 0.27 V vs Na/Na⁺ (3 × 0.091 eV/atom, the shipped EAM's formation energy); Au-like adatoms.
constexpr double kAuLayer_m2 = 1.39e19, kNaPerAu = 0.5, kPlateau_V = 0.274;

MesoSubstrate coating(double layers) {
  MesoSubstrate s = substrate("Au-coating", -1.40, 20, 0.03, 1e13, 2.88, 6, 10.0);
  s.alloy_capacity_m2 = layers * kAuLayer_m2 * kNaPerAu;
  s.alloy_potential_V = kPlateau_V;
  s.alloy_phase = 1;
  return s;
}
MesoSubstrate alloy_surface() { return substrate("NaAu2", -1.40, 20, 0.03, 1e13, 2.88, 6, 10.0); }

/// η solving i0 [e^{αfη} − e^{−fU} e^{−(1−α)fη}] = I (α = ½, 25 °C), by bisection.
double alloy_plateau_V(double i_A_m2, double i0_A_m2) {
  const double f = 1.0 / (kBoltzmann_eV_K * 298.15);
  auto current = [&](double eta) {
    return i0_A_m2 * (std::exp(0.5 * f * eta) - std::exp(-f * kPlateau_V - 0.5 * f * eta));
  };
  double lo = -kPlateau_V, hi = 1.0;
  for (int k = 0; k < 200; ++k) (current(0.5 * (lo + hi)) < i_A_m2 ? lo : hi) = 0.5 * (lo + hi);
  return 0.5 * (lo + hi);
}

MesoMap grid(int n, double gap_fraction = 0.0) {
  MesoMapSpec m;
  m.nx = m.ny = n;
  m.cell_m = 25e-9;
  m.gap_fraction = gap_fraction;
  return make_meso_map(m, 1);
}
MesoOperating plating(double i_A_m2 = 10.0) {
  MesoOperating op;
  op.current_A_m2 = i_A_m2;
  op.pressure_Pa = 5e6;
  op.capacity_C_m2 = 30.0;
  op.strip = false;
  return op;
}

}  // namespace

TEST_CASE("mesoscale alloy: the charge taken before Na metal nucleates is the coating's capacity",
          "[mesoscale][alloy]") {
  for (double layers : {2.0, 10.0}) {
    for (double i_A_m2 : {0.3, 10.0, 100.0}) {
      MesoscaleSimulator sim({coating(layers), alloy_surface()}, sodium(), grid(24), plating(i_A_m2));
      const auto r = sim.run();
      INFO(layers << " layers at " << i_A_m2 << " A/m²: " << r.failure);
      REQUIRE_FALSE(r.failed);
      const double capacity_C_m2 = layers * kAuLayer_m2 * kNaPerAu * kElementaryCharge_C;
      REQUIRE(std::isfinite(r.alloyed_before_nucleation_C_m2));
      CHECK(r.alloyed_before_nucleation_C_m2 == Approx(capacity_C_m2).epsilon(1e-12));
      CHECK(r.cycles.at(0).alloyed_C_m2 == Approx(capacity_C_m2).epsilon(1e-12));
      // Every cell now presents the alloy's surface, and Na metal grew on it.
      const auto& map = sim.substrate_map();
      CHECK(std::all_of(map.begin(), map.end(), [](auto s) { return s == 1; }));
      CHECK(r.cycles.at(0).nuclei_m2 > 0);
      // Charge bookkeeping with the alloy: Faradaic charge = Na on the collector (film, adatoms, alloy).
      CHECK(sim.na_charge_C_m2() == Approx(r.cycles.at(0).plated_C_m2).epsilon(1e-9));
      // The alloying plateau: halfway through the capacity the adatoms sit at the density in
      // equilibrium with the alloy, n1_eq e^{−fU}, so the electrode carries I by
      // i0 [e^{αfη} − e^{−fU} e^{−(1−α)fη}] = I: at η → −U for I ≪ i0 e^{−αfU}, at the Na-metal
      // Butler–Volmer value for I ≫ it.
      const auto mid = std::find_if(r.transient.begin(), r.transient.end(),
                                    [&](const auto& p) { return p.charge_C_m2 >= 0.5 * capacity_C_m2; });
      REQUIRE(mid != r.transient.end());
      CHECK(mid->eta_V == Approx(alloy_plateau_V(i_A_m2, 10.0)).margin(1e-3));
      CHECK(mid->eta_V > -kPlateau_V);
    }
  }
}

TEST_CASE("mesoscale alloy: once the coating is full, Na metal nucleates with the alloy phase's own E_bind and theta",
          "[mesoscale][alloy]") {
  // The same coating and capacity; the alloy phase wetted by Na (the coating's inputs) or not
  // (sodiophobic inputs, θ = 120°). The alloy takes the same charge first; only the nucleation on
  // the alloy that follows sees the alloy phase's row.
  MesoSubstrate non_wetting = sodiophobic();
  non_wetting.name = "NaAu2 (non-wetting)";
  non_wetting.i0_A_m2 = 10.0;
  MesoscaleSimulator wets({coating(2.0), alloy_surface()}, sodium(), grid(24), plating(10.0));
  MesoscaleSimulator does_not({coating(2.0), non_wetting}, sodium(), grid(24), plating(10.0));
  const auto r_wets = wets.run(), r_not = does_not.run();
  REQUIRE_FALSE(r_wets.failed);
  REQUIRE_FALSE(r_not.failed);
  const double capacity_C_m2 = 2.0 * kAuLayer_m2 * kNaPerAu * kElementaryCharge_C;
  CHECK(r_wets.alloyed_before_nucleation_C_m2 == Approx(capacity_C_m2).epsilon(1e-12));
  CHECK(r_not.alloyed_before_nucleation_C_m2 == Approx(capacity_C_m2).epsilon(1e-12));
  INFO("eta_nuc wetting alloy " << r_wets.cycles.at(0).eta_nuc_V << " V, non-wetting " << r_not.cycles.at(0).eta_nuc_V);
  CHECK(r_not.cycles.at(0).eta_nuc_V > r_wets.cycles.at(0).eta_nuc_V + 0.01);
}

TEST_CASE("mesoscale alloy: a coating in gaps is consumed through the Na metal that reaches it", "[mesoscale][alloy]") {
  MesoscaleSimulator sim({coating(2.0), alloy_surface()}, sodium(), grid(32, 0.2), plating());
  const auto r = sim.run();
  REQUIRE_FALSE(r.failed);
  CHECK(sim.na_charge_C_m2() == Approx(r.cycles.at(0).plated_C_m2).epsilon(1e-9));
  CHECK(sim.alloy_charge_C_m2() <= 2.0 * kAuLayer_m2 * kNaPerAu * kElementaryCharge_C * (1 + 1e-12));
  CHECK(r.cycles.at(0).alloyed_C_m2 == Approx(sim.alloy_charge_C_m2()).epsilon(1e-12));
}

TEST_CASE("mesoscale alloy: no uptake on a non-alloying collector", "[mesoscale][alloy]") {
  for (const auto& s : {sodiophobic(), sodiophilic()}) {
    MesoscaleSimulator sim({s}, sodium(), grid(24), plating());
    const auto r = sim.run();
    INFO(s.name);
    REQUIRE_FALSE(r.failed);
    CHECK(r.cycles.at(0).alloyed_C_m2 == 0.0);
    CHECK(r.alloyed_before_nucleation_C_m2 == 0.0);
    CHECK(sim.alloy_charge_C_m2() == 0.0);
  }
}

TEST_CASE("mesoscale alloy: an alloying coating without an alloy potential is refused naming it",
          "[mesoscale][alloy]") {
  MesoSubstrate s = coating(2.0);
  s.alloy_potential_V = kUnset;
  CHECK_THROWS_WITH(MesoscaleSimulator({s, alloy_surface()}, sodium(), grid(8), plating()),
                    Catch::Contains("Au-coating") && Catch::Contains("alloy_potential_V"));
  s = coating(2.0);
  s.alloy_phase = 5;
  CHECK_THROWS_WITH(MesoscaleSimulator({s, alloy_surface()}, sodium(), grid(8), plating()),
                    Catch::Contains("alloy_phase"));
}

TEST_CASE("mesoscale alloy: a uniform coating that converts on every cell at once takes its nuclei in one step",
          "[mesoscale][alloy]") {
  // Every cell of a uniform coating fills its alloy in the same step and becomes the alloy row,
  // whose adatoms then stand far above its nucleation threshold: (almost) all nuclei form in
  // that step (83 % here), and burst_nuclei_m2 says so: more than half, the sweep's warning
  // criterion. On a collector that does not alloy, nuclei form over many steps (the step control
  // allows 20 % more nuclei per step).
  MesoscaleSimulator alloying({coating(2), alloy_surface()}, sodium(), grid(24), plating());
  const auto a = alloying.run().cycles.at(0);
  REQUIRE(a.nuclei_m2 > 0);
  CHECK(a.burst_nuclei_m2 / a.nuclei_m2 > 0.5);
  MesoscaleSimulator plain({alloy_surface()}, sodium(), grid(24), plating());
  const auto b = plain.run().cycles.at(0);
  REQUIRE(b.nuclei_m2 > 0);
  CHECK(b.burst_nuclei_m2 / b.nuclei_m2 < 0.2);
}

TEST_CASE("mesoscale alloy: nuclei on a converted coating follow the rate equations, independent of the cell size",
          "[mesoscale][alloy]") {
  // The default campaign's Au-on-Al(111) row (two Au layers taking Na as NaAu2 at U = 0.753 V) and
  // its NaAu2 surface, with the campaign's 10 % gaps, at 10 mA/cm². Every contacting cell fills
  // its alloy at the same rate; the steps end before a cell fills, so no cell receives a step's
  // worth of adatoms on its fresh alloy surface at once, and the nuclei form at the alloy row's
  // rate: N on halving the cells within 10 % (before, a burst set by the last alloying step gave
  // 5.2×10⁴ and 1.3×10⁴ per µm², −75 %; now +3.9 %), and within 5 % of the NaAu2 surface plated
  // alone (0.6 %).
  MesoSubstrate au_on_al = substrate("Au-on-Al", -1.967, 0, 0.0306, 2.66e12, 1.653, 3, 10.0);
  au_on_al.alloy_capacity_m2 = 2.816e19 * 0.5;
  au_on_al.alloy_potential_V = 0.753;
  au_on_al.alloy_phase = 1;
  const MesoSubstrate nau2 = substrate("NaAu2", -1.086, 0, 0.0632, 7.93e11, 3.385, 7, 10.0);
  MesoOperating op;
  op.current_A_m2 = 100.0;
  op.pressure_Pa = 10e6;
  op.capacity_C_m2 = 360.0;
  op.eta_cutoff_V = 1.5;
  op.strip = false;
  auto map = [](int n, double cell_m) {
    MesoMapSpec m;
    m.nx = m.ny = n;
    m.cell_m = cell_m;
    m.gap_fraction = 0.1;
    return make_meso_map(m, 1);
  };
  auto plated = [&](std::vector<MesoSubstrate> rows, int n, double cell_m) {
    MesoscaleSimulator sim(std::move(rows), sodium(), map(n, cell_m), op);
    const auto r = sim.run();
    REQUIRE_FALSE(r.failed);
    return r.cycles.at(0);
  };
  const auto coarse = plated({au_on_al, nau2}, 96, 25e-9), fine = plated({au_on_al, nau2}, 192, 12.5e-9);
  CHECK(fine.nuclei_m2 == Approx(coarse.nuclei_m2).epsilon(0.1));
  CHECK(coarse.burst_nuclei_m2 < 0.5 * coarse.nuclei_m2);
  CHECK(coarse.nuclei_m2 == Approx(plated({nau2}, 96, 25e-9).nuclei_m2).epsilon(0.05));
}
