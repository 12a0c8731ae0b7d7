#pragma once
// The nucleation warnings of a mesoscale sweep, for people: a run's warnings are stored in its entry of mesoscale.json,
// one object per kind with the run's numbers ("nucleation_warnings", plus their text as "warning"); the log of
// `nabridge upscale`, the campaign's report and the parameter table's prediction_warnings print them grouped, one line
// per interface and kind, naming the conditions it applies to and the range of the runs' numbers.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nabridge::upscale {

/// The kinds of nucleation warning (the "kind" of an entry of "nucleation_warnings"), in the order a run lists them.
/// Their numbers (the entry's other fields):
/// - few nuclei in the map: nuclei_per_um2, nuclei_in_map, map_um, advice (what would help);
/// - a percolated layer of immobile adatoms: layer_cells_percent, nuclei_per_um2;
/// - nuclei on crowded sites (more than half filled): crowded_percent, nuclei_per_um2;
/// - nuclei formed in one step (a converting coating): burst_percent, nuclei_per_um2.
inline constexpr const char* kFewNucleiWarning = "few_nuclei";
inline constexpr const char* kLayerWarning = "percolated_layer";
inline constexpr const char* kCrowdedSitesWarning = "crowded_sites";
inline constexpr const char* kBurstWarning = "burst";

/// The text of one run's warning `entry` (an entry of its "nucleation_warnings"); `run_label` names the run
/// ("<interface> at <i> mA/cm², <P> MPa").
std::string nucleation_warning_text(const std::string& run_label, const nlohmann::json& entry);

/// One line of the grouped warnings: every run of `interface` that gave a warning of `kind`.
struct NucleationWarningLine {
  std::string interface, kind, text;
};

/// The warnings of `runs` (entries of mesoscale.json's "runs"), one line per interface and kind, in the order the
/// interfaces first appear and the kinds are listed above. A line names the currents and pressures of `runs` it applies
/// to ("at every current and pressure of the sweep", or e.g. "at 0.1, 0.3 mA/cm² (0.1–10 MPa) and 1 mA/cm² (10 MPa)")
/// and gives each number as the range over those runs ("0.0001–11 nuclei/µm²"). A run stored without
/// "nucleation_warnings" but with a "warning" (mesoscale.json of an older NaBridge) keeps its own line.
std::vector<NucleationWarningLine> grouped_nucleation_warnings(const nlohmann::json& runs);

}  // namespace nabridge::upscale
