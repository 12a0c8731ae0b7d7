// Nucleation densities the rate equations do not set: nuclei formed on a full layer of immobile
// adatoms, Na grown on a percolated layer of them (no nucleation), and nuclei formed in one step by
// a coating converting on every cell at once.
// `nabridge upscale` warns in the log once per interface and kind, naming the currents and
// pressures, and stores each run's warnings in mesoscale.json (the campaign's report and parameter
// table carry the log's grouped lines); the Al(111) row of the default campaign in the same sweep
// is not warned.
#include <catch2/catch.hpp>

#include <string>

#include "campaign_fixture.h"

using namespace nabridge::testing;

namespace {

struct Sweep {
  std::string output;  // the log of `nabridge upscale`
  std::string json;    // mesoscale.json
};

/// One plating of 0.01 mAh/cm² at each of `current_mA_cm2` and `pressure_MPa` on a 48 × 25 nm map
/// for the rows `substrate_rows` (TOML) and the default campaign's Al(111) row "Al";
/// `interface_keys` are added to [conditions.interface].
Sweep sweep_with_al(const std::string& name, const std::string& current_mA_cm2, const std::string& interface_keys,
                    const std::string& substrate_rows, const std::string& pressure_MPa = "10") {
  const auto dir = scratch_dir(name);
  write_file(dir / "p.toml", R"([conditions]
T_K = 298.15
eta_mV = [10]
current_mA_cm2 = [)" + current_mA_cm2 + R"(]
pressure_MPa = [)" + pressure_MPa + R"(]
capacity_mAh_cm2 = 0.01
cycles = 1

[conditions.interface]
cells = 48
cell_nm = 25
)" + interface_keys + R"(

[na]
gamma_Na_J_m2 = 0.247
E_coh_eV = 1.113
i0_A_m2 = 10.0
yield_MPa = 0.2
creep_ref_stress_MPa = 0.2
creep_ref_strain_rate_per_s = 1e-3
substrate_i0_A_m2 = 10.0

[[substrate]]
name = "Al"
E_bind_eV = -1.385
Ea_diff_eV = 0.0176
nu0_Hz = 3.64e12
hop_length_A = 1.653
hops_per_site = 6
W_ad_J_m2 = 0.619
)" + substrate_rows);
  const auto r = run_process(
      {nabridge_exe(), "upscale", (dir / "p.toml").string(), "--no-plots", "--out", (dir / "out").string()});
  INFO(r.output);
  REQUIRE(r.status == 0);
  return {r.output, read_file(dir / "out" / "mesoscale" / "mesoscale.json")};
}

/// The sweep's log holds `start` followed (in the same log) by `finding`, mesoscale.json holds
/// `in_json`, and the Al row is not warned.
void check_warned(const Sweep& s, const std::string& start, const std::string& finding, const std::string& in_json) {
  INFO(s.output);
  CHECK_THAT(s.output, Catch::Contains(start) && Catch::Contains(finding));
  CHECK_THAT(s.output, !Catch::Contains("warning: Al "));
  CHECK_THAT(s.json, Catch::Contains(in_json));
}

/// How often `what` occurs in `text`.
int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

}  // namespace

TEST_CASE("nabridge upscale: nuclei formed on a full layer of immobile adatoms give a warning naming the interface",
          "[workflow][upscale]") {
  // "immobile": the BaTiO3-TiO2-Pdown row of the default campaign (E_a 1.135 eV, +79 mV field).
  const Sweep s = sweep_with_al("upscale_crowded_sites", "0.1", R"(built_in_field = true
substrates = ["immobile", "Al"])",
                                R"(
[[substrate]]
name = "immobile"
E_bind_eV = -2.866
Ea_diff_eV = 1.135
nu0_Hz = 1.026e13
hop_length_A = 3.97
hops_per_site = 4
W_ad_J_m2 = 3.46
field_offset_mV = 78.9
)");
  check_warned(s, "warning: immobile at 0.1 mA/cm² (10 MPa):",
               "formed where the adatoms filled more than half the adsorption sites", "immobile adatoms");
}

TEST_CASE("nabridge upscale: nuclei formed in one step by a converting coating give a warning naming the interface",
          "[workflow][upscale]") {
  // "Au on Al": the Au-like coating of tests/upscale/test_mesoscale_alloy.cpp (two Au layers
  // taking Na as NaAu2 at 0.27 V, the alloy surface binding Na as the coating does), uniform and
  // without gaps: its last alloying step still leaves the fresh alloy surface far above its
  // nucleation threshold, and 82 % of the nuclei form in one step (docs/upscale.md).
  const Sweep s = sweep_with_al("upscale_burst_nuclei", "1", R"(substrates = ["Au on Al", "Al"])", R"(
[[substrate]]
name = "Au on Al"
E_bind_eV = -1.40
Ea_diff_eV = 0.03
nu0_Hz = 1e13
hop_length_A = 2.88
hops_per_site = 6
W_ad_J_m2 = 0.479
alloy_phase = "NaAu2"
alloy_na_per_coating_atom = 0.5
coating_atoms_per_m2 = 2.78e19
alloy_formation_eV_per_atom = -0.091
alloy_E_bind_eV = -1.40
alloy_Ea_diff_eV = 0.03
alloy_W_ad_J_m2 = 0.479
alloy_hop_length_A = 2.88
alloy_hops_per_site = 6
alloy_nu0_Hz = 1e13
)");
  check_warned(s, "warning: Au on Al at 1 mA/cm² (10 MPa):",
               "nuclei/µm² formed in one time step (a coating converted on every cell",
               "set by the step, not by a nucleation rate");
}

TEST_CASE("nabridge upscale: Na grown on a percolated layer at 2 currents x 2 pressures gives one warning line",
          "[workflow][upscale]") {
  // "TiO2": the BaTiO3-TiO2 row of the default campaign (E_a 1.284 eV, +79 mV field): its adatoms
  // cannot meet, fill the sites to the percolation threshold (0.593 N0 e = 0.59 C/m² of charge
  // on its 4.016 Å site lattice, 1.6×10⁻⁵ mAh/cm²) and then carry the Na as one layer per cell,
  // at every current and pressure. No nucleation density is claimed for them, and the few-nuclei
  // warning, whose advice (a larger map) would not help, is not given. The log says each kind once
  // for the four runs; mesoscale.json keeps each run's.
  const Sweep s = sweep_with_al("upscale_percolated_layer", "1, 3", R"(built_in_field = true
substrates = ["TiO2", "Al"])",
                                R"(
[[substrate]]
name = "TiO2"
E_bind_eV = -2.280
Ea_diff_eV = 1.284
nu0_Hz = 7.87e12
hop_length_A = 4.016
hops_per_site = 4
W_ad_J_m2 = 1.703
field_offset_mV = 78.9
)",
                                "2, 10");
  check_warned(s,
               "warning: TiO2 at every current and pressure of the sweep: on 100 % of the cells the Na started as a "
               "percolated layer",
               "not by nucleation", "percolated layer of immobile adatoms");
  // One line per kind for the four runs: the layer, and the crowded sites its few nuclei formed on.
  CHECK(count(s.output, "warning: TiO2") == 2);
  CHECK(count(s.output, "warning: TiO2 at every current and pressure of the sweep: ") == 2);
  CHECK(count(s.json, R"("kind": "percolated_layer")") == 4);
  CHECK(count(s.json, "TiO2 at 3 mA/cm², 2 MPa: on 100 % of the cells") == 1);
  CHECK_THAT(s.output, !Catch::Contains("nuclei in the"));
}
