#pragma once
// Mechanical and dynamical stability of a cubic crystal at its equilibrium (zero-pressure) cell,
// through any Engine. A potential fitted to frozen geometries can make a crystal that is not a
// minimum of its own energy; these two checks say so.
//
//  (a) Cubic elastic constants C11, C12, C44 from central second differences of the energy under
//      strains ±e of the cell (F = I + e·P): P = xx gives C11, xx + yy gives 2(C11 + C12), xy + yx
//      gives 4·C44 (engineering shear 2e), each as (E(+e) + E(−e) − 2E(0)) / (V e²). Relaxed-ion
//      constants (default) relax the atoms inside every strained cell at fixed cell: a site without
//      inversion symmetry (the 8a sites of C15, the atoms of diamond) moves under shear and C44
//      drops; with every atom on an inversion centre (fcc, bcc, B2, L12) the relaxed and clamped
//      constants agree. Born criteria of a cubic crystal: C11 − C12 > 0, C44 > 0, C11 + 2·C12 > 0
//      (Born & Huang, Dynamical Theory of Crystal Lattices (1954); Mouhat & Coudert, Phys. Rev. B
//      90, 224104 (2014)).
//  (b) Random-displacement test: a supercell of n×n×n cells, n the smallest even number >= 2 giving
//      at least `min_atoms` atoms, every atom moved by `amplitude_A` in a random direction (fixed
//      seed), relaxed at the ideal cell; then, if the engine gives a virial, strained by a random
//      symmetric strain of size `strain_amplitude` and relaxed together with its cell
//      (protocols/cell_relax.h relax_cell_shape: volume and shape). A crystal at a local minimum
//      returns to its ideal energy (ΔE ≈ 0 to the relaxation tolerance); one at a saddle ends
//      lower. Flagged unstable when the final energy lies more than `threshold_meV` per atom below
//      the ideal crystal. Why 1 meV/atom: a stable crystal relaxed to |f| < 1e-5 eV/Å returns
//      within ~1e-8 eV/atom, and a tabulated LAMMPS potential differs from its analytic form by
//      ~1e-5 eV/atom (the shipped EAM's metadata), so 1 meV/atom is 100× above both; and it is the
//      scale that matters — the withdrawn NaI refit (docs/dft.md) lost 4.8 meV/atom under a 0.1 Å
//      Na-sublattice shift, while a distortion worth < 1 meV/atom (k_B·12 K) is below what these
//      potentials resolve. The supercell samples the phonons at the q points commensurate with it;
//      an even n keeps the zone-boundary points of the cubic cell (X, M, R; for fcc also L and W,
//      for bcc H, N, P), where the instabilities of cubic crystals usually sit, and n = 4 for the
//      2-atom cells adds the quarter points. An instability at other q (e.g. bcc's ω mode at 2/3
//      [111]) is missed.
// Units: Å, eV, GPa.
#include <optional>
#include <string>
#include <vector>

#include "core/engine.h"
#include "optimize/optimizer.h"

namespace nabridge {

struct CubicElasticConstants {
  double C11_GPa = 0, C12_GPa = 0, C44_GPa = 0;
  bool relaxed_ions = false;
  double B_GPa() const { return (C11_GPa + 2 * C12_GPa) / 3; }
  double Cprime_GPa() const { return (C11_GPa - C12_GPa) / 2; }
  /// Voigt–Reuss–Hill polycrystal shear modulus (Hill, Proc. Phys. Soc. A 65, 349 (1952)).
  double G_VRH_GPa() const;
};

struct ElasticOptions {
  double strain = 1e-3;
  bool relax_ions = true;
  Optimizer* optimizer = nullptr;  // relaxed ions; nullptr: L-BFGS to |f| < 1e-5 eV/Å
};

/// The cubic constants of a cell at zero pressure (e.g. from cubic_equilibrium). The cell need not
/// be cubic for the arithmetic, but the three numbers describe it fully only if it is. Throws
/// std::invalid_argument for strain <= 0 or a non-periodic structure.
CubicElasticConstants cubic_elastic(Engine& engine, const Structure& equilibrium_cell, const ElasticOptions& opt = {});

struct BornCriterion {
  std::string name;        // "C11 - C12 > 0", "C44 > 0", "C11 + 2 C12 > 0"
  double value_GPa = 0.0;  // the left-hand side
  bool met = false;
};
std::vector<BornCriterion> born_criteria(const CubicElasticConstants& c);

struct RandomDisplacementOptions {
  int min_atoms = 32;              // supercell n³ cells, n even, at least this many atoms
  double amplitude_A = 0.08;       // every atom moved by this much in a random direction
  double strain_amplitude = 0.01;  // random symmetric cell strain (components uniform in ±this)
  unsigned seed = 20250611;        // std::mt19937 raw output (portable), not std distributions
  double threshold_meV = 1.0;      // flag when ΔE < −threshold (meV/atom)
  bool relax_cell = true;          // the second stage (needs the engine's virial)
  Optimizer* optimizer = nullptr;  // nullptr: L-BFGS to |f| < 1e-5 eV/Å
};

struct RandomDisplacementResult {
  int reps = 0;
  std::size_t natoms = 0;
  double amplitude_A = 0.0, threshold_meV = 0.0;  // as run
  double e_ideal_eV_per_atom = 0.0;
  double dE_positions_meV = 0.0;      // relaxed at the ideal cell, minus ideal, per atom
  std::optional<double> dE_cell_meV;  // after the cell stage (absent: no virial or relax_cell off)
  double max_strain = 0.0;            // largest |ε_ij| of the final cell against the ideal one
  double rms_shift_A = 0.0;           // rms atomic distance from the ideal sites at the end
                                      // (in the ideal cell's frame, net translation removed)
  bool converged = false;             // every relaxation converged
  bool unstable = false;              // min(ΔE) < −threshold
  /// Stable by the threshold but ending measurably lower (ΔE < −0.01 meV/atom, far above the
  /// relaxation error of ~1e-8 meV/atom): a shallow distortion the caller may want to mention.
  bool shallow() const { return !unstable && dE_min_meV() < -0.01; }
  double dE_min_meV() const { return dE_cell_meV ? std::min(dE_positions_meV, *dE_cell_meV) : dE_positions_meV; }
};

/// Throws std::invalid_argument for a non-periodic cell or non-positive amplitudes/threshold.
RandomDisplacementResult random_displacement_test(Engine& engine, const Structure& equilibrium_cell,
                                                  const RandomDisplacementOptions& opt = {});

struct StabilityOptions {
  ElasticOptions elastic;
  RandomDisplacementOptions random;
  bool random_test = true;
};

struct LatticeStability {
  CubicElasticConstants elastic;
  std::vector<BornCriterion> born;
  std::optional<RandomDisplacementResult> random;
  bool stable() const { return failures().empty(); }
  /// One sentence per failed criterion, e.g. "Born criterion C11 - C12 > 0 violated (C11 - C12 =
  /// -3.2 GPa)", "random displacements relax 12.3 meV/atom below the ideal crystal".
  std::vector<std::string> failures() const;
};

LatticeStability lattice_stability(Engine& engine, const Structure& equilibrium_cell, const StabilityOptions& opt = {});

}  // namespace nabridge
