#pragma once
// JSON values (task parameters, results) written into TOML tables: numbers (integers kept
// integral), strings, booleans, arrays of those, and objects as sub-tables; null is left out.
#include <string>

#include <nlohmann/json.hpp>
#include <toml++/toml.h>

namespace nabridge::workflow {

/// Sets t[key] to v; throws std::invalid_argument for an array holding anything but scalars.
void insert_json(toml::table& t, const std::string& key, const nlohmann::json& v);

}  // namespace nabridge::workflow
