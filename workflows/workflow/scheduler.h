#pragma once
// Runs a task graph: tasks whose result is cached are not run again; the rest run in worker
// processes (`nabridge worker`) through an executor (task_executor.h: this machine's cores, and
// under MPI the other ranks'), so a LAMMPS exit() or a crash fails only its task. Ready tasks
// start in order of their bottom level (task_priority.h: the critical path and the longest
// tasks first, from the durations recorded in the cache). A failed task's dependants are
// skipped; everything else goes on. The scheduler is the only writer of the cache.
#include <filesystem>
#include <string>
#include <vector>

#include "workflow/result_cache.h"
#include "workflow/task_executor.h"
#include "workflow/task_graph.h"

namespace nabridge::workflow {

struct RunOptions {
  int threads_per_task = 1;             // told to every task (the mesoscale sweep's threads)
  bool progress_tty = false;            // redraw one progress line instead of printing lines
  bool quiet = false;
};

struct RunSummary {
  int total = 0, cached = 0, executed = 0, failed = 0, skipped = 0;
  std::vector<std::pair<std::string, std::string>> failures;  // task name, error text
  double wall_seconds = 0.0;
  double task_seconds = 0.0;   // wall time inside workers (sum)
  bool ok() const { return failed == 0 && skipped == 0; }
};

RunSummary run_graph(const TaskGraph& graph, ResultCache& cache, TaskExecutor& executor, const RunOptions& opt);

/// The worker side: reads TASK.json, runs it, writes RESULT.json atomically. Returns the exit
/// status (0 = success); errors go to stderr.
int run_worker(const std::filesystem::path& task_file, const std::filesystem::path& result_file);

}  // namespace nabridge::workflow
