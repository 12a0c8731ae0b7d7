#pragma once
// Notes that collect several findings (a protocol's message, a table row's inputs_not_computed or
// prediction_warnings) join them with "; " between two findings only: whatever each producer
// found, a note never starts or ends with the separator nor holds two in a row, so it reads the
// same in parameters.csv, the mesoscale notes and the report.
#include <string>

namespace nabridge {

/// Appends `finding` to `notes`, after "; " when `notes` already holds one; an empty finding
/// changes nothing.
inline void append_note(std::string& notes, const std::string& finding) {
  if (finding.empty()) return;
  if (!notes.empty()) notes += "; ";
  notes += finding;
}

}  // namespace nabridge
