#pragma once
// Physical constants and unit conversions of the atomistic layer (CODATA 2018; e, k_B and the
// amu as SI defines or recommends them). The upscale layer, which does not link this library,
// states the same values in nabridge/upscale/constants.h.
namespace nabridge {

inline constexpr double kElementaryCharge_C = 1.602176634e-19;
inline constexpr double kAtomicMassUnit_kg = 1.66053906660e-27;
inline constexpr double kBoltzmann_eV_K = 8.617333262e-5;
/// 1 eV/Å² in J/m² (surface and adhesion energies).
inline constexpr double kEvPerA2_to_J_per_m2 = kElementaryCharge_C / 1e-20;
/// 1 e/Å² in C/m² (polarisation, surface charge).
inline constexpr double kEPerA2_to_C_per_m2 = kElementaryCharge_C / 1e-20;
/// 1 eV/(Å² amu) in s⁻²: Hessian eigenvalues over masses to squared angular frequencies.
inline constexpr double kEvPerA2Amu_to_s2 = kElementaryCharge_C / (1e-20 * kAtomicMassUnit_kg);

}  // namespace nabridge
