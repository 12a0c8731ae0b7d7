#pragma once
// Starting other programs (gnuplot, nabridge's own sub-commands, a DFT code) without a shell:
// the program and its arguments go to execvp as a vector, so no character in a name or a path
// that came from a campaign file can be read as shell syntax.
#include <filesystem>
#include <string>
#include <vector>

namespace nabridge {

struct ProgramRun {
  int exit_code = -1;   ///< the program's exit status; -1 if it did not start or was killed
  int signal = 0;       ///< the signal that ended it, 0 if it exited
  bool started = false; ///< false when execvp failed (program not found, not executable)
};

/// Runs argv[0] (looked up in PATH when it has no '/') with argv[1..] as its arguments, standard
/// output and error appended to `log_file` (discarded when empty), standard input from /dev/null,
/// in `work_dir` when given. Waits for it. The child is killed when the calling thread's process
/// dies (PR_SET_PDEATHSIG), so a killed run leaves no program behind writing into its folders.
ProgramRun run_program(const std::vector<std::string>& argv, const std::filesystem::path& log_file = {},
                       const std::filesystem::path& work_dir = {});

/// The full path of `name` found in PATH, empty if none is executable.
std::filesystem::path find_program(const std::string& name);

}  // namespace nabridge
