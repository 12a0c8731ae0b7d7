#pragma once
// Coherent interfaces between two slabs: 2D lattice matching with bounded strain (Zur & McGill,
// J. Appl. Phys. 55, 378 (1984)) and stacking of the strained film above the substrate.
//
// Matching: supercells of each in-plane lattice are enumerated as integer 2×2 matrices in
// Hermite normal form (one per sublattice, σ(n) of index n); pairs of equal area within the
// strain bound are compared through their Gauss-reduced bases, and the film lattice is mapped
// onto the substrate lattice by the deformation D = S (F U)⁻¹ (U: a small unimodular change of
// the film's reduced basis). D = V R (polar decomposition) separates the rigid in-plane rotation
// R of the film from its stretch V; the mismatch strain is V − I. The smallest interface area
// wins, then the smallest strain, then the smallest film rotation. Units: Å.
#include <Eigen/Core>
#include <string>
#include <vector>

#include "core/structure.h"

namespace nabridge {

using Mat2 = Eigen::Matrix2d;
using Mat2i = Eigen::Matrix2i;

struct LatticeMatchOptions {
  /// Bound on the mismatch strain: the largest |principal strain| of V − I (the strain the film
  /// would carry if it took all of it). It bounds every component |ε_ij| in any frame.
  double max_strain = 0.05;
  /// Bounds on the supercells (0 = no bound from this field; at least one must be > 0):
  /// each side's supercell area, and the atom count n·N_substrate + m·N_film.
  double max_area_A2 = 0.0;
  int max_atoms = 400;
  /// Share of the mismatch carried by the film, in [0, 1]: 1 = the substrate keeps its lattice
  /// (default), 0 = the film keeps its own, 0.5 = both strained by about half.
  double film_strain_fraction = 1.0;
};

/// 2D strain of one side, in the interface frame (x ∥ interface a), relative to that side's
/// unstrained lattice: ε = V − I with V the left stretch of its deformation (symmetric).
struct Strain2D {
  double xx = 0.0, yy = 0.0, xy = 0.0;
  double max_principal = 0.0;  // the principal strain of largest magnitude (signed)
  double areal = 0.0;          // det(I + ε) − 1: relative change of area
};

struct LatticeMatch {
  /// Interface cell in units of each side's in-plane cell: (A B) = (a b)·matrix, det = index.
  Mat2i substrate_matrix = Mat2i::Identity(), film_matrix = Mat2i::Identity();
  /// The same sublattices in Hermite normal form [[h11, h12], [0, h22]], 0 ≤ h12 < h11.
  Mat2i substrate_hnf = Mat2i::Identity(), film_hnf = Mat2i::Identity();
  int substrate_index = 1, film_index = 1;        // det of the matrices
  double substrate_area_A2 = 0.0, film_area_A2 = 0.0;  // unstrained supercell areas
  /// Mismatch strain (film fully strained onto the substrate), interface frame.
  Strain2D mismatch;
  /// Strain applied to each side per film_strain_fraction f: film f·(V − I), substrate
  /// (1 − f)·(V⁻¹ − I) (each relative to its own unstrained lattice), interface frame.
  Strain2D substrate_strain, film_strain;
  /// Rigid in-plane rotation of the film relative to the substrate (R of D = V R), degrees.
  double film_rotation_deg = 0.0;
  /// Interface in-plane cell (columns, interface frame: A ∥ x, B in the upper half plane,
  /// Gauss-reduced so the LAMMPS tilt |xy| ≤ A/2 holds).
  Mat2 cell = Mat2::Identity();
  /// Maps an in-plane vector of each side's own frame to the interface frame (strain and
  /// rotation): cell = substrate_deformation · substrate·substrate_matrix
  ///                 = film_deformation · film·film_matrix.
  Mat2 substrate_deformation = Mat2::Identity(), film_deformation = Mat2::Identity();
};

/// Matches two in-plane lattices given as 2×2 matrices with the lattice vectors as columns
/// (e.g. the xy block of a slab's cell). Throws std::invalid_argument naming the field when a
/// lattice is singular or left-handed, an option is out of range, or no supercell pair within
/// max_strain fits the area/atom bounds (natoms_* are the atoms of one cell of each side and
/// are used for max_atoms).
LatticeMatch match_lattices(const Mat2& substrate, const Mat2& film, const LatticeMatchOptions& opt,
                            int natoms_substrate = 1, int natoms_film = 1);

struct InterfaceOptions {
  LatticeMatchOptions match;
  /// Gap along z between the top substrate layer and the bottom film layer.
  double separation_A = 2.0;
  /// Vacuum between the top of the film and the periodic image of the substrate's bottom.
  double vacuum_A = 20.0;
  /// Rigid in-plane shift of the film after straining (interface frame, Å): the registry.
  Eigen::Vector2d film_shift_A = Eigen::Vector2d::Zero();
};

struct Interface {
  Structure structure;       // substrate atoms first (slab order), then film atoms; a ∥ x, b in xy
  std::vector<bool> in_film;
  LatticeMatch match;                       // supercells, strains applied to each side, cell
  std::size_t substrate_atoms = 0, film_atoms = 0;
  double separation_A = 0.0;                // gap as built (lowest film z − highest substrate z)
  /// The substrate's unstrained in-plane cell after the interface rotation and strain (2×2,
  /// columns): registry shifts are periodic in it.
  Mat2 substrate_cell_strained = Mat2::Identity();
};

/// Matches the in-plane cells of two slabs (normal ∥ z, periodic along a and b, e.g. from
/// make_slab), strains them per opt.match, rotates the film by the matched rotation and stacks
/// it above the substrate at opt.separation_A. free_dofs of both slabs are kept (the substrate's
/// fixed bottom layers stay fixed). Throws std::invalid_argument naming the field on bad input.
Interface build_interface(const Structure& substrate, const Structure& film, const InterfaceOptions& opt);

/// The film part of `iface` moved rigidly in-plane by shift_A (interface frame), atoms wrapped.
Structure shift_film(const Interface& iface, const Eigen::Vector2d& shift_A);

/// Gauss–Lagrange reduction of a 2D basis (columns): |a| ≤ |b|, |a·b| ≤ |a|²/2, det > 0.
/// `transform` (optional) receives the unimodular U with reduced = basis·U.
Mat2 reduce_basis_2d(const Mat2& basis, Mat2i* transform = nullptr);

/// Strain report of the left stretch of a 2D deformation D (det D > 0): ε = √(D Dᵀ) − I.
Strain2D strain_of_deformation(const Mat2& D);

}  // namespace nabridge
