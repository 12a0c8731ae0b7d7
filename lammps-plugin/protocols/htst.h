#pragma once
// Harmonic transition-state theory (Vineyard, J. Phys. Chem. Solids 3, 121 (1957)):
//   ν* = Π_i ν_i(minimum) / Π_j ν_j(saddle, real modes),  Γ = ν* exp(−E_a / k_B T),
// from finite-difference Hessians of a chosen set of atoms (the moving atom and its neighbours;
// all other atoms held fixed). Surface diffusivity of a lattice walk (d = 2 on a surface):
//   D_s = (1 / 2d) Σ_hops λ² Γ.
#include <vector>

#include "core/engine.h"
#include "nabridge/base/constants.h"

namespace nabridge {


struct ModeAnalysis {
  std::vector<double> frequencies_Hz;  // real modes, ascending
  int imaginary_modes = 0;             // eigenvalues below −tolerance
  /// The imaginary modes as Cartesian displacement patterns (3 × atoms of the structure, zero
  /// outside the selected atoms, the largest atomic displacement 1 Å), most unstable first.
  std::vector<Eigen::Matrix3Xd> unstable_directions;
};

/// Mass-weighted finite-difference Hessian (central differences, step h_A) over the Cartesian
/// coordinates of `atoms` that their free_dofs leave free (an atom held to z, as on a polar slab
/// kept at its bulk's in-plane positions, vibrates along z only; masses from the element table),
/// diagonalised. Frequencies
/// ν = √λ / 2π with λ in eV/(Å²·amu) converted to s⁻².
ModeAnalysis normal_modes(Engine& engine, const Structure& s, const std::vector<std::size_t>& atoms, double h_A = 5e-3);

/// Atoms within radius_A of atom `centre` (centre first), for the Hessian.
std::vector<std::size_t> atoms_near(const Structure& s, std::size_t centre, double radius_A);

struct VineyardResult {
  double nu_Hz = 0.0;
  bool valid = false;       // false: the minimum has an imaginary mode or the saddle ≠ one
  std::string message;
};

VineyardResult vineyard_prefactor(Engine& engine, const Structure& minimum, const Structure& saddle,
                                  const std::vector<std::size_t>& atoms, double h_A = 5e-3);
/// The same from normal modes already computed over one set of atoms (a caller that needed the
/// saddle's modes anyway does not compute its Hessian twice).
VineyardResult vineyard_prefactor(const ModeAnalysis& minimum, const ModeAnalysis& saddle);

/// Γ = ν exp(−Ea/kT) (s⁻¹).
double hop_rate_Hz(double nu_Hz, double Ea_eV, double T_K);
/// D = (1/(2d)) Σ λ_k² Γ_k (m²/s) for hops of length λ (Å) and rate Γ (s⁻¹).
double lattice_diffusivity_m2_s(const std::vector<double>& lengths_A, const std::vector<double>& rates_Hz, int dimension);

}  // namespace nabridge
