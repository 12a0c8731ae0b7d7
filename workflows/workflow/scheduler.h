#pragma once
// Runs a task graph: tasks whose result is cached are not run again; the rest run in worker
// processes (`nabridge worker`), up to `jobs` at a time, so a LAMMPS exit() or a crash fails
// only its task. A failed task's dependants are skipped; everything else goes on.
// Under MPI each rank owns every size-th task (in topological order) and waits for inputs
// owned by other ranks through the shared cache, so the results equal a serial run's.
#include <filesystem>
#include <string>
#include <vector>

#include "workflow/result_cache.h"
#include "workflow/task_graph.h"

namespace nabridge::workflow {

struct RunOptions {
  int jobs = 1;
  std::filesystem::path nabridge_exe;   // the program that provides `worker`
  int rank = 0, ranks = 1;              // MPI placement (1 rank: everything local)
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

RunSummary run_graph(const TaskGraph& graph, ResultCache& cache, const RunOptions& opt);

/// The worker side: reads TASK.json, runs it, writes RESULT.json atomically. Returns the exit
/// status (0 = success); errors go to stderr.
int run_worker(const std::filesystem::path& task_file, const std::filesystem::path& result_file);

}  // namespace nabridge::workflow
