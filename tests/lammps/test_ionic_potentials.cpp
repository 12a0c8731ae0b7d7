// The shipped ionic potentials (potentials/nai-tosifumi, nai-eim, batio3-pedone) loaded from their
// potential.toml and run through LammpsEngine: DSF against Ewald, lattice constants and energies
// against data/reference/ionic.toml, the polar instability (or its absence) of BaTiO3, surface
// energies, a Na adatom on each surface, forces against finite differences, and two exact checks
// of how the pair_coeff lines combine (a Pedone Ti–O dimer; Na–Na without Coulomb = EIM metal).
// Measured values: potentials/*/VALIDATION.md (`nabridge potential validate ID`) and docs/potentials-ionic.md.
// The bulk, surface and adsorption protocols are the library's (protocols/ionic_hosts.h,
// protocols/adsorption_summary.h), the same the validation tables run.
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

#include "engine/lammps_engine.h"
#include "lammps_packages.h"
#include "potentials/eim_charges.h"
#include "protocols/adsorption_summary.h"
#include "protocols/cubic_lattice.h"
#include "protocols/ionic_hosts.h"
#include "protocols/isolated_atom.h"
#include "shipped_potential.h"

using namespace nabridge;
using namespace nabridge::testing;
using nabridge::potentials::EimCharges;
using nabridge::potentials::eim_element_names;
using nabridge::potentials::eim_parameter_file;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Largest |F_i + dE/dx_i| over the Cartesian components of `atoms`, dE/dx by central differences.
double max_force_error_eV_A(Engine& engine, Structure s, const std::vector<std::size_t>& atoms, double h_A = 1e-4) {
  const Positions f = engine.evaluate(s).forces_eV_A;
  double worst = 0.0;
  for (std::size_t i : atoms)
    for (int d = 0; d < 3; ++d) {
      const auto k = static_cast<Eigen::Index>(i);
      const double x0 = s.positions(d, k);
      s.positions(d, k) = x0 + h_A;
      const double ep = engine.energy(s);
      s.positions(d, k) = x0 - h_A;
      const double em = engine.energy(s);
      s.positions(d, k) = x0;
      worst = std::max(worst, std::abs(-(ep - em) / (2 * h_A) - f(d, k)));
    }
  return worst;
}

/// Energy per formula unit of a rock-salt or perovskite cell repeated n×n×n (n = 1: the
/// conventional cell, smaller than the 12 Å cutoff, which LAMMPS covers with periodic images).
double energy_per_fu(Engine& engine, const Structure& cell, int atoms_per_fu, int n = 1) {
  const Structure s = repeat(cell, n, n, n);
  return engine.energy(s) / static_cast<double>(s.size()) * atoms_per_fu;
}

/// LAMMPS's DSF (pair_coul_dsf.cpp): f_shift = -(erfc(a rc)/rc^2 + 2a/sqrt(pi) exp(-a^2 rc^2)/rc),
/// e_shift = erfc(a rc)/rc - f_shift rc; pair k q_i q_j (erfc(a r)/r - e_shift - r f_shift); self
/// -(e_shift/2 + a/sqrt(pi)) k q^2 (Fennell & Gezelter, J. Chem. Phys. 124, 234104 (2006)).
constexpr double kCoulomb_eV_A = 14.399645;  // LAMMPS metal qqr2e
double lammps_dsf_shifts(double alpha, double rc, double& f_shift) {
  f_shift =
      -(std::erfc(alpha * rc) / (rc * rc) + 2 * alpha / std::sqrt(M_PI) * std::exp(-alpha * alpha * rc * rc) / rc);
  return std::erfc(alpha * rc) / rc - f_shift * rc;
}
double lammps_dsf_pair_eV(double qi, double qj, double r, double alpha, double rc) {
  double f_shift = 0.0;
  const double e_shift = lammps_dsf_shifts(alpha, rc, f_shift);
  return kCoulomb_eV_A * qi * qj * (std::erfc(alpha * r) / r - e_shift - r * f_shift);
}
double lammps_dsf_self_eV(double q, double alpha, double rc) {
  double f_shift = 0.0;
  return -(lammps_dsf_shifts(alpha, rc, f_shift) / 2 + alpha / std::sqrt(M_PI)) * kCoulomb_eV_A * q * q;
}

}  // namespace

TEST_CASE("ionic potentials: the shipped files load with their elements and charges", "[lammps][ionic]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto tf = load_shipped_potential("nai-tosifumi");
  CHECK(tf.spec.elements == std::vector<std::string>{"Na", "I"});
  CHECK(tf.spec.charges_e.at("Na") == 1.0);
  CHECK(tf.spec.charges_e.at("I") == -1.0);
  CHECK(tf.has_ewald_reference);
  const auto eim = load_shipped_potential("nai-eim");
  CHECK(eim.spec.charges_e.empty());  // EIM infers charges itself: atom_style atomic
  CHECK(eim.spec.commands.at(1).find("/usr/share/lammps/potentials/ffield.eim") != std::string::npos);
  const auto bto = load_shipped_potential("batio3-pedone");
  CHECK(bto.spec.elements == std::vector<std::string>{"Ba", "Ti", "O", "Na"});
  double q = 0.0;
  for (const auto& [e, c] : bto.spec.charges_e) q += c * (e == "O" ? 3 : e == "Na" ? 0 : 1);
  CHECK(q == Approx(0.0).margin(1e-12));  // BaTiO3 formula unit is neutral
  for (const auto* p : {&tf, &eim, &bto}) {
    LammpsEngine engine(p->spec);
    CHECK(std::isfinite(isolated_atom_energy_eV(engine, "Na")));
    for (const auto& key : {"form", "fidelity", "validity", "na_adatom_charge"})
      CHECK(p->metadata[key].value<std::string>().has_value());
  }
}

TEST_CASE("nai-tosifumi: DSF energies equal Ewald for bulk NaI and an unrelaxed (100) slab", "[lammps][ionic][nai]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("nai-tosifumi");
  LammpsEngine dsf(pot.spec), ewald(pot.ewald_reference);
  for (double a : {6.2, 6.4, 6.6}) {
    const Structure bulk = bulk_rocksalt("Na", "I", a);
    const double e_dsf = energy_per_fu(dsf, bulk, 2, 2), e_ew = energy_per_fu(ewald, bulk, 2, 2);
    INFO("a = " << a << ": DSF " << e_dsf << " Ewald " << e_ew << " eV/fu");
    CHECK(std::abs(e_dsf - e_ew) < 3e-4);  // measured 1.8e-4 at 6.2 A, < 3e-5 at 6.4 and 6.6 A
  }
  // A symmetric slab has no dipole, so Ewald with 20 A of vacuum is the isolated slab.
  const RockSaltBulk b_ew = rocksalt_bulk(ewald, "Na", "I", 6.4);
  const SurfaceEnergyResult g_ew = rocksalt100_surface(ewald, "Na", "I", b_ew, 6, false);
  const SurfaceEnergyResult g_dsf = rocksalt100_surface(dsf, "Na", "I", b_ew, 6, false);
  INFO("unrelaxed gamma(100): DSF " << g_dsf.gamma_J_m2 << " Ewald " << g_ew.gamma_J_m2 << " J/m^2");
  CHECK(g_dsf.gamma_J_m2 == Approx(g_ew.gamma_J_m2).margin(2e-3));
}

TEST_CASE("nai-tosifumi: 0 K lattice constant and lattice energy of NaI", "[lammps][ionic][nai]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("nai-tosifumi");
  LammpsEngine engine(pot.spec);
  const RockSaltBulk b = rocksalt_bulk(engine, "Na", "I", 6.4);
  // Free ions carry no Coulomb energy; DSF gives a lone ion its self-term -(e_shift/2 + alpha/sqrt(pi)) q^2,
  // an artifact of the method (compensated only in a neutral environment), so the lattice
  // energy is -E_fu and not E(Na+) + E(I-) - E_fu of this engine.
  const double u = -b.e_fu_eV;
  INFO("a = " << b.a_A << " A, lattice energy " << u << " eV/fu");
  CHECK(b.a_A == Approx(ionic_reference("nai.lattice_constant_0K").value).epsilon(0.01));
  CHECK(u == Approx(ionic_reference("nai.lattice_energy").value).epsilon(0.03));
}

TEST_CASE("nai-tosifumi: (100) surface, Na+ adion, and no metallic Na", "[lammps][ionic][nai]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("nai-tosifumi");
  LammpsEngine engine(pot.spec);
  const RockSaltBulk b = rocksalt_bulk(engine, "Na", "I", 6.4);
  const SurfaceEnergyResult g = rocksalt100_surface(engine, "Na", "I", b);
  INFO("gamma(100) = " << g.gamma_J_m2 << " (unrelaxed " << g.gamma_unrelaxed_J_m2 << ") J/m^2");
  CHECK(g.relax.converged);
  CHECK(g.gamma_J_m2 < g.gamma_unrelaxed_J_m2);
  // No NaI reference (data/reference/ionic.toml): a band around the NaCl(100) DFT values.
  CHECK(g.gamma_J_m2 > 0.05);
  CHECK(g.gamma_J_m2 < 0.30);

  const Slab slab = slab_001(bulk_rocksalt("Na", "I", b.a_A), 4, "", 3, 2);
  const AdsorptionSummary ads = adsorption_summary(engine, slab, "Na", kNaN);
  INFO("Na+ at " << ads.site << ": E_bind " << ads.E_bind_eV << " eV, height " << ads.height_A << " A");
  CHECK(ads.E_bind_eV < 0.0);
  CHECK(ads.site == "hollow-I2Na2");
  CHECK(ads.below_symmetric_eV < 1e-3);  // no symmetry-broken start found a deeper state
  CHECK(ads.converged);
  // Na is Na+ everywhere: bcc "Na" is a lattice of like charges with no equilibrium.
  CHECK_THROWS_AS(cubic_equilibrium(engine, "bcc", {"Na"}, 4.23), std::runtime_error);
}

TEST_CASE("nai-eim: NaI and bcc Na, charges from the environment", "[lammps][ionic][nai]") {
  const auto pot = load_shipped_potential("nai-eim");
  LammpsEngine engine(pot.spec);
  const double e_na = isolated_atom_energy_eV(engine, "Na"), e_i = isolated_atom_energy_eV(engine, "I");
  CHECK(e_na == Approx(0.0).margin(1e-12));
  const RockSaltBulk b = rocksalt_bulk(engine, "Na", "I", 6.45);
  const double ec_nai = e_na + e_i - b.e_fu_eV;
  const CubicLattice na = cubic_equilibrium(engine, "bcc", {"Na"}, 4.3, 1e-7);
  INFO("NaI a = " << b.a_A << " Ec = " << ec_nai << "; bcc Na a = " << na.a_A << " Ec = " << -na.energy_eV_per_atom);
  CHECK(b.a_A == Approx(ionic_reference("nai.lattice_constant_RT").value).epsilon(0.01));
  CHECK(ec_nai == Approx(ionic_reference("nai.cohesive_energy").value).epsilon(0.02));
  CHECK(na.a_A == Approx(ionic_reference("na.bcc_lattice_constant_lowT").value).epsilon(0.04));  // measured +3.6 %
  CHECK(-na.energy_eV_per_atom == Approx(ionic_reference("na.cohesive_energy").value).epsilon(0.03));
  // NaI is about four times too stiff in this model (measured 60.72 GPa; reference 16.1 GPa from the
  // CRC elastic constants): a stated limit (VALIDATION.md, README), pinned so that a change shows.
  const double b_GPa = rocksalt_bulk_modulus_GPa(engine, "Na", "I", b.a_A);
  INFO("NaI B = " << b_GPa << " GPa");
  CHECK(b_GPa == Approx(60.72).margin(0.05));
  CHECK(b_GPa > 3 * ionic_reference("nai.bulk_modulus").value);
  // Rock salt must resist the polar mode a relaxation explores: shifting the whole Na sublattice
  // along z costs energy (a refit of the Na-I entry to the PBE adatom curves lost exactly this and
  // was withdrawn: docs/dft.md, "NaI: a refit of the EIM fails"). Measured +6.4 meV/atom at 0.1 A.
  Structure shifted = repeat(bulk_rocksalt("Na", "I", b.a_A), 2, 2, 2);
  const double e_ideal_eV = engine.energy(shifted);
  for (std::size_t i = 0; i < shifted.size(); ++i)
    if (shifted.species[i] == "Na") shifted.positions(2, static_cast<Eigen::Index>(i)) += 0.1;
  const double shift_cost_eV = (engine.energy(shifted) - e_ideal_eV) / static_cast<double>(shifted.size());
  INFO("0.1 A Na-sublattice shift costs " << shift_cost_eV << " eV/atom");
  CHECK(shift_cost_eV == Approx(0.0064).margin(0.0003));

  const EimCharges eim(eim_parameter_file(pot.spec));
  const auto names = eim_element_names(pot.spec);
  CHECK(names == std::map<std::string, std::string>{{"Na", "Na"}, {"I", "Id"}});
  const auto q_nai = eim.charges(bulk_rocksalt("Na", "I", b.a_A), names);
  const auto q_na = eim.charges(bulk_bcc("Na", na.a_A), names);
  INFO("q(Na in NaI) = " << q_nai[0] << ", q(I) = " << q_nai[1]);  // bulk_rocksalt: Na, I, Na, I, ...
  CHECK(q_nai[0] > 0.3);
  CHECK(q_nai[0] + q_nai[1] == Approx(0.0).margin(1e-12));  // eta_ji = -eta_ij: charge is conserved
  CHECK(q_na[0] == 0.0);                                     // no charge transfer in the metal
}

TEST_CASE("nai-eim: (100) surface energy and a Na adatom on NaI(100)", "[lammps][ionic][nai]") {
  const auto pot = load_shipped_potential("nai-eim");
  LammpsEngine engine(pot.spec);
  const RockSaltBulk b = rocksalt_bulk(engine, "Na", "I", 6.45);
  const SurfaceEnergyResult g = rocksalt100_surface(engine, "Na", "I", b);
  INFO("gamma(100) = " << g.gamma_J_m2 << " J/m^2");
  CHECK(g.relax.converged);
  CHECK(g.gamma_J_m2 < g.gamma_unrelaxed_J_m2);
  // EIM's short-ranged charge transfer costs more at a surface than Tosi-Fumi's Coulomb: measured
  // 0.65 J/m^2, about three times the NaCl(100) DFT value, a known limit (docs/potentials-ionic.md).
  CHECK(g.gamma_J_m2 > 0.05);
  CHECK(g.gamma_J_m2 < 1.0);

  const CubicLattice na = cubic_equilibrium(engine, "bcc", {"Na"}, 4.3, 1e-7);
  const Slab slab = slab_001(bulk_rocksalt("Na", "I", b.a_A), 4, "", 3, 2);
  const AdsorptionSummary ads = adsorption_summary(engine, slab, "Na", na.energy_eV_per_atom);
  const EimCharges eim(eim_parameter_file(pot.spec));
  const double q = eim.charges(ads.adatom_on_slab, eim_element_names(pot.spec)).back();
  INFO("Na at " << ads.site << ": E_bind " << ads.E_bind_eV << " E_ads " << ads.E_ads_eV << " eV, height "
                << ads.height_A << " A, q = " << q);
  CHECK(ads.E_bind_eV < 0.0);
  CHECK(ads.site == "hollow-I2Na2");
  CHECK(ads.below_symmetric_eV < 1e-3);  // no symmetry-broken start found a deeper state
  CHECK(ads.converged);
  CHECK(q > 0.0);   // a partial cation on the iodide surface ...
  CHECK(q < 0.54);  // ... below the lattice Na charge (+0.544 e)
}

TEST_CASE("batio3-pedone: DSF energies equal Ewald for bulk BaTiO3 and unrelaxed (001) slabs",
          "[lammps][ionic][batio3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("batio3-pedone");
  LammpsEngine dsf(pot.spec), ewald(pot.ewald_reference);
  for (double a : {3.9, 4.0, 4.1}) {
    const Structure bulk = bulk_perovskite("Ba", "Ti", "O", a);
    const double e_dsf = energy_per_fu(dsf, bulk, 5, 2), e_ew = energy_per_fu(ewald, bulk, 5, 2);
    INFO("a = " << a << ": DSF " << e_dsf << " Ewald " << e_ew << " eV/fu");
    CHECK(std::abs(e_dsf - e_ew) < 2e-4);  // measured <= 9e-5 eV/fu
  }
  // The unrelaxed (001) surface energy (both 7-layer slabs, Eglitis-Vanderbilt convention) by both sums.
  const double a = 4.0;
  const double ef_dsf = energy_per_fu(dsf, bulk_perovskite("Ba", "Ti", "O", a), 5, 2);
  const double ef_ew = energy_per_fu(ewald, bulk_perovskite("Ba", "Ti", "O", a), 5, 2);
  double e_dsf = -7 * ef_dsf, e_ew = -7 * ef_ew;
  double area = 0.0;
  for (const char* term : {"BaO", "TiO2"}) {
    const Slab slab = slab_001(bulk_perovskite("Ba", "Ti", "O", a), 7, term);
    e_dsf += dsf.energy(slab.structure);
    e_ew += ewald.energy(slab.structure);
    area = slab.structure.area_A2();
  }
  const double g_dsf = e_dsf / (4 * area) * kEvPerA2_to_J_per_m2, g_ew = e_ew / (4 * area) * kEvPerA2_to_J_per_m2;
  INFO("unrelaxed gamma(001): DSF " << g_dsf << " Ewald " << g_ew << " J/m^2");
  CHECK(g_dsf == Approx(g_ew).margin(5e-3));  // measured 2.9 mJ/m^2 (0.3 %)
}

TEST_CASE("batio3-pedone: cubic lattice constant, the rigid-ion model is paraelectric", "[lammps][ionic][batio3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("batio3-pedone");
  LammpsEngine engine(pot.spec);
  const CubicLattice c = cubic_equilibrium(engine, "perovskite", {"Ba", "Ti", "O"}, 4.0, 1e-7);
  INFO("cubic a = " << c.a_A);
  CHECK(c.a_A == Approx(ionic_reference("batio3.cubic_lattice_constant").value).epsilon(0.01));
  const PerovskitePhase p = relax_perovskite_polar(engine, "Ba", "Ti", "O", c.a_A, pot.spec.charges_e);
  INFO("from a polar start: a = " << p.a_A << " c = " << p.c_A << " Ti shift " << p.b_shift_A
                                  << " A, P = " << p.polarization_C_m2);
  CHECK(p.converged);
  CHECK(p.c_A / p.a_A == Approx(1.0).margin(1e-4));  // back to cubic: no tetragonality
  CHECK(std::abs(p.b_shift_A) < 1e-3);
  CHECK(p.polarization_C_m2 < 1e-3);                 // no spontaneous polarisation
  CHECK(p.a_A == Approx(c.a_A).epsilon(1e-4));
}

TEST_CASE("batio3-pedone: (001) surface energies of both terminations", "[lammps][ionic][batio3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("batio3-pedone");
  LammpsEngine engine(pot.spec);
  const CubicLattice c = cubic_equilibrium(engine, "perovskite", {"Ba", "Ti", "O"}, 4.0, 1e-7);
  const PerovskiteSurfaces s = perovskite001_surfaces(engine, "Ba", "Ti", "O", c.a_A, 5 * c.energy_eV_per_atom);
  INFO("unrelaxed " << s.gamma_unrelaxed_J_m2 << " BaO " << s.gamma_AO_J_m2 << " TiO2 " << s.gamma_BO2_J_m2
                    << " J/m^2");
  CHECK(s.converged);
  CHECK(s.relax_AO_J_m2 < 0.0);
  CHECK(s.relax_BO2_J_m2 < 0.0);
  // DFT (B3PW): 1.19 and 1.07 J/m^2; a rigid-ion model without polarisability is not expected to
  // be closer than a factor of two.
  CHECK(s.gamma_AO_J_m2 == Approx(ionic_reference("batio3.surface_energy_001_BaO").value).epsilon(0.5));
  CHECK(s.gamma_BO2_J_m2 == Approx(ionic_reference("batio3.surface_energy_001_TiO2").value).epsilon(0.5));
}

TEST_CASE("batio3-pedone: a Na adatom binds on both (001) terminations, on TiO2 it reconstructs the surface",
          "[lammps][ionic][batio3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const auto pot = load_shipped_potential("batio3-pedone");
  LammpsEngine engine(pot.spec);
  const CubicLattice c = cubic_equilibrium(engine, "perovskite", {"Ba", "Ti", "O"}, 4.0, 1e-7);
  const CubicLattice na = cubic_equilibrium(engine, "bcc", {"Na"}, 4.3, 1e-7);
  for (const char* term : {"BaO", "TiO2"}) {
    const Slab slab = slab_001(bulk_perovskite("Ba", "Ti", "O", c.a_A), 5, term, 3, 2);
    const AdsorptionSummary ads = adsorption_summary(engine, slab, "Na", na.energy_eV_per_atom);
    INFO(term << ": Na at " << ads.site << " E_bind " << ads.E_bind_eV << " E_ads " << ads.E_ads_eV << " eV, height "
              << ads.height_A << " A of " << ads.sites << " sites");
    CHECK(ads.E_bind_eV < 0.0);
    CHECK(std::isfinite(ads.E_ads_eV));
    CHECK(ads.converged);
    CHECK(ads.height_A > 0.5);
    if (std::string(term) == "BaO") {
      CHECK(ads.site == "top-O");
      CHECK(ads.below_symmetric_eV < 0.1);
    } else {
      // Symmetric starts stop Na in the O4 hollow well above the surface; a start off a site
      // lets the surface octahedra rotate around it and Na sinks into the hollow, far lower.
      CHECK(ads.site == "hollow-O4");
      CHECK(ads.below_symmetric_eV > 0.3);
    }
  }
}

TEST_CASE("batio3-pedone: Na–Na has no Coulomb term, so bulk Na is the EIM metal of nai-eim",
          "[lammps][ionic][batio3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  LammpsEngine bto(load_shipped_potential("batio3-pedone").spec), eim(load_shipped_potential("nai-eim").spec);
  const CubicLattice a = cubic_equilibrium(bto, "bcc", {"Na"}, 4.3, 1e-9),
                     b = cubic_equilibrium(eim, "bcc", {"Na"}, 4.3, 1e-9);
  CHECK(a.a_A == Approx(b.a_A).epsilon(1e-8));
  // The DSF self-energy of each Na+0.6 is the only difference.
  const double self = lammps_dsf_self_eV(0.6, 0.3, 12.0);
  CHECK(a.energy_eV_per_atom - b.energy_eV_per_atom == Approx(self).epsilon(1e-6));
  CHECK(isolated_atom_energy_eV(bto, "Na") == Approx(self).epsilon(1e-6));
}

TEST_CASE("batio3-pedone: a Ti–O dimer is Pedone's Morse + C/r^12 + DSF Coulomb", "[lammps][ionic][batio3]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  LammpsEngine engine(load_shipped_potential("batio3-pedone").spec);
  const double alpha = 0.3, rc = 12.0, qti = 2.4, qo = -1.2;
  const double D = 0.024235, a = 2.254703, r0 = 2.708943, C = 1.0, rs = 5.5;  // Pedone Ti-O
  auto morse = [&](double r) { return D * (std::exp(-2 * a * (r - r0)) - 2 * std::exp(-a * (r - r0))); };
  for (double r : {1.6, 1.95, 2.5, 4.0}) {
    Structure s;
    s.cell = Mat3::Identity() * 40.0;
    s.add_atom("Ti", Vec3(20, 20, 20));
    s.add_atom("O", Vec3(20 + r, 20, 20));
    // Both short-range terms shifted to zero at 5.5 A (pair_modify shift yes).
    const double expected = morse(r) - morse(rs) + C * (std::pow(r, -12) - std::pow(rs, -12)) +
                            lammps_dsf_pair_eV(qti, qo, r, alpha, rc) + lammps_dsf_self_eV(qti, alpha, rc) +
                            lammps_dsf_self_eV(qo, alpha, rc);
    INFO("r = " << r << ": C/r^12 = " << C * std::pow(r, -12) << " eV");
    // LAMMPS evaluates erfc by a 1e-7 polynomial: 2e-5 eV, far below the r^-12 term at r <= 1.95 A.
    CHECK(engine.energy(s) == Approx(expected).margin(2e-5));
  }
}

TEST_CASE("ionic potentials: forces are -dE/dx (central differences) for a Na adatom on each surface",
          "[lammps][ionic]") {
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  struct Case {
    const char* id;
    Structure bulk;
    const char* termination;
  };
  const std::vector<Case> cases{{"nai-tosifumi", bulk_rocksalt("Na", "I", 6.37), ""},
                                {"nai-eim", bulk_rocksalt("Na", "I", 6.46), ""},
                                {"batio3-pedone", bulk_perovskite("Ba", "Ti", "O", 4.02), "TiO2"},
                                {"batio3-pedone", bulk_perovskite("Ba", "Ti", "O", 4.02), "BaO"}};
  for (const auto& c : cases) {
    LammpsEngine engine(load_shipped_potential(c.id).spec);
    Structure s = slab_001(c.bulk, 3, c.termination, 2, 0).structure;
    const Vec3 top = s.positions.col(static_cast<Eigen::Index>(s.size() - 1));
    s.add_atom("Na", top + Vec3(0.7, 0.4, 2.3));
    // Off-lattice: every atom displaced by up to 0.08 Å (a fixed pseudo-random pattern).
    for (Eigen::Index i = 0; i < s.positions.cols(); ++i)
      for (int d = 0; d < 3; ++d) s.positions(d, i) += 0.08 * std::sin(1.7 * static_cast<double>(i) + 2.3 * d);
    const std::size_t n = s.size();
    const double err = max_force_error_eV_A(engine, s, {n - 1, n - 2, 0, n / 2});
    INFO(c.id << " " << c.termination << ": max |F + dE/dx| = " << err << " eV/A");
    // LAMMPS's DSF energy uses a polynomial erfc (error ~1e-7) but the force the exact derivative
    // of erfc, so energy and force agree to ~1e-5 eV/A, not to round-off; EIM's splines do better.
    CHECK(err < 1e-4);
  }
}
