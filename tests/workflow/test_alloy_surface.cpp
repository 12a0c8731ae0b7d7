// The alloy phase of an alloying coating (issue 12 item 2): once the coating is full, Na metal
// plates on the alloy's own surface, whose E_bind and W_ad the campaign computes. The graph gains
// exactly those tasks for a coating with an alloy prototype; the surface and adsorption tasks run
// in-process on a nearest-neighbour Morse engine where the answers are bond counts; the mesoscale
// task hands them to the upscale stage and stops listing them as assumed.
#include <catch2/catch.hpp>
#include <cmath>
#include <fstream>

#include "campaign_fixture.h"
#include "core/safe_name.h"
#include "engines/pair_engine.h"
#include "nabridge/base/constants.h"
#include "workflow/task_graph.h"
#include "workflow/tasks/tasks.h"

using namespace nabridge;
using namespace nabridge::testing;
using namespace nabridge::workflow;

namespace {

// C15 NaAu2 stand-in, a = 7.8 Å: only Na-Na bonds between nearest neighbours of the Na diamond
// sublattice (a√3/4 = 3.377 Å), each at its minimum (phi = -D), the cutoff below the next Na-Na
// distance that an adatom can reach (3.89 Å); Au takes part in no bond. bcc Na has its 8
// neighbours at the same distance.
constexpr double kA_alloy_A = 7.8, kD_NaNa_eV = 0.15;
const double kNnNa_A = kA_alloy_A * std::sqrt(3.0) / 4.0;

std::unique_ptr<Engine> na_diamond_morse(const PotentialSpec&) {
  auto m = std::make_unique<MorseEngine>();
  m->set("Na", "Na", kD_NaNa_eV, 1.2, kNnNa_A, 1.1 * kNnNa_A);
  return m;
}

std::string alloy_campaign(const std::string& alloy, bool hops = false) {
  return R"(
[campaign]
name = "alloy"
output = "results"

[potentials.pair]
elements = ["Al", "Na", "Au"]
pair_style = "zero 4.0"
pair_coeff = ["* *"]

[atomistic]
layers = 3
fixed_layers = 1
repeat = 2
fmax_eV_A = 1e-4
hops = )" + std::string(hops ? "true" : "false") + R"(

[na]
potential = "pair"
vacancy = false

[[substrate]]
name = "AuAl"
prototype = "fcc"
elements = ["Al"]
a_A = 4.05
facets = ["111"]
potential = "pair"
coating = { prototype = "fcc", elements = ["Au"], a_A = 4.08, layers = 2)" +
         (alloy.empty() ? "" : ", alloy = " + alloy) + R"( }
)";
}

TaskGraph alloy_graph(const std::string& dir_name, const std::string& alloy, bool hops = false) {
  const auto dir = scratch_dir(dir_name);
  return build_task_graph(load_with_shipped_potentials(write_campaign(dir, alloy_campaign(alloy, hops))));
}

const Task* find_task(const TaskGraph& g, const std::string& name) {
  for (const auto& t : g.tasks())
    if (t.name == name) return &t;
  return nullptr;
}

std::size_t tasks_on_alloy(const TaskGraph& g) {
  std::size_t n = 0;
  for (const auto& t : g.tasks()) n += t.params.value("alloy_surface", false) ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE(
    "task graph: a coating with an alloy prototype gains the alloy surface's surface, adsorption and adhesion "
    "tasks, none without",
    "[workflow][alloy]") {
  const TaskGraph g = alloy_graph("alloy_graph", R"({ phase = "NaAu2", prototype = "C15", a_A = 7.80 })");
  CHECK(tasks_on_alloy(g) == 3);
  const Task* surface = find_task(g, "surface/AuAl/NaAu2-111");
  const Task* ads = find_task(g, "adsorption/AuAl/NaAu2-111");
  const Task* adh = find_task(g, "adhesion/AuAl/NaAu2-111");
  REQUIRE(surface);
  REQUIRE(ads);
  REQUIRE(adh);
  CHECK(surface->type == "surface");
  CHECK(ads->type == "adsorption");
  CHECK(adh->type == "adhesion");
  CHECK(surface->inputs == std::vector<std::string>{"bulk/AuAl", "na_bulk"});
  CHECK(ads->inputs == std::vector<std::string>{"bulk/AuAl", "na_bulk"});
  CHECK(adh->inputs == std::vector<std::string>{"bulk/AuAl", "na_bulk", "surface/AuAl/NaAu2-111"});
  for (const Task* t : {surface, ads, adh}) {
    CHECK(t->facet == "111");
    CHECK(t->params.at("termination") == "Na");
    CHECK(t->params.at("slab").at("layers") == 7);
    CHECK(t->params.at("slab").at("cut_at_widest_gaps") == true);
  }
  // The table reads them (its row names the alloy surface); the coating's own tasks are unchanged.
  const Task* table = find_task(g, "table");
  REQUIRE(table);
  CHECK(table->params.at("rows")[0].at("alloy_surface") == "NaAu2-111");
  CHECK(std::count(table->inputs.begin(), table->inputs.end(), "adhesion/AuAl/NaAu2-111") == 1);
  CHECK_FALSE(find_task(g, "surface/AuAl/111")->params.contains("alloy_surface"));

  // Facet, termination and layers are the campaign's to choose.
  const TaskGraph g100 = alloy_graph(
      "alloy_graph_100", R"({ phase = "NaAu2", prototype = "C15", facet = "100", termination = "Au", layers = 9 })");
  REQUIRE(find_task(g100, "adsorption/AuAl/NaAu2-100"));
  CHECK(find_task(g100, "adsorption/AuAl/NaAu2-100")->params.at("termination") == "Au");
  CHECK(find_task(g100, "adsorption/AuAl/NaAu2-100")->params.at("slab").at("layers") == 9);

  // No alloy table, or an alloy whose formation energy is given (no structure to cut): no tasks.
  const TaskGraph plain = alloy_graph("alloy_graph_plain", "");
  CHECK(tasks_on_alloy(plain) == 0);
  CHECK(plain.tasks().size() + 3 == g.tasks().size());
  const TaskGraph given = alloy_graph(
      "alloy_graph_given", R"({ phase = "NaAu2", formation_eV_per_atom = -0.3, na_per_coating_atom = 0.5 })");
  CHECK(tasks_on_alloy(given) == 0);
  CHECK_FALSE(given.to_text().find("NaAu2") != std::string::npos);
}

TEST_CASE("task graph: with hops the alloy surface gets a hops task on the same slab and site search",
          "[workflow][alloy]") {
  const TaskGraph g = alloy_graph("alloy_graph_hops", R"({ phase = "NaAu2", prototype = "C15", a_A = 7.80 })", true);
  CHECK(tasks_on_alloy(g) == 4);
  const Task* hops = find_task(g, "hops/AuAl/NaAu2-111");
  const Task* ads = find_task(g, "adsorption/AuAl/NaAu2-111");
  REQUIRE(hops);
  REQUIRE(ads);
  CHECK(hops->type == "hops");
  CHECK(hops->inputs == std::vector<std::string>{"bulk/AuAl"});
  // Everything the adsorption task cuts its slab and finds its sites with, plus the NEB settings.
  for (const auto& [key, value] : ads->params.items()) CHECK(hops->params.at(key) == value);
  CHECK(hops->params.at("alloy_surface") == true);
  CHECK(hops->params.at("site_layer_tol_A") == 0.2);
  CHECK(hops->params.contains("neb_images"));
  const Task* table = find_task(g, "table");
  REQUIRE(table);
  CHECK(std::count(table->inputs.begin(), table->inputs.end(), "hops/AuAl/NaAu2-111") == 1);
}

TEST_CASE("campaign: a bad alloy surface is one error naming the file and the field", "[workflow][alloy]") {
  const auto dir = scratch_dir("alloy_bad_surface");
  const auto fails_with = [&](const std::string& alloy) {
    try {
      load_with_shipped_potentials(write_campaign(dir, alloy_campaign(alloy), "bad.toml"));
    } catch (const std::exception& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  const std::string no_termination = fails_with(R"({ phase = "NaAu2", prototype = "C15", termination = "Al" })");
  CHECK_THAT(no_termination, Catch::Contains("bad.toml") && Catch::Contains("termination") &&
                                 Catch::Contains("'Al' is not offered by this facet (available: "));
  CHECK_THAT(fails_with(R"({ phase = "NaAu2", prototype = "C15", facet = "1x1" })"),
             Catch::Contains("bad.toml") && Catch::Contains("facet"));
  CHECK_THAT(fails_with(R"({ phase = "NaAu2", prototype = "C15", layers = 2 })"),
             Catch::Contains("bad.toml") && Catch::Contains("layers"));
  CHECK_THAT(fails_with(R"({ phase = "NaAu2", formation_eV_per_atom = -0.3, na_per_coating_atom = 0.5, layers = 7 })"),
             Catch::Contains("bad.toml") && Catch::Contains("layers") && Catch::Contains("only with 'prototype'"));
}

TEST_CASE("alloy surface tasks on a Na-diamond Morse stand-in of C15 NaAu2(111): gamma and E_bind are bond counts",
          "[workflow][alloy][tasks]") {
  const auto dir = scratch_dir("alloy_surface_tasks");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(
      write_campaign(dir, alloy_campaign(R"({ phase = "NaAu2", prototype = "C15", a_A = 7.80 })"))));
  // The inputs as the bulk and na_bulk tasks report them: the alloy at a = 7.8 Å, where each Na has
  // 4 bonds (-2 D per Na, -2 D / 3 per atom of NaAu2); bcc Na -4 D per atom.
  const double D = kD_NaNa_eV, mu_Na_eV = -4.0 * D, e_alloy_eV = -2.0 * D / 3.0;
  std::map<std::string, nlohmann::json> results;
  results["na_bulk"] = {{"e_bulk_eV_per_atom", mu_Na_eV}};
  results["bulk/AuAl"] = {{"prototype", "fcc"},
                          {"elements", {"Al"}},
                          {"a_A", 4.05},
                          {"c_A", 0.0},
                          {"coating",
                           {{"prototype", "fcc"},
                            {"elements", {"Au"}},
                            {"alloy",
                             {{"phase", "NaAu2"},
                              {"prototype", "C15"},
                              {"a_alloy_A", kA_alloy_A},
                              {"e_alloy_eV_per_atom", e_alloy_eV},
                              {"na_per_coating_atom", 0.5}}}}}};
  const auto run = [&](const std::string& name) {
    const Task& t = *find_task(g, name);
    TaskContext ctx;
    ctx.params = t.params;
    for (const auto& in : t.inputs) ctx.inputs[in] = results.at(in);
    ctx.dir = dir / safe_file_stem(name);
    std::filesystem::create_directories(ctx.dir);
    ctx.engine_factory = na_diamond_morse;
    return run_task(t.type, ctx);
  };
  // (111), Na-terminated and cut across the widest gaps (between a Na-Au-Na triple layer and an Au
  // kagome layer), 7 layers: Na Au Na | Au3 | Na Au Na, 4 Na and 5 Au per surface cell of
  // (a/√2)² √3/2, held by 3 + 3 Na-Na bonds in the triple layers and 1 across the kagome layer.
  // At the Na-rich limit μ_Na = -4 D, μ_Au = (3/2) e_alloy - μ_Na / 2 = +D:
  // γ = (-7 D - 4 μ_Na - 5 μ_Au) / (2 A) = 2 D / A.
  const nlohmann::json surface = run("surface/AuAl/NaAu2-111");
  const double cell_A2 = kA_alloy_A * kA_alloy_A / 2.0 * std::sqrt(3.0) / 2.0;
  CHECK(surface.at("natoms").get<int>() == 9 * 4);
  CHECK(surface.at("natoms_Na").get<int>() == 4 * 4);
  CHECK(surface.at("mu_coating_eV").get<double>() == Approx(D).epsilon(1e-12));
  CHECK(surface.at("gamma_J_m2").get<double>() == Approx(2.0 * D / cell_A2 * kEvPerA2_to_J_per_m2).epsilon(1e-8));
  CHECK(surface.at("gamma_unrelaxed_J_m2").get<double>() == Approx(surface.at("gamma_J_m2").get<double>()));

  // An adatom bonds to Na only. The top Na form a triangular net 5.5 Å apart; the Na 1.13 Å below
  // them sit under one kind of hollow. Three top Na in reach (3.38 Å) need the adatom 1.13 Å up over
  // a hollow, where that lower Na would be 2.25 Å away unless the hollow is the other kind; two top
  // Na and a lower one meet at r0 from a point in the bridge's mirror plane. So at most 3 bonds:
  // E_bind = -3 D, E_ads = -3 D - μ_Na = +D (this stand-in binds Na more weakly than bulk Na).
  // (Which 3-bond site the scan reports depends on where the hard cutoff lets each start feel a
  // force; the energy does not.)
  const nlohmann::json ads = run("adsorption/AuAl/NaAu2-111");
  INFO(ads.dump(1));
  CHECK(ads.at("E_bind_eV").get<double>() == Approx(-3.0 * D).margin(1e-5));
  CHECK(ads.at("E_ads_eV").get<double>() == Approx(D).margin(1e-5));
  CHECK(ads.at("cell_check").at("converged") == true);
  CHECK_FALSE(ads.contains("coating_atoms_per_m2"));  // the alloy is not a coating
}
