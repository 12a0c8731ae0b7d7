#pragma once
// Cp2kEngine: NaBridge's DFT engine. It writes a CP2K input for a Structure, runs the Debian
// CP2K (cp2k.psmp under mpirun) in a fresh work directory through run_program (argv, no shell),
// and reads energy, forces and the SCF status back. Any failure — a missing basis set or
// pseudopotential, an SCF or a geometry optimisation that did not converge, a crashed or
// killed CP2K — is a std::runtime_error carrying CP2K's message, never a number.
//
// As an Engine it evaluates single points (RUN_TYPE ENERGY_FORCE), so NaBridge's own optimisers
// can drive it. relax() instead hands a constrained relaxation to CP2K's GEO_OPT (atoms fixed per
// Structure::free_dofs via FIXED_ATOMS): one CP2K process then reuses the wavefunction from
// step to step, which for an adatom height costs about half the SCF steps of restarting CP2K
// for every force call.
#include <filesystem>
#include <optional>
#include <string>

#include "core/engine.h"
#include "engines/cp2k_input.h"

namespace nabridge {

struct Cp2kRunOptions {
  std::string program = "cp2k.psmp";
  std::string mpirun = "mpirun";
  int mpi_ranks = 2;
  int omp_threads = 1;   // per rank; more ranks than cores only slows CP2K down
  int nice = 19;         // run below interactive work and compiles; 0 = as the caller
  std::filesystem::path work_root;   // where run directories go; empty = <tmp>/nabridge-cp2k
  bool keep_work_dirs = false;       // failed runs always keep theirs (named in the error)
  /// Γ-point runs: start the SCF from this wavefunction file when it exists (same atoms, basis
  /// and cell; e.g. the neighbouring point of a height scan) and leave the converged one at
  /// `wfn_keep`. A nearby geometry's wavefunction roughly halves the SCF steps. The result does
  /// not depend on it (to the SCF tolerance), so it is not part of the input that keys the cache.
  std::filesystem::path wfn_guess, wfn_keep;
};

/// What one CP2K run produced, in NaBridge units (eV, Å).
struct Cp2kRun {
  std::string input;            // the input text (with SCF_GUESS ATOMIC; see scf_guess)
  std::string scf_guess = "atomic";  // "atomic" or "restart" (CP2K read a wfn_guess file)
  std::string version;          // "CP2K version 2023.1"
  double energy_eV = 0.0;       // total (free) energy, consistent with the forces
  Positions forces_eV_A;        // 3 x N
  Positions positions_A;        // final positions (GEO_OPT) or the input positions
  int scf_steps = 0;            // summed over all SCF runs
  int scf_runs = 0;             // 1 for a single point, one per geometry step for GEO_OPT
  double wall_s = 0.0;
};

inline constexpr double kHartree_eV = 27.211386245988;    // CODATA 2018
inline constexpr double kBohr_A = 0.529177210903;          // CODATA 2018

class Cp2kEngine : public Engine {
 public:
  explicit Cp2kEngine(Cp2kSettings settings, Cp2kRunOptions options = {});

  const Cp2kSettings& settings() const { return settings_; }
  const Cp2kRunOptions& options() const { return options_; }
  std::string describe() const override;
  /// No stress: evaluate(s, true) throws before starting CP2K.
  bool provides_virial() const override { return false; }

  /// The input text run() would give CP2K for s (also the core of a cache key).
  std::string input(const Structure& s, Cp2kRunType type) const { return cp2k_input(s, settings_, type); }
  /// Runs CP2K once; throws std::runtime_error with CP2K's message on any failure.
  Cp2kRun run(const Structure& s, Cp2kRunType type);
  /// GEO_OPT over the free degrees of freedom of s if it has any, else a single point.
  Cp2kRun relax(const Structure& s) { return run(s, relax_run_type(s)); }
  static Cp2kRunType relax_run_type(const Structure& s);

  /// "CP2K version 2023.1", from `cp2k.psmp --version` (asked once, then remembered). Throws if
  /// the program cannot be started or prints no version.
  std::string code_version();

 protected:
  void compute(const Structure& s, Evaluation& out, bool want_virial) override;

 private:
  std::filesystem::path make_run_directory() const;
  Cp2kSettings settings_;
  Cp2kRunOptions options_;
  std::optional<std::string> version_;
};

}  // namespace nabridge
