#pragma once
// The one way NaBridge writes a file that others may read while it is written (cached results,
// run reports, the KIM configuration shared by worker processes, a command's JSON): a reader
// sees the old file or the whole new one, never a part, and a crash leaves no partial file.
#include <filesystem>
#include <string>

namespace nabridge {

/// Writes `text` to `path` atomically: a temporary beside it (named after this process, so
/// concurrent writers never share one), fsync, rename. Throws std::runtime_error naming the file.
void write_file_atomically(const std::filesystem::path& path, const std::string& text);

}  // namespace nabridge
