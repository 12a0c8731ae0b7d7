// A campaign names the shipped Na-Al-Cu-Au EAM by id: the workflow's reader and NaBridge's
// potential loader give the same LAMMPS lines.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "campaign_fixture.h"
#include "potentials/potential_library.h"
#include "workflow/campaign.h"

using namespace nabridge;

namespace {
/// Au(111) with the EAM named by `id`.
std::string au_campaign(const std::string& id) {
  return R"(
[campaign]
name = "eam"
[potentials.eam]
id = ")" + id + R"("
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
}
}  // namespace

TEST_CASE("Campaign with id = nabridge-eam-NaAlCuAu reads the generated metadata", "[workflow][potentials]") {
  const auto dir = testing::scratch_dir("campaign_shipped_eam");
  const auto file = testing::write_campaign(dir, au_campaign("nabridge-eam-NaAlCuAu"));
  const std::filesystem::path shipped = std::filesystem::path(NABRIDGE_SOURCE_DIR) / "potentials";
  const workflow::Campaign c = workflow::load_campaign(file, {}, {shipped});
  const PotentialSpec& p = c.potentials.at("eam");
  const PotentialSpec q = potentials::load_potential("nabridge-eam-NaAlCuAu", {shipped.string()});
  CHECK(p.elements == q.elements);
  CHECK(p.commands == q.commands);
}

TEST_CASE("nabridge run and graph search NABRIDGE_POTENTIALS=a:b like nabridge potential", "[workflow][potentials]") {
  // A shipped EAM (the eam/alloy v1) under another id, in the second of two search directories.
  const auto dir = testing::scratch_dir("campaign_search_path");
  const auto second = dir / "second" / "my-eam";
  std::filesystem::create_directories(dir / "first");
  std::filesystem::create_directories(second);
  const auto shipped = std::filesystem::path(NABRIDGE_SOURCE_DIR) / "potentials" / "nabridge-eam-NaAlCuAu-v1";
  std::filesystem::copy_file(shipped / "NaAlCuAu.eam.alloy", second / "NaAlCuAu.eam.alloy");
  std::ofstream(second / "potential.toml") << R"(elements = ["Na", "Al", "Cu", "Au"]
pair_style = "eam/alloy"
pair_coeff = ["* * ${here}/NaAlCuAu.eam.alloy Na Al Cu Au"]
[metadata]
id = "my-eam"
files = ["NaAlCuAu.eam.alloy"]
)";
  const auto file = testing::write_campaign(dir, au_campaign("my-eam"));
  const std::string search_path = "NABRIDGE_POTENTIALS=" + (dir / "first").string() + ":" + (dir / "second").string();
  const auto found =
      testing::run_process(testing::with_env({search_path}, {testing::nabridge_exe(), "graph", file.string()}));
  INFO(found.output);
  CHECK(found.status == 0);
  CHECK_THAT(found.output, Catch::Contains("surface/Au/111"));
  const auto missing = testing::run_process({testing::nabridge_exe(), "graph", file.string()});
  CHECK(missing.status != 0);
  CHECK_THAT(missing.output, Catch::Contains("my-eam"));
}
