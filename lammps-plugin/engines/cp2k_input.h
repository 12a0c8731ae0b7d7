#pragma once
// CP2K (Quickstep, GPW) input text for a Structure: the settings a NaBridge DFT reference
// calculation states explicitly (functional, basis and GTH pseudopotential per element, plane-wave
// cutoff, smearing, k-points, charge and spin), so the input text alone identifies the
// calculation and can serve as its cache key.
#include <array>
#include <filesystem>
#include <map>
#include <string>

#include "core/structure.h"

namespace nabridge {

struct Cp2kSettings {
  std::string functional = "PBE";                   // CP2K &XC_FUNCTIONAL name
  std::map<std::string, std::string> basis;        // element -> basis name, e.g. DZVP-MOLOPT-SR-GTH
  std::map<std::string, std::string> potential;    // element -> GTH name with valence, e.g. GTH-PBE-q9
  std::filesystem::path basis_file = "/usr/share/cp2k/BASIS_MOLOPT";
  std::filesystem::path potential_file = "/usr/share/cp2k/GTH_POTENTIALS";
  double cutoff_Ry = 300.0;       // finest grid cutoff
  double rel_cutoff_Ry = 50.0;    // Gaussian-to-grid mapping cutoff
  double eps_scf = 1e-6;          // SCF convergence (max density-matrix change)
  int max_scf = 200;
  /// Fermi-Dirac electronic temperature; 0 = fixed occupations solved with OT (insulators,
  /// isolated atoms). Metals need smearing, which in CP2K needs diagonalisation + mixing.
  double smearing_K = 1000.0;
  int added_mos = -1;                   // empty orbitals for smearing; -1: 20 % of occupied + 10
  double mixing_alpha = 0.2;            // Broyden mixing fraction (diagonalisation only)
  /// Kerker damping of the mixing, BETA (1/bohr): long-wavelength density changes are damped by
  /// g²/(g² + β²), the cure for charge sloshing across a slab and its vacuum. 0: CP2K's default
  /// (0.5), not written, so inputs without it keep their text and their cache keys.
  double mixing_beta_per_bohr = 0.0;
  std::array<int, 3> kpoints{1, 1, 1};  // Monkhorst-Pack mesh; 1 1 1 = Γ only
  int charge = 0;
  int multiplicity = 0;                 // 0: closed-shell RKS; ≥ 1: spin-polarised UKS with it
  bool surface_dipole_correction = false;  // slab dipole correction along z (Bengtsson)
  /// Smoothing of the density and XC derivatives on the grid ("NN10", "NN50", ...; empty = none):
  /// suppresses the grid's translation-symmetry breaking (egg-box) for hard pseudopotentials
  /// such as Na's GTH-PBE-q9 (docs/dft.md).
  std::string xc_smoothing;
  // Geometry optimisation (CP2K GEO_OPT, BFGS) of the atoms whose Structure::free_dofs allow it.
  double geo_max_force_Ha_bohr = 1e-3;   // ≈ 0.05 eV/Å: energy error ≲ F²/2k ~ 1 meV
  double geo_max_step_bohr = 0.1;        // step criterion kept loose: the force one decides
  int geo_max_iter = 40;
};

enum class Cp2kRunType { kEnergyForce, kGeoOpt };

/// Project name of every run (output files are <project>-*.*).
inline constexpr const char* kCp2kProject = "nabridge";

/// Input text for `s`. Checks first that every element of s has a basis set and a
/// pseudopotential in the settings and in the data files, with equal valence charges; throws
/// std::runtime_error naming the element and the file otherwise. Non-periodic directions of
/// s are still periodic for CP2K (a slab's vacuum separates the images).
std::string cp2k_input(const Structure& s, const Cp2kSettings& settings, Cp2kRunType run_type);

/// Number of valence electrons of s under the settings (Σ Z_val − charge).
int cp2k_valence_electrons(const Structure& s, const Cp2kSettings& settings);

}  // namespace nabridge
