#pragma once
// Slabs of any (hkl) cut from a bulk Structure: a periodic in-plane cell (reduced, as orthogonal
// as the lattice allows, a ∥ x, b in the xy plane), the surface normal along +z, vacuum on top,
// the bottom layers frozen. Units: Å.
#include <Eigen/Core>
#include <map>
#include <string>
#include <vector>

#include "core/structure.h"

namespace nabridge {

struct SlabSpec {
  Eigen::Vector3i miller{1, 1, 1};
  int layers = 6;            // atomic layers (planes of equal height within tolerance)
  double vacuum_A = 15.0;    // vacuum thickness above the top layer (periodic image spacing)
  int fixed_layers = 0;      // bottom layers whose atoms get dof::kNone
  /// Composition of the top (and, when the layer count allows, also the bottom) layer, e.g. "TiO2" or "BaO" for
  /// perovskite (001); empty = whatever the cut gives first. Unknown termination -> error.
  std::string termination;
  /// Of the windows with that termination, the one cut across the widest interlayer gaps of the
  /// bulk (top and bottom): tells apart layers of equal composition, e.g. the two Na layers of a
  /// C15 (111) Na-Au-Na triple layer. false: the first window found.
  bool cut_at_widest_gaps = false;
  int repeat_a = 1, repeat_b = 1;  // in-plane supercell of the reduced surface cell
  /// Upper bound on the atoms of the slab, checked before any atom is placed (layers × repeats
  /// of a high-index facet can otherwise ask for millions).
  long max_atoms = 100000;
};

struct Slab {
  Structure structure;                  // atoms ordered bottom layer first
  std::vector<int> layer_of_atom;       // 0 = bottom layer
  std::vector<double> layer_z_A;        // height of each layer
  std::vector<std::string> terminations;  // terminations this (hkl) offers, by layer composition
  double interlayer_spacing_A = 0.0;    // d(hkl) between equivalent layers / layers per repeat
};

Slab make_slab(const Structure& bulk, const SlabSpec& spec);

/// Net charge (e) and dipole along the surface normal z (e·Å, about the slab's mid-height) of the
/// point charges `charges_e` (per element) on a slab. A symmetric, neutral slab has both zero; an
/// uncompensated dipole (a polar Tasker type-3 stacking) makes the surface energy grow with the
/// thickness. Throws std::invalid_argument naming an element without a charge.
struct SlabPolarity {
  double net_charge_e = 0.0;
  double dipole_eA = 0.0;
};
SlabPolarity slab_polarity(const Structure& slab, const std::map<std::string, double>& charges_e);

/// na × nb × nc periodic repetition (free_dofs copied).
Structure repeat(const Structure& s, int na, int nb, int nc);

}  // namespace nabridge
