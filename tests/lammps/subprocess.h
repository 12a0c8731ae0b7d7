#pragma once
// Runs a command line in a shell and captures its combined output and exit status, so tests
// can drive `nabridge lmp` (whose LAMMPS errors end the process) from outside.
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace nabridge::testing {

struct ProcessResult {
  std::string output;
  bool exited = false;  // false: killed by a signal (a crash)
  int status = -1;
};

inline ProcessResult run_process(const std::string& command) {
  ProcessResult r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  std::array<char, 4096> buf{};
  while (fgets(buf.data(), static_cast<int>(buf.size()), pipe)) r.output += buf.data();
  const int raw = pclose(pipe);
  r.exited = WIFEXITED(raw);
  r.status = r.exited ? WEXITSTATUS(raw) : -1;
  return r;
}

/// A fresh scratch directory under the build tree.
inline std::filesystem::path scratch_dir(const std::string& name) {
  const auto dir = std::filesystem::path(NABRIDGE_BINARY_DIR) / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

inline std::string nabridge_exe() { return std::string(NABRIDGE_BINARY_DIR) + "/workflows/nabridge"; }

inline void write_file(const std::filesystem::path& path, const std::string& text) { std::ofstream(path) << text; }

}  // namespace nabridge::testing
