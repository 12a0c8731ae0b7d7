#pragma once
// Nucleation of Na on a substrate at cathodic overpotential η (V, magnitude used).
//
// Classical (spherical cap; e.g. Ely & García, J. Electrochem. Soc. 160, A662 (2013)):
//   r* = 2γΩ/(e|η|),  ΔG*_hom = 16πγ³Ω²/(3(eη)²),  f(θ) = (2 + cos θ)(1 − cos θ)²/4,
//   ΔG*_het = f(θ) ΔG*_hom,  n* = (4π r*³ / 3Ω) f(θ),  Zeldovich Z = √(ΔG*/(3π kT n*²)).
// Atomistic (bond counting, in the spirit of Milchev's atomistic theory; regime of a few atoms):
//   a 2D island of n atoms on the substrate, each bound to it by E_bind (eV, vs the isolated atom,
//   negative), with b(n) = ⌊3n − √(12n − 3)⌋ Na–Na bonds (compact island on a triangular
//   lattice, Harary & Harborth 1976) of strength ε = E_coh/4 (bcc: 8 bonds per atom in bulk):
//   ΔG(n) = n (E_bind + E_coh) − b(n) ε − n e|η|.
//   The critical size n* maximises ΔG(n); when ΔG decreases from n = 1 on there is no barrier
//   (sodiophilic substrate: wetting, underpotential deposition).
#include <string>

namespace nabridge::upscale {

struct ClassicalNucleus {
  double r_star_m = 0.0;
  double dG_hom_eV = 0.0;
  double f_theta = 0.0;
  double dG_het_eV = 0.0;
  double n_star = 0.0;      // atoms in the critical cap
  double zeldovich = 0.0;
};

double cap_shape_factor(double theta_deg);
/// gamma_J_m2: Na surface (or Na|electrolyte) energy; omega_m3: atomic volume.
ClassicalNucleus classical_nucleus(double gamma_J_m2, double omega_m3, double eta_V, double theta_deg, double T_K);

struct AtomisticNucleus {
  int n_star = 0;            // atoms in the critical cluster (0: no barrier)
  double dG_star_eV = 0.0;   // ΔG(n*) (0 when barrier-free)
  bool barrier_free = false;
};

int triangular_island_bonds(int n);
double atomistic_cluster_energy_eV(int n, double E_bind_eV, double E_coh_eV, double eta_V);
AtomisticNucleus atomistic_nucleus(double E_bind_eV, double E_coh_eV, double eta_V, int n_max = 2000);

/// Walton's critical cluster among clusters of at least one atom: i* ∈ [1, n_max] maximises
/// ΔG(n) (atomistic_cluster_energy_eV at the adatom supersaturation η_S), and the density of
/// critical clusters relative to adatoms is n_i*/n1 = exp(−(ΔG(i*) − ΔG(1))/kT). In the dilute
/// limit this is Walton's n_i/N0 = (n1/N0)^i exp(E_i/kT) with E_i = b(i) ε; i* = 1 is the
/// barrier-free (irreversible-attachment) limit of the rate equations, J = σ D n1².
struct CriticalCluster {
  int i_star = 1;
  double dG_above_monomer_eV = 0.0;  // ΔG(i*) − ΔG(1) ≥ 0
};
CriticalCluster critical_cluster(double E_bind_eV, double E_coh_eV, double eta_V, int n_max);

/// Which description a prediction belongs to: "atomistic" when the critical nucleus has at
/// most `atomistic_max_atoms` atoms (classical continuum quantities lose meaning), "classical"
/// otherwise, "barrier-free" when there is no nucleation barrier.
std::string nucleation_regime(const AtomisticNucleus& a, double classical_n_star, double atomistic_max_atoms = 20.0);

}  // namespace nabridge::upscale
