#include "workflow/scheduler.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "nabridge/version.h"
#include "workflow/progress.h"
#include "workflow/task_priority.h"

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

}  // namespace

RunSummary run_graph(const TaskGraph& graph, ResultCache& cache, TaskExecutor& executor, const RunOptions& opt) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto& tasks = graph.tasks();
  const std::size_t n = tasks.size();
  const auto inputs = input_indices(graph);
  RunSummary sum;
  sum.total = static_cast<int>(n);
  std::vector<State> state(n, State::pending);
  std::vector<nlohmann::json> results(n);
  for (std::size_t i = 0; i < n; ++i)
    if (auto r = cache.load(tasks[i])) state[i] = State::done, results[i] = std::move(*r), ++sum.cached;

  // Highest bottom level first; ties in topological order, so the order is deterministic.
  const auto level = bottom_levels(graph, expected_task_seconds(graph, recorded_seconds_by_name(cache)));
  std::vector<std::size_t> by_priority = graph.order();
  std::stable_sort(by_priority.begin(), by_priority.end(), [&](std::size_t a, std::size_t b) { return level[a] > level[b]; });

  Progress progress(static_cast<int>(n), sum.cached, opt.progress_tty, opt.quiet);
  const std::string scheduler_host = host_name();
  const fs::path work = cache.dir() / "work";
  std::map<std::size_t, std::string> started_at;
  std::size_t unresolved = n - static_cast<std::size_t>(sum.cached);

  auto finish_failure = [&](std::size_t i, State s, const std::string& error, const Provenance& p) {
    state[i] = s;
    --unresolved;
    cache.record_failure(tasks[i], s == State::failed ? "failed" : "skipped", error, p);
    if (s == State::failed) ++sum.failed, sum.failures.emplace_back(tasks[i].name, error);
    else ++sum.skipped;
    progress.finished(tasks[i].name, s == State::failed ? "FAILED" : "skipped", 0.0);
  };
  auto start_task = [&](std::size_t i) {
    const WorkerFiles files{work / tasks[i].key};
    fs::remove_all(files.dir);  // leftovers of an interrupted run
    fs::create_directories(files.dir);
    nlohmann::json in{{"name", tasks[i].name}, {"type", tasks[i].type},     {"params", tasks[i].params},
                      {"dir", files.dir.string()}, {"threads", opt.threads_per_task}};
    for (const std::size_t j : inputs[i]) in["inputs"][tasks[j].name] = results[j];
    write_file_atomically(files.task(), in.dump() + "\n");
    started_at[i] = utc_now_iso8601();
    cache.mark_running(tasks[i], started_at[i]);
    executor.start(i, files);
    state[i] = State::running;
    progress.started(tasks[i].name);
  };

  while (unresolved > 0) {
    // Skip what cannot run any more; start ready tasks, highest priority first, in free slots.
    for (const std::size_t i : by_priority) {
      if (state[i] != State::pending) continue;
      bool ready = true;
      std::string broken;
      for (const std::size_t j : inputs[i]) {
        if (state[j] == State::failed || state[j] == State::skipped) broken = tasks[j].name;
        else if (state[j] != State::done) ready = false;
      }
      if (!broken.empty()) {
        Provenance p;
        p.nabridge_version = kVersion, p.host = scheduler_host, p.started = p.finished = utc_now_iso8601();
        finish_failure(i, State::skipped, "input '" + broken + "' did not complete", p);
      } else if (ready && executor.free_slots() > 0) {
        start_task(i);
      }
    }
    if (executor.running() == 0) {
      if (unresolved > 0 && std::none_of(state.begin(), state.end(), [](State s) { return s == State::pending; })) break;
      continue;  // a skip above may have resolved the rest; the loop condition decides
    }
    const Completion c = executor.wait_any();
    const std::size_t i = c.task;
    sum.task_seconds += c.seconds;
    Provenance p;
    p.nabridge_version = kVersion, p.host = c.host, p.started = started_at[i], p.finished = utc_now_iso8601(), p.seconds = c.seconds;
    if (c.ok) {
      p.lammps_version = c.envelope.value("lammps_version", "");
      cache.store(tasks[i], c.envelope.at("result"), p);
      state[i] = State::done;
      --unresolved;
      results[i] = c.envelope.at("result");
      ++sum.executed;
      progress.finished(tasks[i].name, "done", c.seconds);
    } else {
      finish_failure(i, State::failed, c.error, p);
    }
  }
  progress.close();
  sum.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return sum;
}

}  // namespace nabridge::workflow
