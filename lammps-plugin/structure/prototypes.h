#pragma once
// Bulk crystal prototypes from lattice constants (conventional cells, a ∥ x, b ∥ y, c ∥ z).
#include <string>
#include <vector>

#include "core/structure.h"

namespace nabridge {

Structure bulk_fcc(const std::string& element, double a_A);   // 4 atoms
Structure bulk_bcc(const std::string& element, double a_A);   // 2 atoms
/// ABO3 cubic/tetragonal perovskite: A at the corner, B at the body centre, O at face centres.
Structure bulk_perovskite(const std::string& A, const std::string& B, const std::string& O,
                          double a_A, double c_A = 0.0 /* 0: cubic */);
Structure bulk_rocksalt(const std::string& cation, const std::string& anion, double a_A);  // 8 atoms

/// Internal coordinates of the corundum structure (R-3c, hexagonal axes): cation at 12c (0, 0, z),
/// anion at 18e (x, 0, 1/4). Defaults: alpha-Al2O3 at room temperature, Lewis, Schwarzenbach &
/// Flack, Acta Cryst. A 38, 733 (1982).
struct CorundumInternal {
  double z_cation = 0.35216;
  double x_anion = 0.30624;
};
/// M2O3 corundum, conventional hexagonal cell (a ∥ x, b at 120° in the xy plane, c ∥ z): 12 M +
/// 18 O, every M between an O3 plane and the next M along c, so that the stacking along c is
/// ... O3 M M O3 M M ...; (0001) slabs cut between the two M of a pair are stoichiometric and
/// non-polar (M O3 M units).
Structure bulk_corundum(const std::string& cation, const std::string& anion, double a_A, double c_A,
                        const CorundumInternal& internal = {});
/// The internal coordinates of a corundum cell built by bulk_corundum (possibly relaxed, with
/// the same atom order): half the differences of symmetry-related atoms, so a rigid translation
/// of the crystal does not change them.
CorundumInternal corundum_internal(const Structure& corundum);

/// By name: "fcc", "bcc" (elements = {X}), "perovskite" ({A, B, O}), "rocksalt" ({cation, anion}),
/// "corundum" ({cation, anion}, c_A required; `internal` = {z_cation, x_anion}, empty = alpha-Al2O3's),
/// the cubic intermetallics "B2", "L12", "C15" ({A, B}: structure/intermetallics.h).
/// Throws std::invalid_argument naming the prototype or the element count on bad input.
Structure bulk_prototype(const std::string& prototype, const std::vector<std::string>& elements,
                         double a_A, double c_A = 0.0, const std::vector<double>& internal = {});

}  // namespace nabridge
