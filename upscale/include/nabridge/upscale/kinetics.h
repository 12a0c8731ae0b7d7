#pragma once
// Adatom kinetics on the collector (SI unless the name says otherwise).
//   surface diffusivity of a lattice walk: D_s = (z λ² / 2d) ν exp(−E_a/kT)   (d = 2)
//   deposition flux: F = i/e  (1 mA/cm² = 10 A/m² → 6.24e19 Na m⁻² s⁻¹)
//   supersaturation ↔ overpotential: η = (kT/e) ln(n1/n1_eq)
//   equilibrium adatom coverage (Langmuir, one adatom per site): θ_eq = 1/(1 + exp(ΔE/kT)),
//     ΔE = E_bind + E_coh = energy of an adatom relative to bulk Na (< 0: sodiophilic)
//   Butler–Volmer: i = i0 [exp(α_a eη/kT) − exp(−α_c eη/kT)]
namespace nabridge::upscale {

double surface_diffusivity_m2_s(double nu_Hz, double Ea_eV, double hop_length_A, int hops_per_site, double T_K);
double deposition_flux_per_m2_s(double current_A_m2);
double overpotential_V(double n1_m2, double n1_eq_m2, double T_K);
double equilibrium_coverage(double E_bind_eV, double E_coh_eV, double T_K);
double butler_volmer_A_m2(double eta_V, double i0_A_m2, double alpha_a, double alpha_c, double T_K);
/// Inverse of Butler–Volmer (monotonic): the η that carries current i (bisection to 1e-12 V).
double butler_volmer_overpotential_V(double i_A_m2, double i0_A_m2, double alpha_a, double alpha_c, double T_K);

}  // namespace nabridge::upscale
