// The mesoscale task runs the upscaling stage in its own process: called here from the test
// executable, with no `nabridge` program to be found (not on PATH, and this process's own
// executable is the test suite), it still writes the nucleation table, the sweep and its log.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "../atomistic/model_surfaces.h"
#include "nabridge/base/constants.h"
#include "campaign_fixture.h"
#include "protocols/neb.h"
#include "workflow/outputs.h"
#include "workflow/task_graph.h"
#include "workflow/tasks/hop_columns.h"
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

/// A band of the hops task on a 2D model surface, from the minimum at `from` to the one at `to`.
nabridge::SurfaceHop model_hop(PlaneEngine& surface, const std::string& from_label, const Eigen::Vector2d& from,
                               const std::string& to_label, const Eigen::Vector2d& to, int max_steps) {
  nabridge::NebOptions opt;
  opt.images = 9;
  opt.interpolation = "linear";
  opt.spring_eV_A2 = 50.0;
  opt.fmax_eV_A = 1e-3;
  opt.max_steps = max_steps;
  opt.max_step_A = 0.01;
  opt.climb_switch_eV_A = 5.0;
  opt.endpoint_fmax_eV_A = 1e-5;
  nabridge::SurfaceHop hop;
  hop.from = from_label;
  hop.to = to_label;
  hop.length_A = (to - from).norm();
  hop.neb = nabridge::run_neb(surface, plane_point(from.x(), from.y()), plane_point(to.x(), to.y()), opt);
  return hop;
}

/// The parameter-table row of A(100) from the hops task's result for these bands, which form no
/// hop network (as on Al(111): the saddle has no prefactor); the sites' spread is 4 meV.
nlohmann::json row_without_network(PlaneEngine& surface, const TaskContext& ctx,
                                   const std::vector<nabridge::SurfaceHop>& bands) {
  nabridge::SurfaceDiffusionResult res;
  res.hops = bands;
  res.message = "prefactor: the saddle has 2 imaginary modes (a first-order saddle has exactly 1)";
  nlohmann::json row = one_row_table(300.0).at("rows")[0];
  for (const char* k : {"Ea_diff_eV", "nu0_Hz", "hop_length_A", "D_s_m2_s"}) row.erase(k);
  row["pes_corrugation_eV"] = 0.004;
  add_hop_columns(surface_diffusion_json(surface, ctx, res), row);
  return row;
}

/// The first substrate of the sweep's first interface, as the simulator took it.
const nlohmann::json& swept_substrate(const nlohmann::json& mesoscale_result) {
  return mesoscale_result.at("sweep").at("interfaces").at(0).at("substrates").at(0);
}

bool contains_text(const nlohmann::json& list, const std::string& text) {
  for (const auto& item : list)
    if (item.get<std::string>().find(text) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("hop columns: a network's fallback barrier is its highest converged saddle above its lowest state",
          "[workflow][hops]") {
  // Müller-Brown (Müller & Brown 1979): minima A -146.69952, B -108.16672, C -80.76782; saddles
  // S1 -40.66484 (A-C) and S2 -72.24894 (C-B), tests/atomistic/test_neb.cpp. The states are
  // placed through the bands' dE, so B and C count relative to A.
  MullerBrown mb;
  TaskContext ctx;
  ctx.dir = scratch_dir("hop_columns_mb");
  const Eigen::Vector2d A(-0.558, 1.442), B(0.623, 0.028), C(-0.050, 0.467);
  const auto a_c = model_hop(mb, "A", A, "C", C, 20000), c_b = model_hop(mb, "C", C, "B", B, 20000);
  REQUIRE(a_c.neb.converged);
  REQUIRE(c_b.neb.converged);
  const auto span = [&](const std::vector<nabridge::SurfaceHop>& bands) {
    nabridge::SurfaceDiffusionResult res;
    res.hops = bands;
    return converged_saddle_span_eV(surface_diffusion_json(mb, ctx, res).at("hops"));
  };
  // Both bands converged: S1 above A. Listed the other way round, the states place the same.
  REQUIRE(span({a_c, c_b}).has_value());
  CHECK(*span({a_c, c_b}) == Approx(-40.66484 + 146.69952).margin(2e-4));
  CHECK(*span({c_b, a_c}) == Approx(-40.66484 + 146.69952).margin(2e-4));
  // The A-C band stopped early: its top is not a saddle and does not count, but its relaxed
  // endpoints do: S2 above A (not S2 above C, the C-B band's own barrier of 8.5).
  const auto a_c_stopped = model_hop(mb, "A", A, "C", C, 5);
  REQUIRE_FALSE(a_c_stopped.neb.converged);
  REQUIRE(span({a_c_stopped, c_b}).has_value());
  CHECK(*span({a_c_stopped, c_b}) == Approx(-72.24894 + 146.69952).margin(2e-4));
  // No band converged: no bound.
  CHECK_FALSE(span({a_c_stopped}).has_value());
  // A table row takes the bound only from an incomplete network, and never a network barrier.
  nlohmann::json row;
  nabridge::SurfaceDiffusionResult res;
  res.hops = {a_c_stopped, c_b};
  add_hop_columns(surface_diffusion_json(mb, ctx, res), row);
  CHECK_FALSE(row.at("hops_complete").get<bool>());
  CHECK_FALSE(row.contains("Ea_diff_eV"));
  CHECK(row.at("Ea_saddle_span_eV").get<double>() == Approx(-72.24894 + 146.69952).margin(2e-4));
}

TEST_CASE("mesoscale task: a row without a hop network takes its converged bands' saddle bound as the barrier",
          "[workflow][mesoscale][hops]") {
  TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task_saddle_bound"));
  // The triple well E = x²(x² − 1)² − d(1 − x²)²: outer minima at x = ±1 (E = 0), a deeper one at
  // x = 0 (−d) and saddles at x² = (1 + 2d)/3, E* = 4(1 − d)³/27. The converged outer -> middle
  // band rises E* = 0.108 eV; its top lies E* + d = 0.208 eV above the deeper state.
  const double d = 0.1;
  TripleWell surface(d, 2.0);
  const auto band = model_hop(surface, "outer", {-1, 0}, "middle", {0, 0}, 20000);
  REQUIRE(band.neb.converged);
  const double bound_eV = 4 * std::pow(1 - d, 3) / 27 + d;
  auto& row = ctx.inputs.at("table").at("rows")[0];
  row = row_without_network(surface, ctx, {band});
  CHECK(row.at("Ea_saddle_span_eV").get<double>() == Approx(bound_eV).margin(1e-5));

  const nlohmann::json r = run_task("mesoscale", ctx);
  CHECK(swept_substrate(r).at("Ea_diff_eV").get<double>() == Approx(bound_eV).margin(1e-5));
  CHECK(swept_substrate(r).at("nu0_Hz").get<double>() == 1e13);  // the campaign's fallback_nu0_Hz
  CHECK(contains_text(r.at("row_inputs")[0].at("assumed"),
                      "Ea_diff_eV = the highest converged saddle above the lowest state of its hop bands, 0.208 eV"));
  CHECK(contains_text(r.at("notes"), "A(100): no hop network (prefactor: the saddle has 2 imaginary modes"));
}

TEST_CASE("mesoscale task: a row whose hop bands all failed to converge falls back on its PES corrugation",
          "[workflow][mesoscale][hops]") {
  TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task_corrugation"));
  TripleWell surface(0.1, 2.0);
  const auto band = model_hop(surface, "outer", {-1, 0}, "middle", {0, 0}, 3);
  REQUIRE_FALSE(band.neb.converged);
  auto& row = ctx.inputs.at("table").at("rows")[0];
  row = row_without_network(surface, ctx, {band});
  CHECK_FALSE(row.contains("Ea_saddle_span_eV"));

  const nlohmann::json r = run_task("mesoscale", ctx);
  CHECK(swept_substrate(r).at("Ea_diff_eV").get<double>() == 0.004);
  CHECK(contains_text(r.at("row_inputs")[0].at("assumed"),
                      "Ea_diff_eV = the PES corrugation 0.004 eV (no hop band converged: an estimate"));
}

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

TEST_CASE("mesoscale task: the parameter table's predictions_at names a map the sweep enlarged",
          "[workflow][mesoscale]") {
  TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task_enlarged"));
  // The campaign's 16 × 50 nm map holds fewer than 10⁷ nuclei in every run: each is rerun on 32 cells.
  ctx.params.at("mesoscale").at("interface")["min_nuclei"] = 10000000;
  ctx.params.at("mesoscale").at("interface")["max_cells"] = 32;
  const nlohmann::json r = run_task("mesoscale", ctx);
  for (const auto& run : r.at("sweep").at("runs")) CHECK(run.at("cells_per_side") == 32);
  const auto merged = with_mesoscale_predictions(ctx.inputs.at("table"), r);
  CHECK_THAT(merged.at("rows")[0].at("predictions_at").get<std::string>(),
             Catch::Contains("map 256 cells of 50 nm; at 0.5 mA/cm2 a map of 32 x 32 cells (1.6 um, enlarged for its "
                             "few nuclei); at 2 mA/cm2 a map of 32 x 32 cells (1.6 um"));
}

namespace {
/// Makes a table row an Au-like alloying coating: NaAu2, two Au(111) layers.
void make_alloying_row(nlohmann::json& row, double formation_eV_per_atom, bool computed) {
  row["alloy_phase"] = "NaAu2";
  row["alloy_formation_eV_per_atom"] = formation_eV_per_atom;
  row["alloy_formation_computed"] = computed;
  row["alloy_na_per_coating_atom"] = 0.5;
  row["coating_atoms_per_m2"] = 2.816e19;
}
}  // namespace

TEST_CASE("mesoscale task: an alloying coating's assumptions are in its row's inputs_not_computed",
          "[workflow][mesoscale][alloy]") {
  TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task_alloy"));
  // A(100) as an Au-like alloying coating (NaAu2, formation energy given in the campaign).
  make_alloying_row(ctx.inputs.at("table").at("rows")[0], -0.09124, false);

  const nlohmann::json r = run_task("mesoscale", ctx);
  REQUIRE(r.at("row_inputs").size() == 1);
  std::vector<std::string> assumed;
  for (const auto& a : r.at("row_inputs")[0].at("assumed")) assumed.push_back(a.get<std::string>());
  const auto listed = [&](const std::string& text) {
    return std::find(assumed.begin(), assumed.end(), text) != assumed.end();
  };
  CHECK(listed("E_bind of the NaAu2 surface = the coating's (not computed on the alloy)"));
  CHECK(listed("W_ad of the NaAu2 surface = the coating's (not computed on the alloy)"));
  CHECK(listed("alloy_formation_eV_per_atom = -0.09124 (given, not computed)"));
  // The parameter table's column carries them.
  const auto merged = with_mesoscale_predictions(ctx.inputs.at("table"), r);
  CHECK_THAT(merged.at("rows")[0].at("inputs_not_computed").get<std::string>(),
             Catch::Contains("E_bind of the NaAu2 surface = the coating's") &&
                 Catch::Contains("alloy: an adatom enters the coating at one hop rate"));
}

TEST_CASE("mesoscale task: an alloy surface's computed E_bind and W_ad go to its upscale row, not to the assumed",
          "[workflow][mesoscale][alloy]") {
  TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task_alloy_surface"));
  auto& row = ctx.inputs.at("table").at("rows")[0];
  make_alloying_row(row, -0.24733, true);
  row["alloy_E_bind_eV"] = -1.0845;  // as the adsorption and adhesion tasks on NaAu2(111) report them
  row["alloy_W_ad_J_m2"] = 0.5363;

  const nlohmann::json r = run_task("mesoscale", ctx);
  const auto params = toml::parse_file((ctx.dir / "upscale_params.toml").string());
  CHECK(params["substrate"][0]["alloy_E_bind_eV"].value<double>() == -1.0845);
  CHECK(params["substrate"][0]["alloy_W_ad_J_m2"].value<double>() == 0.5363);
  std::string assumed;
  for (const auto& a : r.at("row_inputs")[0].at("assumed")) assumed += a.get<std::string>() + "\n";
  CHECK_THAT(assumed, !Catch::Contains("E_bind of the NaAu2 surface") &&
                          !Catch::Contains("W_ad of the NaAu2 surface") &&
                          !Catch::Contains("alloy_formation_eV_per_atom") &&
                          Catch::Contains("Ea_diff, nu0 and site density of the NaAu2 surface = the coating's"));
}

TEST_CASE("mesoscale task: an alloy surface's hop network goes to its upscale row as D = (z lambda^2/4) nu e^(-Ea/kT)",
          "[workflow][mesoscale][alloy]") {
  TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task_alloy_hops"));
  auto& row = ctx.inputs.at("table").at("rows")[0];
  make_alloying_row(row, -0.24733, true);
  // A network whose D_s is that of 6 hops per site at its own prefactor: z = 6, nu_eff = nu.
  const double Ea_eV = 0.064, nu_Hz = 8.5e11, lambda_A = 3.39;
  const double kT_eV = nabridge::kBoltzmann_eV_K * ctx.params.at("T_K").get<double>();
  row["alloy_Ea_diff_eV"] = Ea_eV;
  row["alloy_nu0_Hz"] = nu_Hz;
  row["alloy_hop_length_A"] = lambda_A;
  row["alloy_D_s_m2_s"] = 6.0 * lambda_A * lambda_A * 1e-20 / 4.0 * nu_Hz * std::exp(-Ea_eV / kT_eV);

  const nlohmann::json r = run_task("mesoscale", ctx);
  const auto params = toml::parse_file((ctx.dir / "upscale_params.toml").string());
  const auto s = params["substrate"][0];
  CHECK(s["alloy_Ea_diff_eV"].value<double>() == Ea_eV);
  CHECK(*s["alloy_nu0_Hz"].value<double>() == Approx(nu_Hz).epsilon(1e-12));
  CHECK(s["alloy_hop_length_A"].value<double>() == lambda_A);
  CHECK(s["alloy_hops_per_site"].value<int64_t>() == 6);
  std::string assumed;
  for (const auto& a : r.at("row_inputs")[0].at("assumed")) assumed += a.get<std::string>() + "\n";
  CHECK_THAT(assumed, !Catch::Contains("Ea_diff, nu0 and site density of the NaAu2 surface"));
}

TEST_CASE("mesoscale task: a held host under an alloy surface's hops is among its row's assumed inputs",
          "[workflow][mesoscale][alloy]") {
  TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task_alloy_hops_held"));
  auto& row = ctx.inputs.at("table").at("rows")[0];
  make_alloying_row(row, -0.24733, true);
  // As add_hop_columns writes it for a hops task whose free host tore, with the "alloy_" prefix.
  row["alloy_hops_assumed"] = nlohmann::json::array({"hops on the host held at the clean slab's relaxed geometry"});
  const nlohmann::json r = run_task("mesoscale", ctx);
  std::vector<std::string> assumed;
  for (const auto& a : r.at("row_inputs")[0].at("assumed")) assumed.push_back(a.get<std::string>());
  CHECK(std::count(assumed.begin(), assumed.end(),
                   "NaAu2 surface: hops on the host held at the clean slab's relaxed geometry") == 1);
}

TEST_CASE("mesoscale task: a polarised row takes its own Na film's W_ad, else its paraelectric row's",
          "[workflow][mesoscale][ferroelectric]") {
  TaskContext ctx = mesoscale_context(scratch_dir("mesoscale_task_polar_rows"));
  auto& rows = ctx.inputs.at("table").at("rows");
  nlohmann::json polar = rows[0];  // A(100) with W_ad 0.3 J/m² is the paraelectric row
  polar["polar_of"] = "A";
  polar["polar_assumed"] = nlohmann::json::array({"polarised slab: a stand-in"});
  polar.erase("W_ad_J_m2");
  polar["substrate"] = "A-Pup";  // no film task on its slab (polar_rows film = false)
  rows.push_back(polar);
  polar["substrate"] = "A-Pdown";  // the polar_film task gave it its own
  polar["W_ad_J_m2"] = 0.9;
  rows.push_back(polar);

  const nlohmann::json r = run_task("mesoscale", ctx);
  const auto params = toml::parse_file((ctx.dir / "upscale_params.toml").string());
  CHECK(params["substrate"][1]["W_ad_J_m2"].value<double>() == 0.3);
  CHECK(params["substrate"][2]["W_ad_J_m2"].value<double>() == 0.9);
  REQUIRE(r.at("row_inputs").size() == 3);
  CHECK(contains_text(r.at("row_inputs")[1].at("assumed"), "the Na film is not computed on the polarised slab"));
  CHECK_FALSE(contains_text(r.at("row_inputs")[2].at("assumed"), "the Na film is not computed"));
  CHECK(contains_text(r.at("row_inputs")[2].at("assumed"), "polarised slab: a stand-in"));
}
