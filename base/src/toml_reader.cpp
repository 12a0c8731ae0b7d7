#include "nabridge/base/toml_reader.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace nabridge {

TomlReader::TomlReader(std::string file, const toml::table& table, std::string path)
    : file_(std::move(file)), table_(&table), path_(std::move(path)) {}

namespace {
std::string location(const std::string& file, const toml::node* n, const toml::table& table, const std::string& path,
                     const std::string& key) {
  const auto line = n ? n->source().begin.line : table.source().begin.line;
  return fmt::format("{}:{}: {}", file, line, path.empty() ? key : (key.empty() ? path : path + "." + key));
}
}  // namespace

void TomlReader::fail_at(const toml::node* n, const std::string& key, const std::string& message) const {
  throw std::invalid_argument(location(file_, n, *table_, path_, key) + ": " + message);
}

std::string TomlReader::where(const std::string& key) const { return location(file_, node(key), *table_, path_, key); }

void TomlReader::fail(const std::string& key, const std::string& message) const { fail_at(node(key), key, message); }

void TomlReader::allow_only(const std::set<std::string>& known) const {
  for (const auto& [k, v] : *table_)
    if (!known.count(std::string(k.str()))) {
      std::string list;
      for (const auto& s : known) list += (list.empty() ? "" : ", ") + s;
      fail_at(&v, std::string(k.str()), "unknown key (known: " + list + ")");
    }
}

bool TomlReader::has(const std::string& key) const { return table_->contains(key); }
const toml::node* TomlReader::node(const std::string& key) const { return table_->get(key); }

std::string TomlReader::string(const std::string& key) const {
  const auto* n = node(key);
  if (!n) fail(key, "missing (a string is required)");
  if (!n->is_string()) fail(key, "must be a string");
  return n->value_or(std::string());
}

std::string TomlReader::string_or(const std::string& key, const std::string& fallback) const {
  return has(key) ? string(key) : fallback;
}

double TomlReader::number(const std::string& key) const {
  const auto* n = node(key);
  if (!n) fail(key, "missing (a number is required)");
  if (!n->is_number()) fail(key, "must be a number");
  const double v = n->value_or(0.0);
  if (!std::isfinite(v)) fail(key, "must be a finite number");
  return v;
}

std::optional<double> TomlReader::number_if(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return number(key);
}

std::optional<std::string> TomlReader::string_if(const std::string& key) const {
  if (!has(key)) return std::nullopt;
  return string(key);
}

double TomlReader::number_or(const std::string& key, double fallback) const {
  return has(key) ? number(key) : fallback;
}

int TomlReader::integer_or(const std::string& key, int fallback) const {
  if (!has(key)) return fallback;
  const auto* n = node(key);
  if (!n->is_integer()) fail(key, "must be an integer");
  const auto v = n->value_or(int64_t{0});
  // A value past the int range must be refused, not wrapped (2^32 + 3 would become 3).
  if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max())
    fail(key, fmt::format("{} is out of range", v));
  return static_cast<int>(v);
}

int TomlReader::integer_in(const std::string& key, int fallback, int lo, int hi) const {
  const int v = integer_or(key, fallback);
  if (v < lo || v > hi) fail(key, fmt::format("{} is outside [{}, {}]", v, lo, hi));
  return v;
}

double TomlReader::number_in(const std::string& key, double fallback, double lo, double hi, bool open_lo) const {
  return require_in(key, number_or(key, fallback), lo, hi, open_lo);
}

double TomlReader::require_in(const std::string& key, double v, double lo, double hi, bool open_lo) const {
  if (open_lo ? !(v > lo) || v > hi : !(v >= lo) || v > hi)
    fail(key, fmt::format("{} is outside {}{}, {}]", v, open_lo ? "(" : "[", lo, hi));
  return v;
}

bool TomlReader::boolean_or(const std::string& key, bool fallback) const {
  if (!has(key)) return fallback;
  const auto* n = node(key);
  if (!n->is_boolean()) fail(key, "must be true or false");
  return n->value_or(false);
}

std::vector<std::string> TomlReader::strings(const std::string& key) const {
  const auto* n = node(key);
  if (!n) fail(key, "missing (an array of strings is required)");
  std::vector<std::string> out;
  const auto* arr = n->as_array();
  if (!arr) fail(key, "must be an array of strings");
  for (const auto& e : *arr) {
    if (!e.is_string()) fail_at(&e, key, "must be an array of strings");
    out.push_back(e.value_or(std::string()));
  }
  return out;
}

std::vector<double> TomlReader::numbers(const std::string& key) const {
  const auto* n = node(key);
  if (!n) fail(key, "missing (an array of numbers is required)");
  const auto* arr = n->as_array();
  if (!arr) fail(key, "must be an array of numbers");
  std::vector<double> out;
  for (const auto& e : *arr) {
    if (!e.is_number()) fail_at(&e, key, "must be an array of numbers");
    if (!std::isfinite(e.value_or(0.0))) fail_at(&e, key, "must hold finite numbers");
    out.push_back(e.value_or(0.0));
  }
  return out;
}

std::vector<std::string> TomlReader::strings_or_empty(const std::string& key) const {
  return has(key) ? strings(key) : std::vector<std::string>{};
}

std::vector<double> TomlReader::numbers_or_empty(const std::string& key) const {
  if (!has(key)) return {};
  if (node(key)->is_number()) return {number(key)};
  return numbers(key);
}

std::optional<TomlReader> TomlReader::table(const std::string& key) const {
  const auto* n = node(key);
  if (!n) return std::nullopt;
  if (!n->is_table()) fail(key, "must be a table");
  return TomlReader(file_, *n->as_table(), path_.empty() ? key : path_ + "." + key);
}

TomlReader TomlReader::required_table(const std::string& key) const {
  auto t = table(key);
  if (!t) fail(key, "missing (a table is required)");
  return *t;
}

std::vector<TomlReader> TomlReader::table_array(const std::string& key) const {
  std::vector<TomlReader> out;
  const auto* n = node(key);
  if (!n) return out;
  const auto* arr = n->as_array();
  if (!arr) fail(key, "must be an array of tables ([[" + key + "]])");
  for (std::size_t k = 0; k < arr->size(); ++k) {
    const auto* t = (*arr)[k].as_table();
    if (!t) fail_at(&(*arr)[k], fmt::format("{}[{}]", key, k), "must be a table");
    out.emplace_back(file_, *t, fmt::format("{}{}[{}]", path_.empty() ? "" : path_ + ".", key, k));
  }
  return out;
}

toml::table parse_toml_file(const std::string& file) {
  try {
    return toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    throw std::invalid_argument(
        fmt::format("{}:{}:{}: {}", file, e.source().begin.line, e.source().begin.column, e.description()));
  }
}

std::string toml_quote(const std::string& s) {
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

}  // namespace nabridge
