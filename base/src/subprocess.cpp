#include "nabridge/base/subprocess.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <sstream>

namespace nabridge {

namespace fs = std::filesystem;

ProgramRun run_program(const std::vector<std::string>& argv, const fs::path& log_file, const fs::path& work_dir) {
  ProgramRun run;
  if (argv.empty()) return run;
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const std::string log = log_file.empty() ? std::string("/dev/null") : log_file.string();
  const std::string dir = work_dir.string();
  const pid_t parent = getpid();
  int exec_error[2];
  if (pipe2(exec_error, O_CLOEXEC) != 0) return run;
  const pid_t pid = fork();
  if (pid < 0) {
    close(exec_error[0]), close(exec_error[1]);
    return run;
  }
  if (pid == 0) {
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent) _exit(127);  // the parent died before prctl took effect
    const int in = ::open("/dev/null", O_RDONLY);
    const int out = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (in >= 0) dup2(in, 0);
    if (out >= 0) dup2(out, 1), dup2(out, 2);
    if (!dir.empty() && chdir(dir.c_str()) != 0) {
      const int e = errno;
      (void)!write(exec_error[1], &e, sizeof e);
      _exit(127);
    }
    execvp(args[0], args.data());
    const int e = errno;
    (void)!write(exec_error[1], &e, sizeof e);
    _exit(127);
  }
  close(exec_error[1]);
  int e = 0;
  const bool exec_failed = read(exec_error[0], &e, sizeof e) == static_cast<ssize_t>(sizeof e);
  close(exec_error[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  run.started = !exec_failed;
  if (WIFEXITED(status)) run.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status)) run.signal = WTERMSIG(status);
  return run;
}

fs::path find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) return access(name.c_str(), X_OK) == 0 ? fs::path(name) : fs::path();
  const char* path = std::getenv("PATH");
  std::istringstream dirs(path ? path : "/usr/bin:/bin");
  for (std::string d; std::getline(dirs, d, ':');) {
    const fs::path candidate = fs::path(d.empty() ? "." : d) / name;
    if (access(candidate.c_str(), X_OK) == 0 && !fs::is_directory(candidate)) return candidate;
  }
  return {};
}

}  // namespace nabridge
