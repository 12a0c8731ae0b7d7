#pragma once
// Strict reading of TOML++ tables, for every TOML file NaBridge reads (campaigns, potential
// metadata and parameter files, fit specifications, reference data, DFT reference sets, the
// upscale parameter file): every
// error is std::invalid_argument "FILE:LINE: path.key: message", and keys a table does not know
// are errors (a misspelt key must never be silently ignored).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

namespace nabridge {

class TomlReader {
 public:
  TomlReader(std::string file, const toml::table& table, std::string path);

  /// Throws for any key not in `known`.
  void allow_only(const std::set<std::string>& known) const;
  bool has(const std::string& key) const;

  std::string string(const std::string& key) const;
  std::string string_or(const std::string& key, const std::string& fallback) const;
  double number(const std::string& key) const;
  /// Absent: nullopt; present: as number() / string().
  std::optional<double> number_if(const std::string& key) const;
  std::optional<std::string> string_if(const std::string& key) const;
  double number_or(const std::string& key, double fallback) const;
  /// Numbers must be finite; integers must fit an int (never wrapped).
  int integer_or(const std::string& key, int fallback) const;
  /// integer_or, and the value must lie in [lo, hi] (the stated limit of a count or size).
  int integer_in(const std::string& key, int fallback, int lo, int hi) const;
  /// number_or, and the value must lie in [lo, hi], or (lo, hi] when open_lo.
  double number_in(const std::string& key, double fallback, double lo, double hi, bool open_lo = true) const;
  /// `v`, read from `key` (or derived from it), must lie in [lo, hi], or (lo, hi] when open_lo;
  /// returns it.
  double require_in(const std::string& key, double v, double lo, double hi, bool open_lo = false) const;
  bool boolean_or(const std::string& key, bool fallback) const;
  std::vector<std::string> strings(const std::string& key) const;       // array of strings
  std::vector<double> numbers(const std::string& key) const;            // array of numbers
  std::vector<std::string> strings_or_empty(const std::string& key) const;
  std::vector<double> numbers_or_empty(const std::string& key) const;   // number or array of numbers
  const toml::node* node(const std::string& key) const;
  std::optional<TomlReader> table(const std::string& key) const;
  /// A sub-table that must be present.
  TomlReader required_table(const std::string& key) const;
  /// An array of tables ([[key]]), each named "key[k]" in messages; absent: empty.
  std::vector<TomlReader> table_array(const std::string& key) const;

  /// "file:line: path.key" (the key's line, or the table's when the key is absent): where a
  /// check made after reading points to.
  std::string where(const std::string& key) const;
  /// "file:line: path.key: message" as std::invalid_argument.
  [[noreturn]] void fail(const std::string& key, const std::string& message) const;
  [[noreturn]] void fail_at(const toml::node* n, const std::string& key, const std::string& message) const;
  const std::string& path() const { return path_; }
  const std::string& file() const { return file_; }
  const toml::table& raw() const { return *table_; }

 private:
  std::string file_;
  const toml::table* table_;
  std::string path_;
};

/// Parses a TOML file; a syntax error becomes "file:line:column: description".
toml::table parse_toml_file(const std::string& file);

/// A TOML basic string literal (for the TOML files NaBridge writes): quotes and backslashes
/// escaped, newlines as \n.
std::string toml_quote(const std::string& s);

}  // namespace nabridge
