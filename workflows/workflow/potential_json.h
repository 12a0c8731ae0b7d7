#pragma once
// PotentialSpec ⇄ JSON, so a potential travels inside a task's parameters to its worker.
#include <nlohmann/json.hpp>

#include "core/potential_spec.h"

namespace nabridge::workflow {

nlohmann::json to_json(const PotentialSpec& p);
PotentialSpec potential_from_json(const nlohmann::json& j);

}  // namespace nabridge::workflow
