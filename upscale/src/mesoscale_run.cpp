// The galvanostatic protocol of the mesoscale simulator: cycles of plating a fixed capacity and
// stripping to the overpotential cut-off, with adaptive time steps, the transient, island
// censuses, per-cycle metrics and the failure criteria (docs/upscale.md).
#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "mesoscale_impl.h"
#include "nabridge/base/bounds.h"
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

/// The nucleation stage of a plating half cycle (docs/upscale.md, "Nucleation overpotential"):
/// the adatom activity S̄ of the exchanging bare area builds up until nuclei relieve it, i.e. S̄
/// falls below half its maximum. The spike is the highest η of the steps before that. A stage
/// that ends without relief — the Na covers the exchanging area first (S̄ unset), or the half
/// cycle ends — had no nucleation spike: η rose with the growth of Na (contact, gaps filling), not
/// with a supersaturation that nuclei relieved. Nor had a stage whose S̄ stayed at or below 1:
/// nuclei formed below the activity of bulk Na, so no overpotential was needed to nucleate (what η
/// there is, is charge transfer). A step in which a coating takes Na into its alloy restarts the
/// stage: Na metal nucleates once the coating is full.
struct NucleationStage {
  bool open = true, relieved = false;
  double spike_V = kRunningMaxStart;  // highest η in the stage
  double peak_activity = 0;           // highest S̄ in the stage
  /// The step's η, the S̄ after it (unset: no bare area exchanges) and whether a coating alloyed.
  void add(double eta_V, double activity, bool alloyed) {
    if (alloyed) open = true, relieved = false, spike_V = kRunningMaxStart, peak_activity = 0;
    if (!open) return;
    if (std::isnan(activity) || activity < 0.5 * peak_activity) {
      open = false;
      relieved = !std::isnan(activity);
      return;
    }
    peak_activity = std::max(peak_activity, activity);
    spike_V = std::max(spike_V, eta_V);
  }
};

/// Marks the run failed in `cycle`, with the reason.
void fail(MesoResult& result, int cycle, std::string why) {
  result.failed = true;
  result.failed_cycle = cycle;
  result.failure = std::move(why);
}
}  // namespace

void MesoscaleSimulator::Impl::record(MesoResult& result, int cycle, bool plating, double charge_C_m2, double eta_V,
                                      double nuclei) const {
  if (!operating.record_transient) return;
  result.transient.push_back({cycle, plating, state.t_s, charge_C_m2, eta_V, coverage,
                              nuclei / (static_cast<double>(n_cells) * cell_area_m2), contact,
                              kT_eV * std::log(exchange_activity)});
}

MesoscaleSimulator::Impl::Schedule MesoscaleSimulator::Impl::schedule() const {
  Schedule plan;
  const double I = plan.current_A_m2 = operating.current_A_m2;
  plan.capacity_C_m2 = operating.capacity_C_m2;
  const double T_half_s = plan.capacity_C_m2 / I;
  plan.dt_max_s = T_half_s / operating.min_steps;
  plan.dt_min_s = T_half_s * 1e-12;
  // First step: charges the double layer by about half an η step, and resolves the fastest
  // nucleation transient, t ~ (σ D F)^{−1/2} for i* = 1 (Venables), F = I/e.
  double sigma_D_max = 0;
  for (const auto& k : kinetics) sigma_D_max = std::max(sigma_D_max, k.sigma_D_m2_s);
  const double t_nucleation_s = 1.0 / std::sqrt(sigma_D_max * I / kElementaryCharge_C);
  plan.dt_first_s = std::min({operating.C_dl_F_m2 > 0 ? std::min(plan.dt_max_s, 0.5 * operating.eta_step_V * operating.C_dl_F_m2 / I)
                                                      : plan.dt_max_s * 1e-3,
                              operating.population_step * t_nucleation_s});
  const int n = operating.snapshots;
  for (int k = 0; k < n; ++k)
    plan.census_charges_C_m2.push_back(plan.capacity_C_m2 *
                                       (n == 1 ? 1.0 : std::pow(10.0, -2.3 * (1.0 - static_cast<double>(k) / (n - 1)))));
  return plan;
}

MesoResult MesoscaleSimulator::Impl::run() {
  MesoResult r;
  r.nx = map.nx, r.ny = map.ny, r.cell_m = map.cell_m;
  if (operating.current_A_m2 == 0) {  // nothing flows: the state stays as it is
    for (int c = 1; c <= operating.cycles; ++c) {
      MesoCycle cy;
      cy.cycle = c;
      cy.ce = kUnset;
      cy.contact_after_plating = cy.contact_after_stripping = contact;
      r.cycles.push_back(cy);
    }
    r.thickness_first_plating_m = r.thickness_final_m = state.h_m;
    return r;
  }
  const Schedule plan = schedule();
  for (int cycle = 1; cycle <= operating.cycles && !r.failed; ++cycle) {
    MesoCycle cy;
    cy.cycle = cycle;
    plate(plan, cy, r);
    if (cycle == 1) r.thickness_first_plating_m = state.h_m;
    if (r.failed || !operating.strip) {
      cy.ce = kUnset;
      r.cycles.push_back(cy);
      continue;
    }
    strip(plan, cy, r);
    r.cycles.push_back(cy);
  }
  r.thickness_final_m = state.h_m;
  return r;
}

// Plating: pass exactly the capacity.
void MesoscaleSimulator::Impl::plate(const Schedule& plan, MesoCycle& cy, MesoResult& r) {
  const int cycle = cy.cycle;
  const double I = plan.current_A_m2, Qcap = plan.capacity_C_m2;
  // The double layer relaxes to the equilibrium potential between half cycles (open-circuit rest).
  state.eta_V = 0.0;
  double Q = 0, dt = plan.dt_first_s, nuclei = 0, crowded_nuclei = 0, burst_nuclei = 0, layer_cells = 0, plateau_sum = 0, plateau_n = 0;
  NucleationStage stage;
  measure_activity = true;
  const double alloy_before = alloy_charge_C_m2();
  double alloy_capacity_C_m2 = 0;
  for (std::size_t i = 0; i < n_cells; ++i) alloy_capacity_C_m2 += kinetics[map.substrate[i]].alloy_capacity_m2;
  alloy_capacity_C_m2 *= kElementaryCharge_C / static_cast<double>(n_cells);
  std::size_t next_census = 0;
  record(r, cycle, true, 0.0, state.eta_V, 0.0);
  for (int steps = 0; Q < Qcap * (1 - 1e-14); ++steps) {
    if (steps >= operating.max_steps) {
      fail(r, cycle, fmt::format("plating did not finish within max_steps = {}", operating.max_steps));
      break;
    }
    const double h_dt = std::min(dt, (Qcap - Q) / I);
    const double eta_prev = state.eta_V, adatoms_prev = adatoms_m2, nuclei_prev = nuclei;
    const MesoStep s = step(h_dt, I);
    ++r.steps;
    if (s.limited) {
      fail(r, cycle,
           fmt::format("current not sustainable: plating at {:.4g} mA/cm² needs an overpotential above the "
                       "cut-off {:.3g} V after {:.4g} of {:.4g} C/m² (nucleation or contact cannot carry it)",
                       I / 10.0, operating.eta_cutoff_V, Q, Qcap));
      break;
    }
    Q += I * h_dt;
    r.charge_passed_C_m2 += I * h_dt;
    cy.plated_C_m2 += s.faradaic_C_m2;
    nuclei += s.nuclei;
    crowded_nuclei += s.crowded_nuclei;
    layer_cells += s.layer_cells;
    burst_nuclei = std::max(burst_nuclei, s.nuclei);
    if (cycle == 1 && nuclei > 0 && std::isnan(r.alloyed_before_nucleation_C_m2)) r.alloyed_before_nucleation_C_m2 = alloy_charge_C_m2();
    stage.add(s.eta_V, exchange_activity, s.alloyed_C_m2 > 0);
    measure_activity = stage.open || any_alloying;  // (an alloying step restarts the stage)
    if (Q >= 0.9 * Qcap) plateau_sum += s.eta_V, plateau_n += 1;
    record(r, cycle, true, Q, s.eta_V, nuclei);
    if (std::isnan(cy.continuity_charge_C_m2) && coverage >= operating.continuity_coverage) cy.continuity_charge_C_m2 = Q;
    if (!std::isnan(cy.continuity_charge_C_m2)) {
      cy.max_focusing = std::max(cy.max_focusing, s.focusing);
      cy.max_void_focusing = std::max(cy.max_void_focusing, s.void_focusing);
      if (s.void_focusing > operating.focusing_limit) {
        fail(r, cycle,
             fmt::format("runaway current focusing while plating: voids leave the Na {:.3g} × less contact than the "
                         "stack pressure gives (limit {:.3g}); current density on the contacts {:.3g} × the applied one",
                         s.void_focusing, operating.focusing_limit, s.focusing));
        break;
      }
    }
    if (cycle == 1)
      while (next_census < plan.census_charges_C_m2.size() && Q >= plan.census_charges_C_m2[next_census] * (1 - 1e-12)) {
        MesoIslandCensus c = census();
        c.charge_C_m2 = Q;
        r.islands.push_back(c);
        ++next_census;
      }
    // Before the first nuclei the adatoms build up; after, the nuclei set the pace.
    const double change = nuclei_prev > 0 ? relative_change(nuclei_prev, nuclei) : relative_change(adatoms_prev, adatoms_m2);
    dt = adapt(dt, std::abs(s.eta_V - eta_prev), operating.eta_step_V, change, operating.population_step, plan.dt_min_s, plan.dt_max_s);
    // While coatings alloy, at most population_step of the capacity they have left per step, so
    // that a coating fills without a step's worth of adatoms landing on it at once (down to
    // 1e-6 of the capacity).
    if (s.alloyed_C_m2 > 0 && s.alloy_open_C_m2 > 1e-6 * alloy_capacity_C_m2)
      dt = std::clamp(operating.population_step * s.alloy_open_C_m2 * h_dt / s.alloyed_C_m2, plan.dt_min_s, dt);
    // Nor does a step overfill a cell: a uniform coating's cells fill together, and the adatoms a
    // step delivers after that land at once on the fresh alloy surface, whose nuclei would then
    // form in one burst set by the step (N −75 % on halving the cells, docs/upscale.md). The step
    // ends before the first cell fills (down to 10⁻⁶ of its capacity left).
    if (s.alloyed_C_m2 > 0 && std::isfinite(alloy_fill_s))
      dt = std::clamp((1 - operating.population_step) * alloy_fill_s, plan.dt_min_s, dt);
  }
  // Without relief (also: plating onto Na left from the cycle before, no bare area) there is no
  // nucleation spike; below bulk-Na activity (S̄ ≤ 1) no nucleation overpotential.
  cy.eta_spike_V = stage.relieved ? stage.spike_V : kUnset;
  cy.eta_plateau_V = plateau_n ? plateau_sum / plateau_n : state.eta_V;
  cy.eta_nuc_V = stage.relieved && stage.peak_activity > 1 ? std::max(0.0, cy.eta_spike_V - cy.eta_plateau_V) : 0.0;
  cy.eta_S_nuc_V = stage.relieved ? kT_eV * std::log(stage.peak_activity) : kUnset;
  const double map_area_m2 = static_cast<double>(n_cells) * cell_area_m2;
  cy.nuclei_m2 = nuclei / map_area_m2;
  cy.crowded_nuclei_m2 = crowded_nuclei / map_area_m2;
  cy.burst_nuclei_m2 = burst_nuclei / map_area_m2;
  cy.layer_cell_fraction = layer_cells / static_cast<double>(n_cells);
  cy.alloyed_C_m2 = alloy_charge_C_m2() - alloy_before;
  measure_activity = false;
  cy.contact_after_plating = contact;
}

// Stripping: until the cut-off (all Na that still touches the electrolyte is gone).
void MesoscaleSimulator::Impl::strip(const Schedule& plan, MesoCycle& cy, MesoResult& r) {
  const int cycle = cy.cycle;
  const double I = plan.current_A_m2;
  double Q = 0, dt = plan.dt_first_s;
  state.eta_V = 0.0;
  record(r, cycle, false, 0.0, state.eta_V, 0.0);
  for (int steps = 0;; ++steps) {
    if (steps >= operating.max_steps) {
      fail(r, cycle, fmt::format("stripping did not finish within max_steps = {}", operating.max_steps));
      break;
    }
    const double eta_prev = state.eta_V;
    const MesoStep s = step(dt, -I);
    ++r.steps;
    const double passed = s.limited ? -(s.faradaic_C_m2 + s.double_layer_C_m2) : I * dt;
    Q += passed;
    r.charge_passed_C_m2 += passed;
    cy.stripped_C_m2 -= s.faradaic_C_m2;
    cy.max_focusing = std::max(cy.max_focusing, s.focusing);
    cy.max_void_focusing = std::max(cy.max_void_focusing, s.void_focusing);
    record(r, cycle, false, Q, s.eta_V, 0.0);
    // Done when the cut-off is reached or no Na touching the electrolyte is left (the
    // double layer would then charge to the cut-off within C_dl·η_cut/I).
    if (s.limited || accessible_C_m2 <= 1e-15 * cy.plated_C_m2) break;
    if (s.void_focusing > operating.focusing_limit &&
        cy.plated_C_m2 - cy.stripped_C_m2 > operating.fail_remaining_fraction * cy.plated_C_m2) {
      fail(r, cycle,
           fmt::format("runaway current focusing while stripping: voids leave the remaining Na {:.3g} × less contact "
                       "than the stack pressure gives (limit {:.3g}; current density on the contacts {:.3g} × the "
                       "applied one) with {:.1f} % of the Na still plated",
                       s.void_focusing, operating.focusing_limit, s.focusing, 100 * (1 - cy.stripped_C_m2 / cy.plated_C_m2)));
      break;
    }
    dt = adapt(dt, std::abs(s.eta_V - eta_prev), operating.eta_step_V, 0.0, operating.population_step, plan.dt_min_s, 4 * plan.dt_max_s);
  }
  cy.ce = cy.plated_C_m2 > 0 ? cy.stripped_C_m2 / cy.plated_C_m2 : kUnset;
  cy.dead_C_m2 = na_charge_C_m2();
  cy.contact_after_stripping = contact;
  if (!r.failed && cy.plated_C_m2 > 0 && cy.plated_C_m2 - cy.stripped_C_m2 > operating.fail_remaining_fraction * cy.plated_C_m2)
    fail(r, cycle,
         fmt::format("contact loss: stripping reached the cut-off with {:.1f} % of the Na plated in cycle {} "
                     "left on the collector (limit {:.0f} %)",
                     100 * (1 - cy.ce), cycle, 100 * operating.fail_remaining_fraction));
}

// ---- public interface
MesoscaleSimulator::MesoscaleSimulator(std::vector<MesoSubstrate> subs, MesoNa na, MesoMap map, MesoOperating op)
    : impl_(std::make_unique<Impl>(std::move(subs), na, std::move(map), op)) {}
MesoscaleSimulator::~MesoscaleSimulator() = default;
MesoResult MesoscaleSimulator::run() { return impl_->run(); }
MesoStep MesoscaleSimulator::step(double dt_s, double current_A_m2) { return impl_->step(dt_s, current_A_m2); }
const MesoState& MesoscaleSimulator::state() const { return impl_->state; }
double MesoscaleSimulator::na_charge_C_m2() const { return impl_->na_charge_C_m2(); }
double MesoscaleSimulator::alloy_charge_C_m2() const { return impl_->alloy_charge_C_m2(); }
const std::vector<std::uint8_t>& MesoscaleSimulator::substrate_map() const { return impl_->map.substrate; }
double MesoscaleSimulator::coverage() const { return impl_->coverage; }
double MesoscaleSimulator::contact_fraction() const { return impl_->contact; }

}  // namespace nabridge::upscale
