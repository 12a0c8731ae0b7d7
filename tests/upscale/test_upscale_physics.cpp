#include <catch2/catch.hpp>

#include <cmath>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/contact.h"
#include "nabridge/upscale/kinetics.h"
#include "nabridge/upscale/nucleation.h"
#include "nabridge/upscale/wetting.h"

using namespace nabridge::upscale;

TEST_CASE("Young-Dupre limits and interfacial energy", "[wetting]") {
  CHECK(young_dupre(0.4, 0.2).theta_deg == Approx(0.0).margin(1e-12));
  CHECK(young_dupre(0.4, 0.2).regime == WettingRegime::complete);
  CHECK(young_dupre(0.5, 0.2).regime == WettingRegime::complete);
  CHECK(young_dupre(0.5, 0.2).spreading_J_m2 == Approx(0.1));
  CHECK(young_dupre(0.2, 0.2).theta_deg == Approx(90.0));
  CHECK(young_dupre(0.0, 0.2).theta_deg == Approx(180.0));
  CHECK(young_dupre(-0.1, 0.2).regime == WettingRegime::non_wetting);
  CHECK(young_dupre(0.3, 0.2).theta_deg == Approx(60.0));  // cos θ = 0.5
  CHECK(interfacial_energy_J_m2(1.1, 0.2, 0.9) == Approx(0.4));
  CHECK_THROWS_WITH(young_dupre(0.3, 0.0), Catch::Contains("gamma_Na_J_m2"));
}

TEST_CASE("classical nucleus: f(theta) limits and the reference r* of Na", "[nucleation]") {
  CHECK(cap_shape_factor(0.0) == Approx(0.0).margin(1e-15));
  CHECK(cap_shape_factor(90.0) == Approx(0.5));
  CHECK(cap_shape_factor(180.0) == Approx(1.0));
  // na_reference.toml G.classical_heterogeneous_nucleation: γ = 0.20 J/m², V_m = 2.378e-5 m³/mol
  // give r* = 9.9 nm at 10 mV and 2.0 nm at 50 mV.
  const double omega = 2.378e-5 / kAvogadro_per_mol;
  CHECK(classical_nucleus(0.20, omega, 0.010, 90, 298).r_star_m == Approx(9.9e-9).epsilon(0.01));
  CHECK(classical_nucleus(0.20, omega, 0.050, 90, 298).r_star_m == Approx(2.0e-9).epsilon(0.02));
  const auto n = classical_nucleus(0.20, omega, 0.05, 60, 298);
  // ΔG*_hom = (4/3) π r*² γ (the textbook identity), in eV.
  CHECK(n.dG_hom_eV == Approx(4.0 / 3.0 * kPi * n.r_star_m * n.r_star_m * 0.20 / kElementaryCharge_C).epsilon(1e-12));
  CHECK(n.dG_het_eV == Approx(n.f_theta * n.dG_hom_eV));
  CHECK(n.n_star == Approx(4 * kPi * std::pow(n.r_star_m, 3) / (3 * omega) * n.f_theta));
  CHECK(n.zeldovich > 0);
  CHECK(n.zeldovich < 1);
}

TEST_CASE("atomistic nucleus: bond counting, barrier and the sodiophilic limit", "[nucleation]") {
  // Compact triangular islands: 1 → 0 bonds, 2 → 1, 3 → 3, 7 (hexagon) → 12.
  CHECK(triangular_island_bonds(1) == 0);
  CHECK(triangular_island_bonds(2) == 1);
  CHECK(triangular_island_bonds(3) == 3);
  CHECK(triangular_island_bonds(7) == 12);
  const double Ecoh = 1.113;
  // A weakly binding substrate (graphite-like, E_bind = −0.51 eV) has a barrier that shrinks with η.
  const auto low = atomistic_nucleus(-0.51, Ecoh, 0.01), high = atomistic_nucleus(-0.51, Ecoh, 0.20);
  CHECK_FALSE(low.barrier_free);
  CHECK(low.n_star > high.n_star);
  CHECK(low.dG_star_eV > high.dG_star_eV);
  CHECK(atomistic_cluster_energy_eV(low.n_star, -0.51, Ecoh, 0.01) == Approx(low.dG_star_eV));
  // A substrate binding an adatom more strongly than bulk Na does (E_bind < −E_coh) has no
  // barrier at any overpotential: ΔG(1) < 0 and every added atom lowers ΔG further.
  CHECK(atomistic_nucleus(-1.3, Ecoh, 0.001).barrier_free);
  CHECK(nucleation_regime(atomistic_nucleus(-1.3, Ecoh, 0.001), 0) == "barrier-free");
  CHECK(nucleation_regime(high, 1e4) == "atomistic");
}

TEST_CASE("kinetics: diffusivity, flux, overpotential, coverage, Butler-Volmer", "[kinetics]") {
  // Square lattice, 4 hops of λ: D = λ² Γ.
  CHECK(surface_diffusivity_m2_s(1e13, 0.1, 2.86, 4, 300) ==
        Approx(2.86e-10 * 2.86e-10 * 1e13 * std::exp(-0.1 / (kBoltzmann_eV_K * 300))));
  CHECK(deposition_flux_per_m2_s(10.0) == Approx(6.2415e19).epsilon(1e-4));  // 1 mA/cm²
  CHECK(overpotential_V(std::exp(2.0), 1.0, 300) == Approx(2 * kBoltzmann_eV_K * 300));
  CHECK(equilibrium_coverage(-1.113, 1.113, 300) == Approx(0.5));
  CHECK(equilibrium_coverage(-0.5, 1.113, 300) < 1e-9);
  CHECK(equilibrium_coverage(-1.5, 1.113, 300) > 0.999);
  const double eta = butler_volmer_overpotential_V(25.0, 10.0, 0.5, 0.5, 298);
  CHECK(butler_volmer_A_m2(eta, 10.0, 0.5, 0.5, 298) == Approx(25.0).epsilon(1e-9));
  // Symmetric BV: i = 2 i0 sinh(eη/2kT).
  CHECK(eta == Approx(2 * kBoltzmann_eV_K * 298 * std::asinh(25.0 / 20.0)).epsilon(1e-9));
}

TEST_CASE("contact: creep, vacancies, stripping limits, contact fraction", "[contact]") {
  CreepLaw law{1e-30, 5.0, 0.45};
  const double r1 = creep_rate_per_s(law, 1e6, 298), r2 = creep_rate_per_s(law, 2e6, 298);
  CHECK(r2 / r1 == Approx(32.0));  // σ⁵
  CHECK(creep_rate_per_s(law, 1e6, 333) > r1);
  // Doubling pressure multiplies the creep-limited stripping current by 2ⁿ.
  const double omega = kNaAtomicVolume_m3;
  CHECK(creep_limited_stripping_A_m2(law, 2e6, 1e-6, omega, 298) /
            creep_limited_stripping_A_m2(law, 1e6, 1e-6, omega, 298) ==
        Approx(32.0));
  CHECK(vacancy_diffusivity_m2_s(1e13, 0.0, 3.0, 8, 300) == Approx(8 * 9e-20 / 6 * 1e13));
  CHECK(vacancy_concentration(0.42, 371) == Approx(std::exp(-0.42 / (kBoltzmann_eV_K * 371))));
  CHECK(vacancy_limited_stripping_A_m2(1e-9, 1e-6, 1e-6, omega) == Approx(kElementaryCharge_C / omega * 1e-9));
  CHECK(contact_fraction(0.3e6, 0.2e6) == Approx(0.5));
  CHECK(contact_fraction(5e6, 0.2e6) == Approx(1.0));
  CHECK(constriction_resistance_ohm_m2(10.0, 1e-6, 1e10) == Approx(10.0 / (2e-6 * 1e10)));
}
