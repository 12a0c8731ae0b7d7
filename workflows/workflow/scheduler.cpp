#include "workflow/scheduler.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include <deque>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "engine/error_stream.h"
#include "nabridge/version.h"
#include "workflow/progress.h"

extern char** environ;

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

enum class State { pending, running, done, failed, skipped, remote };

std::string host_name() {
  char buf[256] = {};
  gethostname(buf, sizeof buf - 1);
  return buf;
}

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
    if (is_lammps_error_line(l)) first += (first.empty() ? "" : "; ") + l;
  std::string text = first.empty() ? why : "LAMMPS " + first + " (" + why + ")";
  return text + "\nlast output of the worker:\n" + tail_of_file(dir / "worker.log", 15);
}

/// The worker must not inherit the launcher's MPI identity: its embedded LAMMPS initialises MPI
/// as a singleton of its own.
std::vector<std::string> worker_environment() {
  std::vector<std::string> env;
  for (char** e = environ; *e; ++e) {
    const std::string v = *e;
    if (v.rfind("OMPI_", 0) == 0 || v.rfind("PMIX_", 0) == 0 || v.rfind("PMI_", 0) == 0) continue;
    env.push_back(v);
  }
  return env;
}

pid_t spawn_worker(const fs::path& exe, const fs::path& task_file, const fs::path& result_file, const fs::path& log_file) {
  const auto env = worker_environment();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error(std::string("fork failed: ") + std::strerror(errno));
  if (pid > 0) return pid;
  prctl(PR_SET_PDEATHSIG, SIGKILL);  // a killed scheduler leaves no orphan workers behind
  const int fd = ::open(log_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd >= 0) dup2(fd, 1), dup2(fd, 2);
  std::vector<char*> argv{const_cast<char*>("nabridge"), const_cast<char*>("worker"),
                          const_cast<char*>(task_file.c_str()), const_cast<char*>(result_file.c_str()), nullptr};
  std::vector<char*> envp;
  for (const auto& v : env) envp.push_back(const_cast<char*>(v.c_str()));
  envp.push_back(nullptr);
  execve(exe.c_str(), argv.data(), envp.data());
  _exit(127);
}

}  // namespace

RunSummary run_graph(const TaskGraph& graph, ResultCache& cache, const RunOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto& tasks = graph.tasks();
  const std::size_t n = tasks.size();
  RunSummary sum;
  sum.total = static_cast<int>(n);
  std::vector<State> state(n, State::pending);
  std::vector<nlohmann::json> results(n);
  std::vector<bool> owned(n, true);
  for (std::size_t k = 0; k < graph.order().size(); ++k)
    owned[graph.order()[k]] = static_cast<int>(k % static_cast<std::size_t>(opt.ranks)) == opt.rank;

  for (std::size_t i = 0; i < n; ++i)
    if (auto r = cache.load(tasks[i])) state[i] = State::done, results[i] = std::move(*r), ++sum.cached;

  Progress progress(static_cast<int>(n), sum.cached, opt.progress_tty, opt.quiet);
  const std::string host = host_name();
  const fs::path work = cache.dir() / "work";
  struct Running { std::size_t task; fs::path dir; std::chrono::steady_clock::time_point start; std::string started; };
  std::map<pid_t, Running> running;

  auto resolved = [&](std::size_t i) { return state[i] == State::done || state[i] == State::failed || state[i] == State::skipped; };
  auto finish_failure = [&](std::size_t i, State s, const std::string& error, const Provenance& p) {
    state[i] = s;
    cache.record_failure(tasks[i], s == State::failed ? "failed" : "skipped", error, p);
    if (s == State::failed) ++sum.failed, sum.failures.emplace_back(tasks[i].name, error);
    else ++sum.skipped;
    progress.finished(tasks[i].name, s == State::failed ? "FAILED" : "skipped", 0.0);
  };

  while (true) {
    bool waiting_remote = false;
    for (std::size_t i : graph.order()) {
      if (state[i] != State::pending) continue;
      // Inputs: all done → ready; any failed or skipped → this one is skipped.
      bool ready = true;
      std::string broken;
      for (const auto& in : tasks[i].inputs) {
        const auto j = graph.index(in);
        if (state[j] == State::failed || state[j] == State::skipped) broken = in;
        else if (state[j] != State::done) ready = false;
      }
      if (!broken.empty()) {
        if (owned[i]) {
          Provenance p;
          p.nabridge_version = kVersion, p.host = host, p.started = p.finished = utc_now_iso8601();
          finish_failure(i, State::skipped, "input '" + broken + "' did not complete", p);
        } else {
          state[i] = State::skipped;
          ++sum.skipped;
        }
        continue;
      }
      if (!ready) continue;
      if (!owned[i]) {
        // Another rank runs it: look in the shared cache.
        if (auto r = cache.load(tasks[i])) state[i] = State::done, results[i] = std::move(*r);
        else if (const auto st = cache.status(tasks[i].key); st == "failed" || st == "skipped")
          state[i] = st == "failed" ? State::failed : State::skipped;
        else waiting_remote = true;
        continue;
      }
      if (static_cast<int>(running.size()) >= opt.jobs) continue;
      const fs::path dir = work / tasks[i].key;
      fs::remove_all(dir);  // leftovers of an interrupted run
      fs::create_directories(dir);
      nlohmann::json in{{"name", tasks[i].name}, {"type", tasks[i].type}, {"params", tasks[i].params}, {"dir", dir.string()},
                        {"nabridge_exe", opt.nabridge_exe.string()}, {"threads", opt.jobs}};
      for (const auto& name : tasks[i].inputs) in["inputs"][name] = results[graph.index(name)];
      write_file_atomically(dir / "task.json", in.dump() + "\n");
      const std::string started = utc_now_iso8601();
      cache.mark_running(tasks[i], started);
      const pid_t pid = spawn_worker(opt.nabridge_exe, dir / "task.json", dir / "result.json", dir / "worker.log");
      running[pid] = {i, dir, std::chrono::steady_clock::now(), started};
      state[i] = State::running;
      progress.started(tasks[i].name);
    }
    if (running.empty()) {
      bool all = true;
      for (std::size_t i = 0; i < n; ++i) all = all && resolved(i);
      if (all) break;
      if (waiting_remote) {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        continue;
      }
      // Nothing runs and nothing can start: only possible with inputs owned elsewhere.
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      continue;
    }
    int status = 0;
    const pid_t pid = waitpid(-1, &status, 0);
    if (pid < 0) continue;
    const auto it = running.find(pid);
    if (it == running.end()) continue;
    const Running job = it->second;
    running.erase(it);
    const std::size_t i = job.task;
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - job.start).count();
    sum.task_seconds += secs;
    Provenance p;
    p.nabridge_version = kVersion, p.host = host, p.started = job.started, p.finished = utc_now_iso8601(), p.seconds = secs;
    nlohmann::json envelope;
    bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    if (ok) {
      try {
        std::ifstream rin(job.dir / "result.json");
        envelope = nlohmann::json::parse(rin);
      } catch (const std::exception&) {
        ok = false;
      }
    }
    if (ok) {
      p.lammps_version = envelope.value("lammps_version", "");
      cache.store(tasks[i], envelope.at("result"), p);
      state[i] = State::done;
      results[i] = envelope.at("result");
      ++sum.executed;
      progress.finished(tasks[i].name, "done", secs);
    } else {
      const std::string why = WIFSIGNALED(status) ? fmt::format("worker killed by signal {}", WTERMSIG(status))
                                                  : fmt::format("worker exited with status {}", WEXITSTATUS(status));
      finish_failure(i, State::failed, worker_failure(why, job.dir), p);
    }
  }
  progress.close();
  sum.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace nabridge::workflow
