// Dynamic MPI scheduling against the static split it replaced. A synthetic campaign of 500 tasks
// with skewed durations (workers that sleep, so oversubscribed ranks on two cores measure the
// scheduler, not the CPU) runs twice under `mpirun -np N scheduler_bench`: once with nothing
// known about durations, once after a "code change" (new keys, same names), when rank 0 starts
// the longest chains first from the durations recorded by the first pass. Printed: wall time,
// the ideal (max of total work / slots and the critical path, from the measured durations),
// and the static split's wall time (task k of the topological order on rank k mod N, each rank
// starting its ready tasks in that order), computed from the same measured durations.
//
//   mpirun --oversubscribe -np 8 build/bench/scheduler_bench [RUN_DIR]
//
// The same program is the worker: `scheduler_bench worker TASK.json RESULT.json` sleeps.
#include <mpi.h>

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "workflow/mpi_executor.h"
#include "workflow/scheduler.h"
#include "workflow/task_key.h"
#include "workflow/task_priority.h"
#include "nabridge/base/atomic_file.h"
#include "nabridge/base/bounds.h"

namespace fs = std::filesystem;
using namespace nabridge::workflow;

namespace {

constexpr int kGroups = 100;  // 5 tasks each: prepare -> 3 computations -> collect

int sleep_worker(const fs::path& task_file, const fs::path& result_file) {
  std::ifstream in(task_file);
  const auto task = nlohmann::json::parse(in);
  const double seconds = task.at("params").at("seconds").get<double>();
  std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
  nabridge::write_file_atomically(result_file, nlohmann::json{{"result", {{"slept_s", seconds}}}}.dump());
  return 0;
}

/// Durations: most tasks short (exponential, mean 0.4 s), one computation in ten long (3-12 s).
TaskGraph synthetic_campaign() {
  std::mt19937 rng(20261205);
  std::exponential_distribution<double> short_s(1.0 / 0.4);
  std::uniform_real_distribution<double> long_s(3.0, 12.0), u(0.0, 1.0);
  std::vector<Task> tasks;
  auto add = [&](std::string name, double seconds, std::vector<std::string> inputs) {
    tasks.push_back({name, "synthetic", "", "", {{"seconds", seconds}}, std::move(inputs), ""});
  };
  for (int g = 0; g < kGroups; ++g) {
    const std::string prep = fmt::format("prepare/{}", g);
    add(prep, short_s(rng), {});
    std::vector<std::string> calcs;
    for (int k = 0; k < 3; ++k) {
      calcs.push_back(fmt::format("compute/{}/{}", g, k));
      add(calcs.back(), u(rng) < 0.1 ? long_s(rng) : short_s(rng), {prep});
    }
    add(fmt::format("collect/{}", g), short_s(rng), calcs);
  }
  return TaskGraph(std::move(tasks));
}

/// Makespan of the static split: each rank runs its own tasks (k mod ranks in topological
/// order) with `slots` workers, starting the first ready one in that order whenever a slot frees.
double static_split_seconds(const TaskGraph& graph, const std::vector<double>& seconds, int ranks, int slots) {
  const auto& order = graph.order();
  const std::size_t n = order.size();
  std::vector<int> owner(n);
  for (std::size_t k = 0; k < n; ++k) owner[order[k]] = static_cast<int>(k % static_cast<std::size_t>(ranks));
  std::vector<double> finish(n, -1.0);
  std::vector<std::vector<double>> slot_free(static_cast<std::size_t>(ranks),
                                             std::vector<double>(static_cast<std::size_t>(slots), 0.0));
  std::vector<bool> started(n, false);
  double now = 0.0;
  for (std::size_t done = 0; done < n;) {
    bool progressed = false;
    for (const std::size_t i : order) {
      if (started[i]) continue;
      double ready_at = 0.0;
      bool ready = true;
      for (const auto& in : graph.tasks()[i].inputs) {
        const double f = finish[graph.index(in)];
        if (f < 0.0 || f > now) ready = false;
        ready_at = std::max(ready_at, f);
      }
      auto& free = slot_free[static_cast<std::size_t>(owner[i])];
      auto slot = std::min_element(free.begin(), free.end());
      if (!ready || *slot > now) continue;
      started[i] = true, progressed = true, ++done;
      finish[i] = now + seconds[i];
      *slot = finish[i];
    }
    if (!progressed) {  // advance to the next moment something finishes
      double next = nabridge::kRunningMinStart;
      for (std::size_t i = 0; i < n; ++i)
        if (started[i] && finish[i] > now) next = std::min(next, finish[i]);
      now = next;
    }
  }
  return *std::max_element(finish.begin(), finish.end());
}

struct PassResult {
  double wall_s = 0.0;
  std::vector<double> seconds;  // measured per task
};

PassResult run_pass(TaskGraph& graph, const fs::path& dir, const std::string& code, int rank) {
  assign_keys(graph, code);
  const fs::path exe = fs::read_symlink("/proc/self/exe");
  PassResult out;
  if (rank != 0) {
    serve_tasks(exe, 1, MPI_COMM_WORLD);
    return out;
  }
  ResultCache cache(dir);
  RunOptions opt;
  opt.quiet = true;
  RunSummary sum;
  {
    MpiExecutor executor(exe, 1, MPI_COMM_WORLD);
    sum = run_graph(graph, cache, executor, opt);
  }
  if (!sum.ok()) throw std::runtime_error(fmt::format("{} tasks failed", sum.failed));
  out.wall_s = sum.wall_seconds;
  std::map<std::string, double> by_name;
  for (const auto& r : cache.records())
    if (r.status == "done") by_name[r.name] = r.seconds;
  for (const auto& t : graph.tasks()) out.seconds.push_back(by_name.at(t.name));
  return out;
}

void report(const char* label, const TaskGraph& graph, const PassResult& p, int ranks) {
  double work = 0.0;
  for (double s : p.seconds) work += s;
  const auto level = bottom_levels(graph, p.seconds);
  const double critical = *std::max_element(level.begin(), level.end());
  const double ideal = std::max(work / ranks, critical);
  const double stat = static_split_seconds(graph, p.seconds, ranks, 1);
  fmt::print("{:<34} {:>8.2f} {:>8.2f} {:>8.3f} {:>10.2f} {:>8.3f}\n", label, p.wall_s, ideal, p.wall_s / ideal, stat,
             stat / ideal);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::strcmp(argv[1], "worker") == 0) return sleep_worker(argv[2], argv[3]);
  MPI_Init(&argc, &argv);
  int rank = 0, ranks = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  const fs::path dir = argc > 1 ? fs::path(argv[1]) : fs::temp_directory_path() / "nabridge-scheduler-bench";
  if (rank == 0) fs::remove_all(dir), fs::create_directories(dir);
  MPI_Barrier(MPI_COMM_WORLD);
  TaskGraph graph = synthetic_campaign();
  const PassResult cold = run_pass(graph, dir, "pass-1", rank);
  MPI_Barrier(MPI_COMM_WORLD);
  const PassResult warm = run_pass(graph, dir, "pass-2", rank);
  if (rank == 0) {
    fmt::print("{} tasks on {} ranks x 1 slot (walls in s; ideal = max(work / ranks, critical path))\n",
               graph.tasks().size(), ranks);
    fmt::print("{:<34} {:>8} {:>8} {:>8} {:>10} {:>8}\n", "pass", "dynamic", "ideal", "dyn/id", "static", "stat/id");
    report("durations unknown", graph, cold, ranks);
    report("durations recorded (rerun)", graph, warm, ranks);
  }
  MPI_Finalize();
  return 0;
}
