// [metadata.validation] and [metadata.ewald_reference] of the ionic potentials, read by the one
// reader of potential.toml (potentials/potential_library.h): what `nabridge potential validate`
// dispatches on, and the Ewald twin the DSF models are checked against; bad settings name file and key.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "potentials/potential_library.h"

using namespace nabridge;
using namespace nabridge::potentials;
namespace fs = std::filesystem;

namespace {
const std::string kPotentials = std::string(NABRIDGE_SOURCE_DIR) + "/potentials";

std::string write_potential(const std::string& name, const std::string& validation) {
  const auto dir = fs::path(NABRIDGE_BINARY_DIR) / "test-scratch" / "compound_validation" / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  std::ofstream(dir / "potential.toml")
      << "elements = [\"Na\", \"I\"]\npair_style = \"born/coul/dsf 0.25 12.0\"\n"
         "pair_coeff = [\"* * 0.2 0.3 3.0 0.0 0.0\"]\ncharges = { Na = 1.0, I = -1.0 }\n"
         "[metadata]\nid = \""
      << name << "\"\n[metadata.validation]\n"
      << validation;
  return (dir / "potential.toml").string();
}
}  // namespace

TEST_CASE("Ionic potentials: [metadata.validation] names the host, metals have none", "[potentials][library][ionic]") {
  const std::map<std::string, std::pair<std::string, std::string>> hosts{{"nai-tosifumi", {"rocksalt", "formal"}},
                                                                         {"nai-eim", {"rocksalt", "eim"}},
                                                                         {"batio3-pedone", {"perovskite", "fixed"}},
                                                                         {"al2o3-pedone", {"corundum", "fixed"}}};
  for (const auto& [id, host] : hosts) {
    INFO(id);
    const PotentialMetadata m = read_potential_metadata(find_potential(id, {kPotentials}));
    REQUIRE(m.compound_validation);
    CHECK(m.compound_validation->host == host.first);
    CHECK(m.compound_validation->na_charge == host.second);
    CHECK(fs::exists(m.compound_validation->reference_data));
    CHECK(!m.compound_validation->intro.empty());
  }
  CHECK(read_potential_metadata(find_potential("al2o3-pedone", {kPotentials})).compound_validation->c_guess_A ==
        12.991);
  CHECK(!read_potential_metadata(find_potential("nabridge-eam-NaAlCuAu", {kPotentials})).compound_validation);
}

TEST_CASE("Ionic potentials: the Ewald twin of a DSF model", "[potentials][library][ionic]") {
  const auto ewald = load_ewald_reference("nai-tosifumi", {kPotentials});
  REQUIRE(ewald);
  CHECK(ewald->id == "nai-tosifumi+ewald");
  CHECK(ewald->elements == std::vector<std::string>{"Na", "I"});
  CHECK(ewald->charges_e.at("I") == -1.0);
  REQUIRE(ewald->commands.size() == 6);
  CHECK(ewald->commands.front() == "pair_style born/coul/long 12.0 12.0");
  CHECK(ewald->commands.back() == "kspace_style ewald 1.0e-10");
  const auto bto = load_ewald_reference("batio3-pedone", {kPotentials});
  REQUIRE(bto);
  CHECK(bto->commands.at(10) == "pair_coeff * * eim Na /usr/share/lammps/potentials/ffield.eim NULL NULL NULL Na");
  CHECK(!load_ewald_reference("nai-eim", {kPotentials}));  // EIM: no long-range Coulomb
}

TEST_CASE("Ionic potentials: bad [metadata.validation] names file and key", "[potentials][library][ionic]") {
  const std::string ok =
      "host_elements = [\"Na\", \"I\"]\nna_charge = \"formal\"\n"
      "reference_data = \"ref.toml\"\nreference_entries = \"nai\"\na_guess_A = 6.4\nintro = \"x\"\n";
  CHECK(read_potential_metadata(write_potential("good", "host = \"rocksalt\"\n" + ok)).compound_validation->host ==
        "rocksalt");
  CHECK_THROWS_WITH(read_potential_metadata(write_potential("fluorite", "host = \"fluorite\"\n" + ok)),
                    Catch::Contains("potential.toml:") && Catch::Contains("metadata.validation.host") &&
                        Catch::Contains("'fluorite' is not one of rocksalt, perovskite, corundum"));
  CHECK_THROWS_WITH(read_potential_metadata(write_potential("three", "host = \"perovskite\"\n" + ok)),
                    Catch::Contains("metadata.validation.host_elements") &&
                        Catch::Contains("a perovskite host has 3 elements, not 2"));
  CHECK_THROWS_WITH(
      read_potential_metadata(write_potential("typo", "host = \"rocksalt\"\nna_charges = \"eim\"\n" + ok)),
      Catch::Contains("na_charges"));
  CHECK_THROWS_WITH(read_potential_metadata(write_potential("c", "host = \"rocksalt\"\nc_guess_A = 1.0\n" + ok)),
                    Catch::Contains("metadata.validation.c_guess_A") && Catch::Contains("only a corundum host"));
}
