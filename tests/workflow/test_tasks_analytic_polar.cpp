// The ferroelectric tasks run in-process without LAMMPS: the polarization task on a stand-in for
// the core–shell relaxation that returns its seeded cell unrelaxed (every Ti 0.1 Å up in a cubic
// 4 Å cell), whose P is then the displacement times the Ti ion's charge over the volume, by hand;
// the polar_surface task on the clamped slab stacked from that cell, with a Morse engine standing
// in for the shell engine: Na bonds to O only (at r0 up to the cutoff) and is kept off Ti by a
// wall, so its E_bind in the hollow above Ba is the 4 Na–O bonds it forms there.
#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>

#include "campaign_fixture.h"
#include "core/polarization.h"
#include "engines/pair_engine.h"
#include "ferroelectric_campaign.h"
#include "nabridge/base/constants.h"
#include "protocols/polar_surface.h"
#include "structure/prototypes.h"
#include "workflow/task_graph.h"
#include "workflow/tasks/tasks.h"

using namespace nabridge;
using namespace nabridge::testing;
using namespace nabridge::workflow;

namespace {

constexpr double kA_A = 4.0;               // the campaign's a_guess_A (default): the stand-in's cubic cell
constexpr double kSeed_A = 0.1;            // the polarization task's seed of B along z
constexpr double kQ_Ti_e = 4.616 - 1.544;  // batio3-vielma's Ti core + shell
constexpr double kD_NaO_eV = 0.3, kR0_NaO_A = 2.4;

/// One polarised-slab row, P up, on the clamped bulk (the stand-in engine has no host forces).
std::string polar_campaign() {
  return bto_campaign(kFerroelectric + R"(
[substrate.ferroelectric.polar_rows]
directions = ["up"]
field = "electrode_screened"
host = "clamped_bulk"
repeat = 1
hops = false
)");
}

/// The seeded cubic cell, taken as relaxed: P from the seed's displacement of every B, each ion a
/// rigid charge (core + shell).
ShellPerovskite seeded_cell(const PotentialSpec& model, const std::array<std::string, 3>& abo, double a0_A, int n,
                            double seed_A) {
  const Structure cubic = bulk_perovskite(abo[0], abo[1], abo[2], a0_A);
  ShellPerovskite r;
  r.a_A = r.c_A = a0_A;
  r.cells = n * n * n;
  r.unit = cubic;
  std::vector<double> q;
  for (std::size_t i = 0; i < cubic.size(); ++i) {
    if (cubic.species[i] == abo[1]) r.unit.positions(2, static_cast<Eigen::Index>(i)) += seed_A;
    q.push_back(ion_charge_e(model, cubic.species[i]));
  }
  r.P_C_m2 = polarization_C_m2(cubic.cell, r.unit.positions, cubic.positions, q);
  return r;
}

/// Stands in for the shell engine: the slab's ions do not interact (the clamped host never moves),
/// Na-O Morse bonds up to 3 Å (past r0, short of every second O), a Na-Ti wall inside 2.95 Å.
std::unique_ptr<Engine> na_o_bonds(const PotentialSpec&, const ShellEngineOptions&) {
  auto m = std::make_unique<MorseEngine>();
  m->set("Na", "O", kD_NaO_eV, 2.0, kR0_NaO_A, 3.0);
  m->set("Na", "Ti", 0.5, 2.0, 3.2, 2.95);
  return m;
}

TaskContext analytic_context(const TaskGraph& g, const std::string& name, const std::filesystem::path& dir) {
  TaskContext ctx;
  for (const auto& t : g.tasks())
    if (t.name == name) ctx.params = t.params;
  REQUIRE(!ctx.params.is_null());
  ctx.dir = dir;
  ctx.relax_perovskite = seeded_cell;
  ctx.shell_engine_factory = na_o_bonds;
  return ctx;
}

}  // namespace

TEST_CASE(
    "polarization and polar_surface tasks on analytic stand-ins: P of the seeded displacement, E_bind of 4 Na-O bonds",
    "[workflow][tasks][ferroelectric]") {
  const auto dir = scratch_dir("tasks_analytic_polar");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, polar_campaign())));

  // P = q_Ti dz / a^3 = 3.072 e x 0.1 A / 64 A^3 = 0.07690 C/m2 along +z.
  const nlohmann::json pol = run_task("polarization", analytic_context(g, "polarization/BTO", dir));
  INFO(pol.dump(1));
  const double P_C_m2 = kQ_Ti_e * kSeed_A / (kA_A * kA_A * kA_A) * kEPerA2_to_C_per_m2;
  CHECK(pol.at("P_s_C_m2").get<double>() == Approx(P_C_m2).epsilon(1e-12));
  CHECK(pol.at("P_C_m2")[2].get<double>() == Approx(P_C_m2).epsilon(1e-12));
  CHECK(pol.at("c_over_a").get<double>() == 1.0);
  // The screened-film offset of test_ferroelectric_campaign, by hand from this P.
  const double lam_e_m =
      std::sqrt(8.8541878128e-12 * 15 * 1.380649e-23 * 298.15 / (1.2e28 * 1.602176634e-19 * 1.602176634e-19));
  const double sigma_C_m2 = P_C_m2 * 100e-9 / (100e-9 + 6 * (0.5e-10 + lam_e_m / 15));
  CHECK(pol.at("field_offset_mV").get<double>() ==
        Approx(sigma_C_m2 * lam_e_m / (8.8541878128e-12 * 15) * 1e3).epsilon(1e-9));

  TaskContext ctx = analytic_context(g, "polar_surface/BTO-Pup", dir);
  const double E_coh_eV = 1.113;  // given: the [na] potential's cohesive energy
  ctx.inputs = {{"polarization/BTO", pol}, {"na_bulk", {{"E_coh_eV", E_coh_eV}}}};
  const nlohmann::json r = run_task("polar_surface", ctx);
  INFO(r.dump(1));
  // The clamped slab keeps the seeded off-centring in every BO2 layer.
  CHECK(r.at("d0_A").get<double>() == Approx(kSeed_A).epsilon(1e-9));
  for (const auto& d : r.at("bo2_off_centring_A")) CHECK(d.get<double>() == Approx(kSeed_A).epsilon(1e-9));
  // Na in the hollow reaches its 4 top-layer O at r0 (2 A in plane); the next O are > 3 A away.
  CHECK(r.at("E_isolated_Na_eV").get<double>() == 0.0);
  // To the relaxation's fmax (5e-3 eV/A): 3 ueV.
  CHECK(r.at("most_stable") == "hollow-O4");
  CHECK(r.at("E_bind_eV").get<double>() == Approx(-4.0 * kD_NaO_eV).margin(1e-5));
  CHECK(r.at("E_ads_eV").get<double>() == Approx(r.at("E_bind_eV").get<double>() + E_coh_eV).epsilon(1e-12));
  CHECK(r.at("site_density_m2").get<double>() == Approx(1e20 / (kA_A * kA_A)).epsilon(1e-12));
  // Field by hand: (P + P_stack)/eps0, P_stack = (q_Ti + 2 q_O)/(2 a^2) with O 0.970 - 2.718 e.
  const double P_stack_C_m2 = (kQ_Ti_e + 2 * (0.970 - 2.718)) / (2 * kA_A * kA_A) * kEPerA2_to_C_per_m2;
  CHECK(r.at("P_stack_C_m2").get<double>() == Approx(P_stack_C_m2).epsilon(1e-9));
  CHECK(r.at("host_field_V_A").get<double>() ==
        Approx((P_C_m2 + P_stack_C_m2) / 8.8541878128e-12 * 1e-10).epsilon(1e-9));
  CHECK_FALSE(r.contains("hops"));
}

TEST_CASE("polarization task on a stand-in whose seed relaxes away: refused, no zero field passed on",
          "[workflow][tasks][ferroelectric]") {
  const auto dir = scratch_dir("tasks_analytic_paraelectric");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, polar_campaign())));
  TaskContext ctx = analytic_context(g, "polarization/BTO", dir);
  ctx.relax_perovskite = [](const PotentialSpec& model, const std::array<std::string, 3>& abo, double a0_A, int n,
                            double) { return seeded_cell(model, abo, a0_A, n, 0.0); };
  CHECK_THROWS_WITH(run_task("polarization", ctx), Catch::Contains("relaxed away"));
}

namespace {

// The Na film's stand-in metal: bcc Na with Morse bonds between nearest neighbours only (3.7 Å,
// cutoff below the second shell), so a = 2 r0/sqrt(3) and gamma counts broken bonds.
constexpr double kNnNa_A = 3.7, kD_NaNa_eV = 0.15;

/// Both directions of P, each with its Na film, on the clamped slab of the seeded cell.
std::string polar_film_campaign() {
  return bto_campaign(kFerroelectric + R"(
[substrate.ferroelectric.polar_rows]
directions = ["up", "down"]
host = "clamped_bulk"
repeat = 1
hops = false
film = true
)");
}

std::unique_ptr<MorseEngine> film_metal() {
  auto m = std::make_unique<MorseEngine>();
  m->set("Na", "Na", kD_NaNa_eV, 1.2, kNnNa_A, 1.1 * kNnNa_A);
  return m;
}

/// Stands in for the film's shell engine: the film's metal (nearest-neighbour Morse Na-Na) and,
/// when `na_host`, the Na-O bonds of na_o_bonds; the host's ions do not interact (clamped). It
/// records the model and field the task asked for.
struct FilmStandIn {
  bool na_host = true;
  std::vector<double> fields_V_A;
  bool metal_applied = true;
  std::unique_ptr<Engine> operator()(const PotentialSpec& spec, const ShellEngineOptions& o) {
    fields_V_A.push_back(o.host_field_V_A);
    metal_applied = metal_applied && spec.metal_film.applied;
    auto m = film_metal();
    if (na_host) m->set("Na", "O", kD_NaO_eV, 2.0, kR0_NaO_A, 3.0);
    return m;
  }
};

nlohmann::json run_film(const TaskGraph& g, const std::string& row, const nlohmann::json& pol, FilmStandIn& stand_in,
                        const std::filesystem::path& dir) {
  TaskContext ctx = analytic_context(g, "polar_film/" + row, dir);
  // Without the rigid registry scan: it runs at the start gap, which is measured from the highest
  // host atom, a Ti for P up and an O for P down, and could pick different registries for the two.
  ctx.params["registry_points"] = 0;
  ctx.shell_engine_factory = [&](const PotentialSpec& s, const ShellEngineOptions& o) { return stand_in(s, o); };
  ctx.engine_factory = [](const PotentialSpec&) -> std::unique_ptr<Engine> { return film_metal(); };
  ctx.inputs = {{"polarization/BTO", pol}};
  return run_task("polar_film", ctx);
}

}  // namespace

TEST_CASE("polar_film task on analytic stand-ins: W_ad = 0 without a Na-host term, P up = P down without field terms",
          "[workflow][tasks][ferroelectric]") {
  const auto dir = scratch_dir("tasks_analytic_polar_film");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, polar_film_campaign())));
  // A small seed (5e-3 A of Ti, P = 3.8e-3 C/m2, above the polar threshold): the P-up and P-down slabs then differ by
  // 0.01 A in the height of their top Ti above the O plane, from which the film's start gap is measured, so the two
  // runs start from the same film geometry and differ only through what the engine makes of P.
  TaskContext pol_ctx = analytic_context(g, "polarization/BTO", dir);
  pol_ctx.relax_perovskite = [](const PotentialSpec& model, const std::array<std::string, 3>& abo, double a0_A, int n,
                                double) { return seeded_cell(model, abo, a0_A, n, 5e-3); };
  const nlohmann::json pol = run_task("polarization", pol_ctx);

  FilmStandIn detached;
  detached.na_host = false;
  const nlohmann::json zero = run_film(g, "BTO-Pup", pol, detached, dir);
  INFO(zero.dump(1));
  // Nothing binds the film to the host: the film relaxes alone and on the slab alike.
  CHECK(zero.at("W_ad_J_m2").get<double>() == 0.0);
  CHECK(zero.at("W_ad_unrelaxed_J_m2").get<double>() == 0.0);
  CHECK(zero.at("theta_deg").get<double>() == Approx(180.0));
  // The film's own metal, bulk Na as the na_bulk task computes it: a = 2 r0/sqrt(3) with nearest-neighbour bonds.
  CHECK(zero.at("na_film_bulk").at("a_A").get<double>() == Approx(2.0 * kNnNa_A / std::sqrt(3.0)).epsilon(1e-6));

  FilmStandIn bonded;
  const nlohmann::json up = run_film(g, "BTO-Pup", pol, bonded, dir);
  const nlohmann::json down = run_film(g, "BTO-Pdown", pol, bonded, dir);
  INFO(up.dump(1));
  INFO(down.dump(1));
  CHECK(bonded.metal_applied);  // the film's engine was given the model's metal film
  // The two rows differ only through the field on the host (+-P_s + P_stack)/eps0, which this
  // stand-in ignores: the same W_ad, to the relaxation's fmax.
  const double P_C_m2 = pol.at("P_s_C_m2").get<double>();
  const double P_stack_C_m2 = (kQ_Ti_e + 2 * (0.970 - 2.718)) / (2 * kA_A * kA_A) * kEPerA2_to_C_per_m2;
  REQUIRE(bonded.fields_V_A.size() == 2);
  CHECK(bonded.fields_V_A[0] == Approx((P_C_m2 + P_stack_C_m2) / 8.8541878128e-12 * 1e-10).epsilon(1e-9));
  CHECK(bonded.fields_V_A[1] == Approx((-P_C_m2 + P_stack_C_m2) / 8.8541878128e-12 * 1e-10).epsilon(1e-9));
  CHECK(up.at("W_ad_J_m2").get<double>() > 0.1);
  CHECK(down.at("W_ad_J_m2").get<double>() == Approx(up.at("W_ad_J_m2").get<double>()).epsilon(1e-5));
  // Young-Dupre with the film metal's own gamma.
  const double gamma = up.at("na_film_bulk").at("gamma_Na_J_m2");
  const double cos_theta = std::clamp(up.at("W_ad_J_m2").get<double>() / gamma - 1.0, -1.0, 1.0);
  CHECK(up.at("theta_deg").get<double>() == Approx(std::acos(cos_theta) * 180.0 / M_PI).epsilon(1e-12));
}

TEST_CASE("polar_film task: a model without a Na metal, a film that does not fit the slab's cell: one message each",
          "[workflow][tasks][ferroelectric]") {
  const auto dir = scratch_dir("tasks_analytic_polar_film_bad");
  const TaskGraph g = build_task_graph(load_with_shipped_potentials(write_campaign(dir, polar_film_campaign())));
  const nlohmann::json pol = run_task("polarization", analytic_context(g, "polarization/BTO", dir));
  FilmStandIn stand_in;
  TaskContext ctx = analytic_context(g, "polar_film/BTO-Pup", dir);
  ctx.shell_engine_factory = [&](const PotentialSpec& s, const ShellEngineOptions& o) { return stand_in(s, o); };
  ctx.engine_factory = [](const PotentialSpec&) -> std::unique_ptr<Engine> { return film_metal(); };
  ctx.inputs = {{"polarization/BTO", pol}};
  TaskContext no_metal = ctx;
  no_metal.params["potential"].erase("metal_film");
  CHECK_THROWS_WITH(run_task("polar_film", no_metal),
                    Catch::Contains("potential 'batio3-vielma' has no metal for a film") &&
                        Catch::Contains("a film of cations, not a metal"));
  TaskContext tight = ctx;
  tight.params["max_strain"] = 1e-4;
  tight.params["max_atoms"] = 40;
  CHECK_THROWS_WITH(run_task("polar_film", tight),
                    Catch::StartsWith("polar_film BTO-Pup: the Na film on the polarised slab's 4.0000 A cell: "));
}
