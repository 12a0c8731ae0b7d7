#pragma once
// Physical constants and unit conversions of NaBridge, one home for both layers (the atomistic
// library and the upscale library link nabridge_base). CODATA 2018: e, k_B, N_A are exact SI
// defining constants; the amu, ε0 and the Faraday constant are the recommended values.
namespace nabridge {

inline constexpr double kPi = 3.14159265358979323846;

inline constexpr double kElementaryCharge_C = 1.602176634e-19;
inline constexpr double kBoltzmann_J_K = 1.380649e-23;
/// k_B / e (8.617333262... × 10⁻⁵ eV/K).
inline constexpr double kBoltzmann_eV_K = 8.617333262e-5;
inline constexpr double kAvogadro_per_mol = 6.02214076e23;
inline constexpr double kFaraday_C_mol = 96485.33212;
inline constexpr double kAtomicMassUnit_kg = 1.66053906660e-27;
inline constexpr double kVacuumPermittivity_F_m = 8.8541878128e-12;

/// 1 eV in J.
inline constexpr double kEv_to_J = kElementaryCharge_C;
/// 1 eV/Å² in J/m² (surface and adhesion energies).
inline constexpr double kEvPerA2_to_J_per_m2 = kEv_to_J / 1e-20;
/// 1 e/Å² in C/m² (polarisation, surface charge).
inline constexpr double kEPerA2_to_C_per_m2 = kElementaryCharge_C / 1e-20;
/// 1 eV/Å³ in GPa (pressure and elastic constants: virial / volume): e J / 10⁻³⁰ m³ = e × 10²¹ GPa.
inline constexpr double kEvPerA3_to_GPa = kEv_to_J * 1e21;
static_assert(kEvPerA3_to_GPa == 160.2176634, "1 eV/Å³ = 160.2176634 GPa exactly (SI e)");
/// 1 eV/(Å² amu) in s⁻²: Hessian eigenvalues over masses to squared angular frequencies.
inline constexpr double kEvPerA2Amu_to_s2 = kElementaryCharge_C / (1e-20 * kAtomicMassUnit_kg);

}  // namespace nabridge
