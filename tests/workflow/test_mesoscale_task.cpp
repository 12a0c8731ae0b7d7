// The mesoscale task runs the upscaling stage in its own process: called here from the test
// executable, with no `nabridge` program to be found (not on PATH, and this process's own
// executable is the test suite), it still writes the nucleation table, the sweep and its log.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include "campaign_fixture.h"
#include "workflow/outputs.h"
#include "workflow/task_graph.h"
#include "workflow/tasks/tasks.h"

using namespace nabridge::testing;
using namespace nabridge::workflow;
namespace fs = std::filesystem;

namespace {

/// The table task's result for one row, A(100), with a single hop (z = 4, D_s = λ² ν e^{−Ea/kT}).
nlohmann::json one_row_table(double T_K) {
  const double Ea = 0.1, nu = 1e12, lambda_A = 2.9;
  const double D = lambda_A * lambda_A * 1e-20 * nu * std::exp(-Ea / (8.617333262e-5 * T_K));
  nlohmann::json row{{"substrate", "A"}, {"facet", "100"},           {"potential", "lj"}, {"E_bind_eV", -1.5},
                     {"W_ad_J_m2", 0.3}, {"Ea_diff_eV", Ea},         {"nu0_Hz", nu},      {"hop_length_A", lambda_A},
                     {"D_s_m2_s", D},    {"site_density_m2", 1.2e19}};
  nlohmann::json na{{"gamma_Na_J_m2", 0.2}, {"E_coh_Na_eV", 1.11}, {"omega_Na_A3", 39.5}, {"potential", "lj"}};
  return {{"rows", {row}}, {"na", na}};
}

/// Restores PATH when the test ends, however it ends.
struct PathOverride {
  std::string saved = std::getenv("PATH") ? std::getenv("PATH") : "";
  explicit PathOverride(const char* path) { ::setenv("PATH", path, 1); }
  ~PathOverride() { ::setenv("PATH", saved.c_str(), 1); }
};

/// The mesoscale task of the small test campaign in `dir`, with its folder (dir/task) made and the
/// one-row table as its input.
TaskContext mesoscale_context(const fs::path& dir) {
  const TaskGraph g =
      build_task_graph(load_with_shipped_potentials(write_campaign(dir, small_campaign_toml() + mesoscale_toml())));
  TaskContext ctx;
  for (const auto& t : g.tasks())
    if (t.type == "mesoscale") ctx.params = t.params;
  REQUIRE(ctx.params.contains("mesoscale"));
  ctx.inputs["table"] = one_row_table(ctx.params.at("T_K").get<double>());
  ctx.dir = dir / "task";
  fs::create_directories(ctx.dir);
  return ctx;
}

}  // namespace

TEST_CASE("mesoscale task: the upscaling stage runs in the task's process, no nabridge program needed",
          "[workflow][mesoscale]") {
  const TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task"));

  const PathOverride path("/usr/bin:/bin");  // gnuplot stays reachable, a `nabridge` does not
  REQUIRE(nabridge::find_program("nabridge").empty());
  const nlohmann::json r = run_task("mesoscale", ctx);

  CHECK(r.at("predictions").size() == 5);  // one row at the five default overpotentials
  const auto& runs = r.at("sweep").at("runs");
  REQUIRE(runs.size() == 2);  // 0.5 and 2 mA/cm² on A(100)
  for (const auto& run : runs) CHECK(run.at("interface") == "A(100)");
  CHECK(fs::exists(ctx.dir / "upscale_params.toml"));
  CHECK(fs::exists(ctx.dir / "upscale" / "upscale.csv"));
  CHECK(fs::exists(ctx.dir / "upscale" / "mesoscale" / "runs.csv"));
  CHECK_THAT(read_file(ctx.dir / "upscale.log"), Catch::Contains("mesoscale: 2 runs"));
}

TEST_CASE("mesoscale task: an alloying coating's assumptions are in its row's inputs_not_computed",
          "[workflow][mesoscale][alloy]") {
  TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task_alloy"));
  // A(100) as an Au-like alloying coating (NaAu2, formation energy given in the campaign).
  auto& row = ctx.inputs.at("table").at("rows")[0];
  row["alloy_phase"] = "NaAu2";
  row["alloy_formation_eV_per_atom"] = -0.09124;
  row["alloy_formation_computed"] = false;
  row["alloy_na_per_coating_atom"] = 0.5;
  row["coating_atoms_per_m2"] = 2.816e19;

  const nlohmann::json r = run_task("mesoscale", ctx);
  REQUIRE(r.at("row_inputs").size() == 1);
  std::vector<std::string> assumed;
  for (const auto& a : r.at("row_inputs")[0].at("assumed")) assumed.push_back(a.get<std::string>());
  const auto listed = [&](const std::string& text) {
    return std::find(assumed.begin(), assumed.end(), text) != assumed.end();
  };
  CHECK(listed("E_bind and W_ad of the NaAu2 surface = the coating's (not computed on the alloy)"));
  CHECK(listed("alloy_formation_eV_per_atom = -0.09124 (given, not computed)"));
  // The parameter table's column carries them.
  const auto merged = with_mesoscale_predictions(ctx.inputs.at("table"), r);
  CHECK_THAT(merged.at("rows")[0].at("inputs_not_computed").get<std::string>(),
             Catch::Contains("E_bind and W_ad of the NaAu2 surface = the coating's") &&
                 Catch::Contains("alloy: an adatom enters the coating at one hop rate"));
}
