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

SubstrateKinetics make_substrate_kinetics(const MesoSubstrate& s, const MesoNa& na, const MesoOperating& op, double cell_m,
                                          double eta_max_V) {
  SubstrateKinetics k;
  const double T = op.T_K, kT = kBoltzmann_eV_K * T;
  k.i0_A_m2 = s.i0_A_m2;
  const double lambda_m = s.hop_length_A * 1e-10;
  k.N0_m2 = std::isnan(s.site_density_m2) ? 1.0 / (lambda_m * lambda_m) : s.site_density_m2;
  k.n1_layer_m2 = kLayerPercolationCoverage * k.N0_m2;
  // Langmuir coverage of adatoms in equilibrium with bulk Na (kinetics.h); floored so that
  // S = n1/n1_eq stays finite for extremely sodiophobic rows.
  k.n1_eq_m2 = std::max(k.N0_m2 * equilibrium_coverage(s.E_bind_eV, na.E_coh_eV, T), 1e-300);
  k.D_m2_s = surface_diffusivity_m2_s(s.nu0_Hz, s.Ea_diff_eV, s.hop_length_A, s.hops_per_site, T);
  k.offset_V = op.built_in_field ? s.field_offset_V : 0.0;
  k.sigma_D_m2_s = op.capture_number * k.D_m2_s;
  if (s.alloy_capacity_m2 > 0) {
    k.alloy_capacity_m2 = s.alloy_capacity_m2;
    k.n1_alloy_eq_m2 = k.n1_eq_m2 * std::exp(-s.alloy_potential_V / kT);
    k.k_alloy_per_s = s.nu0_Hz * std::exp(-s.Ea_diff_eV / kT);
    k.alloy_phase = s.alloy_phase;
  }

  // Cap geometry: V = (π r³/3)(2 + cos θ)(1 − cos θ)²/sin³θ for contact radius r; the cap fills
  // the cell when πr² = a².
  const double th = std::clamp(s.theta_deg, 0.5, 179.5) * kPi / 180.0, c = std::cos(th), sn = std::sin(th);
  const double kcap = kPi / 3.0 * (2 + c) * (1 - c) * (1 - c) / (sn * sn * sn);
  const double r_full = cell_m / std::sqrt(kPi);
  k.h_cap_fill_m = kcap * r_full * r_full * r_full / (cell_m * cell_m);
  k.h_layer_m = std::cbrt(na.omega_m3);
  k.inv_h_cap_fill_per_m = 1.0 / k.h_cap_fill_m;
  k.inv_h_layer_per_m = 1.0 / k.h_layer_m;
  k.table_index_per_ln_S = kT / k.table_step_V;

  // Critical-cluster density relative to adatoms, n_i*/n1 (Walton): atomistic bond counting
  // (nucleation.h) while its critical cluster has at most 20 atoms, the classical spherical cap
  // (f(θ)) beyond, n_i* = N0 exp(−ΔG*_het/kT), never above n1 (the i* = 1 limit).
  const std::size_t n = static_cast<std::size_t>(std::ceil((eta_max_V - k.table_low_V) / k.table_step_V)) + 2;
  k.table.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const double eta = k.table_low_V + static_cast<double>(i) * k.table_step_V;
    const auto c = critical_cluster(s.E_bind_eV, na.E_coh_eV, eta, 200);
    auto& t = k.table[i];
    if (c.i_star <= 20) {
      t = {-c.dG_above_monomer_eV / kT, c.i_star + 1.0};
    } else if (eta > 0) {
      const auto cl = classical_nucleus(na.gamma_J_m2, na.omega_m3, eta, s.theta_deg, T);
      const double ln_n1_over_N0 = std::log(k.n1_eq_m2 / k.N0_m2) + eta / kT;
      t = {std::min(0.0, -ln_n1_over_N0 - cl.dG_het_eV / kT), std::ceil(cl.n_star) + 1.0};
    } else {
      t = {-1e4, c.i_star + 1.0};
    }
    t.ln_ratio = std::max(t.ln_ratio, -1e4);  // finite, so interpolation never meets −∞
  }
  // Smallest η_S whose nucleation term can matter; adatom densities below the matching n1
  // skip the rate evaluation (a pure speed-up: those rates are below e^{−700}).
  std::size_t first = 0;
  while (first < n && !(k.table[first].ln_ratio > -700)) ++first;
  if (first >= n) {
    k.n1_nucleation_min_m2 = std::numeric_limits<double>::infinity();
  } else if (first > 0) {
    k.n1_nucleation_min_m2 = k.n1_eq_m2 * std::exp((k.table_low_V + (static_cast<double>(first) - 1) * k.table_step_V) / kT);
  }
  std::vector<double> node_m2(n);  // adatom densities of the table's η_S
  for (std::size_t i = 0; i < n; ++i) node_m2[i] = k.n1_eq_m2 * std::exp((k.table_low_V + static_cast<double>(i) * k.table_step_V) / kT);
  k.nucleation_by_density = NucleationByDensity(node_m2.front(), node_m2.back(), node_m2,
                                                [&](double n1_m2) { return k.nucleation(std::log(n1_m2 / k.n1_eq_m2)); });
  return k;
}

}  // namespace nabridge::upscale::detail
