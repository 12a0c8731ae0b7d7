// Per-substrate kinetics of the mesoscale simulator: equilibrium adatom density, diffusivity,
// the nucleation-barrier table and the cap geometry.
#include <algorithm>
#include <cmath>
#include <limits>

#include "mesoscale_detail.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/kinetics.h"
#include "nabridge/upscale/nucleation.h"

namespace nabridge::upscale::detail {

double SubstrateKinetics::ln_factor(double eta_S_V) const {
  if (!(eta_S_V > 0)) return barrier_free ? lnJ.front() : -std::numeric_limits<double>::infinity();
  const double x = eta_S_V / table_step_V;
  const std::size_t k = static_cast<std::size_t>(x);
  if (k + 1 >= lnJ.size()) return lnJ.back();
  const double w = x - static_cast<double>(k);
  return lnJ[k] + w * (lnJ[k + 1] - lnJ[k]);
}

SubstrateKinetics make_substrate_kinetics(const MesoSubstrate& s, const MesoNa& na, const MesoOperating& op, double cell_m,
                                          double eta_max_V) {
  SubstrateKinetics k;
  const double T = op.T_K, kT = kBoltzmann_eV_K * T;
  k.i0_A_m2 = s.i0_A_m2;
  const double lambda_m = s.hop_length_A * 1e-10;
  k.N0_m2 = std::isnan(s.site_density_m2) ? 1.0 / (lambda_m * lambda_m) : s.site_density_m2;
  // Langmuir coverage of adatoms in equilibrium with bulk Na (kinetics.h); floored so that
  // S = n1/n1_eq stays finite for extremely sodiophobic rows.
  k.n1_eq_m2 = std::max(k.N0_m2 * equilibrium_coverage(s.E_bind_eV, na.E_coh_eV, T), 1e-300);
  k.D_m2_s = surface_diffusivity_m2_s(s.nu0_Hz, s.Ea_diff_eV, s.hop_length_A, s.hops_per_site, T);
  k.offset_V = op.built_in_field ? s.field_offset_V : 0.0;
  k.nuc_prefactor_per_s = op.capture_number * k.D_m2_s * k.N0_m2;

  // Cap geometry: V = (π r³/3)(2 + cos θ)(1 − cos θ)²/sin³θ for contact radius r; the cap fills
  // the cell when πr² = a². Never thinner than one atomic layer Ω^{1/3}.
  const double th = std::clamp(s.theta_deg, 0.5, 179.5) * kPi / 180.0, c = std::cos(th), sn = std::sin(th);
  const double kcap = kPi / 3.0 * (2 + c) * (1 - c) * (1 - c) / (sn * sn * sn);
  const double r_full = cell_m / std::sqrt(kPi);
  k.h_fill_m = std::max(kcap * r_full * r_full * r_full / (cell_m * cell_m), std::cbrt(na.omega_m3));

  // Nucleation barrier ΔG*(η_S): atomistic bond counting where its critical cluster has at most
  // 20 atoms (or none), the classical spherical cap (f(θ)) beyond (nucleation.h). Cluster
  // density of the critical size N0 exp(−ΔG*/kT) (Walton), attachment σ D n1.
  const auto zero = atomistic_nucleus(s.E_bind_eV, na.E_coh_eV, 0.0, 200);
  k.barrier_free = zero.barrier_free;
  const std::size_t n = static_cast<std::size_t>(std::ceil(eta_max_V / k.table_step_V)) + 2;
  k.lnJ.resize(n);
  k.atomistic.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double eta = static_cast<double>(i) * k.table_step_V;
    const auto a = atomistic_nucleus(s.E_bind_eV, na.E_coh_eV, eta, 200);
    double dG;
    if (a.barrier_free || (a.n_star <= 20 && a.n_star < 200)) {
      dG = a.dG_star_eV;
      k.atomistic[i] = 1;
    } else if (eta > 0) {
      dG = classical_nucleus(na.gamma_J_m2, na.omega_m3, eta, s.theta_deg, T).dG_het_eV;
      k.atomistic[i] = 0;
    } else {
      dG = std::numeric_limits<double>::infinity();
    }
    k.lnJ[i] = std::max(-dG / kT, -1e4);  // finite, so interpolation never meets −∞
  }
  // Smallest η_S whose nucleation factor can matter; adatom densities below the matching n1
  // skip the rate evaluation (a pure speed-up: those rates are below e^{−700}).
  if (!k.barrier_free) {
    std::size_t first = 0;
    while (first < n && !(k.lnJ[first] > -700)) ++first;
    const double eta_min = first == 0 ? 0.0 : (static_cast<double>(first) - 1) * k.table_step_V;
    k.n1_nucleation_min_m2 = first >= n ? std::numeric_limits<double>::infinity() : k.n1_eq_m2 * std::exp(eta_min / kT);
  }
  return k;
}

}  // namespace nabridge::upscale::detail
