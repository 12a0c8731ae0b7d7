// Task types run in-process on an analytic engine: the parameters are those the campaign graph
// gives a run, only the engine factory is not LAMMPS's. Morse bonds between nearest neighbours
// only, each at its minimum (phi = -D), make every answer a bond count: no force and no pressure
// in the ideal lattices, the bulk energy from the bonds per atom, gamma from the bonds a cut
// breaks, the adatom's E_bind from the bonds it forms, the vacancy's E_f from the bonds the removed
// atom takes and W_sep of a film on its own crystal from the bonds across the cut. The hops task
// runs on a smooth Morse instead (a nearest-neighbour cutoff leaves no smooth saddle), its barrier
// checked against relaxations held on the sites.
#include <catch2/catch.hpp>

#include <cmath>
#include <map>
#include <stdexcept>

#include "campaign_fixture.h"
#include "core/safe_name.h"
#include "engines/pair_engine.h"
#include "nabridge/base/constants.h"
#include "optimize/fire.h"
#include "workflow/task_graph.h"
#include "workflow/tasks/task_common.h"
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

/// The graph's task `name`.
const Task& graph_task(const TaskGraph& g, const std::string& name) {
  for (const auto& t : g.tasks())
    if (t.name == name) return t;
  throw std::runtime_error("no task " + name);
}

/// Runs the graph's task `name` in this process on the analytic engine `factory`; its inputs from `results`.
nlohmann::json run_analytic(const TaskGraph& g, const std::string& name,
                            const std::map<std::string, nlohmann::json>& results, const std::filesystem::path& dir,
                            const EngineFactory& factory = nearest_neighbour_morse) {
  const Task& t = graph_task(g, name);
  TaskContext ctx;
  ctx.params = t.params;
  for (const auto& in : t.inputs) ctx.inputs[in] = results.at(in);
  ctx.dir = dir / safe_file_stem(name);
  std::filesystem::create_directories(ctx.dir);
  ctx.engine_factory = factory;
  return run_task(t.type, ctx);
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

namespace {

/// The nearest-neighbour Morse with, on slabs of more than `atoms` atoms only, a bump of height
/// B over every fourfold hollow of Cu(100) (period nn along x and y, the hollow at half a period
/// from a top atom in both): B (1 + cos kx')(1 + cos ky')/4 on the Na, x', y' from the hollow.
/// At B = 1.2 eV the hollow (4 bonds, -1.6 eV) rises above the bridge (2 bonds): the adatom no
/// longer stays there, so the larger cell holds another state than the smaller one.
class BumpedHollowsInLargerCells : public Engine {
 public:
  BumpedHollowsInLargerCells(std::unique_ptr<Engine> morse, std::size_t atoms) : morse_(std::move(morse)),
                                                                                atoms_(atoms) {}
  std::string describe() const override { return "Morse, hollows bumped in larger cells"; }
  bool provides_virial() const override { return false; }
  static constexpr double kBump_eV = 1.2;

 protected:
  void compute(const Structure& s, Evaluation& out, bool want_virial) override {
    morse_->evaluate(s, out, want_virial);
    if (s.size() <= atoms_ || s.species.back() != "Na") return;
    Eigen::Index top = 0;
    for (Eigen::Index i = 0; i + 1 < s.positions.cols(); ++i)
      if (s.positions(2, i) > s.positions(2, top) + 1e-6) top = i;
    const auto na = s.positions.cols() - 1;
    const double k = 2 * M_PI / kNn_A;
    const double x = s.positions(0, na) - s.positions(0, top) - kNn_A / 2;
    const double y = s.positions(1, na) - s.positions(1, top) - kNn_A / 2;
    const double gx = 1 + std::cos(k * x), gy = 1 + std::cos(k * y);
    out.energy_eV += kBump_eV * gx * gy / 4;
    out.forces_eV_A(0, na) += kBump_eV * k * std::sin(k * x) * gy / 4;
    out.forces_eV_A(1, na) += kBump_eV * k * std::sin(k * y) * gx / 4;
  }

 private:
  std::unique_ptr<Engine> morse_;
  std::size_t atoms_;
};

}  // namespace

TEST_CASE("adsorption cell check: another state in the larger cell is inconclusive, not a change of E_ads",
          "[workflow][tasks]") {
  // The campaign's 2x2 Cu(100) slab (16 atoms) keeps the Na in the hollow; the 3x3 one has a bump
  // there, so relaxed from the hollow the adatom ends elsewhere: comparing the two energies would
  // call a different state a coverage effect.
  const auto dir = scratch_dir("tasks_analytic_cell_check");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, kCampaign)));
  std::map<std::string, nlohmann::json> results;
  const EngineFactory bumped = [](const PotentialSpec& spec) -> std::unique_ptr<Engine> {
    return std::make_unique<BumpedHollowsInLargerCells>(nearest_neighbour_morse(spec), 20);
  };
  results["na_bulk"] = run_analytic(g, "na_bulk", results, dir, bumped);
  results["bulk/Cu"] = run_analytic(g, "bulk/Cu", results, dir, bumped);
  const nlohmann::json ads = run_analytic(g, "adsorption/Cu/100", results, dir, bumped);
  INFO(ads.dump(1));
  CHECK(ads.at("most_stable") == "hollow");
  CHECK(ads.at("E_bind_eV").get<double>() == Approx(-4.0 * kD_Cu_eV).epsilon(1e-8));
  const auto& check = ads.at("cell_check");
  CHECK(check.at("converged").is_null());
  CHECK(check.at("landed").at(0) == "hollow");
  // The bridge: 2 bonds, E_ads = -2 D_Cu + 4 D_Na = -0.2 eV (the bump vanishes there).
  CHECK(check.at("landed").at(1) == "bridge");
  CHECK_FALSE(check.contains("change_meV"));
  CHECK_THAT(ads.at("site_note").get<std::string>(),
             Catch::StartsWith("cell check inconclusive: relaxed from hollow the adatom ends on hollow in the 2x2 cell "
                               "and on bridge in the 3x3 cell, two different states (E_ads -1.000 and -0.200 eV)") &&
                 !Catch::Contains("not the dilute limit"));
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

namespace {

/// kCampaign with every optional task on and a bcc Na substrate (the film's own crystal), the
/// vacancy in a 3 x 3 x 3 cell of 54 sites.
std::string campaign_with_all_tasks() {
  std::string toml = kCampaign;
  for (const std::string flag : {"hops = false", "adhesion = false", "vacancy = false"})
    toml.replace(toml.find(flag), flag.size(), flag.substr(0, flag.find('=') + 2) + "true");
  return toml + R"(
[[substrate]]
name = "NaSub"
prototype = "bcc"
elements = ["Na"]
a_A = 4.27
facets = ["110"]
potential = "pair"
)";
}

}  // namespace

TEST_CASE("na_vacancy task on a nearest-neighbour Morse engine: E_f is the 8 bonds of the removed atom less its share",
          "[workflow][tasks]") {
  const auto dir = scratch_dir("tasks_analytic_vacancy");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, campaign_with_all_tasks())));
  std::map<std::string, nlohmann::json> results;
  results["na_bulk"] = run_analytic(g, "na_bulk", results, dir);
  // E(N-1) - (N-1)/N E(N) with E(N) = -4 D N and 8 bonds fewer: 4 D; every remaining bond stays at r0,
  // so nothing relaxes.
  const nlohmann::json v = run_analytic(g, "na_vacancy", results, dir);
  INFO(v.dump(1));
  CHECK(v.at("natoms") == 54);
  CHECK(v.at("Ef_eV").get<double>() == Approx(4.0 * kD_Na_eV).epsilon(1e-9));
  CHECK(v.at("coordination") == 8);
  CHECK(v.at("jump_length_A").get<double>() == Approx(kNnNa_A).epsilon(1e-9));
  // The migration is not pinned: with bonds cut off between the first and second shells the
  // jumping atom's path has no smooth saddle (the band falls into other nearest-neighbour states).
}

TEST_CASE("adhesion task of bcc Na(110) on its own crystal: W_sep = 2 gamma, gamma_int = 0, complete wetting",
          "[workflow][tasks]") {
  const auto dir = scratch_dir("tasks_analytic_adhesion");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, campaign_with_all_tasks())));
  std::map<std::string, nlohmann::json> results;
  results["na_bulk"] = run_analytic(g, "na_bulk", results, dir);
  results["bulk/NaSub"] = run_analytic(g, "bulk/NaSub", results, dir);
  results["surface/NaSub/110"] = run_analytic(g, "surface/NaSub/110", results, dir);
  // The film continues the substrate's crystal: cleaving it again breaks 2 bonds per (110) atom
  // (area a^2/sqrt2), W = 2 sqrt2 D / a^2 = 2 gamma_Na(110); nothing relaxes.
  const nlohmann::json ad = run_analytic(g, "adhesion/NaSub/110", results, dir);
  INFO(ad.dump(1));
  const double a_Na_A = 2.0 * kNnNa_A / std::sqrt(3.0);
  const double W_J_m2 = 2.0 * std::sqrt(2.0) * kD_Na_eV / (a_Na_A * a_Na_A) * kEvPerA2_to_J_per_m2;  // 0.3724
  CHECK(ad.at("W_ad_unrelaxed_J_m2").get<double>() == Approx(W_J_m2).epsilon(1e-9));
  CHECK(ad.at("W_ad_J_m2").get<double>() == Approx(W_J_m2).epsilon(1e-9));
  CHECK(ad.at("gamma_int_J_m2").get<double>() == Approx(0.0).margin(1e-9));
  CHECK(ad.at("theta_deg").get<double>() == Approx(0.0).margin(1e-6));
  CHECK(ad.at("film_strain_max").get<double>() == Approx(0.0).margin(1e-9));  // the two bulk tasks' a_A agree to 1e-11
}

TEST_CASE("adhesion result: a held substrate and a contact above its parts are reported with their values",
          "[workflow][tasks]") {
  FilmAdhesionResult r;
  r.interface.structure.add_atom("O", Vec3(0, 0, 0));
  r.interface.structure.add_atom("Na", Vec3(0, 0, 2));
  AdhesionResult& a = r.adhesion;
  a.gamma_int_J_m2 = 1.0 + 0.2 - 0.9;  // γ_sub 1.0, γ_Na 0.2, W 0.9
  a.W_sep_J_m2 = 0.9;
  SECTION("a substrate atom moved 3.4 A: held, the free W kept, the note names the atom") {
    a.max_A_displacement_A = 3.4;
    a.max_A_displacement_atom = 0;
    a.W_sep_A_free_J_m2 = 2.1;
    const nlohmann::json j = film_adhesion_json(r, 0.2);
    CHECK(j.at("W_ad_J_m2").get<double>() == 0.9);
    CHECK(j.at("W_ad_substrate_free_J_m2").get<double>() == 2.1);
    CHECK(j.at("substrate_max_displacement_A").get<double>() == 3.4);
    CHECK_THAT(j.at("adhesion_note").get<std::string>(), Catch::Contains("substrate O atom 3.40 A out of place") &&
                                                            Catch::Contains("W_ad 2.100 J/m2"));
  }
  SECTION("W_sep < 0: W_ad 0, no wetting, gamma_int = gamma_sub + gamma_Na") {
    a.W_sep_J_m2 = -0.004;
    a.gamma_int_J_m2 = 1.0 + 0.2 + 0.004;
    const nlohmann::json j = film_adhesion_json(r, 0.2);
    CHECK(j.at("W_ad_J_m2").get<double>() == 0.0);
    CHECK(j.at("theta_deg").get<double>() == Approx(180.0).epsilon(1e-12));
    CHECK(j.at("gamma_int_J_m2").get<double>() == Approx(1.2).epsilon(1e-12));
    CHECK_THAT(j.at("adhesion_note").get<std::string>(), Catch::Contains("0.004 J/m2 above") &&
                                                            Catch::Contains("does not adhere"));
    CHECK(j.at("W_ad_substrate_free_J_m2").is_null());
  }
  SECTION("an ordinary contact has no note") {
    const nlohmann::json j = film_adhesion_json(r, 0.2);
    CHECK(j.at("adhesion_note").is_null());
    CHECK(j.at("theta_deg").get<double>() == Approx(0.0).margin(1e-9));  // W 0.9 > 2 γ_Na
  }
}

namespace {

// Cu(100) under a smooth Morse (shifted to zero at a cutoff past the third shell): the hollow is
// the minimum and, by symmetry, the bridge between two hollows the saddle.
std::unique_ptr<Engine> smooth_morse(const PotentialSpec&) {
  auto m = std::make_unique<MorseEngine>();
  m->set("Cu", "Cu", 0.3429, 1.3588, 2.866, 5.5, true);
  m->set("Cu", "Na", 0.25, 1.2, 3.0, 6.0, true);
  m->set("Na", "Na", kD_Na_eV, 1.2, kNnNa_A, 6.0, true);
  return m;
}

/// The hops task's slab with Na 2 Å above `site_A` (x, y), relaxed with the adatom held at its
/// in-plane position: the bottom of the hollow's well or, on the bridge, the saddle's energy.
double relaxed_at_site_eV(const nlohmann::json& hops_params, const nlohmann::json& bulk, const Vec3& site_A) {
  Structure s = make_task_slab(hops_params, bulk, hops_params.at("slab").at("fixed_layers")).structure;
  const double top_z_A = s.positions.row(2).maxCoeff();
  s.add_atom("Na", Vec3(site_A.x(), site_A.y(), top_z_A + 2.0), dof::kZ);
  OptimizerOptions o;
  o.fmax_eV_A = 1e-5;
  o.max_steps = 20000;
  auto engine = smooth_morse({});
  REQUIRE(Fire(o).minimize(*engine, s).converged);
  return engine->energy(s);
}

}  // namespace

TEST_CASE("hops task on Cu(100) under a smooth Morse: the barrier is the bridge's held relaxation above the hollow's",
          "[workflow][tasks]") {
  const auto dir = scratch_dir("tasks_analytic_hops");
  std::string toml = campaign_with_all_tasks();
  toml.replace(toml.find("repeat = 2"), 10, "repeat = 3");  // adatoms 3 nn apart: a dilute adatom
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, toml)));
  std::map<std::string, nlohmann::json> results;
  const nlohmann::json bulk = results["bulk/Cu"] = run_analytic(g, "bulk/Cu", results, dir, smooth_morse);
  const nlohmann::json hops = run_analytic(g, "hops/Cu/100", results, dir, smooth_morse);
  INFO(hops.dump(1));
  CHECK(hops.at("minima") == nlohmann::json::array({"hollow"}));
  REQUIRE(hops.at("hops").size() == 1);
  const auto& hop = hops.at("hops")[0];
  CHECK(hop.at("from") == "hollow");
  CHECK(hop.at("to") == "hollow");
  const double nn_A = bulk.at("a_A").get<double>() / std::sqrt(2.0);
  CHECK(hop.at("length_A").get<double>() == Approx(nn_A).epsilon(1e-6));
  // Independently of the NEB: a top-layer atom of the slab is at (0, 0) or its hollow/bridge
  // equivalents; the hollow is (nn/2, nn/2) from it, the bridge (nn/2, 0).
  const nlohmann::json& params = graph_task(g, "hops/Cu/100").params;
  Structure slab = make_task_slab(params, bulk, 1).structure;
  Eigen::Index top = 0;
  slab.positions.row(2).maxCoeff(&top);
  const Vec3 atom_A = slab.positions.col(top);
  const double barrier_eV = relaxed_at_site_eV(params, bulk, atom_A + Vec3(nn_A / 2, 0, 0)) -
                            relaxed_at_site_eV(params, bulk, atom_A + Vec3(nn_A / 2, nn_A / 2, 0));
  CHECK(hop.at("barrier_eV").get<double>() == Approx(barrier_eV).margin(1e-4));  // 0.16596 eV
  CHECK(hops.at("Ea_diff_eV").get<double>() == Approx(hop.at("barrier_eV").get<double>()).epsilon(1e-12));
}
