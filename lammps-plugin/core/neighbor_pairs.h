#pragma once
// Candidate neighbour pairs from a cell list: linear in the atom count where the cell is at
// least three cutoffs wide along a periodic direction, all pairs otherwise. Units: Å.
#include <utility>
#include <vector>

#include "core/structure.h"

namespace nabridge {

/// Pairs (i < j) that include every pair closer than cutoff_A under the minimum image (and
/// possibly some farther ones: callers measure the distance themselves).
std::vector<std::pair<std::size_t, std::size_t>> candidate_pairs(const Structure& s, double cutoff_A);

}  // namespace nabridge
