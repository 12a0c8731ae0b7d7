// The shipped ionic potentials used from a campaign by id ([potentials.X] id = "..."): the
// workflow's campaign reader turns them into the same PotentialSpec (elements, exact LAMMPS lines
// with ${lammps_potentials} expanded, per-element charges) as the potential library's loader the
// LAMMPS tests run (tests/lammps/shipped_potential.h), and a NaI and a BaTiO3 substrate accept them.
#include <catch2/catch.hpp>

#include "../lammps/shipped_potential.h"
#include "campaign_fixture.h"
#include "workflow/campaign.h"

using namespace nabridge;
using namespace nabridge::workflow;

TEST_CASE("ionic potentials by id: the campaign reader gives the tested specs", "[workflow][ionic]") {
  const auto dir = testing::scratch_dir("ionic_ids");
  const std::string text = R"(
[campaign]
name = "ionic"
output = "results"

[potentials.tf]
id = "nai-tosifumi"
[potentials.eim]
id = "nai-eim"
[potentials.nadft]
id = "nai-eim-nadft"
[potentials.bto]
id = "batio3-pedone"

[na]
potential = "eim"

[[substrate]]
name = "NaI"
prototype = "rocksalt"
elements = ["Na", "I"]
a_A = 6.45
facets = ["100"]
potential = "eim"

[[substrate]]
name = "BaTiO3"
prototype = "perovskite"
elements = ["Ba", "Ti", "O"]
a_A = 4.02
facets = ["001"]
termination = "TiO2"
potential = "bto"
)";
  const Campaign c = load_campaign(testing::write_campaign(dir, text), {},
                                   {std::filesystem::path(NABRIDGE_SOURCE_DIR) / "potentials"});
  for (const auto& [name, id] : std::vector<std::pair<std::string, std::string>>{
           {"tf", "nai-tosifumi"}, {"eim", "nai-eim"}, {"nadft", "nai-eim-nadft"}, {"bto", "batio3-pedone"}}) {
    const PotentialSpec& got = c.potentials.at(name);
    const PotentialSpec want = testing::load_shipped_potential(id).spec;
    INFO(id);
    CHECK(got.elements == want.elements);
    CHECK(got.commands == want.commands);
    CHECK(got.charges_e == want.charges_e);
    CHECK(got.masses_amu == want.masses_amu);
    // The potential's own file and the files its lines read enter the task keys.
    CHECK(std::find(got.files.begin(), got.files.end(),
                    (std::filesystem::path(NABRIDGE_SOURCE_DIR) / "potentials" / id / "potential.toml").string()) !=
          got.files.end());
  }
  const auto& eim_files = c.potentials.at("eim").files;
  CHECK(std::find(eim_files.begin(), eim_files.end(), "/usr/share/lammps/potentials/ffield.eim") != eim_files.end());
  // The metallic Na type is a species of the potential, not a substrate element.
  CHECK(c.potentials.at("nadft").elements == std::vector<std::string>{"Na", "I", "Na:metal"});
}
