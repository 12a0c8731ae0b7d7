// A map too small for the nucleation density it produces: `nabridge upscale` warns, naming the
// interface, the current and the count of nuclei in the map, in the log (one line per interface
// and kind, as the campaign's report and parameter table) and in mesoscale.json (per run).
#include <catch2/catch.hpp>

#include "campaign_fixture.h"

using namespace nabridge::testing;

TEST_CASE("nabridge upscale: a map holding only a few nuclei gives a warning naming the interface",
          "[workflow][upscale]") {
  const auto dir = scratch_dir("upscale_sparse_map");
  // A weakly binding substrate: ~1.6 nuclei/µm² at 0.01 mA/cm² (1 in the 0.8 µm map), ~55/µm² at
  // 1 mA/cm² (35 in the map: no warning below 30).
  write_file(dir / "p.toml", R"([conditions]
T_K = 298.15
eta_mV = [10]
current_mA_cm2 = [0.01, 1]
pressure_MPa = [5]
capacity_mAh_cm2 = 0.01
cycles = 1

[conditions.interface]
cells = 16
cell_nm = 50
substrates = ["weak"]

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
)");
  const auto r = run_process(
      {nabridge_exe(), "upscale", (dir / "p.toml").string(), "--no-plots", "--out", (dir / "out").string()});
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output,
             Catch::Contains("warning: weak at 0.01 mA/cm² (5 MPa):") && Catch::Contains("nuclei in the 0.8 µm map"));
  CHECK_THAT(r.output, !Catch::Contains("warning: weak at 1 mA/cm²"));
  const std::string json = read_file(dir / "out" / "mesoscale" / "mesoscale.json");
  CHECK_THAT(json, Catch::Contains("enlarge the map"));
}
