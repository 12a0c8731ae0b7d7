// `nabridge dft reference`: runs the DFT reference set (CP2K) described by
// data/reference/dft/reference.toml, computing only the calculations whose cached result is
// missing or stale, then writes summary.csv next to the description.
//   nabridge dft reference [--set FILE] [--only SYSTEM]... [--ranks N] [--list] [--summary]
#include <fmt/format.h>

#include <chrono>
#include <ctime>
#include <iostream>
#include <set>
#include <stdexcept>

#include "cli/commands.h"
#include "engines/cp2k_engine.h"
#include "workflow/dft_cache.h"
#include "workflow/dft_reference.h"
#include "workflow/result_cache.h"
#include "nabridge/base/atomic_file.h"

namespace nabridge::cli {

namespace {

namespace fs = std::filesystem;

using workflow::DftCalculation;
using workflow::DftReferenceSet;

struct DftReferenceArgs {
  std::string set_file = "data/reference/dft/reference.toml";
  std::vector<std::string> only;
  int ranks = 2;
  bool list = false;
  bool summary_only = false;
  bool keep_work_dirs = false;
};

std::string clock_now() {
  const std::time_t t = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%H:%M:%S", std::gmtime(&t));
  return buf;
}

// Calculations of the selected systems, in the set's order.
std::vector<const DftCalculation*> selected(const DftReferenceSet& set, const std::vector<std::string>& only) {
  std::set<std::string> wanted(only.begin(), only.end());
  for (const auto& name : wanted) {
    const bool known = std::any_of(set.systems.begin(), set.systems.end(), [&](const auto& s) { return s.name == name; });
    if (!known) throw std::invalid_argument("dft reference: --only " + name + ": no such system in " + set.file.string());
  }
  std::vector<const DftCalculation*> calcs;
  for (const auto& sys : set.systems)
    if (wanted.empty() || wanted.count(sys.name))
      for (const auto& c : sys.calculations) calcs.push_back(&c);
  return calcs;
}

// Runs one calculation unless its record is cached; returns false on a failed run.
bool run_one(const DftReferenceSet& set, const DftCalculation& calc, const Cp2kRunOptions& options,
             const std::string& version, std::size_t index, std::size_t total, bool list_only) {
  Cp2kEngine engine(calc.settings, options);
  const auto type = Cp2kEngine::relax_run_type(calc.structure);
  const auto parts = workflow::dft_key_parts(engine.input(calc.structure, type), version, calc.settings);
  const auto key = workflow::dft_key(parts);
  const auto file = workflow::dft_record_path(set, calc);
  const std::string label = fmt::format("[{}/{}] {}/{} ({} atoms, {})", index, total, calc.system, calc.config,
                                        calc.structure.size(), type == Cp2kRunType::kGeoOpt ? "GEO_OPT" : "single point");
  if (const auto cached = workflow::load_dft_record(file, key)) {
    fmt::print("{} cached: E = {:.6f} eV\n", label, cached->at("energy_eV").get<double>());
    return true;
  }
  if (list_only) {
    fmt::print("{} to run\n", label);
    return true;
  }
  // Γ-point runs of one system with the same atoms start from the last converged wavefunction
  // of that system (the neighbouring scan point); if CP2K cannot use it, start afresh once.
  Cp2kRunOptions with_guess = options;
  const fs::path wfn_root = options.work_root.empty() ? fs::temp_directory_path() / "nabridge-cp2k" : options.work_root;
  with_guess.wfn_guess = with_guess.wfn_keep =
      wfn_root / "wfn" / fmt::format("{}-{}atoms.wfn", calc.system, calc.structure.size());
  fmt::print("{} {} started\n", clock_now(), label);
  std::fflush(stdout);
  try {
    Cp2kRun run;
    try {
      run = Cp2kEngine(calc.settings, with_guess).run(calc.structure, type);
    } catch (const std::exception& e) {
      if (!fs::exists(with_guess.wfn_guess)) throw;
      fmt::print("{} {} restart from {} failed ({}); starting from atomic densities\n", clock_now(), label,
                 with_guess.wfn_guess.string(), e.what());
      fs::remove(with_guess.wfn_guess);
      run = Cp2kEngine(calc.settings, with_guess).run(calc.structure, type);
    }
    workflow::store_dft_record(file, workflow::make_dft_record(calc, parts, key, run, options.mpi_ranks));
    fmt::print("{} {} done: E = {:.6f} eV, {} SCF steps in {} SCF runs ({} guess), {:.1f} min\n", clock_now(),
               label, run.energy_eV, run.scf_steps, run.scf_runs, run.scf_guess, run.wall_s / 60);
    std::fflush(stdout);
    return true;
  } catch (const std::exception& e) {
    fmt::print("{} {} FAILED: {}\n", clock_now(), label, e.what());
    std::fflush(stdout);
    return false;
  }
}

// summary.csv from every calculation of the set whose current record exists.
void write_summary(const DftReferenceSet& set, const std::string& version) {
  const auto done = workflow::load_dft_outcomes(set, version);
  const auto rows = workflow::dft_summary(set, done);
  const auto path = set.dir / "summary.csv";
  nabridge::write_file_atomically(path, workflow::dft_summary_csv(rows));
  nabridge::write_file_atomically(set.dir / "binding_curves.csv",
                                  workflow::dft_binding_curves_csv(workflow::dft_binding_curves(set, done)));
  fmt::print("summary: {} ({} values from {} finished calculations)\n", path.string(), rows.size(), done.size());
}

void run_reference(const DftReferenceArgs& args) {
  const DftReferenceSet set = workflow::read_dft_reference_set(args.set_file);
  Cp2kRunOptions options;
  options.mpi_ranks = args.ranks;
  options.keep_work_dirs = args.keep_work_dirs;
  const std::string version = workflow::installed_cp2k_version(options);
  const auto calcs = selected(set, args.only);
  fmt::print("nabridge dft reference: {} calculations, {} MPI ranks, {}\n", calcs.size(), args.ranks, version);
  if (args.summary_only) {
    write_summary(set, version);
    return;
  }
  std::size_t failed = 0;
  for (std::size_t i = 0; i < calcs.size(); ++i) {
    if (!run_one(set, *calcs[i], options, version, i + 1, calcs.size(), args.list)) ++failed;
    // After every calculation, so a long run's summary is current while it goes on.
    if (!args.list) write_summary(set, version);
  }
  if (failed) throw std::runtime_error(fmt::format("dft reference: {} of {} calculations failed", failed, calcs.size()));
}

}  // namespace

void add_dft_command(CLI::App& app) {
  auto* dft = app.add_subcommand("dft", "DFT (CP2K) reference calculations");
  dft->require_subcommand(1);
  auto args = std::make_shared<DftReferenceArgs>();
  auto* ref = dft->add_subcommand("reference", "run the missing calculations of the DFT reference set, write summary.csv");
  ref->add_option("--set", args->set_file, "reference set description (TOML)")->capture_default_str();
  ref->add_option("--only", args->only, "run only these systems (repeatable)");
  ref->add_option("--ranks", args->ranks, "MPI ranks per CP2K run")->capture_default_str()->check(CLI::Range(1, 256));
  ref->add_flag("--list", args->list, "list the calculations and whether they are cached; run nothing");
  ref->add_flag("--summary", args->summary_only, "only rebuild summary.csv from the cached records");
  ref->add_flag("--keep-work-dirs", args->keep_work_dirs, "keep CP2K's run directories of successful runs");
  ref->callback([args] { run_reference(*args); });
}

}  // namespace nabridge::cli
