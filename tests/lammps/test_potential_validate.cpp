// The shipped Na-Al-Cu-Au potential through LAMMPS: agrees with the analytic evaluator it was
// fitted with; validation shows lattice constants within 1 % and cohesive energies within 5 %
// of experiment; the `nabridge potential` CLI writes its tables and reports bad ids.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>

#include "engine/lammps_engine.h"
#include "potentials/eam_engine.h"
#include "potentials/potential_library.h"
#include "potentials/recipe.h"
#include "potentials/validation.h"
#include "structure/prototypes.h"
#include "structure/slab.h"
#include "subprocess.h"

using namespace nabridge;
using namespace nabridge::potentials;

namespace {
const std::string kPotentials = std::string(NABRIDGE_SOURCE_DIR) + "/potentials";
const std::string kId = "nabridge-eam-NaAlCuAu";
}  // namespace

TEST_CASE("Shipped NaAlCuAu setfl in LAMMPS matches the analytic model of its recipe", "[lammps][potentials]") {
  const ZhouAlloyModel model = recipe_model(read_recipe(kPotentials + "/" + kId + "/recipe.toml"));
  EamEngine analytic(model);
  LammpsEngine lmp(load_potential(kId, {kPotentials}));
  // A mixed cell of all four elements near Na's density, jiggled.
  Structure s = repeat(bulk_bcc("Na", 4.1), 2, 2, 2);
  const char* els[] = {"Na", "Al", "Cu", "Au"};
  for (std::size_t i = 0; i < s.size(); ++i) s.species[i] = els[i % 4];
  std::mt19937 rng(5);
  std::normal_distribution<double> g(0.0, 0.08);
  for (Eigen::Index i = 0; i < s.positions.cols(); ++i)
    for (int d = 0; d < 3; ++d) s.positions(d, i) += g(rng);
  const Evaluation a = analytic.evaluate(s), l = lmp.evaluate(s);
  INFO("analytic " << a.energy_eV << " LAMMPS " << l.energy_eV);
  // Pure elements at and around their equilibrium lattice constants: the tabulated file gives
  // the analytic form's energies to 1e-6 eV/atom.
  const std::pair<const char*, double> lattices[] = {{"Na", 4.225}, {"Al", 4.05}, {"Cu", 3.615}, {"Au", 4.08}};
  for (const auto& [el, a0] : lattices) {
    LammpsEngine pure(load_potential(kId, {kPotentials}, {el}));
    for (double f : {0.97, 1.0, 1.03}) {
      const Structure b = repeat(std::string(el) == "Na" ? bulk_bcc(el, a0 * f) : bulk_fcc(el, a0 * f), 2, 2, 2);
      const double d = std::abs(pure.energy(b) - analytic.energy(b)) / static_cast<double>(b.size());
      INFO(el << " a = " << a0 * f << ": |dE| = " << d << " eV/atom");
      CHECK(d < 1e-6);
    }
  }
  CHECK(std::abs(a.energy_eV - l.energy_eV) / static_cast<double>(s.size()) < 1e-5);
  CHECK((a.forces_eV_A - l.forces_eV_A).cwiseAbs().maxCoeff() < 2e-3);
}

TEST_CASE("Validation of nabridge-eam-NaAlCuAu: lattice constants within 1 %, cohesive energies within 5 %",
          "[lammps][potentials]") {
  const EngineFactory lammps = [](const PotentialSpec& p) { return std::unique_ptr<Engine>(new LammpsEngine(p)); };
  const auto rows = validate_potential(validation_subject(find_potential(kId, {kPotentials}), {kPotentials}), lammps);
  int lattice = 0, cohesive = 0, cross = 0;
  for (const auto& r : rows) {
    INFO(r.system << " " << r.property << " " << r.model << " vs " << r.reference_text);
    if (r.property == "lattice constant a0") {
      ++lattice;
      CHECK(std::abs(r.model / *r.reference - 1) < 0.01);
    }
    if (r.property == "cohesive energy Ec") {
      ++cohesive;
      CHECK(std::abs(r.model / *r.reference - 1) < 0.05);
    }
    if (r.property.find("surface energy") == 0) CHECK(r.model > 0.1);
    if (r.property.find("fit target") != std::string::npos) ++cross;
    // The phase-diagram facts the fit holds near-hard (bounds 0.1 eV and 0.05 eV/atom at
    // sigma 0.005, met to within 0.011): Na dissolves in neither metal, no Na-Al or Na-Cu compound.
    if (r.system == "Na in Al" || r.system == "Na in Cu") CHECK(r.model > 0.09);
    if ((r.system == "NaCu (B2)" || r.system == "NaAl (B2)") && r.property.rfind("formation_energy", 0) == 0)
      CHECK(r.model > 0.03);
  }
  CHECK(lattice == 4);
  CHECK(cohesive == 4);
  CHECK(cross == 6);  // the [[target]] rows; the DFT targets are checked by dft-validate
}

TEST_CASE("nabridge potential validate/show: tables on disk, clear errors", "[lammps][potentials][cli]") {
  const auto dir = testing::scratch_dir("potential_cli");
  const auto ok = testing::run_process(
      {testing::nabridge_exe(), "potential", "validate", kId, "--elements", "Na", "--out", dir.string()});
  INFO(ok.output);
  CHECK(ok.status == 0);
  CHECK(std::filesystem::exists(dir / "validation.md"));
  CHECK(std::filesystem::exists(dir / "validation.csv"));
  CHECK(ok.output.find("| Na | lattice constant a0 | Å | 4.225") != std::string::npos);
  const auto bad = testing::run_process({testing::nabridge_exe(), "potential", "show", "no-such-id"});
  CHECK(bad.status == 1);
  CHECK(bad.output.find("potential 'no-such-id' not found") != std::string::npos);
  const auto miss = testing::run_process({testing::nabridge_exe(), "potential", "show", kId, "--elements", "Na", "Fe"});
  CHECK(miss.status == 1);
  CHECK(miss.output.find("no element 'Fe'") != std::string::npos);
  const auto fit = testing::run_process(
      {testing::nabridge_exe(), "potential", "fit-element", "/nonexistent.toml", "--out", "x.toml"});
  CHECK(fit.status != 0);
  // Any potential a user names, validated the same way (Debian's Zhou 2001 Cu).
  const auto user = testing::run_process({testing::nabridge_exe(), "potential", "validate", "--pair-style", "eam/alloy",
                                          "--pair-coeff", "* * /usr/share/lammps/potentials/Cu_zhou.eam.alloy Cu",
                                          "--elements", "Cu", "--out", (dir / "user").string()});
  INFO(user.output);
  CHECK(user.status == 0);
  CHECK(user.output.find("| Cu | cohesive energy Ec | eV/atom | 3.54") != std::string::npos);
  // A file LAMMPS rejects: LAMMPS's own ERROR line and the command naming the file reach the user
  // (Debian's LAMMPS prints "Last command:" before it exits; with an upstream LAMMPS, which
  // throws, lammps_compat::run_command adds it to the error message).
  testing::write_file(dir / "junk.eam.alloy", "not a potential file\n");
  const auto rejected = testing::run_process(
      {testing::nabridge_exe(), "potential", "validate", "--pair-style", "eam/alloy", "--pair-coeff",
       "* * " + (dir / "junk.eam.alloy").string() + " Cu", "--elements", "Cu", "--out", (dir / "rejected").string()});
  INFO(rejected.output);
  CHECK(rejected.status != 0);
  CHECK(rejected.output.find("LAMMPS: ERROR") != std::string::npos);
  CHECK(rejected.output.find("Last command: pair_coeff * * " + (dir / "junk.eam.alloy").string() + " Cu") !=
        std::string::npos);
  // An ionic potential's metals (named elements) and a model without [metadata.validation]:
  // test_ionic_validate_cli.cpp.
}
