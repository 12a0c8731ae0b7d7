#include "workflow/scheduler.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>

#include "nabridge/version.h"
#include "workflow/progress.h"
#include "workflow/task_priority.h"
#include "nabridge/base/atomic_file.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

enum class State { pending, running, done, failed, skipped };

/// Durations of earlier runs' finished tasks, by task name (the latest record wins).
std::map<std::string, double> recorded_seconds_by_name(const ResultCache& cache) {
  std::map<std::string, double> seconds;
  for (const auto& r : cache.records())
    if (r.status == "done" && r.seconds > 0.0) seconds[r.name] = r.seconds;
  return seconds;
}

/// Every task's inputs as task indices.
std::vector<std::vector<std::size_t>> input_indices(const TaskGraph& graph) {
  std::vector<std::vector<std::size_t>> inputs(graph.tasks().size());
  for (std::size_t i = 0; i < inputs.size(); ++i)
    for (const auto& name : graph.tasks()[i].inputs) inputs[i].push_back(graph.index(name));
  return inputs;
}

/// One run of a graph: every task's state and result, the progress display, and what goes to
/// the cache. run() loads the cached results, then starts ready tasks (highest bottom level
/// first) and takes their completions until every task is done, failed or skipped.
class GraphRun {
 public:
  GraphRun(const TaskGraph& graph, ResultCache& cache, TaskExecutor& executor, const RunOptions& opt)
      : graph_(graph),
        tasks_(graph.tasks()),
        cache_(cache),
        executor_(executor),
        opt_(opt),
        inputs_(input_indices(graph)),
        state_(tasks_.size(), State::pending),
        results_(tasks_.size()),
        work_(cache.dir() / "work") {
    sum_.total = static_cast<int>(tasks_.size());
  }

  RunSummary run() {
    const auto t0 = std::chrono::steady_clock::now();
    load_cached();
    const std::vector<std::size_t> by_priority = priority_order();
    progress_.emplace(sum_.total, sum_.cached, opt_.progress_tty, opt_.quiet);
    unresolved_ = tasks_.size() - static_cast<std::size_t>(sum_.cached);
    while (unresolved_ > 0) {
      schedule(by_priority);
      if (executor_.running() == 0) {
        if (std::none_of(state_.begin(), state_.end(), [](State s) { return s == State::pending; })) break;
        continue;  // a skip above may have resolved the rest; the loop condition decides
      }
      complete(executor_.wait_any());
    }
    progress_->close();
    sum_.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    return sum_;
  }

 private:
  void load_cached() {
    for (std::size_t i = 0; i < tasks_.size(); ++i)
      if (auto r = cache_.load(tasks_[i])) take_cached_result(i, std::move(*r));
  }

  /// A result computed before the task's turn (an earlier run, or a twin in this one).
  void take_cached_result(std::size_t i, nlohmann::json result) {
    state_[i] = State::done;
    results_[i] = std::move(result);
    ++sum_.cached;
  }

  /// Highest bottom level first; ties in topological order, so the order is deterministic.
  std::vector<std::size_t> priority_order() const {
    const auto level = bottom_levels(graph_, expected_task_seconds(graph_, recorded_seconds_by_name(cache_)));
    std::vector<std::size_t> by_priority = graph_.order();
    std::stable_sort(by_priority.begin(), by_priority.end(),
                     [&](std::size_t a, std::size_t b) { return level[a] > level[b]; });
    return by_priority;
  }

  /// Skips what cannot run any more; starts ready tasks, highest priority first, in free slots.
  void schedule(const std::vector<std::size_t>& by_priority) {
    for (const std::size_t i : by_priority) {
      if (state_[i] != State::pending) continue;
      bool ready = true;
      std::string broken;
      for (const std::size_t j : inputs_[i]) {
        if (state_[j] == State::failed || state_[j] == State::skipped) broken = tasks_[j].name;
        else if (state_[j] != State::done) ready = false;
      }
      if (!broken.empty()) {
        Provenance p;
        p.nabridge_version = kVersion, p.host = scheduler_host_, p.started = p.finished = utc_now_iso8601();
        finish_failure(i, State::skipped, "input '" + broken + "' did not complete", p);
      } else if (ready && executor_.free_slots() > 0) {
        // Tasks with equal keys compute the same thing in the same work folder (e.g. the bulk of two
        // terminations of one crystal): one runs, its twins wait and then take its result from
        // it. Two workers in one folder would remove each other's files.
        if (twin_running(i)) continue;
        if (take_twin_result(i)) continue;
        start(i);
      }
    }
  }

  bool twin_running(std::size_t i) const {
    for (std::size_t j = 0; j < tasks_.size(); ++j)
      if (j != i && state_[j] == State::running && tasks_[j].key == tasks_[i].key) return true;
    return false;
  }

  /// A twin that finished during this run (its result is in the cache under the shared key too).
  bool take_twin_result(std::size_t i) {
    for (std::size_t j = 0; j < tasks_.size(); ++j)
      if (j != i && state_[j] == State::done && tasks_[j].key == tasks_[i].key) {
        take_cached_result(i, results_[j]);
        --unresolved_;
        progress_->finished(tasks_[i].name, "cached", 0.0);
        return true;
      }
    return false;
  }

  void start(std::size_t i) {
    const WorkerFiles files{work_ / tasks_[i].key};
    fs::remove_all(files.dir);  // leftovers of an interrupted run
    fs::create_directories(files.dir);
    nlohmann::json in{{"name", tasks_[i].name}, {"type", tasks_[i].type},     {"params", tasks_[i].params},
                      {"dir", files.dir.string()}, {"threads", opt_.threads_per_task}};
    for (const std::size_t j : inputs_[i]) in["inputs"][tasks_[j].name] = results_[j];
    write_file_atomically(files.task(), in.dump() + "\n");
    started_at_[i] = utc_now_iso8601();
    cache_.mark_running(tasks_[i], started_at_[i]);
    executor_.start(i, files);
    state_[i] = State::running;
    progress_->started(tasks_[i].name);
  }

  void complete(const Completion& c) {
    const std::size_t i = c.task;
    sum_.task_seconds += c.seconds;
    Provenance p;
    p.nabridge_version = kVersion, p.host = c.host, p.started = started_at_[i], p.finished = utc_now_iso8601(),
    p.seconds = c.seconds;
    if (!c.ok) {
      finish_failure(i, State::failed, c.error, p);
      return;
    }
    p.lammps_version = c.envelope.value("lammps_version", "");
    cache_.store(tasks_[i], c.envelope.at("result"), p);
    state_[i] = State::done;
    --unresolved_;
    results_[i] = c.envelope.at("result");
    ++sum_.executed;
    progress_->finished(tasks_[i].name, "done", c.seconds);
  }

  void finish_failure(std::size_t i, State s, const std::string& error, const Provenance& p) {
    state_[i] = s;
    --unresolved_;
    cache_.record_failure(tasks_[i], s == State::failed ? "failed" : "skipped", error, p);
    if (s == State::failed) ++sum_.failed, sum_.failures.emplace_back(tasks_[i].name, error);
    else ++sum_.skipped;
    progress_->finished(tasks_[i].name, s == State::failed ? "FAILED" : "skipped", 0.0);
  }

  const TaskGraph& graph_;
  const std::vector<Task>& tasks_;
  ResultCache& cache_;
  TaskExecutor& executor_;
  const RunOptions& opt_;
  const std::vector<std::vector<std::size_t>> inputs_;
  std::vector<State> state_;
  std::vector<nlohmann::json> results_;
  const fs::path work_;
  const std::string scheduler_host_ = host_name();
  std::map<std::size_t, std::string> started_at_;
  std::size_t unresolved_ = 0;
  RunSummary sum_;
  std::optional<Progress> progress_;
};

}  // namespace

RunSummary run_graph(const TaskGraph& graph, ResultCache& cache, TaskExecutor& executor, const RunOptions& opt) {
  return GraphRun(graph, cache, executor, opt).run();
}

}  // namespace nabridge::workflow
