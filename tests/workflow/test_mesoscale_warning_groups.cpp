// The nucleation warnings as people read them (log, report, prediction_warnings): one line per
// interface and kind, naming the currents and pressures it applies to and the range of the runs'
// numbers, from the runs' entries of mesoscale.json (stage/mesoscale_warnings.h).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "stage/mesoscale_warnings.h"

using nabridge::upscale::grouped_nucleation_warnings;
using nabridge::upscale::nucleation_warning_text;

namespace {

using Warnings = std::vector<nlohmann::json>;

/// A run's entry of mesoscale.json with the given nucleation warnings.
nlohmann::json run(const std::string& interface, double i_mA_cm2, double P_MPa, const Warnings& warnings,
                   int seed = 1) {
  nlohmann::json r{{"interface", interface},
                   {"current_mA_cm2", i_mA_cm2},
                   {"pressure_MPa", P_MPa},
                   {"seed", seed},
                   {"status", "ok"}};
  if (!warnings.empty()) r["nucleation_warnings"] = nlohmann::json(warnings);
  return r;
}

nlohmann::json layer(double cells_percent, double nuclei_per_um2) {
  return {{"kind", "percolated_layer"}, {"layer_cells_percent", cells_percent}, {"nuclei_per_um2", nuclei_per_um2}};
}

nlohmann::json crowded(double percent, double nuclei_per_um2) {
  return {{"kind", "crowded_sites"}, {"crowded_percent", percent}, {"nuclei_per_um2", nuclei_per_um2}};
}

const std::string kLayerText =
    ": on 90 % of the cells the Na started as a percolated layer of immobile adatoms (coverage ≥ 0.593 of the sites), "
    "not by nucleation; ";

}  // namespace

TEST_CASE("mesoscale warnings: 2 currents x 2 pressures that all warn give one line with the numbers' range",
          "[workflow][upscale][warnings]") {
  const nlohmann::json runs{run("TiO2", 0.1, 0.1, {layer(90, 0.0218)}), run("TiO2", 1, 0.1, {layer(90, 0.0001)}),
                            run("TiO2", 0.1, 10, {layer(90, 11)}), run("TiO2", 1, 10, {layer(90, 0.5)})};
  const auto lines = grouped_nucleation_warnings(runs);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0].interface == "TiO2");
  CHECK(lines[0].kind == "percolated_layer");
  CHECK(lines[0].text ==
        "TiO2 at every current and pressure of the sweep" + kLayerText + "0.0001–11 nuclei/µm² formed on the rest");
}

TEST_CASE("mesoscale warnings: a run's own text names its current and pressure", "[workflow][upscale][warnings]") {
  CHECK(nucleation_warning_text("TiO2 at 1 mA/cm², 10 MPa", layer(90, 0.00133)) ==
        "TiO2 at 1 mA/cm², 10 MPa" + kLayerText + "0.00133 nuclei/µm² formed on the rest");
  const nlohmann::json few{{"kind", "few_nuclei"},
                           {"nuclei_per_um2", 1.6},
                           {"nuclei_in_map", 1.024},
                           {"map_um", 0.8},
                           {"advice", "raise min_nuclei"}};
  CHECK(nucleation_warning_text("weak at 0.01 mA/cm², 5 MPa", few) ==
        "weak at 0.01 mA/cm², 5 MPa: 1.6 nuclei/µm² is 1.0 nuclei in the 0.8 µm map, a count of a few events; raise "
        "min_nuclei");
}

TEST_CASE("mesoscale warnings: a part of the sweep is listed by current with its pressures",
          "[workflow][upscale][warnings]") {
  // The BaTiO3-TiO2(001) pattern of the default campaign: every current at 0.5-10 MPa, only the
  // two lowest at 0.1 MPa (the others failed there).
  nlohmann::json runs = nlohmann::json::array();
  for (double P : {0.1, 0.5, 2.0, 10.0})
    for (double i : {0.1, 0.3, 1.0, 3.0, 10.0}) {
      const bool warns = P > 0.1 || i < 1;
      runs.push_back(run("TiO2", i, P, warns ? Warnings{layer(90, i * P), crowded(95 + i / 10, i)} : Warnings{}));
    }
  const auto lines = grouped_nucleation_warnings(runs);
  REQUIRE(lines.size() == 2);
  const std::string where = "TiO2 at 0.1, 0.3 mA/cm² (0.1–10 MPa) and 1, 3, 10 mA/cm² (0.5, 2, 10 MPa)";
  CHECK(lines[0].text == where + kLayerText + "0.01–100 nuclei/µm² formed on the rest");
  CHECK(lines[1].kind == "crowded_sites");
  CHECK(lines[1].text == where +
                             ": 95–96 % of the 0.1–10 nuclei/µm² formed where the adatoms filled more than half the "
                             "adsorption sites (immobile adatoms); there the rate equations do not set the density, "
                             "which follows the cell size");
}

TEST_CASE("mesoscale warnings: interfaces keep their own lines, and runs of several seeds are counted",
          "[workflow][upscale][warnings]") {
  const nlohmann::json runs{run("TiO2", 0.1, 10, {layer(90, 0.02)}, 1),
                            run("TiO2", 0.1, 10, {}, 2),
                            run("TiO2", 1, 10, {}, 1),
                            run("TiO2", 1, 10, {}, 2),
                            run("Al", 0.1, 10, {}),
                            run("BaO", 0.1, 10, {crowded(12, 40)}),
                            run("BaO", 1, 10, {crowded(14, 60)})};
  const auto lines = grouped_nucleation_warnings(runs);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0].text ==
        "TiO2 at 0.1 mA/cm² (10 MPa), in 1 of the 2 runs there" + kLayerText + "0.02 nuclei/µm² formed on the rest");
  CHECK(lines[1].interface == "BaO");
  CHECK_THAT(lines[1].text, Catch::StartsWith("BaO at every current of the sweep (10 MPa): 12–14 % of the 40–60 "));
}
