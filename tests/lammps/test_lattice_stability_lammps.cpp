// Lattice stability through LAMMPS: the published Zhou 2004 EAM for fcc Al, Cu and Au, tabulated as
// NaBridge tabulates its potentials, gives relaxed-ion elastic constants that agree with the
// analytic EamEngine (an independent implementation of the same model) and with the measured 0 K
// constants of data/reference/metals.toml to the stated tolerance; the validation of the shipped
// Na-Al-Cu-Au EAM carries stability rows for its elements and the compounds of its cross-fit spec;
// `nabridge potential fit-cross` warns about an unstable fitted compound.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>

#include "engine/lammps_engine.h"
#include "nabridge/base/toml_reader.h"
#include "potentials/eam_engine.h"
#include "potentials/material_properties.h"
#include "potentials/setfl.h"
#include "potentials/stability.h"
#include "potentials/validation.h"
#include "potentials/zhou_params.h"
#include "protocols/cubic_lattice.h"
#include "protocols/lattice_stability.h"
#include "structure/prototypes.h"
#include "subprocess.h"

using namespace nabridge;
using namespace nabridge::potentials;

namespace {
const std::string kSrc = NABRIDGE_SOURCE_DIR;

/// C11_GPa, C12_GPa, C44_GPa of an element in data/reference/metals.toml.
std::map<std::string, double> measured_constants(const std::string& element) {
  const std::string path = kSrc + "/data/reference/metals.toml";
  const toml::table doc = parse_toml_file(path);
  const TomlReader el = TomlReader(path, doc, "").required_table(element);
  std::map<std::string, double> out;
  for (const std::string k : {"C11_GPa", "C12_GPa", "C44_GPa"}) out[k] = el.required_table(k).number("value");
  return out;
}
}  // namespace

TEST_CASE("Zhou 2004 fcc Al, Cu, Au via LAMMPS: relaxed-ion C11, C12, C44 vs analytic model and experiment",
          "[lammps][potentials][stability]") {
  const auto params = read_zhou_parameters(kSrc + "/potentials/zhou2004/zhou2004.toml");
  // The published parameters, tabulated as nabridge-eam-NaAlCuAu is (cutoff 7.9 Å, 3000 r and 12000
  // ρ points to ρ = 60): Zhou's own cutoff √5·re sits on the 5th fcc shell and corrupts
  // finite-strain constants (docs/potentials.md).
  const ZhouAlloyModel model({params.get("Al"), params.get("Cu"), params.get("Au")}, 7.9);
  const auto dir = testing::scratch_dir("zhou2004_elastic");
  const std::string file = (dir / "AlCuAu.eam.alloy").string();
  write_setfl(tabulate(model, default_grid(model, 3000, 12000, 60.0), {"Zhou 2004 Al Cu Au, rc 7.9 A", "", ""}), file);
  EamEngine analytic(model);
  // Measured (GPa, C11 / C12 / C44, LAMMPS = analytic to 1e-6): Al 106.8 / 60.5 / 28.3 against
  // 114.3 / 61.9 / 31.6 (−6.6, −2.3, −10.5 %); Cu 169.6 / 122.1 / 75.7 against 176.2 / 124.9 / 81.8
  // (−3.7, −2.2, −7.4 %); Au 186.4 / 157.3 / 42.1 against 201.6 / 169.7 / 45.4 (−7.6, −7.3, −7.3
  // %). Zhou et al. fitted their elements to measured constants with their own cutoff; with 7.9 Å
  // the form stays within 12 % of experiment (the Al refit of nabridge-eam-NaAlCuAu, fitted to Kamm
  // & Alers, is within 0.5 %).
  const double tol_expt = 0.12;
  for (const auto& [el, guess] :
       std::vector<std::pair<std::string, double>>{{"Al", 4.05}, {"Cu", 3.615}, {"Au", 4.08}}) {
    PotentialSpec spec;
    spec.id = file;
    spec.elements = {el};
    spec.commands = {"pair_style eam/alloy", "pair_coeff * * " + file + " " + el};
    spec.files = {file};
    LammpsEngine lmp(spec);
    const CubicLattice eq = cubic_equilibrium(lmp, element_lattice(el, "fcc"), guess);
    const Structure cell = bulk_fcc(el, eq.a_A);
    const LatticeStability st = lattice_stability(lmp, cell);
    const CubicElasticConstants ana = cubic_elastic(analytic, cell);
    auto expt = measured_constants(el);
    const auto& c = st.elastic;
    INFO(el << " a = " << eq.a_A << " A; LAMMPS C11 " << c.C11_GPa << " C12 " << c.C12_GPa << " C44 " << c.C44_GPa
            << "; analytic " << ana.C11_GPa << " " << ana.C12_GPa << " " << ana.C44_GPa << "; expt " << expt["C11_GPa"]
            << " " << expt["C12_GPa"] << " " << expt["C44_GPa"] << " GPa");
    // Tabulation (cubic splines on the grid above) against the analytic form: measured ≤ 1e-6.
    CHECK(c.C11_GPa == Approx(ana.C11_GPa).epsilon(1e-4));
    CHECK(c.C12_GPa == Approx(ana.C12_GPa).epsilon(1e-4));
    CHECK(c.C44_GPa == Approx(ana.C44_GPa).epsilon(1e-4));
    CHECK(c.C11_GPa == Approx(expt["C11_GPa"]).epsilon(tol_expt));
    CHECK(c.C12_GPa == Approx(expt["C12_GPa"]).epsilon(tol_expt));
    CHECK(c.C44_GPa == Approx(expt["C44_GPa"]).epsilon(tol_expt));
    CHECK(st.stable());
    REQUIRE(st.random);
    CHECK(st.random->dE_cell_meV);
    CHECK(std::abs(st.random->dE_min_meV()) < 1e-3);
  }
}

namespace {
using RowIndex = std::map<std::string, std::map<std::string, const ValidationRow*>>;
RowIndex index_rows(const std::vector<ValidationRow>& rows) {
  RowIndex by;
  for (const auto& r : rows) by[r.system][r.property] = &r;
  return by;
}
const std::string kRandom = "stability: random displacements, E(relaxed) − E(ideal)";
const std::string kRelaxedForm = "formation energy after the random-displacement relaxation";
const EngineFactory kLammps = [](const PotentialSpec& p) { return std::unique_ptr<Engine>(new LammpsEngine(p)); };
}  // namespace

TEST_CASE("Validation of nabridge-eam-NaAlCuAu: stability rows of its elements and cross-fit compounds",
          "[lammps][potentials][stability]") {
  // Structure only: the cross terms of the shipped potential are refitted from time to time.
  const std::string pots = kSrc + "/potentials";
  const auto subject = validation_subject(find_potential("nabridge-eam-NaAlCuAu", {pots}), {pots});
  const auto rows = validate_potential(subject, kLammps);
  RowIndex by = index_rows(rows);
  for (const std::string el : {"Na", "Al", "Cu", "Au"}) {
    INFO(el);
    for (const std::string born : {"C11 - C12 > 0", "C44 > 0", "C11 + 2 C12 > 0"}) {
      REQUIRE(by[el].count("stability: Born " + born));
      CHECK(by[el]["stability: Born " + born]->within);
    }
    REQUIRE(by[el].count(kRandom));
    CHECK(by[el][kRandom]->within);
  }
  // Al was fitted to the measured constants (al_fit.toml): the rows compare with metals.toml.
  const auto* c11 = by["Al"]["elastic constant C11 (relaxed ions, a = 4.0497 Å)"];
  REQUIRE(c11);
  REQUIRE(c11->reference);
  CHECK(c11->model == Approx(114.3).epsilon(0.01));
  // Every compound of the spec's [[target]]s has its rows.
  for (const auto& c : target_compounds(read_cross_fit_spec(subject.cross_fit_spec).targets)) {
    INFO(c.system());
    CHECK(by[c.system()].count("stability: Born C11 - C12 > 0"));
    CHECK(by[c.system()].count(kRandom));
    CHECK(by[c.system()].count(kRelaxedForm));
  }
}

TEST_CASE("Stability of the frozen nabridge-eam-NaAlCuAu-v1: unstable hypothetical Na-Al, Na-Cu compounds",
          "[lammps][potentials][stability]") {
  // v1 is kept for comparison and never regenerated, so its findings are pinned here.
  const std::string pots = kSrc + "/potentials";
  ValidationOptions opt;
  for (const std::string c : {"B2:Na,Al", "B2:Na,Cu", "L12:Al,Na", "L12:Cu,Na", "C15:Na,Au"})
    opt.stability_compounds.push_back(parse_stability_compound(c));
  const auto rows =
      validate_potential(validation_subject(find_potential("nabridge-eam-NaAlCuAu-v1", {pots}), {pots}), kLammps, opt);
  RowIndex by = index_rows(rows);
  // bcc Na (the same Na as the current potential) is a saddle by a hair: an N-point [110] shuffle
  // lowers it by 0.04 meV/atom at the cubic cell and 0.23 meV/atom with the cell (1.7 % strain,
  // towards close packing), below the 1 meV/atom threshold; the row says so.
  REQUIRE(by["Na"].count(kRandom));
  CHECK(by["Na"][kRandom]->within);
  CHECK(by["Na"][kRandom]->model == Approx(-0.228).margin(0.01));
  CHECK_THAT(by["Na"][kRandom]->deviation, Catch::Contains("shallow distortion"));
  for (const std::string c : {"NaAl (B2)", "NaCu (B2)", "Al3Na (L12)", "Cu3Na (L12)", "NaAu2 (C15)"}) {
    INFO(c);
    REQUIRE(by[c].count(kRandom));
    REQUIRE(by[c].count(kRelaxedForm));
  }
  // B2 NaAl: C11 < C12 (−13.4 GPa) and −420 meV/atom on relaxation; L12 Al3Na and Cu3Na meet the
  // Born criteria but are dynamically unstable (−190, −60 meV/atom). All stay above the elements
  // once relaxed (E_form +0.17, +0.26, +0.32 eV/atom): v1's Na-Al and Na-Cu are still immiscible.
  CHECK_FALSE(by["NaAl (B2)"]["stability: Born C11 - C12 > 0"]->within);
  CHECK(by["NaAl (B2)"]["stability: Born C11 - C12 > 0"]->model == Approx(-13.4).margin(0.2));
  for (const std::string c : {"NaAl (B2)", "Al3Na (L12)", "Cu3Na (L12)"}) {
    INFO(c);
    CHECK_FALSE(by[c][kRandom]->within);
    CHECK(by[c][kRandom]->model < -10.0);
    CHECK(by[c][kRelaxedForm]->model > 0.1);
  }
  CHECK(by["Al3Na (L12)"]["stability: Born C11 - C12 > 0"]->within);
  CHECK(by["NaCu (B2)"][kRandom]->within);
  CHECK(by["NaAu2 (C15)"][kRandom]->within);
  CHECK(by["NaAu2 (C15)"][kRelaxedForm]->model == Approx(-0.0912).margin(0.001));
}

TEST_CASE("nabridge potential fit-cross checks the stability of its result and warns",
          "[lammps][potentials][cli]") {
  // A one-parameter Na-Al fit to a B2 formation energy of +0.04 eV/atom: the Na-Al pair scale that
  // reaches it makes B2 NaAl mechanically unstable; the fit is written all the same.
  const auto dir = testing::scratch_dir("fit_cross_stability");
  testing::write_file(dir / "spec.toml", "recipe = \"" + kSrc +
                                             "/potentials/nabridge-eam-NaAlCuAu/recipe.toml\"\n"
                                             "max_evaluations = 40\n"
                                             "[elements.Na]\nlattice = \"bcc\"\na_guess_A = 4.225\n"
                                             "[elements.Al]\nlattice = \"fcc\"\na_guess_A = 4.05\n"
                                             "[[pair]]\nelements = [\"Na\", \"Al\"]\nfree = "
                                             "[\"scale\"]\nprior_sigma = [0.5]\n"
                                             "[[target]]\nkind = \"formation_energy\"\nstructure = "
                                             "\"B2\"\nelements = [\"Na\", \"Al\"]\n"
                                             "value = 0.04\nsigma = 0.01\nsource = \"test\"\n");
  const auto out = dir / "cross.toml";
  const auto r = testing::run_process(testing::nabridge_exe() + " potential fit-cross " + (dir / "spec.toml").string() +
                                      " --out " + out.string());
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(std::filesystem::exists(out));
  CHECK_THAT(r.output, Catch::Contains("| NaAl (B2) |"));
  CHECK_THAT(r.output, Catch::Contains("WARNING: NaAl (B2) is not stable: Born "
                                       "criterion C11 - C12 > 0 violated"));
  CHECK_THAT(r.output, Catch::Contains("WARNING: NaAl (B2) is not stable: random displacements"));
  CHECK_THAT(r.output, Catch::Contains("written all the same"));
  CHECK_THAT(r.output, !Catch::Contains("WARNING: Al"));
}
