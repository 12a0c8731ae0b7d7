// `nabridge potential fit-ionic` (potentials/ionic_fit.h, workflow/ionic_fit_targets.h): "DFT"
// points, and with them the relaxed heights or a Na film's adhesion, made by batio3-pedone with
// known Na–O Morse parameters must be fitted back to those parameters from Pedone's; a core–shell start potential is evaluated
// on ShellEngine; a spec naming a pair_coeff line, a number, a system or a quantity that does not
// exist is one error naming the spec's file and key.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <utility>

#include "../lammps/lammps_packages.h"
#include "dft_test_sets.h"
#include "engine/lammps_engine.h"
#include "engine/shell_engine.h"
#include "potentials/ionic_fit.h"
#include "potentials/ionic_fit_potential.h"
#include "potentials/potential_library.h"
#include "protocols/isolated_atom.h"
#include "workflow/dft_reference.h"
#include "workflow/dft_validation_parts.h"
#include "workflow/ionic_fit_targets.h"
#include "workflow/lammps_engines.h"

using namespace nabridge;
using namespace nabridge::workflow;

namespace {

const std::vector<std::string> kPotentialDirs = {NABRIDGE_SOURCE_DIR "/potentials"};

// The TiO2-terminated BaTiO3(001) slab of the reference set, 3 layers.
const std::string kTiO2Slab = R"(prototype = "perovskite"
elements = ["Ba", "Ti", "O"]
a_A = 4.03
facet = "001"
termination = "TiO2"
layers = 3
)";

// Na on that slab (2x2), two sites at three heights each (the start heights + `offsets_A`); the
// Na atom and bcc Na as references.
std::string batio3_set(double hollow_A, double top_A, const std::string& offsets_A) {
  return R"([settings.basis]
Na = "DZVP-MOLOPT-SR-GTH"
Ba = "DZVP-MOLOPT-SR-GTH"
Ti = "DZVP-MOLOPT-SR-GTH"
O = "DZVP-MOLOPT-GTH"
[settings.potential]
Na = "GTH-PBE-q9"
Ba = "GTH-PBE-q10"
Ti = "GTH-PBE-q12"
O = "GTH-PBE-q6"
)" + std::string(test::kNaReferences) +
         R"([[system]]
name = "BaTiO3-TiO2"
kind = "adsorption"
)" + kTiO2Slab + R"(repeat = [2, 2]
adsorbate = "Na"
site_height_A = { "hollow-O4" = )" +
         fmt::format("{:.4f}", hollow_A) + R"(, "top-O" = )" + fmt::format("{:.4f}", top_A) + R"( }
scan_offsets_A = )" +
         offsets_A +
         R"(
sites = ["hollow-O4", "top-O"]
atom_reference = "atom"
bulk_reference = "bulk"
)";
}
const std::string kBaTiO3Set = batio3_set(1.50, 2.20, "[0.0, -0.3, 0.3]");

// A Na(110) monolayer on the same TiO2-terminated slab at three gaps (the set's film system).
const std::string kBaTiO3FilmSystem = R"([[system]]
name = "BaTiO3-TiO2-NaFilm"
kind = "film"
)" + kTiO2Slab + R"(vacuum_A = 15.0
film_prototype = "bcc"
film_elements = ["Na"]
film_a_A = 4.20
film_facet = "110"
film_layers = 1
max_atoms = 80
gap_A = 2.2
scan_offsets_A = [0.0, -0.3, 0.3]
)";

// One [[parameter]] table without a prior.
std::string parameter_toml(const std::string& name, const std::string& pair, int index, double lo, double hi) {
  return fmt::format("[[parameter]]\nname = \"{}\"\npair = \"{}\"\nindex = {}\nrange = [{}, {}]\n", name, pair, index,
                     lo, hi);
}

// A spec refitting `parameters` (its [[parameter]] tables) of `potential` to the set
// "reference.toml" beside it; `dft` are the keys of its [[dft]] table after `set`.
std::string spec_toml(const std::string& potential, const std::string& parameters, const std::string& dft) {
  return "potential = \"" + potential + "\"\nid = \"" + potential + "-test\"\ntitle = \"test refit\"\n" + parameters +
         "[[dft]]\nset = \"reference.toml\"\n" + dft;
}

// The spec of the tests: Pedone's Na–O Morse free, no priors; `d0_block` replaces the D0 block,
// `systems` the [[dft]] systems, `dft_keys` are added to [[dft]].
std::string spec_text(const std::string& d0_block, const std::string& systems, const std::string& dft_keys = "") {
  return spec_toml("batio3-pedone", d0_block + R"([[parameter]]
name = "alpha"
pair = "3 4 morse"
index = 1
range = [0.8, 3.0]
[[parameter]]
name = "r0"
pair = "3 4 morse"
index = 2
range = [1.8, 3.5]
)",
                   "systems = " + systems + "\nsigma = 0.05\n" + dft_keys);
}

const char* const kD0 = R"([[parameter]]
name = "D0"
pair = "3 4 morse"
index = 0
range = [0.005, 1.0]
)";

// Every calculation of the set "computed" with `engine`; the atom as the engine's isolated atom
// (the reference every E_bind@z row of dft_validation subtracts).
DftOutcomes model_outcomes(const DftReferenceSet& set, Engine& engine) {
  DftOutcomes done;
  for (const auto& sys : set.systems)
    for (const auto& c : sys.calculations)
      done[sys.name + "/" + c.config] = {
          sys.kind == DftSystemKind::kAtom ? isolated_atom_energy_eV(engine, "Na") : engine.energy(c.structure),
          c.structure};
  return done;
}

// The fit of `spec`'s parameters from `start` to `targets` on LammpsEngine: it must converge and
// land on `truth` to `epsilon` relative.
potentials::IonicFitResult fit_back_to_truth(const potentials::IonicFitSpec& spec, const PotentialSpec& start,
                                             const std::vector<IonicDftSource>& data,
                                             const std::vector<potentials::IonicFitTarget>& targets,
                                             const std::vector<double>& truth, double epsilon) {
  const EngineFactory factory = [](const PotentialSpec& p) { return std::make_unique<LammpsEngine>(p); };
  auto r = potentials::fit_ionic(spec, start, targets, ionic_model_values(data, targets, factory));
  CHECK(r.converged);
  REQUIRE(r.values.size() == truth.size());
  for (std::size_t k = 0; k < truth.size(); ++k) CHECK(r.values[k] == Approx(truth[k]).epsilon(epsilon));
  return r;
}

}  // namespace

TEST_CASE("ionic fit: DFT points of a known Na-O Morse are fitted back to its parameters from Pedone's", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;  // the set reader checks the CP2K data
  const auto dir = test::scratch_dir("ionic_fit");
  std::ofstream(dir / "reference.toml") << kBaTiO3Set;
  std::ofstream(dir / "spec.toml") << spec_text(kD0, R"(["BaTiO3-TiO2"])");
  const auto spec = potentials::read_ionic_fit_spec((dir / "spec.toml").string(), kPotentialDirs);
  const PotentialSpec start = potentials::load_potential(spec.potential, kPotentialDirs);
  REQUIRE(spec.parameters.size() == 3);
  CHECK(spec.parameters[0].start == 0.023363);  // Pedone's Na–O Morse, read from the shipped lines
  CHECK(spec.parameters[1].start == 1.763867);
  CHECK(spec.parameters[2].start == 3.006315);

  // The "truth": a Na–O well 3.4x deeper, softer and 0.4 A shorter than Pedone's.
  const std::vector<double> truth = {0.08, 1.4, 2.6};
  LammpsEngine truth_engine(potentials::with_pair_coeff_parameters(start, spec.parameters, truth));
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const std::vector<IonicDftSource> data = {{spec.dft.front(), set, model_outcomes(set, truth_engine)}};

  LammpsEngine start_engine(start);
  const auto targets = ionic_fit_targets(start_engine, start.elements, data);
  REQUIRE(targets.size() == 6);
  CHECK(targets[0].site == "hollow-O4");
  CHECK(targets[0].quantity == "E_bind@z1.50");
  const auto& d = data.front().done;
  CHECK(targets[0].value == Approx(d.at("BaTiO3-TiO2/hollow-O4_z1.50").energy_eV - d.at("BaTiO3-TiO2/clean").energy_eV -
                                   d.at("atom/atom").energy_eV)
                                .margin(1e-9));
  CHECK_THAT(targets[0].source, Catch::Contains("BaTiO3-TiO2/hollow-O4_z1.50.json"));

  const auto r = fit_back_to_truth(spec, start, data, targets, truth, 1e-4);
  CHECK(r.outside_range.empty());
  for (const auto& row : r.rows) {
    CHECK(std::abs(row.start - row.target.value) > 0.01);       // Pedone's misses the points ...
    CHECK(row.model == Approx(row.target.value).margin(1e-5));  // ... the fit meets them
  }

  // The refit as a potential of its own: the fitted Na–O line in the DSF and the Ewald model, its
  // own id, the start's reference data still found from the new folder.
  const auto out = dir / "refit";
  potentials::write_ionic_refit(spec, r, start.id, out, "test");
  const PotentialSpec refit = potentials::load_potential((out / "potential.toml").string(), kPotentialDirs);
  CHECK(refit.id == "batio3-pedone-test");
  const std::string fitted_line =
      potentials::with_pair_coeff_parameters(start, spec.parameters, r.values).commands.at(5);
  CHECK_THAT(fitted_line, Catch::StartsWith("pair_coeff 3 4 morse 0.0"));
  CHECK(std::count(refit.commands.begin(), refit.commands.end(), fitted_line) == 1);
  const auto ewald = potentials::load_ewald_reference((out / "potential.toml").string(), kPotentialDirs);
  REQUIRE(ewald);
  CHECK(std::count(ewald->commands.begin(), ewald->commands.end(), fitted_line) == 1);
  const auto meta = potentials::read_potential_metadata((out / "potential.toml").string());
  REQUIRE(meta.compound_validation);
  CHECK(std::filesystem::exists(meta.compound_validation->reference_data));
  CHECK_THAT(meta.fidelity, Catch::Contains("RMS error 0.000 eV (start"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("ionic fit: film W_ad@z points and adatom points of a known Na-O Morse are fitted back together", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("ionic_fit_film");
  std::ofstream(dir / "reference.toml") << kBaTiO3Set << kBaTiO3FilmSystem;
  const std::string spec_file = (dir / "spec.toml").string();
  const std::string systems = R"(["BaTiO3-TiO2", "BaTiO3-TiO2-NaFilm"])";
  std::ofstream(spec_file) << spec_text(kD0, systems, "sigma_W_J_m2 = 0.02\n");
  const auto spec = potentials::read_ionic_fit_spec(spec_file, kPotentialDirs);
  CHECK(spec.dft.front().sigma_W_J_m2 == 0.02);
  const PotentialSpec start = potentials::load_potential(spec.potential, kPotentialDirs);
  const std::vector<double> truth = {0.08, 1.4, 2.6};  // the first test's
  LammpsEngine truth_engine(potentials::with_pair_coeff_parameters(start, spec.parameters, truth));
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const std::vector<IonicDftSource> data = {{spec.dft.front(), set, model_outcomes(set, truth_engine)}};
  LammpsEngine start_engine(start);
  const auto targets = ionic_fit_targets(start_engine, start.elements, data);
  REQUIRE(targets.size() == 9);  // six adatom points, then the film's three heights
  const DftSystem& film_system = set.systems.back();
  const auto& d = data.front().done;
  for (std::size_t k = 6; k < 9; ++k) {
    const auto& t = targets[k];
    const auto& c = film_system.calculations.at(k - 4);  // clean, film, then the heights
    CHECK(t.system == "BaTiO3-TiO2-NaFilm");
    CHECK(t.quantity == fmt::format("W_ad@z{:.2f}", c.overlayer_height_A));
    CHECK(t.unit == "J/m2");
    CHECK(t.sigma == 0.02);
    // W = (E(substrate) + E(film) − E(film on substrate)) / A, in J/m² (16.0218 J/m² per eV/Å²).
    const double w_eV_A2 = (d.at("BaTiO3-TiO2-NaFilm/clean").energy_eV + d.at("BaTiO3-TiO2-NaFilm/film").energy_eV -
                            d.at("BaTiO3-TiO2-NaFilm/" + c.config).energy_eV) /
                           film_system.interface_area_A2;
    CHECK(t.value == Approx(w_eV_A2 * 16.02176634).epsilon(1e-8));
    CHECK_THAT(t.source, Catch::Contains("BaTiO3-TiO2-NaFilm/" + c.config + ".json"));
  }
  CHECK(targets[6].quantity == "W_ad@z2.20");
  CHECK(targets[7].quantity == "W_ad@z1.90");

  const auto r = fit_back_to_truth(spec, start, data, targets, truth, 1e-4);
  for (const auto& row : r.rows) {
    INFO(row.target.quantity << ": start " << row.start << ", fitted " << row.model << ", target "
                             << row.target.value);
    CHECK(row.model == Approx(row.target.value).margin(1e-5));
  }
  potentials::write_ionic_refit(spec, r, start.id, dir / "refit", "test");
  const auto meta = potentials::read_potential_metadata((dir / "refit" / "potential.toml").string());
  CHECK_THAT(meta.fidelity, Catch::Contains("refitted to 6 PBE E_bind point(s)") &&
                                Catch::Contains("; to 3 Na film adhesion point(s) W_ad@z: RMS error 0.000 J/m2"));

  // A film system without its sigma: one error naming the spec's systems key and the missing key.
  std::ofstream(spec_file) << spec_text(kD0, systems);
  const auto no_sigma = potentials::read_ionic_fit_spec(spec_file, kPotentialDirs);
  const std::vector<IonicDftSource> no_sigma_data = {{no_sigma.dft.front(), set, data.front().done}};
  CHECK_THROWS_WITH(ionic_fit_targets(start_engine, start.elements, no_sigma_data),
                    Catch::Contains(spec_file) && Catch::Contains("dft[0].systems") &&
                        Catch::Contains("'BaTiO3-TiO2-NaFilm' is a film system") &&
                        Catch::Contains("sigma_W_J_m2"));
  std::filesystem::remove_all(dir);
}

TEST_CASE(
    "ionic fit: a spec naming a missing pair_coeff line, number, system or quantity is one error naming file and key",
    "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("ionic_fit_bad");
  const std::string spec_file = (dir / "spec.toml").string();
  const auto write = [&](const std::string& d0, const std::string& systems) {
    std::ofstream(spec_file) << spec_text(d0, systems);
  };
  std::string d0 = kD0;

  d0.replace(d0.find("3 4 morse"), 9, "3 4 buck");
  write(d0, R"(["BaTiO3-TiO2"])");
  CHECK_THROWS_WITH(potentials::read_ionic_fit_spec(spec_file, kPotentialDirs),
                    Catch::Contains(spec_file) && Catch::Contains("parameter[0].pair") &&
                        Catch::Contains("no pair_coeff line starts with '3 4 buck'"));

  d0 = kD0;
  d0.replace(d0.find("index = 0"), 9, "index = 3");  // a Morse line has D0, alpha, r0: 0..2
  write(d0, R"(["BaTiO3-TiO2"])");
  CHECK_THROWS_WITH(
      potentials::read_ionic_fit_spec(spec_file, kPotentialDirs),
      Catch::Contains(spec_file) && Catch::Contains("parameter[0].index") && Catch::Contains("no number at index 3"));

  // quantities: the points always, z_min optional with its own sigma_z_A.
  const auto write_dft = [&](const std::string& dft_keys) {
    std::ofstream(spec_file) << spec_text(kD0, R"(["BaTiO3-TiO2"])", dft_keys);
  };
  write_dft("quantities = [\"z_min\"]\nsigma_z_A = 0.05\n");
  CHECK_THROWS_WITH(potentials::read_ionic_fit_spec(spec_file, kPotentialDirs),
                    Catch::Contains(spec_file) && Catch::Contains("dft[0].quantities") &&
                        Catch::Contains("the points are always fitted"));
  write_dft("quantities = [\"E_bind@z\", \"z_max\"]\nsigma_z_A = 0.05\n");
  CHECK_THROWS_WITH(potentials::read_ionic_fit_spec(spec_file, kPotentialDirs),
                    Catch::Contains(spec_file) && Catch::Contains("dft[0].quantities"));
  write_dft("quantities = [\"E_bind@z\", \"z_min\"]\n");
  CHECK_THROWS_WITH(potentials::read_ionic_fit_spec(spec_file, kPotentialDirs),
                    Catch::Contains(spec_file) && Catch::Contains("dft[0].sigma_z_A") && Catch::Contains("missing"));
  write_dft("sigma_z_A = 0.05\n");
  CHECK_THROWS_WITH(
      potentials::read_ionic_fit_spec(spec_file, kPotentialDirs),
      Catch::Contains(spec_file) && Catch::Contains("dft[0].sigma_z_A") && Catch::Contains("given without \"z_min\""));
  write_dft("quantities = [\"E_bind@z\", \"z_min\"]\nsigma_z_A = 0.0\n");
  CHECK_THROWS_WITH(potentials::read_ionic_fit_spec(spec_file, kPotentialDirs),
                    Catch::Contains(spec_file) && Catch::Contains("dft[0].sigma_z_A"));

  std::ofstream(dir / "reference.toml") << kBaTiO3Set;
  write(kD0, R"(["BaTiO3-SrO"])");
  const auto spec = potentials::read_ionic_fit_spec(spec_file, kPotentialDirs);
  const PotentialSpec start = potentials::load_potential(spec.potential, kPotentialDirs);
  LammpsEngine engine(start);
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const std::vector<IonicDftSource> data = {{spec.dft.front(), set, model_outcomes(set, engine)}};
  CHECK_THROWS_WITH(ionic_fit_targets(engine, start.elements, data), Catch::Contains(spec_file) &&
                                                                         Catch::Contains("dft[0].systems") &&
                                                                         Catch::Contains("no system 'BaTiO3-SrO'"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("ionic fit: a dft.shift table moves every E_bind@z target of its system by the measured difference",
          "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("ionic_fit_shift");
  // The set's slab again with its hollow point only, as a finer k mesh would compute it; its
  // "DFT" energy is the model's plus 0.25 eV, so the shift is +0.25 eV exactly.
  std::ofstream(dir / "reference.toml") << kBaTiO3Set + R"([[system]]
name = "BaTiO3-TiO2-k"
kind = "adsorption"
)" + kTiO2Slab + R"(repeat = [2, 2]
kpoints = [2, 2, 1]
adsorbate = "Na"
site_height_A = { "hollow-O4" = 1.50 }
scan_offsets_A = [0.0]
sites = ["hollow-O4"]
atom_reference = "atom"
bulk_reference = "bulk"
)";
  constexpr double kShift_eV = 0.25;
  const std::string spec_file = (dir / "spec.toml").string();
  const std::string shift_table =
      "[[dft.shift]]\nsystem = \"BaTiO3-TiO2\"\nconverged = \"BaTiO3-TiO2-k\"\nconfig = \"hollow-O4_z1.50\"\n";
  const auto targets_of = [&](const std::string& dft_keys, DftOutcomes done) {
    std::ofstream(spec_file) << spec_text(kD0, R"(["BaTiO3-TiO2"])", dft_keys);
    const auto spec = potentials::read_ionic_fit_spec(spec_file, kPotentialDirs);
    const PotentialSpec start = potentials::load_potential(spec.potential, kPotentialDirs);
    LammpsEngine engine(start);
    const std::vector<IonicDftSource> data = {
        {spec.dft.front(), read_dft_reference_set(dir / "reference.toml"), std::move(done)}};
    return ionic_fit_targets(engine, start.elements, data);
  };
  const auto set = read_dft_reference_set(dir / "reference.toml");
  LammpsEngine pedone(potentials::load_potential("batio3-pedone", kPotentialDirs));
  DftOutcomes done = model_outcomes(set, pedone);
  done.at("BaTiO3-TiO2-k/hollow-O4_z1.50").energy_eV += kShift_eV;

  const auto plain = targets_of("", done);
  const auto shifted = targets_of(shift_table, done);
  REQUIRE(plain.size() == 6);
  REQUIRE(shifted.size() == plain.size());
  for (std::size_t i = 0; i < plain.size(); ++i) {
    INFO(shifted[i].quantity << " " << shifted[i].site);
    CHECK(shifted[i].quantity == plain[i].quantity);
    CHECK(shifted[i].value == Approx(plain[i].value + kShift_eV).margin(1e-9));
    CHECK_THAT(shifted[i].source,
               Catch::EndsWith("; shifted by +0.2500 eV (BaTiO3-TiO2-k − BaTiO3-TiO2 at hollow-O4_z1.50)"));
  }

  // Bad input: a shift of a system the table does not fit, and one whose calculation is missing.
  std::ofstream(spec_file) << spec_text(
      kD0, R"(["BaTiO3-TiO2"])",
      "[[dft.shift]]\nsystem = \"BaTiO3-BaO\"\nconverged = \"BaTiO3-TiO2-k\"\nconfig = \"hollow-O4_z1.50\"\n");
  CHECK_THROWS_WITH(potentials::read_ionic_fit_spec(spec_file, kPotentialDirs),
                    Catch::Contains(spec_file) && Catch::Contains("system") &&
                        Catch::Contains("not one of this [[dft]]'s systems"));
  done.erase("BaTiO3-TiO2-k/hollow-O4_z1.50");
  CHECK_THROWS_WITH(targets_of(shift_table, done), Catch::Contains("BaTiO3-TiO2-k") &&
                                                       Catch::Contains("hollow-O4_z1.50") &&
                                                       Catch::Contains("needed by a [[dft.shift]]"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("ionic fit: relaxed heights and points of a known Na-O Morse are fitted back to its parameters", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("ionic_fit_z");
  std::ofstream(dir / "spec.toml") << spec_text(kD0, R"(["BaTiO3-TiO2"])",
                                                "quantities = [\"E_bind@z\", \"z_min\"]\nsigma_z_A = 0.02\n");
  const auto spec = potentials::read_ionic_fit_spec((dir / "spec.toml").string(), kPotentialDirs);
  REQUIRE(spec.dft.front().fit_z_min);
  CHECK(spec.dft.front().sigma_z_A == 0.02);
  const PotentialSpec start = potentials::load_potential(spec.potential, kPotentialDirs);
  // The "truth": a Na–O well 6x deeper and 0.5 A shorter than Pedone's, whose hollow-O4 minimum is
  // 0.90 A high: below the 1 A floor the height search once had, where every candidate near the
  // truth failed and the fit stalled (the well of the first test's truth pulls Na to 0.5 A, the
  // floor of the search now).
  const std::vector<double> truth = {0.15, 1.8, 2.5};
  LammpsEngine truth_engine(potentials::with_pair_coeff_parameters(start, spec.parameters, truth));

  // The truth's relaxed heights, from the start heights of the set above: the golden-section
  // height refined to the root of the adatom's z force.
  std::ofstream(dir / "reference.toml") << kBaTiO3Set;
  const auto coarse = read_dft_reference_set(dir / "reference.toml");
  const DftOutcomes coarse_done = model_outcomes(coarse, truth_engine);
  const DftSystem& slab = coarse.systems.back();
  std::map<std::string, double> z_truth_A;
  for (const auto& [site, z_start] : {std::pair<std::string, std::string>{"hollow-O4", "1.50"}, {"top-O", "2.20"}}) {
    const DftOutcome& point = coarse_done.at("BaTiO3-TiO2/" + site + "_z" + z_start);
    const double z_A = relaxed_adatom_height_A(truth_engine, slab, point);
    CHECK(z_A == Approx(relaxed_adatom(truth_engine, slab, point).height_A).margin(1e-4));  // its tolerance
    Structure at_z = point.structure;
    at_z.positions(2, static_cast<Eigen::Index>(at_z.size() - 1)) = slab.top_layer_z_A + z_A;
    CHECK(std::abs(truth_engine.evaluate(at_z).forces_eV_A(2, static_cast<Eigen::Index>(at_z.size() - 1))) < 1e-8);
    z_truth_A[site] = z_A;
  }
  // The "DFT" curves: three heights 0.012 A apart around each relaxed height, so the parabola's
  // minimum (the DFT z_min) is the truth's relaxed height up to the curve's cubic term.
  std::ofstream(dir / "reference.toml") << batio3_set(z_truth_A["hollow-O4"], z_truth_A["top-O"],
                                                      "[0.0, -0.012, 0.012]");
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const std::vector<IonicDftSource> data = {{spec.dft.front(), set, model_outcomes(set, truth_engine)}};
  LammpsEngine start_engine(start);
  const auto targets = ionic_fit_targets(start_engine, start.elements, data);
  REQUIRE(targets.size() == 8);  // the six points, then the two sites' z_min
  for (std::size_t k = 6; k < 8; ++k) {
    const auto& t = targets[k];
    INFO(t.site << " z_min " << t.value << " truth " << z_truth_A[t.site]);
    CHECK(t.quantity == "z_min");
    CHECK(t.unit == "A");
    CHECK(t.sigma == 0.02);
    // The vertex of the parabola through the site's three points (heights z0 - d, z0, z0 + d).
    std::vector<std::pair<double, double>> curve;  // (height, E)
    for (const auto& c : set.systems.back().calculations)
      if (c.site == t.site)
        curve.push_back({c.overlayer_height_A, data.front().done.at("BaTiO3-TiO2/" + c.config).energy_eV});
    REQUIRE(curve.size() == 3);  // z0, z0 - d, z0 + d
    const double d_A = curve[2].first - curve[0].first, e0 = curve[0].second;
    const double e_lo = curve[1].second, e_hi = curve[2].second;
    CHECK(t.value == Approx(curve[0].first + d_A * (e_lo - e_hi) / (2.0 * (e_lo - 2.0 * e0 + e_hi))).margin(1e-9));
    CHECK(t.value == Approx(z_truth_A[t.site]).margin(2e-4));  // off the minimum by the curve's cubic term
    CHECK_THAT(t.source, Catch::Contains("binding curve") && Catch::Contains("BaTiO3-TiO2/" + t.site + "_z*.json"));
  }
  CHECK(targets[6].site == "hollow-O4");
  CHECK(targets[7].site == "top-O");

  // Back to 5e-4: the points are the truth's to rounding, the z_min targets its relaxed heights
  // only to the parabola's 1e-4 A (the points alone give 1e-4, the first test).
  const auto r = fit_back_to_truth(spec, start, data, targets, truth, 5e-4);
  for (const auto& row : r.rows) {
    INFO(row.target.site << " " << row.target.quantity << ": start " << row.start << ", fitted " << row.model
                         << ", target " << row.target.value);
    if (row.target.quantity != "z_min") continue;
    if (row.target.site == "hollow-O4") CHECK(row.start - row.target.value > 0.3);  // Pedone's Na sits 1.29 A high
    CHECK(row.model == Approx(z_truth_A[row.target.site]).margin(1e-4));            // the fit's at the truth's
  }
  // The refit's fidelity states the points in eV and the heights in A, each on its own.
  potentials::write_ionic_refit(spec, r, start.id, dir / "refit", "test");
  const auto meta = potentials::read_potential_metadata((dir / "refit" / "potential.toml").string());
  CHECK_THAT(meta.fidelity, Catch::Contains("refitted to 6 PBE E_bind point(s)") &&
                                Catch::Contains("RMS error 0.000 eV") &&
                                Catch::Contains("; to 2 relaxed adatom height(s) z_min: RMS error 0.000 A (start 0.3"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("ionic fit: an added Na-Ti term of a known truth is fitted back, and written into the refit", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("ionic_fit_added");
  std::ofstream(dir / "reference.toml") << kBaTiO3Set;
  const std::string na_ti = parameter_toml("D0_NaTi", "2 4 morse", 0, 0.001, 3.0) +
                            parameter_toml("alpha_NaTi", "2 4 morse", 1, 0.5, 3.0) +
                            parameter_toml("r0_NaTi", "2 4 morse", 2, 2.0, 4.5);
  std::ofstream(dir / "spec.toml") << spec_toml("batio3-pedone", "add_pair_coeff = [\"2 4 morse 0.05 1.5 3.0\"]\n" + na_ti,
                                                "systems = [\"BaTiO3-TiO2\"]\nsigma = 0.05\n");
  const auto spec = potentials::read_ionic_fit_spec((dir / "spec.toml").string(), kPotentialDirs);
  REQUIRE(spec.added_pair_coeff == std::vector<std::string>{"2 4 morse 0.05 1.5 3.0"});
  CHECK(spec.parameters[0].start == 0.05);  // the added line's numbers are the start
  CHECK(spec.parameters[2].start == 3.0);
  const PotentialSpec start =
      potentials::with_added_terms(potentials::load_potential(spec.potential, kPotentialDirs), spec);
  // Added after the last pair_coeff line of the start (Pedone's has no Na–Ti term).
  const auto added = std::find(start.commands.begin(), start.commands.end(), "pair_coeff 2 4 morse 0.05 1.5 3.0");
  REQUIRE(added != start.commands.end());
  CHECK(std::none_of(added + 1, start.commands.end(),
                     [](const std::string& c) { return c.rfind("pair_coeff ", 0) == 0; }));

  // The "truth": Pedone's model plus a Na–Ti well of 0.3 eV at 2.7 Å.
  const std::vector<double> truth = {0.3, 1.3, 2.7};
  LammpsEngine truth_engine(potentials::with_pair_coeff_parameters(start, spec.parameters, truth));
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const std::vector<IonicDftSource> data = {{spec.dft.front(), set, model_outcomes(set, truth_engine)}};
  LammpsEngine start_engine(start);
  const auto targets = ionic_fit_targets(start_engine, start.elements, data);
  REQUIRE(targets.size() == 6);
  const auto r = fit_back_to_truth(spec, start, data, targets, truth, 1e-4);

  // The refit carries the added term with its fitted numbers in both models and records it.
  potentials::write_ionic_refit(spec, r, start.id, dir / "refit", "test");
  const PotentialSpec refit = potentials::load_potential((dir / "refit" / "potential.toml").string(), kPotentialDirs);
  const std::string fitted_line = potentials::with_pair_coeff_parameters(start, spec.parameters, r.values).commands.at(
      static_cast<std::size_t>(added - start.commands.begin()));
  CHECK_THAT(fitted_line, Catch::StartsWith("pair_coeff 2 4 morse 0.3"));
  CHECK(std::count(refit.commands.begin(), refit.commands.end(), fitted_line) == 1);
  const auto ewald = potentials::load_ewald_reference((dir / "refit" / "potential.toml").string(), kPotentialDirs);
  REQUIRE(ewald);
  CHECK(std::count(ewald->commands.begin(), ewald->commands.end(), fitted_line) == 1);
  const auto meta = potentials::read_potential_metadata((dir / "refit" / "potential.toml").string());
  CHECK_THAT(meta.fidelity, Catch::Contains("plus the pair terms the fit added"));

  // A pair and style the start already has, a style outside its pair_style, a line without numbers.
  const auto refused = [&](const std::string& line, const std::string& message) {
    std::ofstream(dir / "spec.toml") << spec_toml("batio3-pedone", "add_pair_coeff = [\"" + line + "\"]\n" + na_ti,
                                                  "systems = [\"BaTiO3-TiO2\"]\n");
    CHECK_THROWS_WITH(potentials::read_ionic_fit_spec((dir / "spec.toml").string(), kPotentialDirs),
                      Catch::Contains((dir / "spec.toml").string()) && Catch::Contains("add_pair_coeff") &&
                          Catch::Contains(message));
  };
  refused("3 4 morse 0.1 1.5 3.0", "'3 4 morse' is already a pair_coeff line");
  refused("2 4 buck 1000.0 0.3 0.0", "style 'buck' is not in the start's pair_style");
  refused("2 4 morse", "expected \"i j style numbers...\"");
  std::filesystem::remove_all(dir);
}

TEST_CASE("ionic fit: an added bond-order Na-O term of a known truth is fitted back from adatom and film points",
          "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("ionic_fit_bond_order");
  std::ofstream(dir / "reference.toml") << kBaTiO3Set << kBaTiO3FilmSystem;
  // A Na–O bond that the Na's own Na neighbours weaken: the adatom points fix its strength, the film
  // points (Na–Na 3.64 A in the layer, inside r_on) how fast it saturates.
  const std::string added = R"(add_pair_style = ["nabridge/morse/bondorder 5.5"]
add_pair_coeff = ["4 4 nabridge/morse/bondorder 1.0 2 4.0 4.6", "3 4 nabridge/morse/bondorder 0.3 1.5 2.4"]
form = "Pedone + a saturating Na-O bond"
known_limits = ["b(N) between 0 and 6 is assumed"]
)" + parameter_toml("D0_bo", "3 4 nabridge/morse/bondorder", 0, 0.01, 3.0) +
                              parameter_toml("beta", "4 4 nabridge/morse/bondorder", 0, 0.01, 10.0);
  std::ofstream(dir / "spec.toml") << spec_toml("batio3-pedone", added,
                                                "systems = [\"BaTiO3-TiO2\", \"BaTiO3-TiO2-NaFilm\"]\n"
                                                "sigma = 0.05\nsigma_W_J_m2 = 0.02\n");
  const auto spec = potentials::read_ionic_fit_spec((dir / "spec.toml").string(), kPotentialDirs);
  REQUIRE(spec.added_pair_styles == std::vector<std::string>{"nabridge/morse/bondorder 5.5"});
  const PotentialSpec start =
      potentials::with_added_terms(potentials::load_potential(spec.potential, kPotentialDirs), spec);
  const std::string pedone_style = "pair_style hybrid/overlay coul/dsf 0.3 12.0 morse 5.5 mie/cut 5.5 eim";
  CHECK(std::count(start.commands.begin(), start.commands.end(), pedone_style + " nabridge/morse/bondorder 5.5") == 1);

  const std::vector<double> truth = {0.5, 3.0};
  LammpsEngine truth_engine(potentials::with_pair_coeff_parameters(start, spec.parameters, truth));
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const std::vector<IonicDftSource> data = {{spec.dft.front(), set, model_outcomes(set, truth_engine)}};
  LammpsEngine start_engine(start);
  const auto targets = ionic_fit_targets(start_engine, start.elements, data);
  REQUIRE(targets.size() == 9);  // six adatom points, three film heights
  const auto r = fit_back_to_truth(spec, start, data, targets, truth, 1e-4);

  // The refit is a complete potential: its pair_style carries the sub-style, and it gives the
  // truth's energy on the film at 2.2 A.
  potentials::write_ionic_refit(spec, r, start.id, dir / "refit", "test");
  const PotentialSpec refit = potentials::load_potential((dir / "refit" / "potential.toml").string(), kPotentialDirs);
  const Structure& film = set.systems.back().calculations.at(2).structure;
  CHECK(LammpsEngine(refit).energy(film) == Approx(truth_engine.energy(film)).epsilon(1e-9));
  const auto ewald = potentials::load_ewald_reference((dir / "refit" / "potential.toml").string(), kPotentialDirs);
  REQUIRE(ewald);
  CHECK(std::any_of(ewald->commands.begin(), ewald->commands.end(), [](const std::string& c) {
    return c.rfind("pair_style hybrid/overlay coul/long", 0) == 0 &&
           c.find(" nabridge/morse/bondorder 5.5") != std::string::npos;
  }));
  const auto meta = potentials::read_potential_metadata((dir / "refit" / "potential.toml").string());
  CHECK_THAT(meta.fidelity, Catch::Contains("with the sub-style(s) nabridge/morse/bondorder"));
  CHECK(meta.known_limits == std::vector<std::string>{"b(N) between 0 and 6 is assumed"});  // not the start's
  CHECK(toml::parse_file((dir / "refit" / "potential.toml").string())["metadata"]["form"].value<std::string>() ==
        "Pedone + a saturating Na-O bond");

  // A start whose pair_style is not hybrid/overlay, and a sub-style the start already has.
  const auto refused = [&](const std::string& potential, const std::string& style, const std::string& message) {
    std::ofstream(dir / "spec.toml") << spec_toml(potential, "add_pair_style = [\"" + style + "\"]\n" + kD0,
                                                  "systems = [\"BaTiO3-TiO2\"]\n");
    CHECK_THROWS_WITH(potentials::read_ionic_fit_spec((dir / "spec.toml").string(), kPotentialDirs),
                      Catch::Contains((dir / "spec.toml").string()) && Catch::Contains("add_pair_style") &&
                          Catch::Contains(message));
  };
  refused("nai-tosifumi", "nabridge/morse/bondorder 5.5",
          "the start's pair_style 'born/coul/dsf 0.25 12.0 12.0' is not hybrid/overlay");
  refused("batio3-pedone", "morse 6.0", "'morse' is already in the start's pair_style");
  std::filesystem::remove_all(dir);
}

TEST_CASE("ionic fit: a core-shell start potential is evaluated on ShellEngine", "[dft][shell]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  const auto dir = test::scratch_dir("ionic_fit_shell");
  std::ofstream(dir / "reference.toml") << batio3_set(1.50, 2.20, "[0.0]");
  // batio3-vielma's Na–O shell Buckingham A (types 6 O shell, 7 Na).
  std::ofstream(dir / "spec.toml") << spec_toml("batio3-vielma", R"([[parameter]]
name = "A_NaO"
pair = "6 7 buck/coul/long/cs"
index = 0
range = [100.0, 2000.0]
)",
                                                "systems = [\"BaTiO3-TiO2\"]\n");
  const auto spec = potentials::read_ionic_fit_spec((dir / "spec.toml").string(), kPotentialDirs);
  const PotentialSpec start = potentials::load_potential(spec.potential, kPotentialDirs);
  CHECK(spec.parameters.front().start == 468.002);
  const auto engine = periodic_engine_for(start);
  REQUIRE(dynamic_cast<ShellEngine*>(engine.get()) != nullptr);
  // The "DFT" points are the model's own on the same engine: the evaluation gives them back.
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const std::vector<IonicDftSource> data = {{spec.dft.front(), set, model_outcomes(set, *engine)}};
  const auto targets = ionic_fit_targets(*engine, start.elements, data);
  REQUIRE(targets.size() == 2);
  const auto values = ionic_model_values(data, targets, periodic_engine_for)(start);
  REQUIRE(values.size() == 2);
  for (std::size_t k = 0; k < 2; ++k) CHECK(values[k] == Approx(targets[k].value).margin(1e-5));
  std::filesystem::remove_all(dir);
}
