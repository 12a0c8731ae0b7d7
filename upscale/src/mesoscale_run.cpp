// The galvanostatic protocol of the mesoscale simulator: cycles of plating a fixed capacity and
// stripping to the overpotential cut-off, with adaptive time steps, the transient, island
// censuses, per-cycle metrics and the failure criteria (docs/upscale.md).
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "mesoscale_impl.h"
#include "nabridge/upscale/constants.h"

namespace nabridge::upscale {

namespace {
/// Next step length from the last step's change of η and relative change of a population
/// (adatoms, nuclei): aims at |Δη| ≈ eta_step and a relative change ≈ population_step.
double adapt(double dt, double deta, double eta_step, double population_change, double population_step, double dt_min,
             double dt_max) {
  double grow = deta > 0 ? std::clamp(0.7 * eta_step / deta, 0.25, 2.0) : 2.0;
  if (population_change > 0) grow = std::min(grow, std::clamp(0.7 * population_step / population_change, 0.25, 2.0));
  return std::clamp(dt * grow, dt_min, dt_max);
}
/// |new − old| / max(new, old), 0 when both vanish.
double relative_change(double old_value, double new_value) {
  const double m = std::max(std::abs(old_value), std::abs(new_value));
  return m > 0 ? std::abs(new_value - old_value) / m : 0.0;
}
}  // namespace

MesoResult MesoscaleSimulator::Impl::run() {
  MesoResult r;
  r.nx = map.nx, r.ny = map.ny, r.cell_m = map.cell_m;
  const double I = op.current_A_m2;
  auto fail = [&](int cycle, const std::string& why) {
    r.failed = true;
    r.failed_cycle = cycle;
    r.failure = why;
  };
  auto record = [&](int cycle, bool plating, double Q, double eta, double nuclei) {
    if (!op.record_transient) return;
    r.transient.push_back({cycle, plating, st.t_s, Q, eta, coverage, nuclei / (static_cast<double>(N) * A_cell), contact});
  };
  if (I == 0) {  // nothing flows: the state stays as it is
    for (int c = 1; c <= op.cycles; ++c) {
      MesoCycle cy;
      cy.cycle = c;
      cy.ce = kUnset;
      cy.contact_after_plating = cy.contact_after_stripping = contact;
      r.cycles.push_back(cy);
    }
    r.thickness_first_plating_m = r.thickness_final_m = st.h_m;
    return r;
  }
  const double Qcap = op.capacity_C_m2, T_half = Qcap / I;
  const double dt_max = T_half / op.min_steps, dt_min = T_half * 1e-12;
  // First step: charges the double layer by about half an η step, and resolves the fastest
  // nucleation transient, t ~ (σ D F)^{−1/2} for i* = 1 (Venables), F = I/e.
  double sigma_D_max = 0;
  for (const auto& k : K) sigma_D_max = std::max(sigma_D_max, k.sigma_D_m2_s);
  const double t_nucleation = 1.0 / std::sqrt(sigma_D_max * I / kElementaryCharge_C);
  const double dt0 = std::min({op.C_dl_F_m2 > 0 ? std::min(dt_max, 0.5 * op.eta_step_V * op.C_dl_F_m2 / I) : dt_max * 1e-3,
                               op.population_step * t_nucleation});
  std::vector<double> snaps;
  for (int k = 0; k < op.snapshots; ++k)
    snaps.push_back(Qcap * (op.snapshots == 1 ? 1.0 : std::pow(10.0, -2.3 * (1.0 - static_cast<double>(k) / (op.snapshots - 1)))));

  for (int cycle = 1; cycle <= op.cycles && !r.failed; ++cycle) {
    MesoCycle cy;
    cy.cycle = cycle;
    // ---- plating: pass exactly the capacity
    // The double layer relaxes to the equilibrium potential between half cycles (open-circuit rest).
    st.eta_V = 0.0;
    double Q = 0, dt = dt0, nuclei = 0, plateau_sum = 0, plateau_n = 0, spike = -1e300;
    const double alloy_before = alloy_charge_C_m2();
    double alloy_capacity_C_m2 = 0;
    for (std::size_t i = 0; i < N; ++i) alloy_capacity_C_m2 += K[map.substrate[i]].alloy_capacity_m2;
    alloy_capacity_C_m2 *= kElementaryCharge_C / static_cast<double>(N);
    std::size_t next_snap = 0;
    record(cycle, true, 0.0, st.eta_V, 0.0);
    for (int steps = 0; Q < Qcap * (1 - 1e-14); ++steps) {
      if (steps >= op.max_steps) {
        fail(cycle, fmt::format("plating did not finish within max_steps = {}", op.max_steps));
        break;
      }
      const double h_dt = std::min(dt, (Qcap - Q) / I);
      const double eta_prev = st.eta_V, adatoms_prev = adatoms_m2, nuclei_prev = nuclei;
      const MesoStep s = step(h_dt, I);
      ++r.steps;
      if (s.limited) {
        fail(cycle, fmt::format("current not sustainable: plating at {:.4g} mA/cm² needs an overpotential above the "
                                "cut-off {:.3g} V after {:.4g} of {:.4g} C/m² (nucleation or contact cannot carry it)",
                                I / 10.0, op.eta_cutoff_V, Q, Qcap));
        break;
      }
      Q += I * h_dt;
      r.charge_passed_C_m2 += I * h_dt;
      cy.plated_C_m2 += s.faradaic_C_m2;
      nuclei += s.nuclei;
      if (cycle == 1 && nuclei > 0 && std::isnan(r.alloyed_before_nucleation_C_m2)) r.alloyed_before_nucleation_C_m2 = alloy_charge_C_m2();
      spike = std::max(spike, s.eta_V);
      if (Q >= 0.9 * Qcap) plateau_sum += s.eta_V, plateau_n += 1;
      record(cycle, true, Q, s.eta_V, nuclei);
      if (std::isnan(cy.continuity_charge_C_m2) && coverage >= op.continuity_coverage) cy.continuity_charge_C_m2 = Q;
      if (!std::isnan(cy.continuity_charge_C_m2)) {
        cy.max_focusing = std::max(cy.max_focusing, s.focusing);
        cy.max_void_focusing = std::max(cy.max_void_focusing, s.void_focusing);
        if (s.void_focusing > op.focusing_limit) {
          fail(cycle, fmt::format("runaway current focusing while plating: voids leave the Na {:.3g} × less contact than the "
                                  "stack pressure gives (limit {:.3g}); current density on the contacts {:.3g} × the applied one",
                                  s.void_focusing, op.focusing_limit, s.focusing));
          break;
        }
      }
      if (cycle == 1)
        while (next_snap < snaps.size() && Q >= snaps[next_snap] * (1 - 1e-12)) {
          MesoIslandCensus c = census();
          c.charge_C_m2 = Q;
          r.islands.push_back(c);
          ++next_snap;
        }
      // Before the first nuclei the adatoms build up; after, the nuclei set the pace.
      const double change = nuclei_prev > 0 ? relative_change(nuclei_prev, nuclei) : relative_change(adatoms_prev, adatoms_m2);
      dt = adapt(dt, std::abs(s.eta_V - eta_prev), op.eta_step_V, change, op.population_step, dt_min, dt_max);
      // While coatings alloy, at most population_step of the capacity they have left per step, so
      // that a coating fills without a step's worth of adatoms landing on it at once (down to
      // 1e-6 of the capacity).
      if (s.alloyed_C_m2 > 0 && s.alloy_open_C_m2 > 1e-6 * alloy_capacity_C_m2)
        dt = std::clamp(op.population_step * s.alloy_open_C_m2 * h_dt / s.alloyed_C_m2, dt_min, dt);
    }
    cy.eta_spike_V = spike;
    cy.eta_plateau_V = plateau_n ? plateau_sum / plateau_n : st.eta_V;
    cy.eta_nuc_V = std::max(0.0, cy.eta_spike_V - cy.eta_plateau_V);
    cy.nuclei_m2 = nuclei / (static_cast<double>(N) * A_cell);
    cy.alloyed_C_m2 = alloy_charge_C_m2() - alloy_before;
    cy.contact_after_plating = contact;
    if (cycle == 1) r.thickness_first_plating_m = st.h_m;
    if (r.failed || !op.strip) {
      cy.ce = kUnset;
      r.cycles.push_back(cy);
      continue;
    }

    // ---- stripping: until the cut-off (all Na that still touches the electrolyte is gone)
    Q = 0;
    dt = dt0;
    st.eta_V = 0.0;
    record(cycle, false, 0.0, st.eta_V, 0.0);
    for (int steps = 0;; ++steps) {
      if (steps >= op.max_steps) {
        fail(cycle, fmt::format("stripping did not finish within max_steps = {}", op.max_steps));
        break;
      }
      const double eta_prev = st.eta_V;
      const MesoStep s = step(dt, -I);
      ++r.steps;
      const double passed = s.limited ? -(s.faradaic_C_m2 + s.double_layer_C_m2) : I * dt;
      Q += passed;
      r.charge_passed_C_m2 += passed;
      cy.stripped_C_m2 -= s.faradaic_C_m2;
      cy.max_focusing = std::max(cy.max_focusing, s.focusing);
      cy.max_void_focusing = std::max(cy.max_void_focusing, s.void_focusing);
      record(cycle, false, Q, s.eta_V, 0.0);
      // Done when the cut-off is reached or no Na touching the electrolyte is left (the
      // double layer would then charge to the cut-off within C_dl·η_cut/I).
      if (s.limited || accessible_C_m2 <= 1e-15 * cy.plated_C_m2) break;
      if (s.void_focusing > op.focusing_limit && cy.plated_C_m2 - cy.stripped_C_m2 > op.fail_remaining_fraction * cy.plated_C_m2) {
        fail(cycle, fmt::format("runaway current focusing while stripping: voids leave the remaining Na {:.3g} × less contact "
                                "than the stack pressure gives (limit {:.3g}; current density on the contacts {:.3g} × the "
                                "applied one) with {:.1f} % of the Na still plated",
                                s.void_focusing, op.focusing_limit, s.focusing, 100 * (1 - cy.stripped_C_m2 / cy.plated_C_m2)));
        break;
      }
      dt = adapt(dt, std::abs(s.eta_V - eta_prev), op.eta_step_V, 0.0, op.population_step, dt_min, 4 * dt_max);
    }
    cy.ce = cy.plated_C_m2 > 0 ? cy.stripped_C_m2 / cy.plated_C_m2 : kUnset;
    cy.dead_C_m2 = na_charge_C_m2();
    cy.contact_after_stripping = contact;
    if (!r.failed && cy.plated_C_m2 > 0 && cy.plated_C_m2 - cy.stripped_C_m2 > op.fail_remaining_fraction * cy.plated_C_m2)
      fail(cycle, fmt::format("contact loss: stripping reached the cut-off with {:.1f} % of the Na plated in cycle {} "
                              "left on the collector (limit {:.0f} %)",
                              100 * (1 - cy.ce), cycle, 100 * op.fail_remaining_fraction));
    r.cycles.push_back(cy);
  }
  r.thickness_final_m = st.h_m;
  return r;
}

// ---- public interface
MesoscaleSimulator::MesoscaleSimulator(std::vector<MesoSubstrate> subs, MesoNa na, MesoMap map, MesoOperating op)
    : impl_(std::make_unique<Impl>(std::move(subs), na, std::move(map), op)) {}
MesoscaleSimulator::~MesoscaleSimulator() = default;
MesoResult MesoscaleSimulator::run() { return impl_->run(); }
MesoStep MesoscaleSimulator::step(double dt_s, double current_A_m2) { return impl_->step(dt_s, current_A_m2); }
const MesoState& MesoscaleSimulator::state() const { return impl_->st; }
double MesoscaleSimulator::na_charge_C_m2() const { return impl_->na_charge_C_m2(); }
double MesoscaleSimulator::alloy_charge_C_m2() const { return impl_->alloy_charge_C_m2(); }
const std::vector<std::uint8_t>& MesoscaleSimulator::substrate_map() const { return impl_->map.substrate; }
double MesoscaleSimulator::coverage() const { return impl_->coverage; }
double MesoscaleSimulator::contact_fraction() const { return impl_->contact; }

}  // namespace nabridge::upscale
