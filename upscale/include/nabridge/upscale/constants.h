#pragma once
// Values of the upscale layer. The physical constants (e, k_B, N_A, F, ε0, π; CODATA 2018) have
// one home, nabridge/base/constants.h; the using-declarations below only name them in
// nabridge::upscale too (so `using namespace nabridge::upscale` and upscale::kElementaryCharge_C
// find them), they define nothing.
#include "nabridge/base/constants.h"

namespace nabridge::upscale {
using nabridge::kAvogadro_per_mol;
using nabridge::kBoltzmann_eV_K;
using nabridge::kBoltzmann_J_K;
using nabridge::kElementaryCharge_C;
using nabridge::kFaraday_C_mol;
using nabridge::kPi;
using nabridge::kVacuumPermittivity_F_m;

/// Atomic volume of bcc Na at room temperature, a = 4.2906 Å: a³/2 (na_reference.toml A.na_lattice_constant_RT).
inline constexpr double kNaAtomicVolume_m3 = 4.2906e-10 * 4.2906e-10 * 4.2906e-10 / 2.0;
/// Cohesive energy of Na (na_reference.toml A.na_cohesive_energy).
inline constexpr double kNaCohesiveEnergy_eV = 1.113;
}  // namespace nabridge::upscale
