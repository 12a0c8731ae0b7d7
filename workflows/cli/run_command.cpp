// `nabridge run CAMPAIGN.toml`, `nabridge graph CAMPAIGN.toml`, `nabridge status DIR` and the
// internal `nabridge worker TASK.json RESULT.json` (one task per process, started by `run`).
#include <mpi.h>
#include <unistd.h>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>

#include "cli/commands.h"
#include "potentials/potential_library.h"
#include "workflow/campaign.h"
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

struct MpiPlacement {
  int rank = 0, ranks = 1;
  bool active = false;
};

/// Under mpirun (OpenMPI sets OMPI_COMM_WORLD_SIZE) every rank runs its share of the tasks.
MpiPlacement start_mpi_if_launched() {
  MpiPlacement m;
  if (!std::getenv("OMPI_COMM_WORLD_SIZE")) return m;
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) MPI_Init(nullptr, nullptr);
  MPI_Comm_rank(MPI_COMM_WORLD, &m.rank);
  MPI_Comm_size(MPI_COMM_WORLD, &m.ranks);
  m.active = true;
  return m;
}

int run_campaign(const std::string& file, const std::string& out, int jobs, bool quiet) {
  const Campaign c = load_campaign(file, out, potential_dirs());
  TaskGraph graph = build_task_graph(c);
  assign_keys(graph, code_fingerprint());
  const MpiPlacement mpi = start_mpi_if_launched();
  fs::create_directories(c.output_dir);
  RunSummary sum;
  std::map<std::string, nlohmann::json> results;
  {
    // Rank 0 creates the database before the other ranks open it.
    std::unique_ptr<ResultCache> first;
    if (mpi.rank == 0) first = std::make_unique<ResultCache>(c.output_dir);
    if (mpi.active) MPI_Barrier(MPI_COMM_WORLD);
    ResultCache& cache = first ? *first : *(first = std::make_unique<ResultCache>(c.output_dir));
    RunOptions opt;
    opt.jobs = jobs;
    opt.nabridge_exe = self_exe();
    opt.rank = mpi.rank, opt.ranks = mpi.ranks;
    opt.quiet = quiet || mpi.rank != 0;
    opt.progress_tty = isatty(2) && !mpi.active;
    if (!opt.quiet)
      fmt::print(stderr, "nabridge run: {} tasks, {} job(s){}, results in {}\n", graph.tasks().size(), opt.jobs,
                 mpi.active ? fmt::format(" on each of {} MPI ranks", mpi.ranks) : "", c.output_dir.string());
    sum = run_graph(graph, cache, opt);
    if (mpi.active) MPI_Barrier(MPI_COMM_WORLD);
    for (const auto& t : graph.tasks())
      if (auto r = cache.load(t)) results[t.name] = std::move(*r);
  }
  int status = sum.ok() ? 0 : 2;
  if (mpi.rank == 0) {
    if (results.count("table"))
      write_parameter_table(results.count("mesoscale") ? with_mesoscale_predictions(results.at("table"), results.at("mesoscale"))
                                                       : results.at("table"),
                            c.output_dir);
    const fs::path report = write_report(c, graph, results, sum, c.output_dir);
    fmt::print("{} tasks: {} cached, {} run, {} failed, {} skipped; wall {:.2f} s ({:.2f} s inside tasks)\n", sum.total,
               sum.cached, sum.executed, sum.failed, sum.skipped, sum.wall_seconds, sum.task_seconds);
    for (const auto& [name, err] : sum.failures) fmt::print("FAILED {}: {}\n", name, err);
    if (results.count("table")) fmt::print("parameter table: {}\n", (c.output_dir / "parameters.csv").string());
    fmt::print("report: {}\n", report.string());
  }
  if (mpi.active) {
    int worst = status;
    MPI_Allreduce(&status, &worst, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
    status = worst;
    MPI_Finalize();
  }
  return status;
}

void print_graph(const std::string& file, bool dot) {
  const Campaign c = load_campaign(file, {}, potential_dirs());
  TaskGraph graph = build_task_graph(c);
  assign_keys(graph, code_fingerprint());
  fmt::print("{}", dot ? graph.to_dot() : graph.to_text());
}

void print_status(const std::string& dir) {
  if (!fs::exists(fs::path(dir) / "nabridge.sqlite")) throw std::invalid_argument(dir + ": no nabridge.sqlite here (not a run folder)");
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
  run->add_option("--out", a->out, "output folder, any path (relative: to the current directory; default: [campaign] output)");
  run->add_option("-j,--jobs", a->jobs, "tasks run in parallel (1-256)")->capture_default_str()->check(CLI::Range(1, 256));
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
