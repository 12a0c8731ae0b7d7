// `nabridge run CAMPAIGN.toml`, `nabridge graph CAMPAIGN.toml`, `nabridge status DIR` and the
// internal `nabridge worker TASK.json RESULT.json` (one task per process, started by `run`).
#include <mpi.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <map>

#include "cli/commands.h"
#include "potentials/potential_library.h"
#include "workflow/campaign.h"
#include "workflow/mpi_executor.h"
#include "workflow/outputs.h"
#include "workflow/result_cache.h"
#include "workflow/scheduler.h"
#include "workflow/task_key.h"

namespace nabridge::cli {

namespace fs = std::filesystem;
using namespace nabridge::workflow;

namespace {

// The one potential search path (NABRIDGE_POTENTIALS=a:b, then the shipped potentials), as for
// `nabridge potential`.
std::vector<fs::path> potential_dirs() {
  const auto dirs = potentials::default_potential_search_dirs();
  return {dirs.begin(), dirs.end()};
}

fs::path self_exe() { return fs::read_symlink("/proc/self/exe"); }

/// Started as one rank of several: by OpenMPI's mpirun (OMPI_COMM_WORLD_SIZE) or by a PMIx/PMI
/// launcher such as Slurm's `srun --mpi=pmix` (PMIX_RANK, PMI_RANK).
bool launched_by_mpi_launcher() {
  for (const char* v : {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK"})
    if (std::getenv(v)) return true;
  return false;
}

struct MpiSession {
  MpiSession() {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) MPI_Init(nullptr, nullptr);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  }
  /// The worst exit status over all ranks.
  int worst(int status) const {
    int w = status;
    MPI_Allreduce(&status, &w, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    return w;
  }
  ~MpiSession() { MPI_Finalize(); }
  int rank = 0, ranks = 1;
};

/// Rank 0 (or the only process): schedules the graph, owns the cache, writes the outputs.
int schedule_campaign(const Campaign& c, const TaskGraph& graph, TaskExecutor& executor, int jobs, bool quiet,
                      const std::string& placement) {
  RunSummary sum;
  std::map<std::string, nlohmann::json> results;
  {
    ResultCache cache(c.output_dir);
    RunOptions opt;
    opt.threads_per_task = jobs;
    opt.quiet = quiet;
    opt.progress_tty = isatty(2) && placement.empty();
    if (!opt.quiet)
      fmt::print(stderr, "nabridge run: {} tasks, {} job(s){}, results in {}\n", graph.tasks().size(), jobs, placement,
                 c.output_dir.string());
    sum = run_graph(graph, cache, executor, opt);
    for (const auto& t : graph.tasks())
      if (auto r = cache.load(t)) results[t.name] = std::move(*r);
  }
  if (results.count("table"))
    write_parameter_table(results.count("mesoscale")
                              ? with_mesoscale_predictions(results.at("table"), results.at("mesoscale"))
                              : results.at("table"),
                          c.output_dir);
  const fs::path report = write_report(c, graph, results, sum, c.output_dir);
  fmt::print("{} tasks: {} cached, {} run, {} failed, {} skipped; wall {:.2f} s ({:.2f} s inside tasks)\n", sum.total,
             sum.cached, sum.executed, sum.failed, sum.skipped, sum.wall_seconds, sum.task_seconds);
  for (const auto& [name, err] : sum.failures) fmt::print("FAILED {}: {}\n", name, err);
  if (results.count("table")) fmt::print("parameter table: {}\n", (c.output_dir / "parameters.csv").string());
  fmt::print("report: {}\n", report.string());
  return sum.ok() ? 0 : 2;
}

int run_campaign(const std::string& file, const std::string& out, int jobs, bool quiet) {
  const Campaign c = load_campaign(file, out, potential_dirs());
  TaskGraph graph = build_task_graph(c);
  assign_keys(graph, code_fingerprint());
  fs::create_directories(c.output_dir);
  if (!launched_by_mpi_launcher()) {
    LocalExecutor executor(self_exe(), jobs, host_name());
    return schedule_campaign(c, graph, executor, jobs, quiet, "");
  }
  MpiSession mpi;
  int status = 0;
  if (mpi.rank == 0) {
    MpiExecutor executor(self_exe(), jobs, MPI_COMM_WORLD);
    status = schedule_campaign(c, graph, executor, jobs, quiet, fmt::format(" on each of {} MPI ranks", mpi.ranks));
  } else {
    serve_tasks(self_exe(), jobs, MPI_COMM_WORLD);
  }
  return mpi.worst(status);
}

void print_graph(const std::string& file, bool dot) {
  const Campaign c = load_campaign(file, {}, potential_dirs());
  TaskGraph graph = build_task_graph(c);
  assign_keys(graph, code_fingerprint());
  fmt::print("{}", dot ? graph.to_dot() : graph.to_text());
}

void print_status(const std::string& dir) {
  if (!fs::exists(fs::path(dir) / "nabridge.sqlite"))
    throw std::invalid_argument(dir + ": no nabridge.sqlite here (not a run folder)");
  ResultCache cache(dir);
  std::map<std::string, int> counts;
  const auto recs = cache.records();
  for (const auto& r : recs) ++counts[r.status];
  fmt::print("{}: {} task records", dir, recs.size());
  for (const auto& [s, n] : counts) fmt::print(", {} {}", n, s);
  fmt::print("\n");
  for (const auto& r : recs)
    fmt::print("  {:<8} {:<28} {:>8.1f} s  {}  {}\n", r.status, r.name, r.seconds, r.finished,
               r.error.empty() ? "" : r.error.substr(0, r.error.find('\n')));
}

}  // namespace

void add_run_commands(CLI::App& app) {
  struct RunArgs {
    std::string file, out;
    int jobs = 1;
    bool quiet = false, dot = false;
    std::string task, result, dir;
  };
  auto a = std::make_shared<RunArgs>();
  auto* run = app.add_subcommand("run", "Run a campaign: the task graph, cached, in worker processes");
  run->add_option("campaign", a->file, "campaign TOML")->required()->check(CLI::ExistingFile);
  run->add_option("--out", a->out,
                  "output folder, any path (relative: to the current directory; default: [campaign] output)");
  run->add_option("-j,--jobs", a->jobs, "tasks run in parallel (1-256)")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  run->add_flag("-q,--quiet", a->quiet, "no progress output");
  run->callback([a] {
    const int rc = run_campaign(a->file, a->out, a->jobs, a->quiet);
    if (rc != 0) std::exit(rc);
  });

  auto* graph = app.add_subcommand("graph", "Print a campaign's task graph (text, or DOT with --dot)");
  graph->add_option("campaign", a->file, "campaign TOML")->required()->check(CLI::ExistingFile);
  graph->add_flag("--dot", a->dot, "Graphviz DOT output");
  graph->callback([a] { print_graph(a->file, a->dot); });

  auto* status = app.add_subcommand("status", "Summarise a run folder's task records");
  status->add_option("dir", a->dir, "run folder (holds nabridge.sqlite)")->required();
  status->callback([a] { print_status(a->dir); });

  auto* worker = app.add_subcommand("worker", "Internal: run one task in this process");
  worker->group("");  // hidden from --help
  worker->add_option("task", a->task)->required();
  worker->add_option("result", a->result)->required();
  worker->callback([a] { std::exit(run_worker(a->task, a->result)); });
}

}  // namespace nabridge::cli
