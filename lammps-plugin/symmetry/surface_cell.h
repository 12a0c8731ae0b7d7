#pragma once
// The primitive cell of a slab's top surface and its layer group, found from the slab in any
// supercell (NaBridge's, ASE's orthogonal ones, rotated, skewed or non-reduced cells): the
// in-plane translations that map the whole slab onto itself, then the rotations and mirrors
// about the surface normal that do. Sites found in that cell are mapped back into the supercell,
// so the same surface gives the same site classes in every cell. Cost linear in the atom count
// (a cell list answers "is there an atom here?"). Units: Å.
#include <string>
#include <vector>

#include "core/structure.h"
#include "symmetry/plane_lattice.h"

namespace nabridge {

struct SiteOptions {
  double symprec_A = 1e-3;     // atoms this close are images of each other under a symmetry
  double layer_tol_A = 0.3;    // atoms within this height of the top belong to the top layer
  double min_vacuum_A = 4.0;   // a smaller empty gap along z is no free surface (bulk cells)
};

/// r -> rotation · r + translation in the surface plane, z kept.
struct PlaneOperation {
  Mat2 rotation = Mat2::Identity();
  Vec2 translation_A = Vec2::Zero();
  Vec2 apply(const Vec2& r_A) const { return rotation * r_A + translation_A; }
};

struct SurfaceAtom {
  std::string element;
  Vec3 position_A;  // wrapped into the primitive cell
};

struct SurfaceCell {
  PlaneLattice primitive;  // reduced basis of the slab's in-plane translations
  PlaneLattice supercell;  // the slab's own a, b
  std::vector<PlaneOperation> operations;  // layer-group operations keeping +z; identity first
  std::vector<Vec2> cell_translations_A;   // one per primitive cell in the supercell; zero first
  std::vector<SurfaceAtom> top, second;    // top- and second-layer atoms of the primitive cell
  double z_top_A = 0.0;
  double same_A = 0.01;  // copies closer than this are one point

  int cells() const { return static_cast<int>(cell_translations_A.size()); }
  /// Distinct copies of r under the operations, wrapped into the primitive cell; z kept.
  std::vector<Vec3> primitive_images(const Vec3& r_A) const;
  /// Distinct copies of r in the supercell (primitive images × cell translations), wrapped.
  std::vector<Vec3> supercell_images(const Vec3& r_A) const;
};

/// Throws std::invalid_argument starting "sites:" when the slab has no vacuum along z, a top
/// layer that is not flat, cell vectors a, b out of the xy plane, or a supercell that breaks
/// the surface periodicity (a translation maps most but not all of the top layer onto itself).
SurfaceCell surface_cell(const Structure& slab, const SiteOptions& opt = {});

}  // namespace nabridge
