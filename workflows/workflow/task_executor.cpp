#include "workflow/task_executor.h"

#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <deque>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "engine/error_stream.h"
#include "nabridge/base/notes.h"

extern char** environ;

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

std::string tail_of_file(const fs::path& p, std::size_t max_lines) {
  std::ifstream in(p);
  std::deque<std::string> lines;
  for (std::string l; std::getline(in, l);) {
    lines.push_back(l);
    if (lines.size() > max_lines) lines.pop_front();
  }
  std::string s;
  for (const auto& l : lines) s += l + "\n";
  return s;
}

/// The message of a failed worker: LAMMPS's own ERROR line and the command that caused it
/// first (Debian's LAMMPS ends the process on an input error, so MPI's abort banner follows it
/// in the output), then the tail of the worker's output for context.
std::string worker_failure(const std::string& why, const fs::path& dir) {
  const std::string lammps = tail_of_file(dir / "lammps.log", 4);
  std::string first;
  std::istringstream lines(lammps);
  for (std::string l; std::getline(lines, l);)
    if (is_lammps_error_line(l)) append_note(first, l);
  std::string text = first.empty() ? why : "LAMMPS " + first + " (" + why + ")";
  return text + "\nlast output of the worker:\n" + tail_of_file(dir / "worker.log", 15);
}

std::vector<std::string> worker_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string v = *e;
    if (v.rfind("OMPI_", 0) == 0 || v.rfind("PMIX_", 0) == 0 || v.rfind("PMI_", 0) == 0) continue;
    env.push_back(v);
  }
  return env;
}

/// mpirun binds each rank to one core; a rank's workers must not all inherit that one core
/// (with --jobs N they would share it). The kernel keeps the result inside the job's cpuset.
void release_cpu_binding() {
  cpu_set_t all;
  CPU_ZERO(&all);
  for (int c = 0; c < CPU_SETSIZE; ++c) CPU_SET(c, &all);
  sched_setaffinity(0, sizeof all, &all);
}

pid_t spawn_worker(const fs::path& exe, const WorkerFiles& files) {
  const auto env = worker_environment();
  const std::string task = files.task().string(), result = files.result().string(), log = files.log().string();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid > 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed scheduler leaves no orphan workers behind
  release_cpu_binding();
  const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) dup2(fd, 1), dup2(fd, 2);
  std::vector<char*> argv{const_cast<char*>("nabridge"), const_cast<char*>("worker"), const_cast<char*>(task.c_str()),
                          const_cast<char*>(result.c_str()), nullptr};
  std::vector<char*> envp;
  for (const auto& v : env) envp.push_back(const_cast<char*>(v.c_str()));
  envp.push_back(nullptr);
  execve(exe.c_str(), argv.data(), envp.data());
  _exit(127);
}

}  // namespace

std::string host_name() {
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}

nlohmann::json completion_to_json(const Completion& c) {
  return {{"task", c.task}, {"ok", c.ok},           {"envelope", c.envelope},
          {"error", c.error}, {"seconds", c.seconds}, {"host", c.host}};
}

Completion completion_from_json(const nlohmann::json& j) {
  return {j.at("task").get<std::size_t>(), j.at("ok").get<bool>(),       j.at("envelope"),
          j.at("error").get<std::string>(), j.at("seconds").get<double>(), j.at("host").get<std::string>()};
}

LocalExecutor::LocalExecutor(fs::path exe, int slots, std::string host_label)
    : exe_(std::move(exe)), slots_(slots), host_label_(std::move(host_label)) {}

void LocalExecutor::start(std::size_t task, const WorkerFiles& files) {
  const pid_t pid = spawn_worker(exe_, files);
  running_[pid] = {task, files, std::chrono::steady_clock::now()};
}

Completion LocalExecutor::complete(pid_t pid, int wait_status) {
  const auto it = running_.find(pid);
  const Job job = it->second;
  running_.erase(it);
  Completion c;
  c.task = job.task;
  c.host = host_label_;
  c.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - job.start).count();
  c.ok = WIFEXITED(wait_status) && WEXITSTATUS(wait_status) == 0;
  if (c.ok) {
    try {
      std::ifstream in(job.files.result());
      c.envelope = nlohmann::json::parse(in);
      c.envelope.at("result");
      return c;
    } catch (const std::exception& e) {
      c.ok = false;
      c.error =
          worker_failure(std::string("worker exited 0 but its result file is unreadable: ") + e.what(), job.files.dir);
      return c;
    }
  }
  const std::string why = WIFSIGNALED(wait_status)
                              ? fmt::format("worker killed by signal {}", WTERMSIG(wait_status))
                              : fmt::format("worker exited with status {}", WEXITSTATUS(wait_status));
  c.error = worker_failure(why, job.files.dir);
  return c;
}

Completion LocalExecutor::wait_any() {
  while (true) {
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) continue;
      throw std::runtime_error(std::string("waitpid failed: ") + std::strerror(errno));
    }
    if (running_.count(pid)) return complete(pid, status);
  }
}

std::optional<Completion> LocalExecutor::poll() {
  for (const auto& [pid, job] : running_) {
    int status = 0;
    if (waitpid(pid, &status, WNOHANG) == pid) return complete(pid, status);
  }
  return std::nullopt;
}

}  // namespace nabridge::workflow
