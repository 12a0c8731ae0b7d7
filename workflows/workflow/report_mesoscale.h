#pragma once
// The mesoscale section of report.md: substrates ranked by the simulated nucleation
// overpotential at the campaign's current densities, critical currents, coulombic efficiency,
// and the figures `nabridge upscale` drew (transients, thickness maps, CE, critical current).
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace nabridge::workflow {

/// mesoscale: the mesoscale task's result (with "sweep" when the campaign asked for mesoscale
/// runs). Figure links are written relative to report_dir. Empty when there was no sweep.
std::string mesoscale_report_section(const nlohmann::json& mesoscale, const std::filesystem::path& report_dir);

}  // namespace nabridge::workflow
