// `nabridge potential fit-ionic` (potentials/ionic_fit.h, workflow/ionic_fit_targets.h): "DFT"
// points made by batio3-pedone with known Na–O Morse parameters must be fitted back to those
// parameters from Pedone's; a spec naming a pair_coeff line, a number or a system that does not
// exist is one error naming the spec's file and key.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "dft_test_sets.h"
#include "engine/lammps_engine.h"
#include "potentials/ionic_fit.h"
#include "potentials/ionic_fit_potential.h"
#include "potentials/potential_library.h"
#include "protocols/isolated_atom.h"
#include "workflow/dft_reference.h"
#include "workflow/ionic_fit_targets.h"

using namespace nabridge;
using namespace nabridge::workflow;

namespace {

const std::vector<std::string> kPotentialDirs = {NABRIDGE_SOURCE_DIR "/potentials"};

// Na on the TiO2-terminated BaTiO3(001) slab of the reference set (2x2, 3 layers), two sites at
// three heights each; the Na atom and bcc Na as references.
const std::string kBaTiO3Set = R"([settings.basis]
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
prototype = "perovskite"
elements = ["Ba", "Ti", "O"]
a_A = 4.03
facet = "001"
termination = "TiO2"
layers = 3
repeat = [2, 2]
adsorbate = "Na"
site_height_A = { "hollow-O4" = 1.50, "top-O" = 2.20 }
scan_offsets_A = [0.0, -0.3, 0.3]
sites = ["hollow-O4", "top-O"]
atom_reference = "atom"
bulk_reference = "bulk"
)";

// The spec of the tests: Pedone's Na–O Morse free, no priors; `parameter_lines` replaces the
// D0 block, `systems` the [[dft]] systems.
std::string spec_text(const std::string& d0_block, const std::string& systems) {
  return R"(potential = "batio3-pedone"
id = "batio3-pedone-test"
title = "test refit"
)" + d0_block +
         R"(
[[parameter]]
name = "alpha"
pair = "3 4 morse"
index = 1
range = [0.8, 3.0]
[[parameter]]
name = "r0"
pair = "3 4 morse"
index = 2
range = [1.8, 3.5]
[[dft]]
set = "reference.toml"
systems = )" +
         systems + R"(
sigma = 0.05
)";
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

  const EngineFactory factory = [](const PotentialSpec& p) { return std::make_unique<LammpsEngine>(p); };
  const auto r = potentials::fit_ionic(spec, start, targets, ionic_model_values(data, targets, factory));
  CHECK(r.converged);
  CHECK(r.outside_range.empty());
  REQUIRE(r.values.size() == 3);
  for (std::size_t k = 0; k < 3; ++k) CHECK(r.values[k] == Approx(truth[k]).epsilon(1e-4));
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

TEST_CASE("ionic fit: a spec naming a missing pair_coeff line, number or system is one error naming file and key",
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
