#pragma once
// What a finished task's result must hold for the tasks and the report that read it: the keys
// each task type's consumers use, with their JSON types. A cached result that parses but does
// not match (edited by hand, truncated to valid JSON, written by other code) is not trusted:
// the task runs again.
#include <string>

#include <nlohmann/json.hpp>

namespace nabridge::workflow {

/// Empty when `result` fits the schema of task type `type`; otherwise the first mismatch,
/// e.g. "key 'E_bind_eV' must be a number". Unknown types only need a JSON object.
std::string result_schema_problem(const std::string& type, const nlohmann::json& result);

}  // namespace nabridge::workflow
