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

/// By name: "fcc", "bcc" (elements = {X}), "perovskite" ({A, B, O}), "rocksalt" ({cation, anion}).
/// Throws std::invalid_argument naming the prototype or the element count on bad input.
Structure bulk_prototype(const std::string& prototype, const std::vector<std::string>& elements,
                         double a_A, double c_A = 0.0);

}  // namespace nabridge
