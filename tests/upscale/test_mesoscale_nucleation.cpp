// Nucleation below the cell size in the mesoscale simulator: the barrier-free limit against the
// i* = 1 rate equations, and convergence of the nucleation density and overpotential in cell and
// map size from far below one nucleus per µm² (and per cell) to ~10⁵ per µm².
#include <catch2/catch.hpp>

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

MesoMap uniform(int n, double cell_m) {
  MesoMapSpec m;
  m.nx = m.ny = n;
  m.cell_m = cell_m;
  return make_meso_map(m, 1);
}

MesoCycle first_plating(const MesoSubstrate& s, int n, double cell_m, double i_A_m2) {
  MesoOperating op;
  op.current_A_m2 = i_A_m2;
  op.pressure_Pa = 5e6;
  op.capacity_C_m2 = 900.0;
  op.strip = false;
  MesoscaleSimulator sim({s}, sodium(), uniform(n, cell_m), op);
  const auto r = sim.run();
  REQUIRE_FALSE(r.failed);
  return r.cycles.at(0);
}

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
    const double N_rate_m2 = integrate_rate_equations(p).N * N0;
    INFO("R = " << p.R << ": mesoscale N = " << r.cycles[0].nuclei_m2 << " /m², rate equations " << N_rate_m2);
    CHECK(r.cycles[0].nuclei_m2 == Approx(N_rate_m2).epsilon(0.05));
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
      {substrate("Al(111)-like", -1.132, 0, 0.0046, 1.05e12, 2.86, 6, 10.0), 10.0, 24, 100e-9, 2530},
  };
  for (const auto& c : cases) {
    const auto coarse = first_plating(c.s, c.n, c.cell_m, c.i_A_m2);
    const auto fine = first_plating(c.s, 2 * c.n, c.cell_m / 2, c.i_A_m2);
    const auto wide = first_plating(c.s, 2 * c.n, c.cell_m, c.i_A_m2);
    INFO(c.s.name << " at " << c.i_A_m2 << " A/m²: N = " << coarse.nuclei_m2 * 1e-12 << ", " << fine.nuclei_m2 * 1e-12
                  << ", " << wide.nuclei_m2 * 1e-12 << " /µm²; η_nuc = " << coarse.eta_nuc_V << ", " << fine.eta_nuc_V
                  << ", " << wide.eta_nuc_V << " V");
    CHECK(coarse.nuclei_m2 * 1e-12 == Approx(c.N_per_um2).epsilon(0.1));
    CHECK(fine.nuclei_m2 == Approx(coarse.nuclei_m2).epsilon(0.1));
    CHECK(wide.nuclei_m2 == Approx(coarse.nuclei_m2).epsilon(0.1));
    CHECK(fine.eta_nuc_V == Approx(coarse.eta_nuc_V).epsilon(0.1).margin(1e-3));
    CHECK(wide.eta_nuc_V == Approx(coarse.eta_nuc_V).epsilon(0.1).margin(1e-3));
  }
}

TEST_CASE("mesoscale: fewer than one nucleus per µm² and per cell is represented", "[mesoscale]") {
  // A weakly binding substrate at 0.01 mA/cm²: 0.3 nuclei per µm², 0.05 per 400 nm cell; halving
  // the cell (0.012 per cell) keeps the density.
  const auto s = substrate("sparse", -0.30, 120, 0.06, 1e13, 2.46, 6, 1.0);
  const auto coarse = first_plating(s, 32, 400e-9, 0.1), fine = first_plating(s, 64, 200e-9, 0.1);
  CHECK(coarse.nuclei_m2 * 1e-12 == Approx(0.3).epsilon(0.1));
  CHECK(fine.nuclei_m2 == Approx(coarse.nuclei_m2).epsilon(0.1));
}
