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

/// The table's rows with the mesoscale predictions of their interface added (mesoscale: the
/// mesoscale task's result): at the highest swept pressure and the first temperature, capacity
/// and seed, per swept current I `eta_nuc_mV@<I>mA_cm2`, `eta_S_nuc_mV@<I>mA_cm2` (absent without
/// relief) and `N_nuc_per_um2@<I>mA_cm2` (first plating) and `CE_mean@<I>mA_cm2`; per pressure P `i_crit_mA_cm2@<P>MPa` (lowest failing current;
/// absent, with `i_crit_note`, when none failed); `prediction_warnings` (runs whose map held too
/// few nuclei for a density); `predictions_at` (the conditions) and
/// `inputs_not_computed` (what the runs assumed, for every row, run or not). The added columns,
/// in order, under "prediction_columns".
nlohmann::json with_mesoscale_predictions(const nlohmann::json& table, const nlohmann::json& mesoscale);

/// Writes parameters.csv/.json/.toml: the kParameterColumns present, then the table's
/// "prediction_columns" if any, then `inputs_not_computed` if the rows carry it and those did not
/// list it (a table without mesoscale runs: what the rows' own columns assumed).
void write_parameter_table(const nlohmann::json& table, const std::filesystem::path& dir);

/// results: task name -> result (only tasks that completed). Returns the report's path.
std::filesystem::path write_report(const Campaign& campaign, const TaskGraph& graph,
                                   const std::map<std::string, nlohmann::json>& results, const RunSummary& summary,
                                   const std::filesystem::path& dir);

}  // namespace nabridge::workflow
