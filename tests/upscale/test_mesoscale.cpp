#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/mesoscale.h"
#include "meso_fixtures.h"

using namespace nabridge::upscale;
using namespace nabridge::upscale::testing;

namespace {

MesoMap grid(int n, double gap_fraction = 0.0, std::uint64_t seed = 1) {
  MesoMapSpec m;
  m.nx = m.ny = n;
  m.gap_fraction = gap_fraction;
  return make_meso_map(m, seed);
}
MesoOperating conditions(double i_A_m2 = 10.0, double P_Pa = 5e6) {
  MesoOperating op;
  op.current_A_m2 = i_A_m2;
  op.pressure_Pa = P_Pa;  // ≥ 3σ_y: full plastic contact
  op.capacity_C_m2 = 900.0;
  op.cycles = 1;
  return op;
}

}  // namespace

TEST_CASE("mesoscale map: fractions and determinism", "[mesoscale]") {
  MesoMapSpec s;
  s.nx = s.ny = 40;
  s.coating = 1;
  s.coating_fraction = 0.3;
  s.gap_fraction = 0.1;
  const auto a = make_meso_map(s, 3), b = make_meso_map(s, 3), c = make_meso_map(s, 4);
  CHECK(std::count(a.substrate.begin(), a.substrate.end(), 1) == 480);  // round(0.3 · 1600)
  CHECK(std::count(a.contact.begin(), a.contact.end(), 0) == 160);
  CHECK(a.substrate == b.substrate);
  CHECK(a.contact == b.contact);
  CHECK(a.substrate != c.substrate);
  CHECK_THROWS_WITH(make_meso_map(
                        [] {
                          MesoMapSpec x;
                          x.gap_fraction = 1.5;
                          return x;
                        }(),
                        1),
                    Catch::Contains("gap_fraction"));
}

TEST_CASE("mesoscale: plated charge equals the integral of the current", "[mesoscale]") {
  for (double C_dl : {0.0, 0.1}) {
    auto op = conditions();
    op.C_dl_F_m2 = C_dl;
    op.strip = false;
    MesoscaleSimulator sim({sodiophobic()}, sodium(), grid(24, 0.1), op);
    const auto r = sim.run();
    REQUIRE_FALSE(r.failed);
    const auto& cy = r.cycles.at(0);
    // ∫I dt = capacity = Faradaic charge + double-layer charge C_dl (η_end − η_start), η_start = 0.
    CHECK(r.charge_passed_C_m2 == Approx(op.capacity_C_m2).epsilon(1e-12));
    CHECK(cy.plated_C_m2 + C_dl * sim.state().eta_V == Approx(r.charge_passed_C_m2).epsilon(1e-9));
    // The Na on the collector (film + adatoms) is that Faradaic charge.
    CHECK(sim.na_charge_C_m2() == Approx(cy.plated_C_m2).epsilon(1e-9));
  }
}

TEST_CASE("mesoscale: full contact, no gaps, no dead Na gives CE = 1 to 1e-9", "[mesoscale]") {
  for (const auto& sub : {sodiophobic(), sodiophilic()}) {
    auto op = conditions();
    op.cycles = 2;
    MesoscaleSimulator sim({sub}, sodium(), grid(24), op);
    const auto r = sim.run();
    INFO(sub.name << ": " << r.failure);
    REQUIRE_FALSE(r.failed);
    REQUIRE(r.cycles.size() == 2);
    for (const auto& c : r.cycles) {
      CHECK(c.ce == Approx(1.0).margin(1e-9));
      CHECK(c.dead_C_m2 < 1e-9 * c.plated_C_m2);
      CHECK(c.contact_after_stripping == Approx(1.0));
    }
    CHECK(sim.na_charge_C_m2() < 1e-9 * op.capacity_C_m2);
  }
}

TEST_CASE("mesoscale: Na bookkeeping with gaps and voids (plated = stripped + left)", "[mesoscale]") {
  auto op = conditions(30.0, 0.1e6);  // low pressure: contact 1/6, voids on stripping at 3 mA/cm²
  MesoscaleSimulator sim({sodiophobic()}, sodium(), grid(32, 0.2), op);
  const auto r = sim.run();
  const auto& c = r.cycles.at(0);
  CHECK(c.stripped_C_m2 + c.dead_C_m2 == Approx(c.plated_C_m2).epsilon(1e-9));
  CHECK(c.dead_C_m2 > 0.01 * c.plated_C_m2);
  CHECK(c.ce < 0.99);
}

TEST_CASE("mesoscale: zero current leaves the state unchanged", "[mesoscale]") {
  auto op = conditions(0.0);
  op.cycles = 2;
  MesoscaleSimulator idle({sodiophobic()}, sodium(), grid(16, 0.2), op);
  const MesoState before = idle.state();
  const auto r = idle.run();
  CHECK_FALSE(r.failed);
  CHECK(idle.state() == before);
  CHECK(r.cycles.at(1).plated_C_m2 == 0.0);
  CHECK(r.charge_passed_C_m2 == 0.0);
  // A rest step on a fresh collector and on a full Na film (everything covered, full contact).
  CHECK(idle.step(10.0, 0.0).faradaic_C_m2 == 0.0);
  MesoState after = idle.state();
  after.t_s = before.t_s;
  CHECK(after == before);
  auto plate = conditions();
  plate.strip = false;
  MesoscaleSimulator film({sodiophilic()}, sodium(), grid(16), plate);
  REQUIRE_FALSE(film.run().failed);
  REQUIRE(film.coverage() == Approx(1.0));
  const MesoState plated = film.state();
  film.step(5.0, 0.0);
  MesoState rested = film.state();
  rested.t_s = plated.t_s;
  CHECK(rested == plated);
}

TEST_CASE("mesoscale: the same seed gives bit-identical runs", "[mesoscale]") {
  auto op = conditions(10.0, 0.3e6);
  op.cycles = 2;
  auto run = [&](std::uint64_t seed) {
    op.seed = seed;
    MesoscaleSimulator sim({sodiophobic()}, sodium(), grid(24, 0.1, seed), op);
    auto r = sim.run();
    return std::make_pair(r, sim.state());
  };
  const auto [a, sa] = run(5);
  const auto [b, sb] = run(5);
  CHECK(sa == sb);
  REQUIRE(a.transient.size() == b.transient.size());
  bool same = true;
  for (std::size_t k = 0; k < a.transient.size(); ++k)
    same = same && a.transient[k].eta_V == b.transient[k].eta_V && a.transient[k].t_s == b.transient[k].t_s &&
           a.transient[k].coverage == b.transient[k].coverage;
  CHECK(same);
  CHECK(a.thickness_final_m == b.thickness_final_m);
  const auto [c, sc] = run(6);
  CHECK_FALSE(sc == sa);
}

TEST_CASE("mesoscale: nucleation spike on a sodiophobic collector, none on a sodiophilic one", "[mesoscale]") {
  auto op = conditions();
  op.strip = false;
  MesoscaleSimulator phobic({sodiophobic()}, sodium(), grid(32), op), philic({sodiophilic()}, sodium(), grid(32), op);
  const auto a = phobic.run(), b = philic.run();
  REQUIRE_FALSE(a.failed);
  REQUIRE_FALSE(b.failed);
  // Both end on Butler–Volmer growth of Na at full contact: η = 2kT/e asinh(i/2i0).
  const double plateau = 2 * kBoltzmann_eV_K * op.T_K * std::asinh(op.current_A_m2 / (2 * 10.0));
  CHECK(a.cycles[0].eta_plateau_V == Approx(plateau).epsilon(0.02));
  CHECK(b.cycles[0].eta_plateau_V == Approx(plateau).epsilon(0.02));
  CHECK(a.cycles[0].eta_nuc_V > 0.05);
  CHECK(b.cycles[0].eta_nuc_V < 0.01);
  // Island census: nuclei appear, coalesce (fewer islands at the end), film becomes continuous.
  REQUIRE(a.islands.size() >= 2);
  CHECK(a.islands.front().islands > a.islands.back().islands);
  CHECK(a.islands.back().coverage > 0.98);
  CHECK(a.cycles[0].continuity_charge_C_m2 > b.cycles[0].continuity_charge_C_m2);
}

TEST_CASE("mesoscale: a built-in field lowers the nucleation overpotential by about its offset", "[mesoscale]") {
  auto field = sodiophobic();
  field.field_offset_V = 0.05;
  auto op = conditions();
  op.strip = false;
  op.built_in_field = false;
  MesoscaleSimulator off({field}, sodium(), grid(24), op);
  op.built_in_field = true;
  MesoscaleSimulator on({field}, sodium(), grid(24), op);
  const auto a = off.run(), b = on.run();
  // Same adatom supersaturation at nucleation, reached at η + 50 mV on the coating; the Na film
  // screens the field, so the plateau is unchanged.
  CHECK(b.cycles[0].eta_plateau_V == Approx(a.cycles[0].eta_plateau_V).epsilon(0.01));
  CHECK(a.cycles[0].eta_nuc_V - b.cycles[0].eta_nuc_V == Approx(0.05).margin(0.01));
}

TEST_CASE("mesoscale: bad input gives a clear error", "[mesoscale]") {
  const auto na = sodium();
  CHECK_THROWS_WITH(MesoscaleSimulator({sodiophobic()}, na, grid(8), conditions(-1.0)), Catch::Contains("negative"));
  auto bad_theta = sodiophobic();
  bad_theta.theta_deg = 190;
  CHECK_THROWS_WITH(MesoscaleSimulator({bad_theta}, na, grid(8), conditions()),
                    Catch::Contains("theta_deg = 190 is outside [0, 180]"));
  auto missing = sodiophobic();
  missing.i0_A_m2 = kUnset;
  CHECK_THROWS_WITH(MesoscaleSimulator({missing}, na, grid(8), conditions()),
                    Catch::Contains("substrate 'sodiophobic': i0_A_m2 is missing"));
  auto no_creep = na;
  no_creep.creep.A_per_s_Pa_n = kUnset;
  CHECK_THROWS_WITH(MesoscaleSimulator({sodiophobic()}, no_creep, grid(8), conditions()),
                    Catch::Contains("creep_A_per_s_Pa_n is missing"));
  // 1 mA/cm² through the contact of an unloaded stack (1 Pa: contact fraction 1.7e-6) needs
  // 0.68 V of Butler–Volmer, above a 0.5 V cut-off.
  auto unloaded = conditions(10.0, 1.0);
  unloaded.eta_cutoff_V = 0.5;
  CHECK_THROWS_WITH(MesoscaleSimulator({sodiophobic()}, na, grid(8), unloaded), Catch::Contains("cannot be sustained"));
  CHECK_THROWS_AS(MesoscaleSimulator({sodiophobic()}, na, grid(8), unloaded), UnsustainableCurrent);
  CHECK_THROWS_WITH(MesoscaleSimulator({sodiophobic()}, na, grid(8, 1.0), conditions()),
                    Catch::Contains("no cell touches"));
  MesoscaleSimulator ok({sodiophobic()}, na, grid(8), conditions());
  CHECK_THROWS_WITH(ok.step(-1.0, 10.0), Catch::Contains("dt"));
}

TEST_CASE("mesoscale: a failing run is reported as failed, with the reason", "[mesoscale]") {
  // Low stack pressure and a high stripping current: voids open faster than creep refills them.
  auto op = conditions(100.0, 0.1e6);
  MesoscaleSimulator sim({sodiophobic()}, sodium(), grid(24, 0.1), op);
  const auto r = sim.run();
  CHECK(r.failed);
  CHECK(r.failed_cycle == 1);
  const bool named =
      r.failure.find("contact loss") != std::string::npos || r.failure.find("focusing") != std::string::npos;
  CHECK(named);
  // The same current at high pressure cycles.
  MesoscaleSimulator pressed({sodiophobic()}, sodium(), grid(24, 0.1), conditions(100.0, 5e6));
  CHECK_FALSE(pressed.run().failed);
}

TEST_CASE("mesoscale: a porous collector loses the Na left in its pores below the electrolyte", "[mesoscale]") {
  // Pores 50 nm deep, 10 % of the area, full contact elsewhere, a wetting substrate. Plating
  // fills the pores first (Na spills into them from the rim); stripping takes Na from the top
  // until the surface in a pore sinks a void height δ_v below the rim, where the cell loses its
  // contact. Known answer: dead Na = (pore cells / cells) (d_p − δ_v) e/Ω.
  MesoMapSpec ms;
  ms.nx = ms.ny = 32;
  ms.pore_fraction = 0.1;
  ms.pore_size_m = 150e-9;
  ms.pore_depth_m = 50e-9;
  const MesoMap map = make_meso_map(ms, 3);
  std::size_t pores = 0;
  for (auto p : map.pore) pores += p;
  std::size_t pores_in_contact = 0;
  for (std::size_t i = 0; i < map.pore.size(); ++i) pores_in_contact += map.pore[i] && map.contact[i];
  REQUIRE(pores > 0);
  REQUIRE(pores_in_contact == 0);  // the electrolyte does not reach into a pore
  auto op = conditions();
  op.cycles = 2;
  MesoscaleSimulator sim({sodiophilic()}, sodium(), map, op);
  const auto r = sim.run();
  INFO(r.failure);
  REQUIRE_FALSE(r.failed);
  const auto& c1 = r.cycles.at(0);
  const double expected_C_m2 = static_cast<double>(pores) / static_cast<double>(map.pore.size()) *
                               (ms.pore_depth_m - op.void_height_m) * kElementaryCharge_C / sodium().omega_m3;
  CHECK(c1.dead_C_m2 == Approx(expected_C_m2).epsilon(0.1));
  CHECK(c1.stripped_C_m2 + c1.dead_C_m2 == Approx(c1.plated_C_m2).epsilon(1e-9));
  CHECK(c1.ce < 1.0 - 0.5 * expected_C_m2 / c1.plated_C_m2);
  // The pores stay filled: the second cycle loses (almost) nothing more.
  const auto& c2 = r.cycles.at(1);
  CHECK(c2.dead_C_m2 - c1.dead_C_m2 < 0.1 * expected_C_m2);
  CHECK(c2.ce > c1.ce);
  // Without pores the same run keeps everything.
  MesoscaleSimulator flat({sodiophilic()}, sodium(), grid(32), op);
  CHECK(flat.run().cycles.at(0).dead_C_m2 < 1e-9 * op.capacity_C_m2);
}
