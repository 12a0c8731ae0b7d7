// The native oxide of Al as a campaign substrate: alpha-Al2O3 (prototype "corundum") with the
// shipped al2o3-pedone potential. The per-substrate slab settings reach its tasks; the bulk task
// relaxes a, c and the internal coordinates; a stoichiometric 9-layer Al-terminated (0001) slab
// gives the surface energy of tests/lammps/test_al2o3_pedone.cpp; a 10-layer slab (charged and
// polar: Al7O9 per cell) is refused with one message naming facet, termination and layer count.
#include <catch2/catch.hpp>

#include <fstream>

#include "../lammps/lammps_packages.h"
#include "campaign_fixture.h"
#include "workflow/campaign.h"
#include "workflow/task_graph.h"

using namespace nabridge::workflow;
using namespace nabridge::testing;
namespace fs = std::filesystem;

namespace {

std::string oxide_campaign(const std::string& substrate_extra) {
  return R"(
[campaign]
name = "oxide"
output = "results"

[potentials.alox]
id = "al2o3-pedone"

[na]
potential = "alox"
vacancy = false

[atomistic]
layers = 5
fixed_layers = 2
repeat = 3
fmax_eV_A = 2e-3
hops = false
adhesion = false

[[substrate]]
name = "Al2O3"
prototype = "corundum"
elements = ["Al", "O"]
a_A = 4.759
c_A = 12.991
facets = ["001"]
termination = "Al"
potential = "alox"
)" + substrate_extra + "\n";
}

ProcessResult run_campaign(const fs::path& file) {
  return run_process({nabridge_exe(), "run", file.string()}, file.parent_path());
}

}  // namespace

TEST_CASE("corundum substrate: its own layers and repeat reach the slab tasks, bad values are refused",
          "[workflow][oxide]") {
  const auto dir = scratch_dir("oxide_graph");
  const TaskGraph g =
      build_task_graph(load_with_shipped_potentials(write_campaign(dir, oxide_campaign("layers = 9\nrepeat = 2"))));
  int slab_tasks = 0;
  for (const auto& t : g.tasks())
    if (t.type == "surface" || t.type == "adsorption") {
      CHECK(t.params.at("slab").at("layers") == 9);
      CHECK(t.params.at("slab").at("repeat") == 2);
      ++slab_tasks;
    }
  CHECK(slab_tasks == 2);
  CHECK_THAT(campaign_load_error(write_campaign(dir, oxide_campaign("layers = 2"), "few.toml")),
             Catch::Contains("layers") && Catch::Contains("outside [3, 60]"));
  std::string no_c = oxide_campaign("");
  no_c.erase(no_c.find("c_A = 12.991\n"), 13);
  CHECK_THAT(campaign_load_error(write_campaign(dir, no_c, "no_c.toml")),
             Catch::Contains("c_A") && Catch::Contains("corundum"));
}

TEST_CASE("corundum substrate runs, and a polar layer count fails with one clear message", "[workflow][oxide][run]") {
  if (skip_without_lammps_packages(kIonicPackages)) return;
  const auto dir = scratch_dir("oxide_run");
  fs::create_directories(dir / "good");
  fs::create_directories(dir / "bad");
  const auto good = write_campaign(dir / "good", oxide_campaign("layers = 9\nrepeat = 2"));
  const ProcessResult ok = run_campaign(good);
  INFO(ok.output);
  REQUIRE(ok.status == 0);
  const auto table = nlohmann::json::parse(read_file(dir / "good" / "results" / "parameters.json"));
  REQUIRE(table.at("rows").size() == 1);
  const auto& row = table.at("rows").at(0);
  CHECK(row.at("substrate") == "Al2O3");
  // The 9-layer slab's relaxed γ of tests/lammps/test_al2o3_pedone.cpp (2.121 J/m²).
  CHECK(row.at("gamma_sub_J_m2").get<double>() == Approx(2.121).margin(0.005));

  const auto bad = write_campaign(dir / "bad", oxide_campaign("layers = 10"));
  const ProcessResult r = run_campaign(bad);
  INFO(r.output);
  CHECK(r.status == 2);
  CHECK_THAT(r.output, Catch::Contains("FAILED surface/Al2O3/001") && Catch::Contains("FAILED adsorption/Al2O3/001"));
  CHECK_THAT(r.output, Catch::Contains("termination 'Al', 10 layers") && Catch::Contains("dipole") &&
                           Catch::Contains("multiple of 3 layers"));
}
