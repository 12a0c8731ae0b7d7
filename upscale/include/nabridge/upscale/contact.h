#pragma once
// Na | solid-electrolyte contact (SI; schematic models, see docs/upscale.md for sources):
//   power-law (Norton) creep: ε̇ = A σⁿ exp(−Q/kT)   (n ≈ 5 for Na at RT, Wang et al. 2020)
//   vacancy diffusivity (cubic lattice): D_v = (z λ²/6) ν exp(−E_m/kT);
//   tracer self-diffusion: D = f c_v D_v with c_v = exp(−E_f/kT) (f: correlation factor)
//   creep-limited critical stripping current (Bruce-type): j = (e/Ω) · ε̇(P) · L
//   vacancy-limited stripping current (Janek-type): j = (e/Ω) · D_v c_v / L_d
//   plastic contact fraction under stack pressure P: A_c/A = min(1, P/H), H ≈ 3 σ_y
//   Holm constriction resistance of N circular spots of radius a per area A (ρ resistivity of
//     the electrolyte): R·A ≈ ρ/(2 a N/A)   (Ω m²)
namespace nabridge::upscale {

struct CreepLaw {
  double A_per_s_Pa_n = 0.0;  // prefactor, s⁻¹ Pa⁻ⁿ
  double n = 5.0;
  double Q_eV = 0.45;
};

double creep_rate_per_s(const CreepLaw& law, double stress_Pa, double T_K);
/// The creep law of exponent n and activation energy Q through one measured point: strain rate
/// ε̇_ref at stress σ_ref and temperature T_ref (the prefactor A follows).
CreepLaw creep_law_through(double ref_stress_Pa, double ref_strain_rate_per_s, double ref_T_K, double n, double Q_eV);
double vacancy_diffusivity_m2_s(double nu_Hz, double Em_eV, double jump_A, int z, double T_K);
double vacancy_concentration(double Ef_eV, double T_K);
double creep_limited_stripping_A_m2(const CreepLaw& law, double pressure_Pa, double length_m, double omega_m3, double T_K);
double vacancy_limited_stripping_A_m2(double D_v_m2_s, double c_v, double length_m, double omega_m3);
double contact_fraction(double pressure_Pa, double yield_Pa);
double constriction_resistance_ohm_m2(double resistivity_ohm_m, double spot_radius_m, double spots_per_m2);

}  // namespace nabridge::upscale
