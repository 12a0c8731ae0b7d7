#pragma once
// The analytic EAM form of Zhou, Johnson & Wadley, "Misfit-energy-increasing dislocations in
// vapor-deposited CoFe/NiFe multilayers", Phys. Rev. B 69, 144113 (2004),
// DOI 10.1103/PhysRevB.69.144113 (same form as Zhou et al., Acta Mater. 49, 4005 (2001)):
//
//   φ(r) = A e^{−α(r/re−1)} / (1 + (r/re−κ)^20) − B e^{−β(r/re−1)} / (1 + (r/re−λ)^20)
//   f(r) = fe e^{−β(r/re−1)} / (1 + (r/re−λ)^20)
//   F(ρ) = Σ_{i=0..3} Fn_i (ρ/ρn − 1)^i              ρ < ρn = 0.85 ρe
//        = Σ_{i=0..3} F_i  (ρ/ρe − 1)^i              ρn ≤ ρ < ρo = 1.15 ρe
//        = Fe [1 − η ln(ρ/ρs)] (ρ/ρs)^η              ρo ≤ ρ
//
// and the alloy rule for unlike pairs φ_ab = ½ [f_b/f_a φ_aa + f_a/f_b φ_bb].
// Zhou's parameter file (LAMMPS tools/eam_database/EAM_code) allows a different cubic
// coefficient F3 above ρe than below (F3_above_eV); the published sets use equal values.
// Units: Å, eV; densities in the form's arbitrary units.
#include <string>

namespace nabridge::potentials {

struct ZhouElement {
  std::string symbol;
  int atomic_number = 0;
  double mass_amu = 0.0;
  std::string lattice = "fcc";  // reference structure of the parameter set ("fcc" or "bcc")
  double re_A = 0, fe = 0, rhoe = 0, rhos = 0;
  double alpha = 0, beta = 0, A_eV = 0, B_eV = 0, kappa = 0, lambda = 0;
  double Fn_eV[4] = {0, 0, 0, 0};
  double F_eV[4] = {0, 0, 0, 0};  // F3 below ρe (F_eV[3]) and
  double F3_above_eV = 0;         // F3 at and above ρe
  double eta = 0, Fe_eV = 0;

  /// Throws std::invalid_argument naming the symbol and field for a non-physical set
  /// (re, fe, ρe, ρs, α, β not positive; κ, λ negative).
  void validate(const std::string& where) const;

  double density(double r_A, double* d_dr = nullptr) const;
  double pair(double r_A, double* d_dr = nullptr) const;
  double embedding(double rho, double* d_drho = nullptr) const;
};

/// φ_ab by the Zhou alloy rule (a == b gives φ_aa).
double zhou_cross_pair(const ZhouElement& a, const ZhouElement& b, double r_A, double* d_dr = nullptr);

/// Enforces the published construction of F: value and slope continuity at ρn (sets Fn0, Fn1),
/// F(0) = 0 (sets Fn3), and value and slope continuity at ρo (sets ρs and Fe for the given η).
/// Used by the fitter so that only the independent coefficients are free.
/// Throws std::runtime_error if the high-density branch cannot be matched.
void zhou_complete_embedding(ZhouElement& e);

}  // namespace nabridge::potentials
