// potentials/al2o3-pedone: Pedone's rigid-ion alpha-Al2O3 with the Na+0.6 adatom and EIM Na–Na,
// the native oxide of Al collectors. Bulk (a, c, internal coordinates, bulk modulus), DSF against
// Ewald, the Al-terminated (0001) surface (energy, its convergence with thickness, the inward
// relaxation of the outermost Al) and a Na adatom, against data/reference/ionic.toml with the
// tolerances stated at each check; the measured values are in potentials/al2o3-pedone/VALIDATION.md
// (`nabridge potential validate al2o3-pedone`), through the same protocols (protocols/ionic_hosts.h).
#include <catch2/catch.hpp>

#include <cmath>

#include "engine/lammps_engine.h"
#include "lammps_packages.h"
#include "protocols/adsorption_summary.h"
#include "protocols/cubic_lattice.h"
#include "protocols/ionic_hosts.h"
#include "shipped_potential.h"

using namespace nabridge;
using namespace nabridge::testing;

namespace {
double relative_deviation(double model, const std::string& key) {
  return std::abs(model / ionic_reference(key).value - 1.0);
}
/// alpha-Al2O3 from the experimental cell (the start [metadata.validation] of al2o3-pedone gives).
CorundumBulk alumina(Engine& engine) { return corundum_bulk(engine, "Al", "O", 4.759, 12.991); }
}  // namespace

TEST_CASE("al2o3-pedone: loads with neutral Al2O3 charges and its metadata", "[lammps][ionic][al2o3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("al2o3-pedone");
  CHECK(pot.spec.elements == std::vector<std::string>{"Al", "O", "Na"});
  CHECK(2 * pot.spec.charges_e.at("Al") + 3 * pot.spec.charges_e.at("O") == Approx(0.0).margin(1e-12));
  CHECK(pot.has_ewald_reference);
  for (const auto& key : {"form", "fidelity", "validity", "na_adatom_charge"})
    CHECK(pot.metadata[key].value<std::string>().has_value());
  // The Na–O and O–O lines are batio3-pedone's: the same published Pedone numbers.
  const auto bto = load_shipped_potential("batio3-pedone");
  LammpsEngine alox(pot.spec), bt(bto.spec);
  Structure dimer;
  dimer.cell = Mat3::Identity() * 30.0;
  dimer.add_atom("Na", Vec3(15, 15, 15));
  dimer.add_atom("O", Vec3(15, 15, 17.4));
  CHECK(alox.energy(dimer) == Approx(bt.energy(dimer)).epsilon(1e-12));
}

TEST_CASE("al2o3-pedone: corundum cell, bulk modulus and DSF against Ewald", "[lammps][ionic][al2o3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("al2o3-pedone");
  LammpsEngine engine(pot.spec), ewald(pot.ewald_reference);
  const CorundumBulk b = alumina(engine);
  REQUIRE(b.converged);
  INFO("a " << b.a_A << " c " << b.c_A << " z " << b.internal.z_cation << " x " << b.internal.x_anion << " B "
            << b.bulk_modulus_GPa);
  // Measured: a 4.730 Å (−0.6 %), c 13.045 Å (+0.4 %), B 273 GPa (+7 %). Tolerances: the 1–2 %
  // on lattice constants and 15 % on B that a rigid-ion oxide model is expected to meet.
  CHECK(relative_deviation(b.a_A, "al2o3.lattice_a") < 0.015);
  CHECK(relative_deviation(b.c_A, "al2o3.lattice_c") < 0.015);
  CHECK(relative_deviation(b.bulk_modulus_GPa, "al2o3.bulk_modulus") < 0.15);
  // Internal coordinates against the room-temperature structure (Lewis et al. 1982, the defaults of
  // bulk_corundum): measured z 0.3537 (+0.0015), x 0.3132 (+0.0070, O moved 0.03 Å).
  const CorundumInternal expt;
  CHECK(std::abs(b.internal.z_cation - expt.z_cation) < 0.003);
  CHECK(std::abs(b.internal.x_anion - expt.x_anion) < 0.01);
  // DSF (alpha 0.3/Å, 12 Å) against Ewald (1e-10) on 120 atoms: measured 1.6e-4 eV per Al2O3.
  const Structure cell = repeat(corundum_cell(b), 2, 2, 1);
  CHECK(std::abs(engine.energy(cell) - ewald.energy(cell)) / 24.0 < 5e-4);
}

TEST_CASE("al2o3-pedone: Al-terminated (0001) surface energy, thickness convergence, inward Al relaxation",
          "[lammps][ionic][al2o3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("al2o3-pedone");
  LammpsEngine engine(pot.spec);
  const CorundumBulk b = alumina(engine);
  const CorundumSurface s9 = corundum0001_surface(engine, b, 9), s36 = corundum0001_surface(engine, b, 36);
  REQUIRE(s9.gamma.relax.converged);
  REQUIRE(s36.gamma.relax.converged);
  INFO("gamma 9 layers " << s9.gamma.gamma_J_m2 << ", 36 layers " << s36.gamma.gamma_J_m2 << "; d12 "
                         << s36.d12_change_pct << " %");
  // Measured 2.175 J/m² (36 layers): 0.18 J/m² above the top of the DFT range 1.6–2.0; the check
  // allows the range plus 0.3 J/m² for the rigid-ion model (no electronic polarisation).
  const auto& ref = ionic_reference("al2o3.surface_energy_0001");
  CHECK(s36.gamma.gamma_J_m2 > 1.6 - 0.3);
  CHECK(s36.gamma.gamma_J_m2 < 2.0 + 0.3);
  CHECK(std::abs(s36.gamma.gamma_J_m2 - ref.value) < 0.2 + 0.3);
  // The campaign's 9 layers: within 0.1 J/m² of the 36-layer value (measured 2.121 vs 2.175).
  CHECK(std::abs(s9.gamma.gamma_J_m2 - s36.gamma.gamma_J_m2) < 0.1);
  CHECK(s9.gamma.gamma_J_m2 == Approx(2.121).margin(0.005));
  // The outermost Al sinks towards the first O3 plane: DFT −86 %, X-ray −51 %; the model
  // measured −102 % (the Al ends level with the O3 plane). Inward by more than half the spacing.
  CHECK(s36.d12_change_pct < -50.0);
  CHECK(s36.d12_change_pct > -110.0);
}

TEST_CASE("al2o3-pedone: a Na adatom binds over the O3 plane at a Na–O bond length of Na2O", "[lammps][ionic][al2o3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("al2o3-pedone");
  LammpsEngine engine(pot.spec);
  const CorundumBulk b = alumina(engine);
  const CubicLattice na = cubic_equilibrium(engine, "bcc", {"Na"}, 4.3, 1e-7);
  const AdsorptionSummary ads =
      adsorption_summary(engine, slab_001(corundum_cell(b), 9, "Al", 2, 2), "Na", na.energy_eV_per_atom);
  const double na_o = nearest_distance_A(ads.adatom_on_slab, "O");
  INFO("site " << ads.site << " E_bind " << ads.E_bind_eV << " E_ads " << ads.E_ads_eV << " Na–O " << na_o);
  REQUIRE(ads.converged);
  // Measured E_bind −1.935 eV, E_ads −0.802 eV (no DFT value found: regression only), Na–O 2.208 Å
  // against 2.40 Å in Na2O (the Na+ among O2− bond length): within 0.25 Å.
  CHECK(ads.E_bind_eV == Approx(-1.935).margin(0.01));
  CHECK(ads.E_ads_eV == Approx(-0.802).margin(0.01));
  CHECK(std::abs(na_o - ionic_reference("al2o3.na_o_distance_na2o").value) < 0.25);
}
