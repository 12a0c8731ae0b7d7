// Task types run in-process on an analytic engine: the parameters are those the campaign graph
// gives a run, only the engine factory is not LAMMPS's. Morse bonds between nearest neighbours
// only, each at its minimum (phi = -D), make every answer a bond count: no force and no pressure
// in the ideal lattices, the bulk energy from the bonds per atom, gamma from the bonds a cut
// breaks and the adatom's E_bind from the bonds it forms.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>

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

// fcc Cu, nearest neighbours at 2.55 Å, the cutoff halfway to the second shell (√2 nn). Na bonds to
// Cu alike, so an adatom in the 4-fold hollow of (100) continues the fcc lattice.
constexpr double kNn_A = 2.55, kD_Cu_eV = 0.40;
// bcc Na, nearest neighbours (8) at 3.7 Å, the cutoff below the second shell (2/√3 nn).
constexpr double kNnNa_A = 3.7, kD_Na_eV = 0.15;
// Cubic perovskite BaTiO3, a = 4 Å: Ti-O bonds at a/2, Ba-O bonds at a/√2, the cutoffs below the
// next Ti-O (√5 a/2) and Ba-O (√(3/2) a) distances; no other pair interacts.
constexpr double kA_BTO_A = 4.0, kD_TiO_eV = 1.3, kD_BaO_eV = 0.35;

std::unique_ptr<Engine> nearest_neighbour_morse(const PotentialSpec& spec) {
  CHECK(spec.elements == std::vector<std::string>{"Cu", "Na", "Ba", "Ti", "O"});  // the campaign's potential
  auto m = std::make_unique<MorseEngine>();
  const double cu_cutoff_A = 0.5 * (1.0 + std::sqrt(2.0)) * kNn_A;
  m->set("Cu", "Cu", kD_Cu_eV, 1.5, kNn_A, cu_cutoff_A);
  m->set("Cu", "Na", kD_Cu_eV, 1.5, kNn_A, cu_cutoff_A);
  m->set("Na", "Na", kD_Na_eV, 1.2, kNnNa_A, 1.1 * kNnNa_A);
  m->set("Ti", "O", kD_TiO_eV, 2.0, kA_BTO_A / 2.0, 0.8 * kA_BTO_A);
  m->set("Ba", "O", kD_BaO_eV, 1.5, kA_BTO_A / std::sqrt(2.0), kA_BTO_A);
  return m;
}

// The campaign's potential (LAMMPS pair_style zero) is never run: the test's engine factory
// gives every task the Morse engine instead.
const std::string kCampaign = R"(
[campaign]
name = "analytic"
output = "results"

[potentials.pair]
elements = ["Cu", "Na", "Ba", "Ti", "O"]
pair_style = "zero 4.0"
pair_coeff = ["* *"]

[atomistic]
layers = 4
fixed_layers = 1
repeat = 2
fmax_eV_A = 1e-4
hops = false
adhesion = false

[na]
potential = "pair"
vacancy = false

[[substrate]]
name = "Cu"
prototype = "fcc"
elements = ["Cu"]
a_A = 3.5
facets = ["100"]
potential = "pair"

[[substrate]]
name = "BaTiO3-TiO2"
prototype = "perovskite"
elements = ["Ba", "Ti", "O"]
a_A = 3.9
facets = ["001"]
termination = "TiO2"
layers = 5
repeat = 1
potential = "pair"
)";

/// Runs the graph's task `name` in this process on the analytic engine; its inputs from `results`.
nlohmann::json run_analytic(const TaskGraph& g, const std::string& name,
                            const std::map<std::string, nlohmann::json>& results, const std::filesystem::path& dir) {
  for (const auto& t : g.tasks()) {
    if (t.name != name) continue;
    TaskContext ctx;
    ctx.params = t.params;
    for (const auto& in : t.inputs) ctx.inputs[in] = results.at(in);
    ctx.dir = dir / safe_file_stem(name);
    std::filesystem::create_directories(ctx.dir);
    ctx.engine_factory = nearest_neighbour_morse;
    return run_task(t.type, ctx);
  }
  FAIL("no task " << name);
  return {};
}

}  // namespace

TEST_CASE("na_bulk, bulk, surface and adsorption tasks on a nearest-neighbour Morse engine give the bond counts",
          "[workflow][tasks]") {
  const auto dir = scratch_dir("tasks_analytic");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, kCampaign)));
  std::map<std::string, nlohmann::json> results;

  // bcc Na: 8 bonds per atom, -4 D per atom at a = 2 nn/√3; the isolated atom has no bond, so
  // E_coh = 4 D. (110): a surface atom (area a²/√2) lost 2 of its 8 bonds, gamma = √2 D / a².
  const nlohmann::json na = results["na_bulk"] = run_analytic(g, "na_bulk", results, dir);
  const double a_Na_A = 2.0 * kNnNa_A / std::sqrt(3.0);
  CHECK(na.at("a_A").get<double>() == Approx(a_Na_A).epsilon(1e-9));
  CHECK(na.at("E_coh_eV").get<double>() == Approx(4.0 * kD_Na_eV).epsilon(1e-12));
  CHECK(na.at("omega_A3").get<double>() == Approx(a_Na_A * a_Na_A * a_Na_A / 2.0).epsilon(1e-9));
  const double gamma_110_J_m2 = std::sqrt(2.0) * kD_Na_eV / (a_Na_A * a_Na_A) * kEvPerA2_to_J_per_m2;  // 0.1862
  CHECK(na.at("gamma_Na_J_m2").get<double>() == Approx(gamma_110_J_m2).epsilon(1e-9));

  // fcc: 12 bonds per atom, so -6 D per atom, at a = √2 nn (zero pressure with every bond at r0).
  const nlohmann::json bulk = results["bulk/Cu"] = run_analytic(g, "bulk/Cu", results, dir);
  CHECK(bulk.at("a_A").get<double>() == Approx(std::sqrt(2.0) * kNn_A).epsilon(1e-9));
  CHECK(bulk.at("e_bulk_eV_per_atom").get<double>() == Approx(-6.0 * kD_Cu_eV).epsilon(1e-12));

  // (100): a surface atom (area nn²) lost 4 of its 12 bonds; gamma = 4 D / (2 nn²), nothing relaxes.
  const nlohmann::json surface = run_analytic(g, "surface/Cu/100", results, dir);
  const double gamma_100_J_m2 = 4.0 * kD_Cu_eV / (2.0 * kNn_A * kNn_A) * kEvPerA2_to_J_per_m2;  // 1.9711
  CHECK(surface.at("gamma_unrelaxed_J_m2").get<double>() == Approx(gamma_100_J_m2).epsilon(1e-9));
  CHECK(surface.at("gamma_J_m2").get<double>() == Approx(gamma_100_J_m2).epsilon(1e-9));
  CHECK_FALSE(surface.contains("gamma_note"));

  // Na in the 4-fold hollow forms 4 bonds (the Cu below it is at √2 nn, beyond the cutoff); the
  // isolated atom has none. One hollow per surface atom: 1/nn² sites per Å².
  const nlohmann::json ads = run_analytic(g, "adsorption/Cu/100", results, dir);
  INFO(ads.dump(1));
  CHECK(ads.at("most_stable") == "hollow");
  CHECK(ads.at("E_bind_eV").get<double>() == Approx(-4.0 * kD_Cu_eV).epsilon(1e-8));
  CHECK(ads.at("E_ads_eV").get<double>() == Approx(-4.0 * kD_Cu_eV + 4.0 * kD_Na_eV).epsilon(1e-8));
  CHECK(ads.at("site_density_m2").get<double>() == Approx(1e20 / (kNn_A * kNn_A)).epsilon(1e-9));
  CHECK(ads.at("cell_check").at("converged") == true);
}

TEST_CASE("surface task on a non-stoichiometric perovskite slab: the termination pair's average gamma",
          "[workflow][tasks]") {
  const auto dir = scratch_dir("tasks_analytic_perovskite");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, kCampaign)));
  std::map<std::string, nlohmann::json> results;
  // Per formula unit 6 Ti-O and 12 Ba-O bonds over 5 atoms.
  const nlohmann::json bulk = results["bulk/BaTiO3-TiO2"] = run_analytic(g, "bulk/BaTiO3-TiO2", results, dir);
  CHECK(bulk.at("a_A").get<double>() == Approx(kA_BTO_A).epsilon(1e-9));
  CHECK(bulk.at("e_bulk_eV_per_atom").get<double>() == Approx(-(6 * kD_TiO_eV + 12 * kD_BaO_eV) / 5).epsilon(1e-12));

  // The 5-layer TiO2-terminated slab has 3 TiO2 and 2 BaO layers; with the BaO-terminated one it
  // is whole formula units. A cut between a BaO and a TiO2 layer breaks, per cell a², 1 Ti-O and
  // 4 Ba-O bonds; the pair has four faces, two cuts: gamma_avg = (D_TiO + 4 D_BaO) / (2 a²).
  const nlohmann::json surface = run_analytic(g, "surface/BaTiO3-TiO2/001", results, dir);
  const double gamma_avg_J_m2 =
      (kD_TiO_eV + 4.0 * kD_BaO_eV) / (2.0 * kA_BTO_A * kA_BTO_A) * kEvPerA2_to_J_per_m2;  // 1.3518
  CHECK(surface.at("gamma_J_m2").get<double>() == Approx(gamma_avg_J_m2).epsilon(1e-9));
  CHECK(surface.at("gamma_unrelaxed_J_m2").is_null());
  CHECK_THAT(surface.at("gamma_note").get<std::string>(), Catch::Contains("average of the TiO2 and BaO terminations"));
  CHECK(surface.at("natoms") == 13);  // 3 TiO2 + 2 BaO layers of the 1x1 cell
}
