// Limits of the lattice KMC and the rate equations with known answers (complements test_kmc.cpp).
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "nabridge/upscale/kmc.h"
#include "nabridge/upscale/rate_equations.h"
#include "nabridge/upscale/sum_tree.h"

using namespace nabridge::upscale;

TEST_CASE("sum tree: totals and selection by cumulative rate", "[kmc]") {
  SumTree t(5);
  const double r[5] = {1.0, 0.0, 2.0, 0.5, 0.0};
  for (int i = 0; i < 5; ++i) t.set(i, r[i]);
  CHECK(t.total() == 3.5);
  CHECK(t.select(0.0) == 0);
  CHECK(t.select(0.999) == 0);
  CHECK(t.select(1.0) == 2);  // the zero-rate leaf 1 is skipped
  CHECK(t.select(2.999) == 2);
  CHECK(t.select(3.0) == 3);
  CHECK(t.select(3.4999) == 3);
  t.set(2, 0.0);
  CHECK(t.total() == 1.5);
  CHECK(t.select(1.2) == 3);
}

TEST_CASE("kmc census counts islands through the periodic boundary", "[kmc]") {
  const int L = 6;
  std::vector<std::uint8_t> occ(L * L, 0);
  occ[0] = occ[5] = 1;                                   // (0,0)–(5,0): neighbours through the boundary
  occ[2 * L + 2] = 1;                                    // monomer
  occ[4 * L + 2] = occ[4 * L + 3] = occ[3 * L + 3] = 1;  // trimer
  const auto s = lattice_census(occ, L);
  CHECK(s.islands_per_site * L * L == Approx(2));
  CHECK(s.monomers_per_site * L * L == Approx(1));
  CHECK(s.mean_island_size == Approx(2.5));
}

TEST_CASE("kmc bond counting: strong bonds act as irreversible attachment, no bonds give a random lattice gas",
          "[kmc]") {
  KmcParams p;
  p.L = 64;
  p.nu_Hz = 1e12;
  p.Ea_eV = 0.476;  // D = 1e12 exp(−0.476/kT) ≈ 1e4 per direction at 300 K
  p.T_K = 300;
  p.sample_coverages = {0.1};
  const auto irr = run_kmc(p);
  // Deposition is a Poisson process of rate F·L²: t(θ) ≈ θ/F, with the relative spread
  // 1/√n of a sum of n = θL² exponential waiting times (3σ allowed).
  const double deposits = 0.1 * p.L * p.L;
  CHECK(irr.samples[0].time_s == Approx(0.1).epsilon(3 / std::sqrt(deposits)));
  p.E_bond_eV = 1.5;  // detachment ~e^{−58} slower than a hop
  const auto strong = run_kmc(p);
  CHECK(strong.samples[0].islands_per_site == Approx(irr.samples[0].islands_per_site).epsilon(0.25));
  // No binding: a lattice gas with site exclusion stays uniformly random, so the monomer
  // density is θ(1 − θ)⁴.
  p.E_bond_eV = 0.0;
  const auto gas = run_kmc(p);
  CHECK(gas.samples[0].monomers_per_site == Approx(0.1 * std::pow(0.9, 4)).epsilon(0.1));
  CHECK(gas.samples[0].monomers_per_site > 10 * strong.samples[0].monomers_per_site);
}

TEST_CASE("rate equations approach the aggregation-regime asymptote", "[kmc]") {
  // Venables (1973): with n1 ≈ F/(σx D N), dN/dt = σ1 D n1² gives N³ = 3σ1 θ F/(σx² D).
  RateEquationParams p;
  p.R = 1e8;
  p.coverage = 0.1;
  const double asymptote = std::cbrt(3 * p.sigma1 * p.coverage / (p.sigmax * p.sigmax) / p.R);
  CHECK(integrate_rate_equations(p).N == Approx(asymptote).epsilon(0.03));
}
