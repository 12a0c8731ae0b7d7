#include "potentials/toml_fields.h"

#include <fmt/format.h>

#include <stdexcept>

namespace nabridge::potentials::tomlf {

std::string quote(const std::string& s) {
  std::string r = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') r += '\\';
    if (c == '\n') {
      r += "\\n";
      continue;
    }
    r += c;
  }
  return r + "\"";
}

std::string path(const std::string& where, const std::string& key) { return where.empty() ? key : where + "." + key; }

toml::table parse(const std::string& file) {
  try {
    return toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    throw std::invalid_argument(fmt::format("{}:{}:{}: {}", file, e.source().begin.line, e.source().begin.column,
                                            e.description()));
  }
}

void check_keys(const toml::table& t, const std::set<std::string>& known, const std::string& file, const std::string& where) {
  for (const auto& [k, v] : t)
    if (!known.count(std::string(k.str())))
      throw std::invalid_argument(fmt::format("{}: {}: unknown key", file, path(where, std::string(k.str()))));
}

double number(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  const auto v = optional_number(t, key, file, where);
  if (!v) throw std::invalid_argument(fmt::format("{}: {}: missing", file, path(where, key)));
  return *v;
}

std::optional<double> optional_number(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  if (!t.contains(key)) return std::nullopt;
  const auto v = t[key].value<double>();
  if (!v) throw std::invalid_argument(fmt::format("{}: {}: not a number", file, path(where, key)));
  return v;
}

std::string string(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  const auto v = optional_string(t, key, file, where);
  if (!v) throw std::invalid_argument(fmt::format("{}: {}: missing", file, path(where, key)));
  return *v;
}

std::optional<std::string> optional_string(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  if (!t.contains(key)) return std::nullopt;
  const auto v = t[key].value<std::string>();
  if (!v) throw std::invalid_argument(fmt::format("{}: {}: not a string", file, path(where, key)));
  return v;
}

std::vector<double> numbers(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  const auto* arr = t[key].as_array();
  if (!arr) throw std::invalid_argument(fmt::format("{}: {}: missing or not an array", file, path(where, key)));
  std::vector<double> out;
  for (std::size_t k = 0; k < arr->size(); ++k) {
    const auto v = (*arr)[k].value<double>();
    if (!v) throw std::invalid_argument(fmt::format("{}: {}[{}]: not a number", file, path(where, key), k));
    out.push_back(*v);
  }
  return out;
}

std::vector<std::string> strings(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  const auto* arr = t[key].as_array();
  if (!arr) throw std::invalid_argument(fmt::format("{}: {}: missing or not an array", file, path(where, key)));
  std::vector<std::string> out;
  for (std::size_t k = 0; k < arr->size(); ++k) {
    const auto v = (*arr)[k].value<std::string>();
    if (!v) throw std::invalid_argument(fmt::format("{}: {}[{}]: not a string", file, path(where, key), k));
    out.push_back(*v);
  }
  return out;
}

const toml::table& table(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  const auto* v = t[key].as_table();
  if (!v) throw std::invalid_argument(fmt::format("{}: [{}]: missing or not a table", file, path(where, key)));
  return *v;
}

}  // namespace nabridge::potentials::tomlf
