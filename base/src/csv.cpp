#include "nabridge/base/csv.h"

#include <fmt/format.h>

#include <stdexcept>

#include "nabridge/base/read_file.h"

namespace nabridge {

std::string csv_row(const std::vector<std::string>& fields) {
  std::string row;
  for (std::size_t k = 0; k < fields.size(); ++k) row += (k ? "," : "") + csv_field(fields[k]);
  return row + "\n";
}

namespace {

/// parse_csv with errors starting "<source><line>: " ("line 3: " or "path:3: ").
std::vector<CsvRecord> parse_records(const std::string& text, const std::string& source) {
  enum class Field { start, plain, quoted, closed };
  std::vector<CsvRecord> records;
  CsvRecord record;
  std::string field;
  Field state = Field::start;
  std::size_t line = 1;
  const auto fail = [&](std::size_t at, const char* what) {
    return std::invalid_argument(fmt::format("{}{}: {}", source, at, what));
  };
  const auto end_field = [&] {
    record.fields.push_back(field);
    field.clear();
    state = Field::start;
  };
  // Nothing of the current record read yet: a line break here is a blank line, not a record.
  const auto record_empty = [&] { return record.fields.empty() && state == Field::start; };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (state == Field::quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        state = Field::closed;
      } else {
        field += c;
        line += c == '\n';
      }
      continue;
    }
    if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // CRLF: the LF ends the record
    if (c == '\n') {
      if (!record_empty()) {
        end_field();
        records.push_back(std::move(record));
        record = {};
      }
      ++line;
      continue;
    }
    if (record_empty()) record.line = line;
    if (c == ',') {
      end_field();
    } else if (state == Field::closed) {
      throw fail(line, "text after the closing quote of a field (a quoted field ends at a comma or a line break)");
    } else if (c == '"' && state == Field::plain) {
      throw fail(line, "a quote inside an unquoted field (quote the whole field and double the quote)");
    } else if (c == '"') {
      state = Field::quoted;
    } else {
      field += c;
      state = Field::plain;
    }
  }
  if (state == Field::quoted) throw fail(record.line, "a quoted field is not closed before the end of the text");
  if (!record_empty()) {
    end_field();
    records.push_back(std::move(record));
  }
  return records;
}

}  // namespace

std::vector<CsvRecord> parse_csv(const std::string& text) { return parse_records(text, "line "); }

std::vector<CsvRecord> read_csv_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) throw std::invalid_argument(path.string() + ": cannot be read");
  return parse_records(read_file_or_empty(path), path.string() + ":");
}

}  // namespace nabridge
