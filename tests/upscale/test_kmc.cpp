// Lattice KMC of submonolayer nucleation against the scaling law and the rate equations.
#include <catch2/catch.hpp>

#include <cmath>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/kmc.h"
#include "nabridge/upscale/rate_equations.h"

using namespace nabridge::upscale;

namespace {
/// Ea giving hop rate D = R F at T with ν = 1e12 Hz, F = 1 ML/s.
double barrier_for_ratio(double R, double T_K) { return -kBoltzmann_eV_K * T_K * std::log(R / 1e12); }
}  // namespace

TEST_CASE("KMC island density scales as (F/D)^(1/3) for irreversible attachment, as the rate equations do", "[kmc]") {
  std::vector<double> R{1e5, 1e6, 1e7, 1e8}, N_kmc, N_rate;
  for (double r : R) {
    KmcParams p;
    p.L = 512;
    p.T_K = 300;
    p.Ea_eV = barrier_for_ratio(r, p.T_K);
    p.sample_coverages = {0.1};
    p.seed = 7;
    const KmcResult k = run_kmc(p);
    CHECK(k.hop_rate_per_direction_Hz == Approx(r).epsilon(1e-9));
    N_kmc.push_back(k.samples.at(0).islands_per_site);
    RateEquationParams q;
    q.R = r;
    q.coverage = 0.1;
    N_rate.push_back(integrate_rate_equations(q).N);
  }
  const double chi_kmc = -log_log_slope(R, N_kmc), chi_rate = -log_log_slope(R, N_rate);
  INFO("chi KMC " << chi_kmc << ", rate equations " << chi_rate);
  CHECK(chi_kmc == Approx(1.0 / 3.0).margin(0.03));
  CHECK(chi_rate == Approx(1.0 / 3.0).margin(0.03));
}

TEST_CASE("KMC: the same seed gives bit-identical results, bad input is refused", "[kmc]") {
  KmcParams p;
  p.L = 64;
  p.Ea_eV = 0.35;
  p.E_bond_eV = 0.2;  // reversible (bond counting): detachment events too
  p.sample_coverages = {0.05, 0.1};
  p.seed = 42;
  const KmcResult a = run_kmc(p), b = run_kmc(p);
  CHECK(a.events == b.events);
  CHECK(a.occupancy == b.occupancy);
  CHECK(a.samples.back().time_s == b.samples.back().time_s);
  CHECK(a.samples.back().coverage == Approx(0.1).margin(1.0 / (64 * 64)));
  p.seed = 43;
  CHECK(run_kmc(p).occupancy != a.occupancy);
  KmcParams bad = p;
  bad.F_ML_s = -1;
  CHECK_THROWS_WITH(run_kmc(bad), Catch::Contains("F_ML_s"));
  bad = p;
  bad.sample_coverages = {0.2, 0.1};
  CHECK_THROWS_WITH(run_kmc(bad), Catch::Contains("ascending"));
  // Census of a known lattice: one dimer, one monomer on 4 × 4.
  std::vector<std::uint8_t> occ(16, 0);
  occ[0] = occ[1] = 1;
  occ[10] = 1;
  const KmcSample s = lattice_census(occ, 4);
  CHECK(s.islands_per_site == Approx(1.0 / 16));
  CHECK(s.monomers_per_site == Approx(1.0 / 16));
  CHECK(s.mean_island_size == Approx(2.0));
}
