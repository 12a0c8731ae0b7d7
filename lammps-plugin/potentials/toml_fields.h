#pragma once
// Strict TOML field access for NaBridge data files: every error names the file and the key path.
#include <optional>
#include <set>
#include <string>
#include <toml++/toml.h>
#include <vector>

namespace nabridge::potentials::tomlf {

/// Parses a file; syntax errors become std::invalid_argument "FILE:LINE:COL: message".
toml::table parse(const std::string& path);

/// Rejects keys not in `known` ("FILE: WHERE: unknown key 'k'").
void check_keys(const toml::table& t, const std::set<std::string>& known, const std::string& file, const std::string& where);

double number(const toml::table& t, const std::string& key, const std::string& file, const std::string& where);
std::optional<double> optional_number(const toml::table& t, const std::string& key, const std::string& file, const std::string& where);
std::string string(const toml::table& t, const std::string& key, const std::string& file, const std::string& where);
std::optional<std::string> optional_string(const toml::table& t, const std::string& key, const std::string& file, const std::string& where);
std::vector<double> numbers(const toml::table& t, const std::string& key, const std::string& file, const std::string& where);
std::vector<std::string> strings(const toml::table& t, const std::string& key, const std::string& file, const std::string& where);
const toml::table& table(const toml::table& t, const std::string& key, const std::string& file, const std::string& where);

/// A TOML basic string literal with quotes and backslashes escaped.
std::string quote(const std::string& s);

/// "where.key" or "key" when where is empty.
std::string path(const std::string& where, const std::string& key);

}  // namespace nabridge::potentials::tomlf
