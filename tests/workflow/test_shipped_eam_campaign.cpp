// A campaign names the shipped Na-Al-Cu-Au EAM by id: the workflow's reader and NaBridge's
// potential loader give the same LAMMPS lines.
#include <catch2/catch.hpp>

#include "campaign_fixture.h"
#include "potentials/potential_library.h"
#include "workflow/campaign.h"

using namespace nabridge;

TEST_CASE("Campaign with id = nabridge-eam-NaAlCuAu reads the generated metadata", "[workflow][potentials]") {
  const auto dir = testing::scratch_dir("campaign_shipped_eam");
  const std::string text = R"(
[campaign]
name = "eam"
[potentials.eam]
id = "nabridge-eam-NaAlCuAu"
[na]
potential = "eam"
[[substrate]]
name = "Au"
prototype = "fcc"
elements = ["Au"]
a_A = 4.08
facets = ["111"]
potential = "eam"
)";
  const auto file = testing::write_campaign(dir, text);
  const std::filesystem::path shipped = std::filesystem::path(NABRIDGE_SOURCE_DIR) / "potentials";
  const workflow::Campaign c = workflow::load_campaign(file, {}, {shipped});
  const PotentialSpec& p = c.potentials.at("eam");
  const PotentialSpec q = potentials::load_potential("nabridge-eam-NaAlCuAu", {shipped.string()});
  CHECK(p.elements == q.elements);
  CHECK(p.commands == q.commands);
}
