#pragma once
// Every atom pair within a cutoff, periodic images included, for the analytic engines (pair
// potentials, EAM). Brute force over atom pairs: these engines serve tests and fits with small
// cells; production sizes run through LAMMPS. Units: Å.
#include <vector>

#include "core/structure.h"

namespace nabridge {

struct PeriodicPair {
  Eigen::Index i = 0, j = 0;
  Vec3 d_A;             // r_j − r_i, image included
  double r_A = 0.0;
  bool self_image = false;  // i == j: a periodic image of the atom itself
};

/// Pairs (i < j) appear once per image within cutoff_A; self-images appear once per image vector
/// n ≠ 0 (both n and −n), so a pair energy summed over them carries a factor ½. Positions need not
/// be wrapped.
std::vector<PeriodicPair> periodic_pairs(const Structure& s, double cutoff_A);

}  // namespace nabridge
