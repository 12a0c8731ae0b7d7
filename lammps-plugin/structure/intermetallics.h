#pragma once
// Cubic intermetallic prototypes (conventional cells, Å), used for alloy formation energies:
//   B2 (CsCl type, AB):      A (0,0,0), B (½,½,½)                                  2 atoms
//   L12 (Cu3Au type, A3B):   B (0,0,0), A at the three face centres               4 atoms
//   C15 (MgCu2 Laves, AB2):  A on 8a (0,0,0),(¼,¼,¼), B on 16d (⅝,⅝,⅝),(⅝,⅞,⅞),(⅞,⅝,⅞),(⅞,⅞,⅝),
//                            each + fcc translations (Fd-3m, origin choice 1)    24 atoms
// (Structure types: Pearson's Handbook / Strukturbericht designations.)
#include <string>

#include "core/structure.h"

namespace nabridge {

/// prototype "B2", "L12" or "C15"; throws std::invalid_argument naming an unknown prototype.
Structure intermetallic(const std::string& prototype, const std::string& A, const std::string& B, double a_A);

/// Atoms of A and B per formula unit of the prototype (B2: 1,1; L12: 3,1; C15: 1,2).
std::pair<int, int> intermetallic_formula(const std::string& prototype);

}  // namespace nabridge
