#pragma once
// Runs a program from a test and captures its combined output and exit status, so tests can
// drive `nabridge lmp` (whose LAMMPS errors end the process) and the other commands from outside.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <type_traits>
#include <vector>

#include "nabridge/base/read_file.h"
#include "nabridge/base/subprocess.h"

namespace nabridge::testing {

struct ProcessResult {
  std::string output;
  bool exited = false;  // false: killed by a signal (a crash)
  int status = -1;
  int signal = 0;  // the signal that ended it, when not exited (run_process with an argv only)
};

/// Runs argv[0] with argv[1..] as its arguments through nabridge::run_program, without a shell
/// (no space or quote in a path is read as syntax), in `work_dir` when given. Standard output and
/// error go to a temporary file outside `work_dir`, so a check of what the run wrote into its
/// folder does not see them; they are returned together as `output`.
inline ProcessResult run_process(const std::vector<std::string>& argv, const std::filesystem::path& work_dir = {}) {
  std::string log = (std::filesystem::temp_directory_path() / "nabridge-test-output-XXXXXX").string();
  const int fd = mkstemp(log.data());
  if (fd >= 0) close(fd);
  const nabridge::ProgramRun run = nabridge::run_program(argv, fd >= 0 ? log : "", work_dir);
  ProcessResult r;
  r.output = run.started ? nabridge::read_file_or_empty(log) : "could not start " + argv.front();
  std::filesystem::remove(log);
  r.exited = run.started && run.signal == 0;
  r.status = r.exited ? run.exit_code : -1;
  r.signal = run.signal;
  return r;
}

/// Runs a shell command line, for the tests that need shell syntax itself (background jobs, kill
/// loops in test_campaign_run.cpp). A template on exactly std::string so that a braced argv list
/// never resolves to it.
template <class ShellCommand, std::enable_if_t<std::is_same_v<ShellCommand, std::string>, int> = 0>
ProcessResult run_process(const ShellCommand& command) {
  ProcessResult r;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return r;
  char buf[4096];
  while (fgets(buf, sizeof buf, pipe)) r.output += buf;
  const int raw = pclose(pipe);
  r.exited = WIFEXITED(raw);
  r.status = r.exited ? WEXITSTATUS(raw) : -1;
  return r;
}

/// `env NAME=VALUE... argv...`: argv run with extra environment variables, still without a shell.
inline std::vector<std::string> with_env(const std::vector<std::string>& assignments, std::vector<std::string> argv) {
  argv.insert(argv.begin(), assignments.begin(), assignments.end());
  argv.insert(argv.begin(), "env");
  return argv;
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
