#include "engines/cp2k_engine.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "engines/cp2k_output.h"
#include "nabridge/base/read_file.h"
#include "nabridge/base/subprocess.h"

namespace nabridge {

namespace fs = std::filesystem;

namespace {

constexpr double kForce_eV_A_per_Ha_bohr = kHartree_eV / kBohr_A;

void write_text(const fs::path& file, const std::string& text) {
  std::ofstream out(file);
  out << text;
  if (!out.flush()) throw std::runtime_error("cp2k: cannot write " + file.string());
}

// The last lines of a log, to show with an error whose cause CP2K did not state.
std::string tail(const std::string& text, int lines) {
  std::size_t start = text.size();
  for (int n = 0; n <= lines && start > 0; ++n) {
    const auto nl = text.rfind('\n', start - 1);
    if (nl == std::string::npos) return text;
    start = nl;
  }
  return start < text.size() ? text.substr(start + 1) : std::string();
}

std::vector<std::string> command_line(const Cp2kRunOptions& o, const std::vector<std::string>& cp2k_args) {
  std::vector<std::string> argv;
  if (o.nice > 0) argv = {"nice", "-n", std::to_string(o.nice)};
  // Ranks waiting in MPI yield the core instead of spinning: on a shared machine (niced CP2K
  // next to compiles) a spinning rank burns the CPU time its partner needs.
  argv.insert(argv.end(),
              {o.mpirun, "-np", std::to_string(std::max(1, o.mpi_ranks)), "--oversubscribe", "--mca",
               "mpi_yield_when_idle", "1", "-x", "OMP_NUM_THREADS=" + std::to_string(std::max(1, o.omp_threads))});
  if (geteuid() == 0) argv.push_back("--allow-run-as-root");  // containers and CI run as root
  argv.push_back(o.program);
  argv.insert(argv.end(), cp2k_args.begin(), cp2k_args.end());
  return argv;
}

// Turns a finished run's output into the failure it reports, if any.
void check_run(const ProgramRun& proc, const Cp2kOutput& out, Cp2kRunType type, const fs::path& dir,
               const std::string& log, const std::string& output_text) {
  const std::string where = " (run directory " + dir.string() + ")";
  if (!proc.started) throw std::runtime_error("cp2k: cannot start the MPI launcher; is OpenMPI installed?" + where);
  if (!out.abort_message.empty()) throw std::runtime_error("cp2k: " + out.abort_message + where);
  if (out.scf_failed) throw std::runtime_error("cp2k: SCF run NOT converged" + where);
  if (proc.signal != 0)
    throw std::runtime_error(fmt::format("cp2k: killed by signal {}{}", proc.signal, where));
  if (proc.exit_code != 0)
    throw std::runtime_error(fmt::format("cp2k: exited with status {}{}:\n{}{}", proc.exit_code, where,
                                         tail(log, 8), tail(output_text, 8)));
  if (!out.ended || !out.energy_Ha)
    throw std::runtime_error("cp2k: the output has no final energy (run cut short?)" + where);
  if (type == Cp2kRunType::kGeoOpt && !out.geo_opt_converged)
    throw std::runtime_error(std::string("cp2k: geometry optimisation did not converge") +
                             (out.geo_opt_max_iter ? " within MAX_ITER steps" : "") + where);
}

// The input with the SCF started from a wavefunction file instead of atomic densities.
std::string with_restart_guess(std::string text, const std::string& wfn_file) {
  const std::string atomic = "SCF_GUESS ATOMIC";
  const auto pos = text.find(atomic);
  if (pos == std::string::npos) return text;
  text.replace(pos, atomic.size(), "SCF_GUESS RESTART");
  const std::string dft = "  &DFT\n";
  const auto d = text.find(dft);
  if (d != std::string::npos) text.insert(d + dft.size(), "    WFN_RESTART_FILE_NAME " + wfn_file + "\n");
  return text;
}

}  // namespace

Cp2kEngine::Cp2kEngine(Cp2kSettings settings, Cp2kRunOptions options)
    : settings_(std::move(settings)), options_(std::move(options)) {}

std::string Cp2kEngine::describe() const {
  return fmt::format("cp2k: {} GPW, cutoff {} Ry, smearing {} K, k-points {}x{}x{}", settings_.functional,
                     settings_.cutoff_Ry, settings_.smearing_K, settings_.kpoints[0], settings_.kpoints[1],
                     settings_.kpoints[2]);
}

Cp2kRunType Cp2kEngine::relax_run_type(const Structure& s) {
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.free_dofs.empty() || s.free_dofs[i] != dof::kNone) return Cp2kRunType::kGeoOpt;
  return Cp2kRunType::kEnergyForce;
}

fs::path Cp2kEngine::make_run_directory() const {
  const fs::path root = options_.work_root.empty() ? fs::temp_directory_path() / "nabridge-cp2k" : options_.work_root;
  fs::create_directories(root);
  std::string pattern = (root / "run-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("cp2k: cannot create a run directory under " + root.string());
  return pattern;
}

std::string Cp2kEngine::code_version() {
  if (version_) return *version_;
  const fs::path dir = make_run_directory();
  const fs::path log = dir / "version.log";
  const ProgramRun proc = run_program({options_.program, "--version"}, log, dir);
  const std::string text = read_file_or_empty(log);
  fs::remove_all(dir);
  if (!proc.started) throw std::runtime_error("cp2k: cannot start " + options_.program + " (not in PATH?)");
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const auto pos = line.find("CP2K version");
    if (pos != std::string::npos) {
      version_ = line.substr(pos);
      while (!version_->empty() && std::isspace(static_cast<unsigned char>(version_->back()))) version_->pop_back();
      return *version_;
    }
  }
  throw std::runtime_error(options_.program + " --version printed no version:\n" + tail(text, 5));
}

Cp2kRun Cp2kEngine::run(const Structure& s, Cp2kRunType type) {
  Cp2kRun result;
  result.input = input(s, type);
  const fs::path dir = make_run_directory();
  std::string text = result.input;
  const bool gamma_only = settings_.kpoints == std::array<int, 3>{1, 1, 1};
  if (gamma_only && !options_.wfn_guess.empty() && fs::exists(options_.wfn_guess)) {
    fs::copy_file(options_.wfn_guess, dir / "guess.wfn");
    text = with_restart_guess(text, "guess.wfn");
    result.scf_guess = "restart";
  }
  write_text(dir / "in.inp", text);
  const auto start = std::chrono::steady_clock::now();
  const ProgramRun proc =
      run_program(command_line(options_, {"-i", "in.inp", "-o", "out.log"}), dir / "mpirun.log", dir);
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  const std::string output_text = read_file_or_empty(dir / "out.log");
  const Cp2kOutput out = parse_cp2k_output(output_text);
  check_run(proc, out, type, dir, read_file_or_empty(dir / "mpirun.log"), output_text);
  if (out.forces_Ha_bohr.cols() != static_cast<Eigen::Index>(s.size()))
    throw std::runtime_error(fmt::format("cp2k: {} forces for {} atoms (run directory {})", out.forces_Ha_bohr.cols(),
                                         s.size(), dir.string()));
  result.version = out.version;
  result.energy_eV = *out.energy_Ha * kHartree_eV;
  result.forces_eV_A = out.forces_Ha_bohr * kForce_eV_A_per_Ha_bohr;
  result.scf_steps = out.scf_steps;
  result.scf_runs = out.scf_runs;
  result.positions_A =
      type == Cp2kRunType::kGeoOpt
          ? last_xyz_frame(read_file_or_empty(dir / (std::string(kCp2kProject) + "-pos-1.xyz")), s.size())
          : s.positions;
  if (!version_ && !out.version.empty()) version_ = out.version;
  const fs::path wfn = dir / (std::string(kCp2kProject) + "-RESTART.wfn");
  if (gamma_only && !options_.wfn_keep.empty() && fs::exists(wfn)) {
    // Copy then rename: a reader never sees half a file.
    fs::create_directories(options_.wfn_keep.parent_path());
    const fs::path tmp = options_.wfn_keep.string() + ".tmp";
    fs::copy_file(wfn, tmp, fs::copy_options::overwrite_existing);
    fs::rename(tmp, options_.wfn_keep);
  }
  if (!options_.keep_work_dirs) fs::remove_all(dir);
  return result;
}

void Cp2kEngine::compute(const Structure& s, Evaluation& out, bool want_virial) {
  if (want_virial) throw std::runtime_error("cp2k engine: the virial (stress) is not implemented");
  const Cp2kRun r = run(s, Cp2kRunType::kEnergyForce);
  out.energy_eV = r.energy_eV;
  out.forces_eV_A = r.forces_eV_A;
  out.virial_eV.reset();
}

}  // namespace nabridge
