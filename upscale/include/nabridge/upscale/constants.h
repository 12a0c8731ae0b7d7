#pragma once
// Physical constants (CODATA 2018 exact values where defined), SI.
namespace nabridge::upscale {
inline constexpr double kElementaryCharge_C = 1.602176634e-19;
inline constexpr double kBoltzmann_J_K = 1.380649e-23;
inline constexpr double kBoltzmann_eV_K = 8.617333262e-5;
inline constexpr double kAvogadro_per_mol = 6.02214076e23;
inline constexpr double kFaraday_C_mol = 96485.33212;
inline constexpr double kPi = 3.14159265358979323846;
/// Vacuum permittivity (CODATA 2018).
inline constexpr double kVacuumPermittivity_F_m = 8.8541878128e-12;
/// Atomic volume of bcc Na at room temperature, a = 4.2906 Å: a³/2 (na_reference.toml A.na_lattice_constant_RT).
inline constexpr double kNaAtomicVolume_m3 = 4.2906e-10 * 4.2906e-10 * 4.2906e-10 / 2.0;
/// Cohesive energy of Na (na_reference.toml A.na_cohesive_energy).
inline constexpr double kNaCohesiveEnergy_eV = 1.113;
}  // namespace nabridge::upscale
