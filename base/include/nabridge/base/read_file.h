#pragma once
// Reading a whole file as bytes.
#include <filesystem>
#include <string>

namespace nabridge {

/// The whole content of `path`; empty when it cannot be read (a log that was never written, a
/// figure's first digest). Callers that need the file check for it themselves.
std::string read_file_or_empty(const std::filesystem::path& path);

}  // namespace nabridge
