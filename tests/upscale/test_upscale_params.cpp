// The numerics keys of [conditions.interface] in a `nabridge upscale` file: each documented key
// (docs/upscale.md, "Mesoscale sweeps") is read into the simulator's settings, out-of-range values
// are one error naming the file and the key.
#include <catch2/catch.hpp>

#include <regex>
#include <string>
#include <tuple>
#include <vector>

#include <toml++/toml.h>

#include "nabridge/upscale/upscale_params.h"

using namespace nabridge;

namespace {
std::string sweep_doc(const std::string& interface_keys) {
  return R"([conditions]
T_K = 298.15
eta_mV = [10]
current_mA_cm2 = [1]
pressure_MPa = [5]
capacity_mAh_cm2 = 0.01

[conditions.interface]
cells = 16
cell_nm = 50
)" + interface_keys +
         R"(
[na]
gamma_Na_J_m2 = 0.20
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
theta_deg = 120
)";
}
}  // namespace

TEST_CASE("upscale file: the time-step keys of [conditions.interface] reach the simulator", "[upscale][params]") {
  const auto p = upscale::read_upscale_document(
      toml::parse(sweep_doc("eta_step_mV = 2\npopulation_step = 0.05\nmin_steps = 80\nmax_steps = 1000\n")), "s.toml");
  REQUIRE(p.meso);
  CHECK(p.meso->numerics.eta_step_V == Approx(2e-3));
  CHECK(p.meso->numerics.population_step == 0.05);
  CHECK(p.meso->numerics.min_steps == 80);
  CHECK(p.meso->numerics.max_steps == 1000);

  CHECK_THROWS_WITH(upscale::read_upscale_document(toml::parse(sweep_doc("population_step = 2\n")), "s.toml"),
                    Catch::StartsWith("s.toml:") && Catch::Contains("conditions.interface.population_step"));
}

TEST_CASE("upscale file: min_nuclei and max_cells of [conditions.interface], their defaults and bad values",
          "[upscale][params]") {
  const auto read = [](const std::string& doc) { return upscale::read_upscale_document(toml::parse(doc), "s.toml"); };
  const auto defaults = read(sweep_doc(""));
  REQUIRE(defaults.meso);
  CHECK(defaults.meso->min_nuclei == 1000);
  CHECK(defaults.meso->max_cells == 768);
  const auto set = read(sweep_doc("min_nuclei = 50\nmax_cells = 100\n"));
  CHECK(set.meso->min_nuclei == 50);
  CHECK(set.meso->max_cells == 100);
  // A map larger than the default maximum is never shrunk: the maximum is then the map.
  CHECK(read(std::regex_replace(sweep_doc(""), std::regex("cells = 16"), "cells = 1024")).meso->max_cells == 1024);

  for (const auto& [keys, key, message] : std::vector<std::tuple<std::string, std::string, std::string>>{
           {"min_nuclei = -1\n", "conditions.interface.min_nuclei", "outside"},
           {"min_nuclei = 10.5\n", "conditions.interface.min_nuclei", ""},
           {"max_cells = 8\n", "conditions.interface.max_cells", "8 is below cells (16)"},
           {"max_cells = 4096\n", "conditions.interface.max_cells", "outside"}}) {
    INFO(keys);
    CHECK_THROWS_WITH(read(sweep_doc(keys)),
                      Catch::StartsWith("s.toml:") && Catch::Contains(key) && Catch::Contains(message));
  }
}
