// A ferroelectric coating in a campaign ([substrate.ferroelectric], docs/ferroelectric.md): the
// graph gets a polarization task feeding the table; the task computes P_s with the core–shell
// model and the field offset from it; bad input (an assumed offset beside a computed one, a
// rigid-ion "shell" model, a missing screening input) gets one clear message each.
#include <catch2/catch.hpp>

#include <cmath>

#include "campaign_fixture.h"
#include "workflow/campaign.h"
#include "workflow/task_graph.h"
#include "workflow/tasks/tasks.h"

using namespace nabridge::workflow;
using namespace nabridge::testing;
namespace fs = std::filesystem;

namespace {

const std::string kFerroelectric = R"(
[substrate.ferroelectric]
shell_potential = "batio3-vielma"
thickness_nm = 100
eps_film = 6
lambda_collector_A = 0.5
carrier_density_m3 = 1.2e28
eps_electrolyte = 15
)";

std::string bto_campaign(const std::string& substrate_extra) {
  return R"(
[campaign]
name = "ferroelectric"
output = "results"
T_K = 298.15

[potentials.bto]
id = "batio3-pedone"

[na]
potential = "bto"
vacancy = false

[atomistic]
hops = false
adhesion = false

[[substrate]]
name = "BTO"
prototype = "perovskite"
elements = ["Ba", "Ti", "O"]
a_A = 4.0
facets = ["001"]
termination = "TiO2"
potential = "bto"
)" + substrate_extra + "\n";
}

}  // namespace

TEST_CASE("ferroelectric substrate: a polarization task feeds the table, bad input refused", "[workflow][ferroelectric]") {
  const auto dir = scratch_dir("ferroelectric_graph");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, bto_campaign(kFerroelectric))));
  const Task* pol = nullptr;
  const Task* table = nullptr;
  for (const auto& t : g.tasks()) {
    if (t.type == "polarization") pol = &t;
    if (t.type == "table") table = &t;
  }
  REQUIRE(pol);
  REQUIRE(table);
  CHECK(pol->name == "polarization/BTO");
  CHECK(pol->params.at("potential").at("shells").at("Ti").at("k4_eV_A4") == 500.0);
  CHECK(pol->params.at("toward_collector") == true);
  CHECK(std::find(table->inputs.begin(), table->inputs.end(), "polarization/BTO") != table->inputs.end());
  CHECK(table->params.at("ferroelectric").at("BTO") == "polarization/BTO");

  CHECK_THAT(campaign_load_error(write_campaign(dir, bto_campaign("field_offset_mV = 30\n" + kFerroelectric), "both.toml")),
             Catch::Contains("field_offset_mV") && Catch::Contains("not both"));
  std::string rigid = kFerroelectric;
  rigid.replace(rigid.find("batio3-vielma"), 13, "batio3-pedone");
  CHECK_THAT(campaign_load_error(write_campaign(dir, bto_campaign(rigid), "rigid.toml")),
             Catch::Contains("shell_potential") && Catch::Contains("has no [shells]"));
  std::string no_eps = kFerroelectric;
  no_eps.erase(no_eps.find("eps_electrolyte = 15\n"));
  CHECK_THAT(campaign_load_error(write_campaign(dir, bto_campaign(no_eps), "no_eps.toml")), Catch::Contains("eps_electrolyte"));
}

TEST_CASE("polarization task: P_s from batio3-vielma and the offset derived from it", "[workflow][ferroelectric]") {
  const auto dir = scratch_dir("ferroelectric_task");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, bto_campaign(kFerroelectric))));
  TaskContext ctx;
  for (const auto& t : g.tasks())
    if (t.type == "polarization") ctx.params = t.params;
  ctx.dir = dir;
  const nlohmann::json r = run_task("polarization", ctx);
  CHECK(r.at("P_s_C_m2").get<double>() == Approx(0.2494).margin(2e-3));  // tests/lammps/test_shell_model.cpp
  CHECK(r.at("c_over_a").get<double>() == Approx(1.031).margin(2e-3));
  // By hand from the task's P_s: λ_e = sqrt(ε0 15 k_B 298.15 / (1.2e28 e²)) = 0.4210 Å;
  // Λ = 0.5 Å + 0.4210/15 Å = 0.52807 Å; σ = P d / (d + 6 Λ) with d = 1000 Å;
  // Δ = σ λ_e / (ε0 ε_e) = σ · 0.4210e-10 / (8.8541878128e-12 · 15).
  const double P = r.at("P_s_C_m2");
  const double lam_e = std::sqrt(8.8541878128e-12 * 15 * 1.380649e-23 * 298.15 / (1.2e28 * 1.602176634e-19 * 1.602176634e-19));
  CHECK(r.at("lambda_electrolyte_A").get<double>() == Approx(lam_e * 1e10).epsilon(1e-9));
  const double sigma = P * 100e-9 / (100e-9 + 6 * (0.5e-10 + lam_e / 15));
  CHECK(r.at("field_offset_mV").get<double>() == Approx(sigma * lam_e / (8.8541878128e-12 * 15) * 1e3).epsilon(1e-9));
  CHECK(r.at("field_offset_mV").get<double>() > 0);  // P toward the collector favours plating
  CHECK(r.at("inputs_not_computed").size() == 5);
}
