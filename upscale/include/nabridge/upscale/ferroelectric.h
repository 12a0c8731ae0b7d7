#pragma once
// The built-in field of a ferroelectric coating as the overpotential offset Δ_s of the mesoscale
// model (docs/ferroelectric.md). A film of thickness d, background permittivity ε_f and uniform
// spontaneous polarisation P between two imperfect screens (Mehta, Silverman & Jacobs, J. Appl.
// Phys. 44, 3379 (1973); Batra, Wurfel & Silverman, Phys. Rev. B 8, 3257 (1973)): the collector
// metal below (Thomas–Fermi length λ_m, permittivity ε_m) and the electrolyte above (screening
// length λ_e, permittivity ε_e). Each screen holds a sheet charge ±σ_s spread over its length; the
// film's bound charge ±P; with the two electrodes at one potential (short circuit),
//   σ_s = P d / (d + ε_f Λ),  Λ = λ_m/ε_m + λ_e/ε_e,
// the depolarising field in the film is E_d = −P Λ / (ε0 (d + ε_f Λ)), and the potential step
// across the electrolyte's screening layer — what a Na⁺ arriving at the coating surface sees — is
//   Δ_s = σ_s λ_e / (ε0 ε_e) = P d λ_e / (ε0 ε_e (d + ε_f Λ)).
// Sign: with P pointing towards the collector ("P down", the direction a plating bias poles it)
// the electrolyte-side bound charge is −P and Δ_s favours Na⁺ reduction (offset > 0); P up gives
// the opposite offset.
namespace nabridge::upscale {

struct ScreenedFerroelectricFilm {
  double P_s_C_m2 = 0.0;             // spontaneous polarisation (magnitude)
  double thickness_m = 0.0;          // d
  double eps_film = 0.0;             // ε_f, background (non-ferroelectric) relative permittivity
  double lambda_metal_m = 0.0;       // λ_m, collector side (Thomas–Fermi)
  double eps_metal = 1.0;            // ε_m
  double lambda_electrolyte_m = 0.0; // λ_e, electrolyte side
  double eps_electrolyte = 0.0;      // ε_e
};

/// Screening sheet charge σ_s (C/m²). std::invalid_argument naming the field for a value that is
/// not finite or not positive (P_s_C_m2 may be 0 only through require_polar's refusal upstream).
double screening_charge_C_m2(const ScreenedFerroelectricFilm& f);

/// Depolarising field in the film (V/m; negative: opposite to P).
double depolarising_field_V_m(const ScreenedFerroelectricFilm& f);

/// Δ_s (V), the magnitude of the offset; `toward_collector` (P down) gives +Δ_s, else −Δ_s.
double ferroelectric_offset_V(const ScreenedFerroelectricFilm& f, bool toward_collector);

/// Debye–Hückel screening length (m) of mobile monovalent carriers of number density n_m3 in a
/// medium of relative permittivity eps_r at T_K: sqrt(ε0 ε_r k_B T / (n e²)).
double debye_length_m(double n_m3, double eps_r, double T_K);

}  // namespace nabridge::upscale
