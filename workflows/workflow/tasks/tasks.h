#pragma once
// One function per task type (docs/workflow.md). Each reads TaskContext::params and its inputs'
// results and returns its result as JSON with units in the keys; it throws on failure.
#include <nlohmann/json.hpp>

#include "workflow/tasks/task_common.h"

namespace nabridge::workflow {

nlohmann::json run_na_bulk_task(const TaskContext& ctx);
nlohmann::json run_na_vacancy_task(const TaskContext& ctx);
nlohmann::json run_bulk_task(const TaskContext& ctx);
nlohmann::json run_surface_task(const TaskContext& ctx);
nlohmann::json run_adsorption_task(const TaskContext& ctx);
nlohmann::json run_hops_task(const TaskContext& ctx);
nlohmann::json run_adhesion_task(const TaskContext& ctx);
nlohmann::json run_polarization_task(const TaskContext& ctx);
nlohmann::json run_polar_surface_task(const TaskContext& ctx);
nlohmann::json run_polar_film_task(const TaskContext& ctx);
nlohmann::json run_table_task(const TaskContext& ctx);
nlohmann::json run_mesoscale_task(const TaskContext& ctx);

/// Dispatches on the type name; throws std::invalid_argument for an unknown type.
nlohmann::json run_task(const std::string& type, const TaskContext& ctx);

}  // namespace nabridge::workflow
