// Validation tables of the shipped ionic potentials: potentials/<id>/VALIDATION.md for
// nai-tosifumi, nai-eim, batio3-pedone and al2o3-pedone, each model value beside its reference
// (data/reference/ionic.toml), the reference's source and the deviation. The computations are those
// the test suite checks (tests/lammps/ionic_validation.h); this program only runs them once more
// at the same settings and writes the Markdown. Reproduce:
//   ./build/bench/ionic_validation            # writes the four VALIDATION.md files and prints them
//   ./build/bench/ionic_validation --print    # prints only
//   ./build/bench/ionic_validation [--print] al2o3-pedone   # one potential
#include <algorithm>
#include <cmath>
#include <cstring>
#include <fstream>
#include <iostream>

#include "engine/lammps_engine.h"
#include "protocols/film_adhesion.h"
#include "ionic_validation.h"
#include "shipped_potential.h"

using namespace nabridge;
using namespace nabridge::testing;
using namespace nabridge::testing::ionic;

namespace {

double max_dsf_ewald_gap(Engine& dsf, Engine& ewald, const std::vector<Structure>& cells, int atoms_per_fu) {
  double gap = 0.0;
  for (const auto& c : cells) {
    const Structure s = repeat(c, 2, 2, 2);
    const double n_fu = static_cast<double>(s.size()) / atoms_per_fu;
    gap = std::max(gap, std::abs(dsf.energy(s) - ewald.energy(s)) / n_fu);
  }
  return gap;
}

std::string adsorption_note(const NaAdsorption& a, const std::string& extra = "") {
  std::string sites;
  for (const auto& [label, e] : a.all_sites) sites += (sites.empty() ? "" : ", ") + fmt::format("{} {:.3f}", label, e);
  return fmt::format(
      "most stable: {} ({}), height {:.2f} Å{}; all starts, lower of on- and off-site relaxation (E_bind, eV): {}",
      a.site,
      a.below_symmetric_eV > 1e-3
          ? fmt::format("found only from off a site, {:.3f} eV below every symmetric relaxation", a.below_symmetric_eV)
          : "also from its own site",
      a.height_A, extra, sites);
}

/// γ of bcc Na(110), 10 layers, relaxed: the film's surface energy for the contact angle.
double na110_gamma_J_m2(Engine& engine, const CubicLattice& na) {
  SlabSpec spec;
  spec.miller = Eigen::Vector3i(1, 1, 0);
  spec.layers = 10;
  spec.vacuum_A = 20.0;
  const Slab s = make_slab(bulk_bcc("Na", na.a_A), spec);
  Fire fire(relax_options(1e-4));
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = na.energy_eV_per_atom;
  opt.optimizer = &fire;
  return surface_energy(engine, s.structure, opt).gamma_J_m2;
}

/// A 3-layer bcc Na(110) film on `substrate_layers` of the surface, as the workflow's adhesion task builds it (lattice
/// match with ≤ 5 % strain on the film, 3 × 3 rigid registry scan, relaxed W_sep and UBER fit);
/// rows W_ad and the Young–Dupré contact angle.
void film_rows(Engine& engine, const Structure& substrate_bulk, const std::string& termination, const CubicLattice& na,
               double gamma_na, const std::string& label, std::vector<Row>& rows, int substrate_layers = 5) {
  FilmAdhesionOptions opt;
  opt.substrate_layers = substrate_layers;
  opt.substrate_fixed_layers = 2;
  opt.substrate_termination = termination;
  opt.film_layers = 3;
  opt.vacuum_A = 20.0;
  opt.match.max_strain = 0.05;
  opt.match.max_atoms = 400;
  opt.registry_points_a = opt.registry_points_b = 3;
  Fire fire(relax_options(1e-3));
  opt.adhesion.optimizer = &fire;
  const FilmAdhesionResult r = film_adhesion(engine, substrate_bulk, Eigen::Vector3i(0, 0, 1), bulk_bcc("Na", na.a_A),
                                             Eigen::Vector3i(1, 1, 0), opt);
  const double w = r.adhesion.W_sep_J_m2;
  const double theta = std::acos(std::clamp(w / gamma_na - 1.0, -1.0, 1.0)) * 180.0 / M_PI;
  const auto& a = r.adhesion;
  rows.push_back(
      {"Na(110) film on " + label + ", W_ad relaxed", "J/m²", w, kNaN, "no reference found",
       fmt::format("unrelaxed {:.3f}; {}; {} atoms, film strain {:.1f} %; relaxations converged: {}",
                   a.W_sep_unrelaxed_J_m2,
                   a.uber.converged ? fmt::format("UBER l = {:.2f} Å", a.uber.l_A) : "no UBER fit: " + a.uber.message,
                   r.natoms, 100 * r.interface.match.film_strain.max_principal,
                   a.relax_AB.converged && a.relax_A.converged && a.relax_B.converged ? "yes" : "no"),
       false});
  rows.push_back({"contact angle of Na on " + label + " (Young–Dupré, γ_Na(110) of the model)", "°", theta, kNaN, "",
                  fmt::format("cos θ = W_ad/γ_Na − 1, γ_Na = {:.3f} J/m²", gamma_na), false});
}

std::vector<Row> nai_tosifumi() {
  const auto pot = load_shipped_potential("nai-tosifumi");
  LammpsEngine engine(pot.spec), ewald(pot.ewald_reference);
  std::vector<Row> rows;
  const RockSaltBulk b = rocksalt_bulk(engine, "Na", "I", 6.4);
  rows.push_back(compare("NaI lattice constant, static", "Å", b.a_A, "nai.lattice_constant_0K"));
  rows.push_back(compare("NaI lattice constant, static", "Å", b.a_A, "nai.lattice_constant_RT", "model is 0 K"));
  rows.push_back(compare("NaI lattice energy −E_fu", "eV/f.u.", -b.e_fu_eV, "nai.lattice_energy",
                         "free ions have no Coulomb energy (DSF's lone-ion self-term is excluded)"));
  const double gap = max_dsf_ewald_gap(engine, ewald, {bulk_rocksalt("Na", "I", 6.2), bulk_rocksalt("Na", "I", 6.4),
                                                       bulk_rocksalt("Na", "I", 6.6)}, 2);
  rows.push_back({"max ΔE(DSF − Ewald), bulk a = 6.2, 6.4, 6.6 Å", "eV/f.u.", gap, kNaN, "born/coul/long + ewald 1e-10",
                  "", false});
  const SurfaceEnergyResult g_ew = rocksalt100_surface(ewald, "Na", "I", b, 6, false);
  const SurfaceEnergyResult g_dsf_u = rocksalt100_surface(engine, "Na", "I", b, 6, false);
  rows.push_back({"γ(100) unrelaxed, DSF", "J/m²", g_dsf_u.gamma_J_m2, g_ew.gamma_J_m2,
                  "Ewald, same slab (6 layers, 20 Å vacuum)", "", false});
  const SurfaceEnergyResult g = rocksalt100_surface(engine, "Na", "I", b);
  rows.push_back(compare("γ(100) relaxed", "J/m²", g.gamma_J_m2, "nai.surface_energy_100",
                         fmt::format("unrelaxed {:.4f} J/m²", g.gamma_unrelaxed_J_m2)));
  const Slab slab = make_ionic_slab(bulk_rocksalt("Na", "I", b.a_A), 4, "", 3, 2);
  const NaAdsorption ads = na_adsorption(engine, slab, kNaN);
  rows.push_back(compare("Na⁺ adion on NaI(100), E_bind vs free Na⁺", "eV", ads.E_bind_eV, "na_adsorption.nai_100",
                         adsorption_note(ads, ", charge +1 (formal)")));
  rows.push_back({"E_ads vs bulk Na", "eV", kNaN, kNaN, "",
                  "not defined: bcc Na⁺ has no equilibrium in this model (metallic Na not representable)"});
  return rows;
}

/// NaI and metallic Na in EIM (nai-eim); the charges from the ffield.eim its commands read.
std::vector<Row> nai_eim() {
  const auto pot = load_shipped_potential("nai-eim");
  LammpsEngine engine(pot.spec);
  const EimCharges eim(eim_parameter_file(pot.spec));
  const std::map<std::string, std::string> names{{"Na", "Na"}, {"I", "Id"}};
  std::vector<Row> rows;
  const RockSaltBulk b = rocksalt_bulk(engine, "Na", "I", 6.45);
  rows.push_back(compare("NaI lattice constant, static", "Å", b.a_A, "nai.lattice_constant_0K"));
  rows.push_back(compare("NaI lattice constant, static", "Å", b.a_A, "nai.lattice_constant_RT", "model is 0 K"));
  const double ec = isolated_atom_energy_eV(engine, "Na") + isolated_atom_energy_eV(engine, "I") - b.e_fu_eV;
  rows.push_back(compare("NaI cohesive energy vs neutral atoms", "eV/f.u.", ec, "nai.cohesive_energy"));
  rows.push_back(compare("NaI bulk modulus, static", "GPa", rocksalt_bulk_modulus_GPa(engine, "Na", "I", b.a_A),
                         "nai.bulk_modulus", "V d²E/dV² from E(a) at a ± 1 %"));
  const double q_nai = eim.charges(bulk_rocksalt("Na", "I", b.a_A), names)[0];
  rows.push_back({"charge of Na in NaI (EIM)", "e", q_nai, kNaN, "", "I: −q; Na among Na: 0"});
  const CubicLattice na = cubic_equilibrium(engine, "bcc", {"Na"}, 4.3, 1e-7);
  rows.push_back(compare("bcc Na lattice constant", "Å", na.a_A, "na.bcc_lattice_constant_lowT"));
  rows.push_back(compare("bcc Na cohesive energy", "eV/atom", -na.energy_eV_per_atom, "na.cohesive_energy"));
  const double gamma_na = na110_gamma_J_m2(engine, na);
  rows.push_back(compare("bcc Na γ(110) relaxed", "J/m²", gamma_na, "na.surface_energy_solid"));
  const SurfaceEnergyResult g = rocksalt100_surface(engine, "Na", "I", b);
  rows.push_back(compare("NaI γ(100) relaxed", "J/m²", g.gamma_J_m2, "nai.surface_energy_100",
                         fmt::format("unrelaxed {:.4f} J/m²", g.gamma_unrelaxed_J_m2)));
  const Slab slab = make_ionic_slab(bulk_rocksalt("Na", "I", b.a_A), 4, "", 3, 2);
  const NaAdsorption ads = na_adsorption(engine, slab, na.energy_eV_per_atom);
  const double q = eim.charges(ads.relaxed, names).back();
  const std::string note = adsorption_note(ads, fmt::format(", adatom charge {:+.3f} e (EIM)", q));
  rows.push_back(compare("Na on NaI(100), E_bind vs free Na atom", "eV", ads.E_bind_eV, "na_adsorption.nai_100", note));
  rows.push_back(compare("Na on NaI(100), E_ads vs bulk Na", "eV", ads.E_ads_eV, "na_adsorption.nai_100"));
  film_rows(engine, bulk_rocksalt("Na", "I", b.a_A), "", na, gamma_na, "NaI(100)", rows);
  return rows;
}

std::vector<Row> batio3_pedone() {
  const auto pot = load_shipped_potential("batio3-pedone");
  LammpsEngine engine(pot.spec), ewald(pot.ewald_reference);
  std::vector<Row> rows;
  const CubicLattice c = cubic_equilibrium(engine, "perovskite", {"Ba", "Ti", "O"}, 4.0, 1e-7);
  rows.push_back(compare("cubic lattice constant, static", "Å", c.a_A, "batio3.cubic_lattice_constant"));
  const PerovskitePhase p = relax_perovskite_polar(engine, "Ba", "Ti", "O", c.a_A, pot.spec.charges_e);
  const std::string start = "relaxed from c/a = 1.01 and Ti +0.1 Å: returns to cubic";
  rows.push_back(compare("tetragonal a (relaxed from a polar start)", "Å", p.a_A, "batio3.tetragonal_a", start));
  rows.push_back(compare("tetragonal c", "Å", p.c_A, "batio3.tetragonal_c"));
  rows.push_back(compare("tetragonality c/a", "–", p.c_A / p.a_A, "batio3.tetragonality"));
  rows.push_back(
      {"Ti displacement along c", "Å", p.b_shift_A, kNaN, "", "0: no polar instability in the rigid-ion model"});
  rows.push_back(compare("spontaneous polarisation (point charges × displacements)", "C/m²", p.polarization_C_m2,
                         "batio3.spontaneous_polarization", "the model is paraelectric"));
  const double gap = max_dsf_ewald_gap(engine, ewald,
                                       {bulk_perovskite("Ba", "Ti", "O", 3.9), bulk_perovskite("Ba", "Ti", "O", 4.0),
                                        bulk_perovskite("Ba", "Ti", "O", 4.1)},
                                       5);
  rows.push_back(
      {"max ΔE(DSF − Ewald), bulk a = 3.9, 4.0, 4.1 Å", "eV/f.u.", gap, kNaN, "coul/long + ewald 1e-10", "", false});
  const double e_fu = 5 * c.energy_eV_per_atom;
  const PerovskiteSurfaces s = perovskite001_surfaces(engine, "Ba", "Ti", "O", c.a_A, e_fu);
  const CubicLattice c_ew = cubic_equilibrium(ewald, "perovskite", {"Ba", "Ti", "O"}, 4.0, 1e-7);
  double e_ew = -7 * 5 * c_ew.energy_eV_per_atom, area = 0.0;
  for (const char* term : {"BaO", "TiO2"}) {
    const Slab sl = make_ionic_slab(bulk_perovskite("Ba", "Ti", "O", c_ew.a_A), 7, term);
    e_ew += ewald.energy(sl.structure);
    area = sl.structure.area_A2();
  }
  rows.push_back({"(001) unrelaxed cleavage γ, DSF", "J/m²", s.gamma_unrelaxed_J_m2,
                  e_ew / (4 * area) * kEvPerA2_to_J_per_m2, "Ewald, same 7-layer slabs", "", false});
  rows.push_back(compare("γ(001) BaO-terminated, relaxed", "J/m²", s.gamma_AO_J_m2, "batio3.surface_energy_001_BaO",
                         fmt::format("E_rel {:.4f} J/m²", s.relax_AO_J_m2)));
  rows.push_back(compare("γ(001) TiO2-terminated, relaxed", "J/m²", s.gamma_BO2_J_m2, "batio3.surface_energy_001_TiO2",
                         fmt::format("E_rel {:.4f} J/m²", s.relax_BO2_J_m2)));
  const CubicLattice na = cubic_equilibrium(engine, "bcc", {"Na"}, 4.3, 1e-7);
  const double e_na = isolated_atom_energy_eV(engine, "Na");
  rows.push_back(compare("bcc Na lattice constant (EIM Na–Na)", "Å", na.a_A, "na.bcc_lattice_constant_lowT"));
  rows.push_back(compare("bcc Na cohesive energy", "eV/atom", e_na - na.energy_eV_per_atom, "na.cohesive_energy",
                         fmt::format("both energies include the constant DSF self-term of Na⁺⁰·⁶, {:.4f} eV", e_na)));
  for (const char* term : {"BaO", "TiO2"}) {
    const Slab slab = make_ionic_slab(bulk_perovskite("Ba", "Ti", "O", c.a_A), 5, term, 3, 2);
    const NaAdsorption ads = na_adsorption(engine, slab, na.energy_eV_per_atom);
    rows.push_back(compare(fmt::format("Na on {}-terminated (001), E_bind vs free Na", term), "eV", ads.E_bind_eV,
                           "na_adsorption.batio3_001", adsorption_note(ads, ", charge +0.6 e (fixed)")));
    rows.push_back(compare(fmt::format("Na on {}-terminated (001), E_ads vs bulk Na", term), "eV", ads.E_ads_eV,
                           "na_adsorption.batio3_001"));
  }
  const double gamma_na = na110_gamma_J_m2(engine, na);
  rows.push_back(compare("bcc Na γ(110) relaxed", "J/m²", gamma_na, "na.surface_energy_solid"));
  for (const char* term : {"BaO", "TiO2"})
    film_rows(engine, bulk_perovskite("Ba", "Ti", "O", c.a_A), term, na, gamma_na,
              std::string(term) + "-terminated (001)", rows);
  return rows;
}

std::vector<Row> al2o3_pedone() {
  const auto pot = load_shipped_potential("al2o3-pedone");
  LammpsEngine engine(pot.spec), ewald(pot.ewald_reference);
  std::vector<Row> rows;
  const CorundumBulk b = corundum_bulk(engine);
  const std::string relaxed =
      b.converged ? "a, c and internal coordinates relaxed to zero stress" : "cell relaxation NOT converged";
  rows.push_back(compare("corundum a, static", "Å", b.a_A, "al2o3.lattice_a", relaxed));
  rows.push_back(compare("corundum c, static", "Å", b.c_A, "al2o3.lattice_c"));
  const CorundumInternal expt;
  rows.push_back({"Al z (12c)", "–", b.internal.z_cation, expt.z_cation, "expt RT (Lewis et al. 1982) †", "", false});
  rows.push_back({"O x (18e)", "–", b.internal.x_anion, expt.x_anion, "expt RT (Lewis et al. 1982) †", "", false});
  rows.push_back(compare("bulk modulus", "GPa", b.bulk_modulus_GPa, "al2o3.bulk_modulus",
                         "−V dP/dV from cells relaxed at ±1 GPa (static, isothermal)"));
  const Structure cell = repeat(corundum_cell(b), 2, 2, 1);
  rows.push_back({"|ΔE(DSF − Ewald)|, relaxed bulk (120 atoms)", "eV/f.u.",
                  std::abs(engine.energy(cell) - ewald.energy(cell)) / 24.0, kNaN, "coul/long + ewald 1e-10", "",
                  false});
  for (int layers : {9, 18, 36}) {
    const CorundumSurface s = corundum0001_surface(engine, b, layers);
    rows.push_back(
        compare(fmt::format("γ(0001) Al-terminated, relaxed, {} layers", layers), "J/m²", s.gamma.gamma_J_m2,
                "al2o3.surface_energy_0001",
                fmt::format("unrelaxed {:.3f} J/m²; relaxation converged: {}{}", s.gamma.gamma_unrelaxed_J_m2,
                            s.gamma.relax.converged ? "yes" : "no", layers == 9 ? "; the campaign's slab" : "")));
    if (layers == 36)
      rows.push_back(compare("outermost Al–O3 spacing, relaxed vs bulk (36 layers)", "%", s.d12_change_pct,
                             "al2o3.surface_relaxation_d12", "X-ray: −51 %", false));
  }
  const CubicLattice na = cubic_equilibrium(engine, "bcc", {"Na"}, 4.3, 1e-7);
  const NaAdsorption ads =
      na_adsorption(engine, make_ionic_slab(corundum_cell(b), 9, "Al", 2, 2), na.energy_eV_per_atom);
  rows.push_back(compare("Na on (0001), E_bind vs free Na", "eV", ads.E_bind_eV, "na_adsorption.al2o3_0001",
                         adsorption_note(ads, ", charge +0.6 e (fixed); 2 × 2 cells, 9 layers")));
  rows.push_back(compare("Na on (0001), E_ads vs bulk Na", "eV", ads.E_ads_eV, "na_adsorption.al2o3_0001"));
  rows.push_back(compare("Na–O distance of the adsorbed Na", "Å", nearest_distance_A(ads.relaxed, "O"),
                         "al2o3.na_o_distance_na2o",
                         fmt::format("nearest Al {:.2f} Å", nearest_distance_A(ads.relaxed, "Al"))));
  const double gamma_na = na110_gamma_J_m2(engine, na);
  rows.push_back(compare("bcc Na γ(110) relaxed", "J/m²", gamma_na, "na.surface_energy_solid"));
  film_rows(engine, corundum_cell(b), "Al", na, gamma_na, "Al-terminated (0001), 9 layers", rows, 9);
  return rows;
}

std::string page(const std::string& id, const std::string& intro, const std::vector<Row>& rows) {
  return "# Validation: " + id + "\n\n" + intro +
         "\n\nGenerated by `build/bench/ionic_validation` (bench/ionic_validation.cpp; the same computations "
         "the tests in tests/lammps/test_ionic_potentials.cpp and test_al2o3_pedone.cpp check). "
         "Static (0 K) model values; references and their full sources: data/reference/ionic.toml. † = a value "
         "not re-read in its source here. Slabs: 20 Å vacuum; surface energies with all atoms relaxed (FIRE, "
         "1e-4 eV/Å); adsorption on 3×3 surface cells of 4 (NaI) or 5 (BaTiO3) layers or 2×2 cells of 9 layers "
         "(Al2O3), bottom 2 fixed, Na started 2.5 Å "
         "above every symmetry-unique site and relaxed (1e-3 eV/Å).\n\n" +
         markdown_table(rows);
}

}  // namespace

int main(int argc, char** argv) {
  int arg = 1;  // [--print] [ID]
  const bool write = !(argc > arg && std::strcmp(argv[arg], "--print") == 0);
  if (!write) ++arg;
  const std::string only = argc > arg ? argv[arg] : "";
  const std::vector<std::pair<std::string, std::string>> intros{
      {"nai-tosifumi",
       "Rigid-ion NaI (Tosi–Fumi Born–Mayer–Huggins, formal charges ±1, DSF Coulomb). Na is Na⁺ everywhere, so the "
       "adsorbate is a Na⁺ adion and metallic Na is not representable (use nai-eim for that)."},
      {"nai-eim",
       "NaI and metallic Na in the embedded-ion method (Zhou; ffield.eim of LAMMPS): charges follow the "
       "environment, so the same Na is +0.54 e in NaI, 0 in the metal and in between as an adatom."},
      {"batio3-pedone",
       "BaTiO3 rigid-ion partial charges (Pedone et al. 2006) with Pedone's Na⁺⁰·⁶ as the adatom and EIM Na–Na "
       "(no Na–Na Coulomb) for metallic Na; DSF Coulomb."},
      {"al2o3-pedone",
       "alpha-Al2O3 (corundum), the native oxide of Al collectors, as Pedone's rigid-ion partial charges (Al +1.8, "
       "O −1.2) with Pedone's Na⁺⁰·⁶ as the adatom and EIM Na–Na (no Na–Na Coulomb) for metallic Na; DSF Coulomb. "
       "Surface: the stoichiometric, non-polar Al-terminated (0001) slab (Al–O3–Al units, 3n layers)."}};
  for (const auto& [id, intro] : intros) {
    if (!only.empty() && id != only) continue;
    const std::vector<Row> rows = id == "nai-tosifumi"    ? nai_tosifumi()
                                  : id == "nai-eim"       ? nai_eim()
                                  : id == "batio3-pedone" ? batio3_pedone()
                                                          : al2o3_pedone();
    const std::string md = page(id, intro, rows);
    std::cout << md << "\n";
    if (write) std::ofstream(std::string(NABRIDGE_SOURCE_DIR) + "/potentials/" + id + "/VALIDATION.md") << md;
  }
  return 0;
}
