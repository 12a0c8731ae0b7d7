#pragma once
// A host torn by what it holds: on a substrate with fixed point charges, Na (a fixed +q, no Na–Na
// Coulomb, no charge transfer) can pull surface anions out of the oxide, a reaction such
// potentials cannot describe. Na-induced relaxations are tenths of an Å, so a host atom moved
// further than the bound from the host relaxed alone marks a torn host; the protocols then hold
// the host (film adhesion: protocols/adhesion.h; adatom diffusion: protocols/surface_diffusion.h).
#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/structure.h"

namespace nabridge {

inline constexpr double kChargedSubstrateTearDisplacement_A = 1.0;

/// The tear bound for a host under a potential with these point charges (element → e):
/// kChargedSubstrateTearDisplacement_A when it has any, else NaN (metals stay free: an atom
/// exchange or intermixing there is the potential's to describe).
double substrate_tear_bound_A(const std::map<std::string, double>& charges_e);

struct HostDisplacement {
  double moved_A = 0.0;
  std::size_t atom = 0;  // index in the structure with the guest
};

/// The largest displacement (minimum image) of a host atom between `host` (the host relaxed alone,
/// its atoms in their order in `s`) and `s`, whose atoms with guest[i] are not the host's.
HostDisplacement largest_host_displacement(const Structure& s, const std::vector<bool>& guest, const Structure& host);

/// `s` with the host's atoms (those without guest[i]) at their positions in `host` and held; the
/// guests as in s.
Structure with_host_held(const Structure& s, const std::vector<bool>& guest, const Structure& host);

}  // namespace nabridge
