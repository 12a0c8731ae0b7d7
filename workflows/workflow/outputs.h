#pragma once
// What a campaign run leaves for its users, rebuilt from the cached results after every run:
// parameters.csv / .json / .toml (the parameter table, units in the column names) and
// report.md with gnuplot figures (NEB profiles, the ranking, the upscaling predictions).
#include <filesystem>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "workflow/campaign.h"
#include "workflow/scheduler.h"
#include "workflow/task_graph.h"

namespace nabridge::workflow {

/// Column order of the parameter table (keys absent from every row are left out).
extern const std::vector<std::string> kParameterColumns;

void write_parameter_table(const nlohmann::json& table, const std::filesystem::path& dir);

/// results: task name -> result (only tasks that completed). Returns the report's path.
std::filesystem::path write_report(const Campaign& campaign, const TaskGraph& graph,
                                   const std::map<std::string, nlohmann::json>& results, const RunSummary& summary,
                                   const std::filesystem::path& dir);

}  // namespace nabridge::workflow
