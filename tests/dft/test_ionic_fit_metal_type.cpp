// `nabridge potential fit-ionic` with a potential that has metallic Na as a type of its own
// (nai-eim-nadft's start, "Na:metal"): the reference cells' adatoms and film are that type
// (workflow/dft_species.h), so "DFT" points made by the start with known bond-order terms must be
// fitted back to them, and the points differ from those of the same cells read as lattice Na.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "dft_test_sets.h"
#include "engine/lammps_engine.h"
#include "potentials/ionic_fit.h"
#include "potentials/potential_library.h"
#include "protocols/isolated_atom.h"
#include "workflow/dft_reference.h"
#include "workflow/dft_species.h"
#include "workflow/ionic_fit_targets.h"

using namespace nabridge;
using namespace nabridge::workflow;

namespace {

const std::vector<std::string> kPotentialDirs = {NABRIDGE_SOURCE_DIR "/potentials"};

// The NaI(100) slab of the reference set (3 layers at the PBE lattice constant), a Na atom over
// two of its sites at three heights, and a Na(110) layer over it at three gaps.
const std::string kNaISet = std::string(test::kNaIBasisAndPotentials) + test::kNaReferences + R"([[system]]
name = "NaI100"
kind = "adsorption"
prototype = "rocksalt"
elements = ["Na", "I"]
a_A = 6.57
facet = "100"
layers = 3
repeat = [2, 2]
adsorbate = "Na"
site_height_A = { "top-I" = 3.10, "hollow-I2Na2" = 2.70 }
scan_offsets_A = [0.0, -0.3, 0.3]
sites = ["top-I", "hollow-I2Na2"]
atom_reference = "atom"
bulk_reference = "bulk"
[[system]]
name = "NaI100-NaFilm"
kind = "film"
prototype = "rocksalt"
elements = ["Na", "I"]
a_A = 6.57
facet = "100"
layers = 3
vacuum_A = 15.0
film_prototype = "bcc"
film_elements = ["Na"]
film_a_A = 4.20
film_facet = "110"
film_layers = 1
max_atoms = 80
gap_A = 3.0
scan_offsets_A = [0.0, -0.3, 0.3]
)";

// Every calculation of the set "computed" with `engine` on the cells as the potential sees them
// (`elements`: its species), the atom as its isolated metallic atom.
DftOutcomes model_outcomes(const DftReferenceSet& set, Engine& engine, const std::vector<std::string>& elements) {
  DftOutcomes cells;
  for (const auto& sys : set.systems)
    for (const auto& c : sys.calculations) cells[sys.name + "/" + c.config] = {0.0, c.structure};
  DftOutcomes done = with_metal_species(set, cells, elements);
  for (auto& [key, o] : done)
    o.energy_eV = key == "atom/atom" ? isolated_atom_energy_eV(engine, o.structure.species.front())
                                     : engine.energy(o.structure);
  return done;
}

}  // namespace

TEST_CASE("ionic fit: the metallic Na type's bond to the iodide is fitted back from atom and layer points",
          "[dft][species]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("ionic_fit_metal_type");
  std::ofstream(dir / "reference.toml") << kNaISet;
  std::ofstream(dir / "spec.toml")
      << "potential = \"" NABRIDGE_SOURCE_DIR "/data/potentials/nai-eim-metal-start/potential.toml\"\n"
         "id = \"nai-test\"\ntitle = \"test refit\"\n"
         "[[parameter]]\nname = \"D0\"\npair = \"2 3 nabridge/morse/bondorder\"\nindex = 0\nrange = [0.001, 2.0]\n"
         "[[parameter]]\nname = \"alpha\"\npair = \"2 3 nabridge/morse/bondorder\"\nindex = 1\nrange = [0.3, 4.0]\n"
         "[[parameter]]\nname = \"beta\"\npair = \"3 3 nabridge/morse/bondorder\"\nindex = 0\nrange = [0.01, 50.0]\n"
         "[[dft]]\nset = \"reference.toml\"\nsystems = [\"NaI100\", \"NaI100-NaFilm\"]\nsigma = 0.03\n"
         "sigma_W_J_m2 = 0.03\n";
  const auto spec = potentials::read_ionic_fit_spec((dir / "spec.toml").string(), kPotentialDirs);
  const PotentialSpec start = potentials::load_potential(spec.potential, kPotentialDirs);
  REQUIRE(start.elements == std::vector<std::string>{"Na", "I", "Na:metal"});
  const std::vector<double> truth = {0.09, 1.4, 4.0};  // b(6) = 0.20: the layer holds a fifth of the bond
  const PotentialSpec truth_spec = potentials::with_pair_coeff_parameters(start, spec.parameters, truth);
  LammpsEngine truth_engine(truth_spec);
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const DftOutcomes done = model_outcomes(set, truth_engine, start.elements);

  // The cells' adatom and film are the metallic type: read as lattice Na (the EIM cation) the
  // same cell has another energy, by far.
  const Structure& adsorbed = done.at("NaI100/top-I_z3.10").structure;
  REQUIRE(adsorbed.species.back() == "Na:metal");
  Structure as_cation = adsorbed;
  as_cation.species.back() = "Na";
  CHECK(std::abs(truth_engine.energy(as_cation) - truth_engine.energy(adsorbed)) > 0.5);

  const std::vector<IonicDftSource> data = {{spec.dft.front(), set, done}};
  LammpsEngine start_engine(start);
  const auto targets = ionic_fit_targets(start_engine, start.elements, data);
  REQUIRE(targets.size() == 9);  // six atom points, three layer heights
  const EngineFactory factory = [](const PotentialSpec& p) { return std::make_unique<LammpsEngine>(p); };
  const auto r = potentials::fit_ionic(spec, start, targets, ionic_model_values(data, targets, factory));
  CHECK(r.converged);
  REQUIRE(r.values.size() == truth.size());
  for (std::size_t k = 0; k < truth.size(); ++k) CHECK(r.values[k] == Approx(truth[k]).epsilon(1e-4));
  std::filesystem::remove_all(dir);
}
