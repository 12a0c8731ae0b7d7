#pragma once
// File names made from names a user wrote (substrate names, task names): only [A-Za-z0-9._+-]
// reaches the file system, so a name can neither leave its folder ("../", "/") nor carry shell or
// gnuplot syntax. The original name stays in the data for display.
#include <string>

namespace nabridge {

/// "hops/Cu@meam/111" -> "hops_Cu-meam_111". Any other character outside [A-Za-z0-9._+-] becomes
/// '_' and 8 hex digits of the FNV-1a digest of the original name are appended, so distinct names keep
/// distinct files; at most 120 characters before the hash; never empty, never "." or "..".
std::string safe_file_stem(const std::string& name);

}  // namespace nabridge
