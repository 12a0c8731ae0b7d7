// Nucleation below the cell size in the mesoscale simulator: the barrier-free limit against the
// i* = 1 rate equations, and convergence of the nucleation density and overpotential in cell and
// map size from far below one nucleus per µm² (and per cell) to ~10⁵ per µm².
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/kinetics.h"
#include "nabridge/upscale/mesoscale.h"
#include "nabridge/upscale/rate_equations.h"
#include "meso_fixtures.h"

using namespace nabridge::upscale;
using namespace nabridge::upscale::testing;

namespace {

MesoMap uniform(int n, double cell_m, double gap_fraction = 0.0) {
  MesoMapSpec m;
  m.nx = m.ny = n;
  m.cell_m = cell_m;
  m.gap_fraction = gap_fraction;
  return make_meso_map(m, 1);
}

MesoResult plating_run(const MesoSubstrate& s, int n, double cell_m, double i_A_m2, double gap_fraction = 0.0) {
  MesoOperating op;
  op.current_A_m2 = i_A_m2;
  op.pressure_Pa = 5e6;
  op.capacity_C_m2 = 900.0;
  op.strip = false;
  MesoscaleSimulator sim({s}, sodium(), uniform(n, cell_m, gap_fraction), op);
  auto r = sim.run();
  REQUIRE_FALSE(r.failed);
  return r;
}

MesoCycle first_plating(const MesoSubstrate& s, int n, double cell_m, double i_A_m2) {
  return plating_run(s, n, cell_m, i_A_m2).cycles.at(0);
}

/// The Al(111)-like row of the default campaign's barrier-free metals (E_bind + E_coh < 0).
MesoSubstrate al111_like() { return substrate("Al(111)-like", -1.132, 0, 0.0046, 1.05e12, 2.86, 6, 10.0); }

}  // namespace

TEST_CASE("mesoscale: barrier-free nucleation reproduces the i* = 1 rate-equation island density", "[mesoscale]") {
  // A substrate that binds Na more strongly than bulk Na (i* = 1 at every supersaturation),
  // near-spherical caps (θ = 170°: islands cover ~0.1 % of the area at 0.05 ML, so coalescence
  // stays out), adatoms supplied at F = i/e (substrate exchange current 100× below the applied
  // current, so no reverse reaction and no overshoot; a small double layer, 0.01 µF/cm²) and islands
  // that grow only by capture (tiny i0 of Na). Then each cell follows
  //   dn1/dt = F − 2σ D n1² − σ D N n1,  dN/dt = σ D n1²
  // and N at coverage 0.05 ML must be integrate_rate_equations' N with R = D N0²/F, σ1 = σx = 3.
  const double Ea_eV = 0.36, hop_A = 2.86, nu_Hz = 3e12;
  const auto s = substrate("i*=1", -1.6, 170, Ea_eV, nu_Hz, hop_A, 4, 0.1);
  auto na = sodium();
  na.i0_A_m2 = 1e-6;
  const double N0 = 1.0 / (hop_A * hop_A * 1e-20);
  const double D = surface_diffusivity_m2_s(nu_Hz, Ea_eV, hop_A, 4, 298.15);
  const double coverage_ML = 0.05;
  std::vector<double> R, N_meso, N_rate;
  for (const double i_A_m2 : {1.0, 10.0, 100.0}) {
    MesoOperating op;
    op.current_A_m2 = i_A_m2;
    op.pressure_Pa = 5e6;
    op.C_dl_F_m2 = 1e-4;
    op.capacity_C_m2 = coverage_ML * N0 * kElementaryCharge_C;
    op.strip = false;
    MesoscaleSimulator sim({s}, na, uniform(16, 50e-9), op);
    const auto r = sim.run();
    REQUIRE_FALSE(r.failed);
    RateEquationParams p;
    p.R = D * N0 * N0 / deposition_flux_per_m2_s(i_A_m2);
    p.sigma1 = p.sigmax = op.capture_number;
    p.coverage = coverage_ML;
    const auto rate = integrate_rate_equations(p);
    const double N_rate_m2 = rate.N * N0;
    INFO("R = " << p.R << ": mesoscale N = " << r.cycles[0].nuclei_m2 << " /m², rate equations " << N_rate_m2);
    CHECK(r.cycles[0].nuclei_m2 == Approx(N_rate_m2).epsilon(0.05));
    // The supersaturation nuclei relieve: the peak adatom density of the rate equations, n1_max N0,
    // against the density in equilibrium with bulk Na, η_S = (kT/e) ln(n1_max N0 / n1_eq); 1.3 mV
    // is 5 % in S̄. It lies below bulk-Na activity (S̄ < 1): no nucleation overpotential.
    const double kT_eV = kBoltzmann_eV_K * op.T_K;
    const double n1_eq_m2 = N0 * equilibrium_coverage(s.E_bind_eV, na.E_coh_eV, op.T_K);
    const double eta_S_rate_V = kT_eV * std::log(rate.n1_max * N0 / n1_eq_m2);
    INFO("eta_S: mesoscale " << r.cycles[0].eta_S_nuc_V << " V, rate equations " << eta_S_rate_V << " V");
    CHECK(r.cycles[0].eta_S_nuc_V == Approx(eta_S_rate_V).margin(1.3e-3));
    CHECK(r.cycles[0].eta_nuc_V == 0.0);
    R.push_back(p.R);
    N_meso.push_back(r.cycles[0].nuclei_m2);
    N_rate.push_back(N_rate_m2);
  }
  // Known numbers: R = 4.8e6 … 4.8e4 gives 2.5e4 … 9.7e4 islands per µm² (15–250 per cell), and
  // the Venables scaling in D/F: the rate equations' slope d ln N / d ln R at 0.05 ML over this
  // range is −0.29 (−1/3 is reached only as R → ∞), and the mesoscale runs have the same.
  CHECK(N_meso.front() * 1e-12 == Approx(2.52e4).epsilon(0.05));
  CHECK(N_meso.back() * 1e-12 == Approx(9.73e4).epsilon(0.05));
  CHECK(log_log_slope(R, N_rate) == Approx(-0.293).margin(0.005));
  CHECK(log_log_slope(R, N_meso) == Approx(log_log_slope(R, N_rate)).margin(0.01));
}

TEST_CASE("mesoscale: nucleation density and overpotential converge in cell and map size", "[mesoscale]") {
  // For each case: cell size halved (same map) and map doubled (same cells) change N and η_nuc
  // by < 10 %. The cases span 1.3 to 2500 nuclei per µm², 0.05 to 25 per cell, a barrier
  // (sodiophobic: η_nuc 150–350 mV) and none (an Al(111)-like surface: no spike).
  struct Case {
    MesoSubstrate s;
    double i_A_m2;
    int n;
    double cell_m;
    double N_per_um2;  // what the coarse run gives (order of magnitude checked)
  };
  const std::vector<Case> cases = {
      {substrate("sparse", -0.35, 120, 0.06, 1e13, 2.46, 6, 1.0), 0.1, 32, 400e-9, 1.29},
      {sodiophobic(), 1.0, 24, 50e-9, 41},
      {sodiophobic(), 100.0, 24, 50e-9, 1050},
      {al111_like(), 10.0, 24, 100e-9, 2530},
  };
  for (const auto& c : cases) {
    const auto coarse = first_plating(c.s, c.n, c.cell_m, c.i_A_m2);
    const auto fine = first_plating(c.s, 2 * c.n, c.cell_m / 2, c.i_A_m2);
    const auto wide = first_plating(c.s, 2 * c.n, c.cell_m, c.i_A_m2);
    INFO(c.s.name << " at " << c.i_A_m2 << " A/m²: N = " << coarse.nuclei_m2 * 1e-12 << ", " << fine.nuclei_m2 * 1e-12
                  << ", " << wide.nuclei_m2 * 1e-12 << " /µm²; η_nuc = " << coarse.eta_nuc_V << ", " << fine.eta_nuc_V
                  << ", " << wide.eta_nuc_V << " V; η_S = " << coarse.eta_S_nuc_V << ", " << fine.eta_S_nuc_V << ", "
                  << wide.eta_S_nuc_V << " V");
    CHECK(coarse.nuclei_m2 * 1e-12 == Approx(c.N_per_um2).epsilon(0.1));
    CHECK(fine.nuclei_m2 == Approx(coarse.nuclei_m2).epsilon(0.1));
    CHECK(wide.nuclei_m2 == Approx(coarse.nuclei_m2).epsilon(0.1));
    CHECK(fine.eta_nuc_V == Approx(coarse.eta_nuc_V).epsilon(0.1).margin(1e-3));
    CHECK(wide.eta_nuc_V == Approx(coarse.eta_nuc_V).epsilon(0.1).margin(1e-3));
    // The supersaturation the nuclei relieved, within 3 mV (S̄ within 12 %).
    CHECK(fine.eta_S_nuc_V == Approx(coarse.eta_S_nuc_V).margin(3e-3));
    CHECK(wide.eta_S_nuc_V == Approx(coarse.eta_S_nuc_V).margin(3e-3));
  }
}

TEST_CASE("mesoscale: a barrier-free substrate with gaps has no nucleation spike, at any cell or map size",
          "[mesoscale]") {
  // The default campaign's map: 10 % initial gaps (no contact until Na fills them). Nuclei form
  // below bulk-Na activity (S̄ ≈ e^{−13}), so η_nuc = 0. The overpotential does rise above the
  // growth plateau later — Butler–Volmer on Na that covers the contacting 90 % while the gaps wait
  // for it, at most 2kT/e [asinh(I/(2·0.9 i0)) − asinh(I/(2 i0))] = 2.6 mV at 10 A/m² — which the
  // definition before (highest η of the half cycle minus the plateau) took for a spike: 1.4–2.0 mV
  // here, moving by 30 % with the cells and the map (docs/upscale.md).
  const double i_A_m2 = 10.0;
  auto run = [&](int n, double cell_m) { return plating_run(al111_like(), n, cell_m, i_A_m2, 0.1); };
  const auto coarse = run(48, 25e-9), fine = run(96, 12.5e-9), wide = run(96, 25e-9);
  for (const auto* r : {&coarse, &fine, &wide}) {
    const auto& c = r->cycles.at(0);
    double highest_V = c.eta_plateau_V;
    for (const auto& p : r->transient) highest_V = std::max(highest_V, p.eta_V);
    INFO("η_S = " << c.eta_S_nuc_V << " V, highest η − plateau = " << highest_V - c.eta_plateau_V << " V");
    CHECK(c.eta_nuc_V == 0.0);
    CHECK(highest_V - c.eta_plateau_V > 1e-3);
    CHECK(c.eta_S_nuc_V < -0.3);
  }
  CHECK(fine.cycles[0].eta_S_nuc_V == Approx(coarse.cycles[0].eta_S_nuc_V).margin(3e-3));
  CHECK(wide.cycles[0].eta_S_nuc_V == Approx(coarse.cycles[0].eta_S_nuc_V).margin(3e-3));
  CHECK(fine.cycles[0].nuclei_m2 == Approx(coarse.cycles[0].nuclei_m2).epsilon(0.1));
  CHECK(wide.cycles[0].nuclei_m2 == Approx(coarse.cycles[0].nuclei_m2).epsilon(0.1));
}

TEST_CASE("mesoscale: fewer than one nucleus per µm² and per cell is represented", "[mesoscale]") {
  // A weakly binding substrate at 0.01 mA/cm²: 0.3 nuclei per µm², 0.05 per 400 nm cell; halving
  // the cell (0.012 per cell) keeps the density.
  const auto s = substrate("sparse", -0.30, 120, 0.06, 1e13, 2.46, 6, 1.0);
  const auto coarse = first_plating(s, 32, 400e-9, 0.1), fine = first_plating(s, 64, 200e-9, 0.1);
  CHECK(coarse.nuclei_m2 * 1e-12 == Approx(0.3).epsilon(0.1));
  CHECK(fine.nuclei_m2 == Approx(coarse.nuclei_m2).epsilon(0.1));
}

namespace {

/// A BaTiO3-TiO2-like coating row of the default campaign: binds Na more strongly than bulk Na
/// (θ_eq ≈ 1), adatoms immobile (E_a 1.28 eV: D_s ~ 10⁻²⁸ m²/s) and a built-in field of +79 mV.
MesoSubstrate immobile_coating() {
  auto s = substrate("immobile coating", -2.28, 0, 1.28, 7.87e12, 4.016, 4, 10.0);
  s.field_offset_V = 0.0789;
  return s;
}

MesoOperating plating_only(double i_A_m2, double capacity_C_m2) {
  MesoOperating op;
  op.current_A_m2 = i_A_m2;
  op.pressure_Pa = 10e6;
  op.capacity_C_m2 = capacity_C_m2;
  op.strip = false;
  return op;
}

}  // namespace

TEST_CASE("mesoscale: immobile adatoms fill their sites up to the percolation threshold, then grow Na as one layer",
          "[mesoscale]") {
  // The immobile coating alone: its adatoms cannot meet (J = σ D n1² ~ 10⁻³ nuclei per µm² in the
  // run), so the current goes into adatoms, on free sites only (site exclusion), until they cover
  // the square site lattice's percolation threshold p_c = 0.5927 (Newman & Ziff 2000): then each
  // cell's adatoms are one connected Na layer (one island per cell) and Na grows on it. Below
  // p_c N0 e of plated charge no cell holds Na; above it every cell does, and the whole capacity
  // plates (without site exclusion the adatoms took it all; without the layer the run failed
  // after one monolayer).
  const auto s = immobile_coating();
  const double N0_m2 = 1.0 / (4.016e-10 * 4.016e-10);
  const double monolayer_C_m2 = N0_m2 * kElementaryCharge_C;
  const double cell_m = 25e-9;
  auto plate = [&](double capacity_C_m2) {
    MesoscaleSimulator sim({s}, sodium(), uniform(16, cell_m), plating_only(10.0, capacity_C_m2));
    auto r = sim.run();
    const auto& n1 = sim.state().n1_m2;
    CHECK(*std::max_element(n1.begin(), n1.end()) <= N0_m2);
    return r;
  };
  const auto below = plate(0.55 * monolayer_C_m2);
  REQUIRE_FALSE(below.failed);
  CHECK(below.cycles.at(0).nuclei_m2 * 1e-12 < 1e-2);
  CHECK(below.cycles.at(0).layer_cell_fraction == 0);
  const auto above = plate(0.65 * monolayer_C_m2);
  REQUIRE_FALSE(above.failed);
  CHECK(above.cycles.at(0).layer_cell_fraction == 1);
  CHECK(above.cycles.at(0).nuclei_m2 * 1e-12 < 1e-2);  // a layer, not nuclei
  const auto thick = plate(20 * monolayer_C_m2);
  REQUIRE_FALSE(thick.failed);
  // Plated: the Faradaic charge, the double layer's share (C_dl η, ~10⁻⁴ of it) apart.
  CHECK(thick.cycles.at(0).plated_C_m2 == Approx(20 * monolayer_C_m2).epsilon(1e-3));
  CHECK(thick.cycles.at(0).layer_cell_fraction == 1);
}

TEST_CASE("mesoscale: islands of an immobile-adatom coating leave the nucleation on the collector between them",
          "[mesoscale]") {
  // Coating islands (30 % of the area, 300 nm) on an Al(111)-like collector at 0.1 mA/cm². The
  // coating takes a monolayer of adatoms and no more (site exclusion), so the Na nucleates on the
  // collector between the islands as on the bare collector, and N is that of the collector alone
  // on its 70 % of the area: within 15 % (the capture zones of collector islands reach over the
  // coating, and coating cells the Na spills onto take no nuclei of their own). Without site
  // exclusion the coating took charge without bound at η < 0, the Na on the collector dissolved
  // and nucleated again and again, and N came out 10–160 × this, changing by 37–85 % with the map.
  const double i_A_m2 = 1.0, capacity_C_m2 = 360.0;
  MesoscaleSimulator alone({al111_like()}, sodium(), uniform(96, 25e-9), plating_only(i_A_m2, capacity_C_m2));
  const auto bare = alone.run();
  REQUIRE_FALSE(bare.failed);
  auto islands_map = [](int n, double cell_m) {
    MesoMapSpec m;
    m.nx = m.ny = n;
    m.cell_m = cell_m;
    m.coating = 1;
    m.coating_fraction = 0.3;
    m.coating_island_m = 300e-9;
    return make_meso_map(m, 1);
  };
  std::vector<double> N_m2;
  for (const auto& [n, cell_m] : {std::pair{96, 25e-9}, std::pair{192, 12.5e-9}}) {
    const MesoMap map = islands_map(n, cell_m);
    const double coated = static_cast<double>(std::count(map.substrate.begin(), map.substrate.end(), 1)) / map.substrate.size();
    MesoscaleSimulator sim({al111_like(), immobile_coating()}, sodium(), map, plating_only(i_A_m2, capacity_C_m2));
    const auto r = sim.run();
    REQUIRE_FALSE(r.failed);
    const double N = r.cycles.at(0).nuclei_m2;
    CHECK(N == Approx((1 - coated) * bare.cycles.at(0).nuclei_m2).epsilon(0.15));
    N_m2.push_back(N);
  }
  CHECK(N_m2[1] == Approx(N_m2[0]).epsilon(0.1));  // cells halved
}

TEST_CASE("mesoscale: nuclei formed on a full layer of immobile adatoms are counted apart", "[mesoscale]") {
  // A BaTiO3-TiO2-Pdown-like row (E_a 1.135 eV, +79 mV field): its adatoms fill the sites within
  // the first monolayer of charge and nuclei form only from that full layer (J = σ D n1² at
  // n1 ≈ N0), so (almost) all of them are crowded. On the Al(111)-like row nuclei form at
  // n1/N0 ~ e^{−14}: none.
  auto pdown = substrate("immobile, full layer", -2.87, 0, 1.135, 1.03e13, 3.97, 4, 10.0);
  pdown.field_offset_V = 0.0789;
  MesoscaleSimulator crowded({pdown}, sodium(), uniform(48, 25e-9), plating_only(1.0, 360.0));
  const auto c = crowded.run();
  REQUIRE_FALSE(c.failed);
  REQUIRE(c.cycles.at(0).nuclei_m2 > 0);
  CHECK(c.cycles.at(0).crowded_nuclei_m2 / c.cycles.at(0).nuclei_m2 > 0.95);
  MesoscaleSimulator mobile({al111_like()}, sodium(), uniform(48, 25e-9), plating_only(1.0, 360.0));
  const auto m = mobile.run();
  REQUIRE_FALSE(m.failed);
  CHECK(m.cycles.at(0).nuclei_m2 > 0);
  CHECK(m.cycles.at(0).crowded_nuclei_m2 == 0.0);
}

TEST_CASE("mesoscale: an island grown past its cell spreads into covered neighbours below their holding",
          "[mesoscale]") {
  // The sodiophobic row at 1 A/m² on 50 nm cells: ~0.1 nuclei per cell, so islands outgrow their
  // cell and spill. After every step no cell holds more Na than its caps fill (h_fill(1)/√islands,
  // h_fill(1) the volume per cell area of one cap of the 120° contact angle with contact radius
  // a/√π) while a covered neighbour holds less than its own. Before, covered neighbours took no
  // Na: an island that had covered its four neighbours with a trace of Na grew as a column on its
  // cell (at 6.25 nm cells 3000 atoms in a cell that holds 350), and the first nuclei of a barrier
  // row took the current later on smaller cells (docs/upscale.md, the BaTiO3-BaO row).
  const auto s = sodiophobic();
  const int n = 24;
  const double cell_m = 50e-9, area_m2 = cell_m * cell_m;
  MesoOperating op = plating_only(1.0, 900.0);
  op.pressure_Pa = 5e6;
  MesoscaleSimulator sim({s}, sodium(), uniform(n, cell_m), op);
  const double th = s.theta_deg * kPi / 180.0, c = std::cos(th);
  const double r_full_m = cell_m / std::sqrt(kPi);
  const double cap_volume_per_r3 = kPi / 3.0 * (2 + c) * (1 - c) * (1 - c) / std::pow(std::sin(th), 3);
  const double cap_fill_m = cap_volume_per_r3 * std::pow(r_full_m, 3) / area_m2;
  const double layer_m = std::cbrt(sodium().omega_m3);
  const auto& st = sim.state();
  auto holds_m = [&](int i) {
    return std::max(cap_fill_m / std::sqrt(std::max(st.islands_m2[i] * area_m2, 1.0)), layer_m);
  };
  int steps_with_outgrown = 0, violations = 0;
  std::size_t covered = 0;
  for (int k = 0; k < 100000 && covered < n * n / 2; ++k) {
    sim.step(1e-3, 1.0);
    covered = 0;
    bool outgrown = false;
    for (int i = 0; i < n * n; ++i) {
      if (!st.covered[i]) continue;
      ++covered;
      if (st.h_m[i] <= holds_m(i) * (1 + 1e-6)) continue;
      outgrown = true;
      const int x = i % n, y = i / n;
      for (int j : {y * n + (x + 1) % n, y * n + (x + n - 1) % n, ((y + 1) % n) * n + x, ((y + n - 1) % n) * n + x})
        if (st.covered[j] && st.h_m[j] < holds_m(j) * (1 - 1e-6)) ++violations;
    }
    steps_with_outgrown += outgrown;
  }
  INFO("covered cells " << covered << ", steps with a cell past its holding " << steps_with_outgrown);
  CHECK(covered >= n * n / 2);
  CHECK(steps_with_outgrown > 10);
  CHECK(violations == 0);
}
