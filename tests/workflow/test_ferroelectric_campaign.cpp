// A ferroelectric coating in a campaign ([substrate.ferroelectric], docs/ferroelectric.md): the
// graph gets a polarization task feeding the table; the task computes P_s with the core–shell
// model and the field offset from it; bad input (an assumed offset beside a computed one, a
// rigid-ion "shell" model, a missing screening input) gets one clear message each. Polarised-slab
// rows ([substrate.ferroelectric.polar_rows], docs/ferroelectric.md §6): one polar_surface task
// per direction of P; the task's isolated-Na zero, screening field and E_ads against hand values;
// the table's rows with the direction, the field treatment and the signed offset.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>

#include "../lammps/lammps_packages.h"
#include "campaign_fixture.h"
#include "ferroelectric_campaign.h"
#include "workflow/campaign.h"
#include "workflow/lammps_engines.h"
#include "workflow/task_graph.h"
#include "workflow/tasks/tasks.h"

using namespace nabridge::workflow;
using namespace nabridge::testing;
namespace fs = std::filesystem;

TEST_CASE("ferroelectric substrate: a polarization task feeds the table, bad input refused",
          "[workflow][ferroelectric]") {
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

  CHECK_THAT(
      campaign_load_error(write_campaign(dir, bto_campaign("field_offset_mV = 30\n" + kFerroelectric), "both.toml")),
      Catch::Contains("field_offset_mV") && Catch::Contains("not both"));
  std::string rigid = kFerroelectric;
  rigid.replace(rigid.find("batio3-vielma"), 13, "batio3-pedone");
  CHECK_THAT(campaign_load_error(write_campaign(dir, bto_campaign(rigid), "rigid.toml")),
             Catch::Contains("shell_potential") && Catch::Contains("has no [shells]"));
  std::string no_eps = kFerroelectric;
  no_eps.erase(no_eps.find("eps_electrolyte = 15\n"));
  CHECK_THAT(campaign_load_error(write_campaign(dir, bto_campaign(no_eps), "no_eps.toml")),
             Catch::Contains("eps_electrolyte"));
}

TEST_CASE("polarization task: P_s from batio3-vielma and the offset derived from it", "[workflow][ferroelectric]") {
  if (skip_without_lammps_packages(kCoreShellPackages)) return;
  const auto dir = scratch_dir("ferroelectric_task");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, bto_campaign(kFerroelectric))));
  TaskContext ctx;
  for (const auto& t : g.tasks())
    if (t.type == "polarization") ctx.params = t.params;
  ctx.dir = dir;
  use_lammps_engines(ctx);
  const nlohmann::json r = run_task("polarization", ctx);
  CHECK(r.at("P_s_C_m2").get<double>() == Approx(0.2494).margin(2e-3));  // tests/lammps/test_shell_model.cpp
  CHECK(r.at("c_over_a").get<double>() == Approx(1.031).margin(2e-3));
  // By hand from the task's P_s: λ_e = sqrt(ε0 15 k_B 298.15 / (1.2e28 e²)) = 0.4210 Å;
  // Λ = 0.5 Å + 0.4210/15 Å = 0.52807 Å; σ = P d / (d + 6 Λ) with d = 1000 Å;
  // Δ = σ λ_e / (ε0 ε_e) = σ · 0.4210e-10 / (8.8541878128e-12 · 15).
  const double P = r.at("P_s_C_m2");
  const double lam_e =
      std::sqrt(8.8541878128e-12 * 15 * 1.380649e-23 * 298.15 / (1.2e28 * 1.602176634e-19 * 1.602176634e-19));
  CHECK(r.at("lambda_electrolyte_A").get<double>() == Approx(lam_e * 1e10).epsilon(1e-9));
  const double sigma = P * 100e-9 / (100e-9 + 6 * (0.5e-10 + lam_e / 15));
  CHECK(r.at("field_offset_mV").get<double>() == Approx(sigma * lam_e / (8.8541878128e-12 * 15) * 1e3).epsilon(1e-9));
  CHECK(r.at("field_offset_mV").get<double>() > 0);  // P toward the collector favours plating
  CHECK(r.at("inputs_not_computed").size() == 5);
}

namespace {

const std::string kPolarRows = R"(
[substrate.ferroelectric.polar_rows]
directions = ["up", "down"]
field = "electrode_screened"
host = "frozen_relaxed_surface"
)";

}  // namespace

TEST_CASE(
    "polar rows: one polar_surface task per direction feeds the table, a model without shells refused at the field",
    "[workflow][ferroelectric][polar-rows]") {
  const auto dir = scratch_dir("polar_rows_graph");
  const TaskGraph g =
      build_task_graph(load_with_shipped_potentials(write_campaign(dir, bto_campaign(kFerroelectric + kPolarRows))));
  std::map<std::string, const Task*> polar;
  const Task* table = nullptr;
  for (const auto& t : g.tasks()) {
    if (t.type == "polar_surface") polar[t.name] = &t;
    if (t.type == "table") table = &t;
  }
  REQUIRE(polar.size() == 2);
  REQUIRE(table);
  for (const auto& [name, dirn] :
       std::map<std::string, std::string>{{"polar_surface/BTO-Pup", "up"}, {"polar_surface/BTO-Pdown", "down"}}) {
    REQUIRE(polar.count(name) == 1);
    const Task& t = *polar.at(name);
    CHECK(t.params.at("direction") == dirn);
    CHECK(t.params.at("electrode_screened") == true);
    CHECK(t.params.at("host") == "frozen_relaxed_surface");
    CHECK(t.params.at("potential").at("shells").size() ==
          3);  // the shell model's, not the substrate's rigid-ion potential
    CHECK(t.inputs == std::vector<std::string>{"polarization/BTO", "na_bulk"});
    CHECK(std::find(table->inputs.begin(), table->inputs.end(), name) != table->inputs.end());
  }
  CHECK(table->params.at("polar_rows").size() == 2);
  CHECK(table->params.at("polar_rows")[0].at("substrate") == "BTO-Pup");

  // Polarised rows on a rigid-ion model: one error naming the campaign file, line and field.
  std::string rigid = kFerroelectric + kPolarRows;
  rigid.replace(rigid.find("batio3-vielma"), 13, "batio3-pedone");
  const std::string err = campaign_load_error(write_campaign(dir, bto_campaign(rigid), "rigid_rows.toml"));
  CHECK_THAT(err, Catch::Contains("rigid_rows.toml:") &&
                      Catch::Contains("substrate[0].ferroelectric.shell_potential") &&
                      Catch::Contains("has no [shells]") && Catch::Contains("polarised-slab rows"));
  std::string sideways = kFerroelectric + kPolarRows;
  sideways.replace(sideways.find("\"down\""), 6, "\"sideways\"");
  CHECK_THAT(campaign_load_error(write_campaign(dir, bto_campaign(sideways), "sideways.toml")),
             Catch::Contains("polar_rows.directions") && Catch::Contains("'sideways' is not"));
  CHECK_THAT(campaign_load_error(
                 write_campaign(dir, bto_campaign(kFerroelectric + kPolarRows + "bilayers = 2\n"), "thin.toml")),
             Catch::Contains("polar_rows.bilayers") && Catch::Contains("a free BO2 layer below the top one"));
  std::string melted = kFerroelectric + kPolarRows;
  melted.replace(melted.find("frozen_relaxed_surface"), 22, "melted");
  CHECK_THAT(campaign_load_error(write_campaign(dir, bto_campaign(melted), "melted.toml")),
             Catch::Contains("melted.toml:") && Catch::Contains("polar_rows.host") &&
                 Catch::Contains("'melted' is not \"relaxed\", \"frozen_relaxed_surface\" or \"clamped_bulk\""));
}

TEST_CASE(
    "polar_surface task: E_bind against the isolated Na of the same engine, the screening field and E_ads by hand",
    "[workflow][ferroelectric][polar-rows]") {
  if (skip_without_lammps_packages(kCoreShellPackages)) return;
  // A 1x1 surface cell without hops: the task's plumbing, not a dilute adatom (docs/ferroelectric.md §6).
  const auto dir = scratch_dir("polar_rows_task");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(
      write_campaign(dir, bto_campaign(kFerroelectric + kPolarRows + "repeat = 1\nhops = false\n"))));
  TaskContext pol_ctx, ctx;
  for (const auto& t : g.tasks()) {
    if (t.type == "polarization") pol_ctx.params = t.params;
    if (t.name == "polar_surface/BTO-Pup") ctx.params = t.params;
  }
  pol_ctx.dir = ctx.dir = dir;
  use_lammps_engines(pol_ctx);
  use_lammps_engines(ctx);
  const nlohmann::json pol = run_task("polarization", pol_ctx);
  const double E_coh_eV = 1.113;  // given: the [na] potential's cohesive energy
  ctx.inputs = {{"polarization/BTO", pol}, {"na_bulk", {{"E_coh_eV", E_coh_eV}}}};
  const nlohmann::json r = run_task("polar_surface", ctx);
  INFO(r.dump(1));
  // Lone Na rigid ion: no pair in range, no self-energy, no Ewald charge (test_shell_engine.cpp).
  CHECK(r.at("E_isolated_Na_eV").get<double>() == 0.0);
  CHECK(r.at("E_ads_eV").get<double>() == Approx(r.at("E_bind_eV").get<double>() + E_coh_eV).margin(1e-9));
  CHECK(r.at("E_bind_eV").get<double>() < 0.0);
  // Field by hand: (P_s + P_stack)/eps0 with P_stack = (q_Ti + 2 q_O)/(2 a^2), the model's ion
  // charges Ti 4.616 - 1.544, O 0.970 - 2.718 e.
  const double a = pol.at("a_A"), P_s = pol.at("P_s_C_m2");
  const double P_stack = (3.072 - 2 * 1.748) / (2 * a * a) * 1.602176634e-19 / 1e-20;
  CHECK(r.at("P_stack_C_m2").get<double>() == Approx(P_stack).epsilon(1e-9));
  CHECK(r.at("host_field_V_A").get<double>() == Approx((P_s + P_stack) / 8.8541878128e-12 * 1e-10).epsilon(1e-9));
  CHECK(r.at("host_field_V_A").get<double>() == Approx(0.385).margin(0.005));  // tests/lammps/test_polar_surface.cpp
  // P up stays polar below the surface under the screening field.
  CHECK(r.at("bo2_off_centring_A")[1].get<double>() > 0.5 * r.at("d0_A").get<double>());
  CHECK_FALSE(r.contains("hops"));
  CHECK_THAT(r.at("polarisation").get<std::string>(), Catch::StartsWith("up"));
  CHECK_THAT(r.at("depolarising_field").get<std::string>(), Catch::StartsWith("electrode-screened"));
  CHECK(r.at("assumed").size() == 4);
}

TEST_CASE("table: polarised-slab rows carry the direction, the field treatment and the offset of their own direction",
          "[workflow][ferroelectric][polar-rows]") {
  TaskContext ctx;
  ctx.params = {{"T_K", 298.15}, {"na_potential", "eam"}, {"rows", nlohmann::json::array()}};
  ctx.inputs["na_bulk"] = {
      {"a_A", 4.225}, {"E_coh_eV", 1.113}, {"omega_A3", 37.7}, {"gamma_Na_J_m2", 0.247}, {"facet", "110"}};
  // The coating's polarization task, configured toward the collector (P down): +78.9 mV.
  ctx.inputs["polarization/BTO"] = {
      {"shell_potential", "batio3-vielma"}, {"a_A", 3.97}, {"P_s_C_m2", 0.2494}, {"field_offset_mV", 78.9},
      {"toward_collector", true},
      {"inputs_not_computed", {"ferroelectric thickness_nm = 100", "ferroelectric polarisation toward the collector"}}};
  for (const std::string d : {"up", "down"}) {
    const std::string row = "BTO-P" + d, task = "polar_surface/" + row;
    ctx.params["polar_rows"].push_back(
        {{"substrate", row}, {"of", "BTO"}, {"direction", d}, {"task", task}, {"polarization", "polarization/BTO"}});
    ctx.inputs[task] = {
        {"most_stable", "hollow-O4"}, {"E_bind_eV", d == "up" ? -0.7 : -1.2}, {"E_ads_eV", d == "up" ? 0.413 : -0.087},
        {"site_density_m2", 6.3e18}, {"polarisation", d + ": P ..."}, {"depolarising_field", "electrode-screened: ..."},
        {"host_relaxation", "clean surface relaxed, then frozen"}, {"assumed", {"polarised slab: " + d}},
        {"sites", {{{"E_bind_eV", d == "up" ? -0.7 : -1.2}}, {{"E_bind_eV", -0.5}, {"symmetry_broken_gain_eV", 0.1}}}},
        {"hops",
         {{"complete", true}, {"message", ""}, {"Ea_diff_eV", 0.68}, {"nu0_Hz", 2e12}, {"D_s_m2_s", 1e-20},
          {"hops", {{{"barrier_eV", 0.68}, {"length_A", 3.97}}}}}}};
  }
  const nlohmann::json t = run_task("table", ctx);
  REQUIRE(t.at("rows").size() == 2);
  for (const auto& row : t.at("rows")) {
    INFO(row.dump());
    const bool up = row.at("substrate") == "BTO-Pup";
    CHECK(row.at("potential") == "batio3-vielma");
    CHECK(row.at("polar_of") == "BTO");
    CHECK(row.at("field_offset_mV").get<double>() == (up ? -78.9 : 78.9));  // P down points toward the collector
    // From the lowest state to the highest on-site one (-0.5 + 0.1 eV).
    CHECK(row.at("pes_corrugation_eV").get<double>() == Approx(up ? 0.3 : 0.8).margin(1e-12));
    CHECK(row.at("Ea_diff_eV") == 0.68);
    CHECK(row.at("hop_length_A") == 3.97);
    CHECK_THAT(row.at("depolarising_field").get<std::string>(), Catch::StartsWith("electrode-screened"));
    CHECK(row.at("polar_assumed") == nlohmann::json::array({std::string("polarised slab: ") + (up ? "up" : "down")}));
    // The coating's direction is the row's own: the offset's other assumptions stay, its direction goes.
    CHECK(row.at("field_offset_assumed") == nlohmann::json::array({"ferroelectric thickness_nm = 100"}));
    // Both, for the table's inputs_not_computed before (or without) any mesoscale run.
    CHECK(row.at("inputs_not_computed") ==
          std::string("ferroelectric thickness_nm = 100; polarised slab: ") + (up ? "up" : "down"));
    CHECK_FALSE(row.contains("gamma_sub_J_m2"));
  }
}

TEST_CASE(
    "polar rows with film = true: one polar_film task per direction feeds the table, bad input refused at the field",
    "[workflow][ferroelectric][polar-rows]") {
  const auto dir = scratch_dir("polar_rows_film_graph");
  const TaskGraph g = build_task_graph(
      load_with_shipped_potentials(write_campaign(dir, bto_campaign(kFerroelectric + kPolarRows + "film = true\n"))));
  std::map<std::string, const Task*> films;
  const Task* table = nullptr;
  for (const auto& t : g.tasks()) {
    if (t.type == "polar_film") films[t.name] = &t;
    if (t.type == "table") table = &t;
  }
  REQUIRE(films.size() == 2);
  REQUIRE(table);
  for (const auto& [name, dirn] :
       std::map<std::string, std::string>{{"polar_film/BTO-Pup", "up"}, {"polar_film/BTO-Pdown", "down"}}) {
    REQUIRE(films.count(name) == 1);
    const Task& t = *films.at(name);
    CHECK(t.params.at("direction") == dirn);
    CHECK(t.params.at("potential").at("metal_film").at("element") == "Na");  // the model's metal, applied in the task
    CHECK(t.params.at("potential").at("metal_film").at("applied") == false);
    CHECK(t.params.at("film_layers") == 3);  // [atomistic]'s default
    CHECK(t.inputs == std::vector<std::string>{"polarization/BTO"});
    CHECK(std::find(table->inputs.begin(), table->inputs.end(), name) != table->inputs.end());
  }
  CHECK(table->params.at("polar_rows")[0].at("film") == "polar_film/BTO-Pup");

  CHECK_THAT(campaign_load_error(
                 write_campaign(dir, bto_campaign(kFerroelectric + kPolarRows + "film = \"yes\"\n"), "film_yes.toml")),
             Catch::Contains("film_yes.toml:") && Catch::Contains("polar_rows.film"));
  // A core–shell model without a Na metal: the copy of batio3-vielma without its [metal_film].
  std::ifstream in(std::filesystem::path(NABRIDGE_SOURCE_DIR) / "potentials/batio3-vielma/potential.toml");
  std::stringstream text;
  text << in.rdbuf();
  std::string toml = text.str();
  const auto from = toml.find("[metal_film]"), to = toml.find("[shells.Ba]");
  REQUIRE(from != std::string::npos);
  toml.erase(from, to - from);
  std::filesystem::create_directories(dir / "ionic-na");
  std::ofstream(dir / "ionic-na" / "potential.toml") << toml;
  std::string ionic = kFerroelectric + kPolarRows + "film = true\n";
  ionic.replace(ionic.find("batio3-vielma"), 13, (dir / "ionic-na" / "potential.toml").string());
  CHECK_THAT(campaign_load_error(write_campaign(dir, bto_campaign(ionic), "ionic_film.toml")),
             Catch::Contains("ionic_film.toml:") && Catch::Contains("polar_rows.film") &&
                 Catch::Contains("has no metal for a Na film") && Catch::Contains("a film of cations, not a metal"));
}
