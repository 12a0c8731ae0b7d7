#include "workflow/json_to_toml.h"

#include <stdexcept>

namespace nabridge::workflow {

namespace {

toml::array to_toml_array(const nlohmann::json& a, const std::string& key) {
  toml::array out;
  for (const auto& v : a) {
    if (v.is_number_integer()) out.push_back(v.get<int64_t>());
    else if (v.is_number()) out.push_back(v.get<double>());
    else if (v.is_string()) out.push_back(v.get<std::string>());
    else if (v.is_boolean()) out.push_back(v.get<bool>());
    else throw std::invalid_argument(key + ": arrays may hold numbers, strings or booleans only");
  }
  return out;
}

}  // namespace

void insert_json(toml::table& t, const std::string& key, const nlohmann::json& v) {
  if (v.is_number_integer()) t.insert_or_assign(key, v.get<int64_t>());
  else if (v.is_number()) t.insert_or_assign(key, v.get<double>());
  else if (v.is_string()) t.insert_or_assign(key, v.get<std::string>());
  else if (v.is_boolean()) t.insert_or_assign(key, v.get<bool>());
  else if (v.is_array()) t.insert_or_assign(key, to_toml_array(v, key));
  else if (v.is_object()) {
    toml::table sub;
    for (const auto& [k, x] : v.items()) insert_json(sub, k, x);
    t.insert_or_assign(key, std::move(sub));
  }
}

}  // namespace nabridge::workflow
