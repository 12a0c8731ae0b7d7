#pragma once
// The one CSV format of NaBridge's files (parameters.csv, a potential's validation.csv and
// dft_validation.csv, the DFT summary, the mesoscale runs): RFC 4180, so any spreadsheet or csv
// reader splits a row into the header's fields whatever text a campaign or a reference puts into
// them. Every writer builds its rows with csv_row (or csv_field), every reader reads through
// parse_csv.
#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace nabridge {

/// `text` as one CSV field: in double quotes, its quotes doubled, when it holds a comma, a quote
/// or a line break; as it is otherwise.
inline std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

/// One record: the fields, each through csv_field, separated by commas and ended by "\n".
/// Numbers go in already formatted (the writer chooses their digits).
std::string csv_row(const std::vector<std::string>& fields);

/// One record of a CSV text and the line it starts on (1-based), for error messages.
struct CsvRecord {
  std::size_t line = 0;
  std::vector<std::string> fields;
};

/// The records of an RFC 4180 text, as csv_row writes them: a field in double quotes may hold
/// commas, doubled quotes and line breaks; a record ends at "\n" or "\r\n"; blank lines are
/// skipped. Throws std::invalid_argument("line N: ...") for a quote inside an unquoted field,
/// text after a closing quote, or a quoted field still open at the end of the text.
std::vector<CsvRecord> parse_csv(const std::string& text);

/// parse_csv of the file at `path`; errors name it ("PATH:N: ..."), as does one for a file that
/// cannot be read ("PATH: cannot be read").
std::vector<CsvRecord> read_csv_file(const std::filesystem::path& path);

}  // namespace nabridge
