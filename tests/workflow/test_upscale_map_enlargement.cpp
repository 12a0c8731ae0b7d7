// A run whose map held fewer than [conditions.interface] min_nuclei nuclei is repeated by
// `nabridge upscale` on maps with twice the cells per side (same cell size and seed) up to
// max_cells; runs.csv and mesoscale.json record the map each run's result is from. Checked
// against direct runs on the map it ended on; runs with many nuclei, a percolated adatom layer or
// a failure keep the interface's map. A map too small for its nucleation density even at
// max_cells gives a warning naming the interface, the current, the count of nuclei in the map and
// the key to raise, in the log (one line per interface and kind, as the campaign's report and
// parameter table) and in mesoscale.json (per run).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "campaign_fixture.h"

using namespace nabridge::testing;

namespace {

/// "weak" (E_bind −0.30 eV, θ 120°): on 16 × 50 nm cells (0.8 µm) ~1.6 nuclei/µm² at 0.01 mA/cm²,
/// 1 in the map; ~55/µm² at 1 mA/cm², 35 in the map; ~260/µm² at 10 mA/cm², 168 in the map. "TiO2": the BaTiO3-TiO2 row
/// of the default campaign (E_a 1.284 eV), whose Na starts as a percolated adatom layer.
const char* const kRows = R"(
[na]
gamma_Na_J_m2 = 0.20
E_coh_eV = 1.113
i0_A_m2 = 10.0
yield_MPa = 0.2
creep_ref_stress_MPa = 0.2
creep_ref_strain_rate_per_s = 1e-3
substrate_i0_A_m2 = 1.0

[[substrate]]
name = "weak"
E_bind_eV = -0.30
Ea_diff_eV = 0.06
nu0_Hz = 1.0e13
hop_length_A = 2.46
hops_per_site = 6
theta_deg = 120

[[substrate]]
name = "TiO2"
E_bind_eV = -2.280
Ea_diff_eV = 1.284
nu0_Hz = 7.87e12
hop_length_A = 4.016
hops_per_site = 4
W_ad_J_m2 = 1.703
)";

struct Sweep {
  std::string output;   // the log of `nabridge upscale`
  nlohmann::json runs;  // the runs of mesoscale.json
};

/// A one-plating sweep at `currents` and 5 MPa, with `interface_keys` in [conditions.interface].
Sweep sweep(const std::string& name, const std::string& currents, const std::string& interface_keys) {
  const auto dir = scratch_dir(name);
  write_file(dir / "p.toml", R"([conditions]
T_K = 298.15
eta_mV = [10]
current_mA_cm2 = [)" + currents + R"(]
pressure_MPa = [5]
capacity_mAh_cm2 = 0.01
cycles = 1

[conditions.interface]
)" + interface_keys + kRows);
  const auto r = run_process(
      {nabridge_exe(), "upscale", (dir / "p.toml").string(), "--no-plots", "--out", (dir / "out").string()});
  INFO(r.output);
  REQUIRE(r.status == 0);
  return {r.output, nlohmann::json::parse(read_file(dir / "out" / "mesoscale" / "mesoscale.json")).at("runs")};
}

double first_N(const nlohmann::json& run) { return run.at("cycles").at(0).at("nuclei_per_um2").get<double>(); }
double first_eta(const nlohmann::json& run) { return run.at("cycles").at(0).at("eta_nuc_mV").get<double>(); }

}  // namespace

TEST_CASE("nabridge upscale: a map holding fewer than min_nuclei nuclei is rerun with twice the cells per side",
          "[workflow][upscale]") {
  // 1 mA/cm²: 35 nuclei on 16 cells < 100, so 32 cells (1.6 µm, ~140 nuclei), where it stops.
  // 10 mA/cm²: 168 nuclei already on 16 cells, so that map.
  const auto runs =
      sweep("upscale_enlarge", "1, 10", "cells = 16\ncell_nm = 50\nsubstrates = [\"weak\"]\nmin_nuclei = 100\n").runs;
  REQUIRE(runs.size() == 2);
  CHECK(runs[0].at("cells_per_side") == 32);
  CHECK(runs[0].at("map_um").get<double>() == Approx(1.6));
  CHECK(first_N(runs[0]) * 1.6 * 1.6 >= 100);
  CHECK(runs[1].at("cells_per_side") == 16);
  CHECK(runs[1].at("map_um").get<double>() == Approx(0.8));

  // Independent of the enlargement: the same seed run directly on 32 and on 16 cells, enlargement off.
  const auto on32 =
      sweep("upscale_enlarge_direct32", "1", "cells = 32\ncell_nm = 50\nsubstrates = [\"weak\"]\nmin_nuclei = 0\n")
          .runs;
  const auto on16 =
      sweep("upscale_enlarge_direct16", "1, 10", "cells = 16\ncell_nm = 50\nsubstrates = [\"weak\"]\nmin_nuclei = 0\n")
          .runs;
  CHECK(first_N(runs[0]) == Approx(first_N(on32[0])).epsilon(1e-12));
  CHECK(first_eta(runs[0]) == Approx(first_eta(on32[0])).epsilon(1e-12));
  CHECK(first_N(on16[0]) * 0.8 * 0.8 < 100);  // the map the 1 mA/cm² run was enlarged from
  CHECK(first_N(on16[0]) != Approx(first_N(on32[0])).epsilon(1e-3));
  // The 10 mA/cm² run is the run of before, to the last digit.
  CHECK(on16[1].at("cells_per_side") == 16);
  CHECK(first_N(runs[1]) == first_N(on16[1]));
  CHECK(first_eta(runs[1]) == first_eta(on16[1]));
}

TEST_CASE("nabridge upscale: a percolated adatom layer and a failed run keep the interface's map",
          "[workflow][upscale]") {
  // TiO2's Na starts as a percolated layer (its few nuclei beside it are no density): not
  // enlarged although its map holds far fewer than the default 1000 nuclei.
  const auto layer = sweep("upscale_enlarge_layer", "1", "cells = 48\ncell_nm = 25\nsubstrates = [\"TiO2\"]\n").runs;
  REQUIRE(layer.size() == 1);
  CHECK(layer[0].at("status") == "ok");
  CHECK(first_N(layer[0]) * 1.2 * 1.2 < 1000);
  CHECK(layer[0].at("cells_per_side") == 48);
  // weak needs ~400 mV to nucleate: with a 0.1 V cut-off its plating fails, on the 16-cell map.
  const auto failed = sweep("upscale_enlarge_failed", "1",
                            "cells = 16\ncell_nm = 50\nsubstrates = [\"weak\"]\nmin_nuclei = 100\neta_cutoff_V = 0.1\n")
                          .runs;
  REQUIRE(failed.size() == 1);
  CHECK(failed[0].at("status") == "failed");
  CHECK(failed[0].at("cells_per_side") == 16);
}

TEST_CASE("nabridge upscale: a map holding only a few nuclei at max_cells gives a warning naming the interface",
          "[workflow][upscale]") {
  // 0.01 mA/cm²: 1 nucleus on 16 cells, 4 in the 1.6 µm map of max_cells = 32. 1 mA/cm²: ~140
  // nuclei on 32 cells (no warning from 30 on).
  const auto s =
      sweep("upscale_sparse_map", "0.01, 1", "cells = 16\ncell_nm = 50\nmax_cells = 32\nsubstrates = [\"weak\"]\n");
  INFO(s.output);
  CHECK_THAT(s.output, Catch::Contains("warning: weak at 0.01 mA/cm² (5 MPa):") &&
                           Catch::Contains("nuclei in the 1.6 µm map, a count of a few events; the map was enlarged "
                                           "to max_cells = 32 per side; raise [conditions.interface] max_cells"));
  CHECK_THAT(s.output, !Catch::Contains("warning: weak at 1 mA/cm²"));
  CHECK_THAT(s.runs.at(0).at("warning").get<std::string>(), Catch::Contains("raise [conditions.interface] max_cells"));
  CHECK(!s.runs.at(1).contains("warning"));
}
