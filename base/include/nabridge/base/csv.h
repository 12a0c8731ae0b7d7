#pragma once
// The one quoting rule of NaBridge's CSV files (parameters.csv, a potential's validation.csv):
// RFC 4180, so any spreadsheet or csv reader splits a row into the header's fields whatever text
// a campaign or a reference puts into them.
#include <string>

namespace nabridge {

/// `text` as one CSV field: in double quotes, its quotes doubled, when it holds a comma, a quote
/// or a line break; as it is otherwise.
inline std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string quoted = "\"";
  for (const char c : text) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

}  // namespace nabridge
