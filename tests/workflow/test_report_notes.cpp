// The report's notes under the parameter table: each note one sentence with one full stop,
// whether the note ends without one (findings joined by append_note) or with one. Built from a
// loaded campaign and a hand-made table result, so no LAMMPS run.
#include <catch2/catch.hpp>

#include "campaign_fixture.h"
#include "workflow/campaign.h"
#include "workflow/outputs.h"

using namespace nabridge::workflow;
namespace fs = std::filesystem;

TEST_CASE("report notes end in one full stop", "[workflow][report]") {
  const auto dir = nabridge::testing::scratch_dir("report_notes");
  const Campaign c = load_campaign(nabridge::testing::write_campaign(dir, nabridge::testing::small_campaign_toml()));
  const nlohmann::json row = {{"substrate", "Al"},
                              {"facet", "100"},
                              {"potential", "lj"},
                              {"E_ads_eV", -0.38},
                              {"gamma_note", "average of the two terminations."},
                              {"hops_note", "prefactor hollow->hollow: the saddle has 0 imaginary modes; NEB "
                                            "hollow->hollow not converged: band not converged in 200 iterations"}};
  const std::map<std::string, nlohmann::json> results = {
      {"table", {{"na", {{"potential", "lj"}}}, {"rows", nlohmann::json::array({row})}}}};
  const fs::path out = dir / "results";
  fs::create_directories(out);
  write_report(c, TaskGraph({}), results, RunSummary{}, out);
  const std::string md = nabridge::testing::read_file(out / "report.md");
  INFO(md);
  CHECK_THAT(md, Catch::Contains("- No diffusion barrier for Al(100) [lj]: prefactor hollow->hollow: the saddle has 0 "
                                 "imaginary modes; NEB hollow->hollow not converged: band not converged in 200 "
                                 "iterations.\n"));
  CHECK_THAT(md, Catch::Contains("- γ_sub of Al(100) [lj]: average of the two terminations.\n"));
  CHECK_THAT(md, !Catch::Contains("terminations.."));
}
