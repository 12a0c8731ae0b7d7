// Potential ids, metadata and user-given potentials -> PotentialSpec; bad input names file and entry;
// the shipped NaAlCuAu setfl is exactly what its recipe generates.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "potentials/potential_library.h"
#include "potentials/recipe.h"
#include "potentials/setfl.h"

using namespace nabridge;
using namespace nabridge::potentials;
namespace fs = std::filesystem;

namespace {
const std::string kPotentials = std::string(NABRIDGE_SOURCE_DIR) + "/potentials";

fs::path scratch(const std::string& name) {
  auto dir = fs::path(NABRIDGE_BINARY_DIR) / "test-scratch" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

std::string write(const fs::path& p, const std::string& text) {
  fs::create_directories(p.parent_path());
  std::ofstream(p) << text;
  return p.string();
}
}  // namespace

TEST_CASE("Shipped potential by id: exact LAMMPS lines for an element subset", "[potentials][library]") {
  const PotentialSpec all = load_potential("nabridge-eam-NaAlCuAu", {kPotentials});
  CHECK(all.elements == std::vector<std::string>{"Na", "Al", "Cu", "Au"});
  const PotentialSpec s = load_potential("nabridge-eam-NaAlCuAu", {kPotentials}, {"Au", "Na"});
  REQUIRE(s.commands.size() == 2);
  CHECK(s.commands[0] == "pair_style eam/alloy");
  const std::string file = (fs::path(kPotentials) / "nabridge-eam-NaAlCuAu" / "NaAlCuAu.eam.alloy").lexically_normal().string();
  CHECK(s.commands[1] == "pair_coeff * * " + file + " Au Na");
  CHECK(s.files == std::vector<std::string>{file});
  CHECK(s.elements == std::vector<std::string>{"Au", "Na"});
  // By metadata path, and via the defaults (source tree's potentials/).
  CHECK(load_potential(kPotentials + "/nabridge-eam-NaAlCuAu/potential.toml", {}).id == "nabridge-eam-NaAlCuAu");
  CHECK(load_potential("nabridge-eam-NaAlCuAu", default_potential_search_dirs()).id == "nabridge-eam-NaAlCuAu");
  CHECK(list_potentials({kPotentials}) == std::vector<std::string>{"nabridge-eam-NaAlCuAu"});

  const PotentialMetadata m = read_potential_metadata(kPotentials + "/nabridge-eam-NaAlCuAu/potential.toml");
  CHECK(m.fidelity == "C");
  CHECK(!m.known_limits.empty());
  CHECK(m.sources.front().doi == "10.1103/PhysRevB.69.144113");
  CHECK(fs::exists(m.reference_data));
  CHECK(fs::exists(m.cross_fit_spec));
}

TEST_CASE("Bad potential input: unknown id, missing element, unparsable metadata", "[potentials][library]") {
  CHECK_THROWS_WITH(load_potential("no-such-potential", {kPotentials}),
                    Catch::Contains("'no-such-potential' not found") && Catch::Contains(kPotentials) &&
                        Catch::Contains("nabridge-eam-NaAlCuAu"));
  CHECK_THROWS_WITH(load_potential("nabridge-eam-NaAlCuAu", {kPotentials}, {"Na", "Fe"}),
                    Catch::Contains("potential.toml") && Catch::Contains("no element 'Fe'") && Catch::Contains("Na Al Cu Au"));
  const auto dir = scratch("potential_library");
  write(dir / "broken" / "potential.toml", "id = \"broken\"\nelements = [\"Na\"\n");
  CHECK_THROWS_WITH(load_potential((dir / "broken" / "potential.toml").string(), {}), Catch::Contains("broken/potential.toml:"));
  write(dir / "nostyle" / "potential.toml", "id = \"nostyle\"\nelements = [\"Na\"]\npair_coeff = [\"* *\"]\n");
  CHECK_THROWS_WITH(load_potential("nostyle", {dir.string()}), Catch::Contains("nostyle/potential.toml") && Catch::Contains("pair_style: missing"));
  write(dir / "badel" / "potential.toml", "id = \"badel\"\nelements = [\"Xx\"]\npair_style = \"zero 5\"\npair_coeff = \"* *\"\n");
  CHECK_THROWS_WITH(load_potential("badel", {dir.string()}), Catch::Contains("badel/potential.toml") && Catch::Contains("'Xx'"));
  write(dir / "nofile" / "potential.toml",
        "id = \"nofile\"\nelements = [\"Na\"]\npair_style = \"eam/alloy\"\npair_coeff = \"* * {dir}/x.eam.alloy {elements}\"\nfiles = [\"x.eam.alloy\"]\n");
  CHECK_THROWS_WITH(load_potential("nofile", {dir.string()}), Catch::Contains("nofile/potential.toml: files") && Catch::Contains("does not exist"));
  // A directory name other than the id is found through the id inside.
  write(dir / "other-name" / "potential.toml", "id = \"lj-na\"\nelements = [\"Na\"]\npair_style = \"lj/cut 8.0\"\npair_coeff = \"* * 0.1 3.3\"\n");
  const PotentialSpec lj = load_potential("lj-na", {dir.string()});
  CHECK(lj.commands == std::vector<std::string>{"pair_style lj/cut 8.0", "pair_coeff * * 0.1 3.3"});
}

TEST_CASE("Any potential a user names: pair_style/pair_coeff lines, KIM ids, TOML tables", "[potentials][library]") {
  const PotentialSpec u = potential_from_lines("eam/alloy", {"* * /usr/share/lammps/potentials/Al_zhou.eam.alloy Al"}, {"Al"});
  CHECK(u.commands == std::vector<std::string>{"pair_style eam/alloy", "pair_coeff * * /usr/share/lammps/potentials/Al_zhou.eam.alloy Al"});
  const PotentialSpec k = potential_from_kim("EAM_Dynamo_ZhouJohnsonWadley_2004_Al__MO_131650261510_005", {"Al"});
  CHECK(k.commands == std::vector<std::string>{"pair_style kim EAM_Dynamo_ZhouJohnsonWadley_2004_Al__MO_131650261510_005", "pair_coeff * * Al"});
  CHECK_THROWS_WITH(potential_from_kim("bad id", {"Al"}), Catch::Contains("'bad id'"));
  CHECK_THROWS_WITH(potential_from_lines("lj/cut 5", {}, {"Na"}), Catch::Contains("pair_coeff"));
  CHECK_THROWS_WITH(potential_from_lines("lj/cut 5", {"* * 1 1"}, {}), Catch::Contains("'elements' is empty"));
  CHECK_THROWS_WITH(potential_from_lines("eam", {"* * f"}, {"Na"}, {"/no/such/file"}), Catch::Contains("'/no/such/file'"));

  const auto dir = scratch("potential_table");
  const std::string f = write(dir / "campaign.toml",
                              "[a]\nid = \"nabridge-eam-NaAlCuAu\"\nelements = [\"Na\", \"Cu\"]\n"
                              "[b]\nkim = \"SomeModel__MO_000000000000_000\"\nelements = [\"Na\"]\n"
                              "[c]\npair_style = \"morse 9.0\"\npair_coeff = [\"1 1 0.06 0.59 5.3\"]\nelements = [\"Na\"]\n"
                              "[d]\nkim = \"x\"\npair_style = \"y\"\nelements = [\"Na\"]\n"
                              "[e]\nid = \"nabridge-eam-NaAlCuAu\"\nelements = [\"Fe\"]\n");
  const toml::table doc = toml::parse_file(f);
  CHECK(potential_from_table(*doc["a"].as_table(), f, "a", {kPotentials}).elements == std::vector<std::string>{"Na", "Cu"});
  CHECK(potential_from_table(*doc["b"].as_table(), f, "b", {}).commands[0] == "pair_style kim SomeModel__MO_000000000000_000");
  CHECK(potential_from_table(*doc["c"].as_table(), f, "c", {}).commands[1] == "pair_coeff 1 1 0.06 0.59 5.3");
  CHECK_THROWS_WITH(potential_from_table(*doc["d"].as_table(), f, "d", {}), Catch::Contains("campaign.toml: d: give exactly one"));
  CHECK_THROWS_WITH(potential_from_table(*doc["e"].as_table(), f, "e", {kPotentials}), Catch::Contains("no element 'Fe'"));
}

TEST_CASE("The shipped NaAlCuAu setfl is what its recipe generates from the committed parameters", "[potentials][library]") {
  const auto dir = scratch("regenerate_NaAlCuAu");
  const Recipe r = read_recipe(kPotentials + "/nabridge-eam-NaAlCuAu/recipe.toml");
  const std::string mine = generate_potential(r, dir.string(), "test");
  const Setfl a = read_setfl(mine), b = read_setfl(kPotentials + "/nabridge-eam-NaAlCuAu/NaAlCuAu.eam.alloy");
  REQUIRE(a.elements.size() == b.elements.size());
  CHECK(a.grid.nr == b.grid.nr);
  CHECK(a.grid.nrho == b.grid.nrho);
  auto diff = [](const std::vector<double>& x, const std::vector<double>& y) {
    double d = 0;
    for (std::size_t k = 0; k < x.size(); ++k) d = std::max(d, std::abs(x[k] - y[k]) / (1.0 + std::abs(y[k])));
    return d;
  };
  for (std::size_t i = 0; i < a.elements.size(); ++i) {
    CHECK(a.elements[i].symbol == b.elements[i].symbol);
    CHECK(diff(a.elements[i].F, b.elements[i].F) < 1e-11);
    CHECK(diff(a.elements[i].rho, b.elements[i].rho) < 1e-11);
  }
  for (std::size_t k = 0; k < a.z2r.size(); ++k) CHECK(diff(a.z2r[k], b.z2r[k]) < 1e-11);
  CHECK(b.comments[0].find("PRB 69, 144113") != std::string::npos);  // provenance header
}
