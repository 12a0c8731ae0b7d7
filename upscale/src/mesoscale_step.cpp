// One time step of the mesoscale simulator (model in mesoscale.h and docs/upscale.md): the
// passes listed in mesoscale_impl.h. The per-cell work is organised in a few raster passes so
// that the cost per cell-step stays a few tens of nanoseconds.
#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

#include "mesoscale_impl.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/contact.h"
#include "nabridge/upscale/random.h"

namespace nabridge::upscale {

namespace {
constexpr double kE = kElementaryCharge_C;

}  // namespace

// The per-cell parts of the apply pass are inlined into it (a call per cell costs ~10 % there).
#define NABRIDGE_PER_CELL [[gnu::always_inline]] inline

MesoStep MesoscaleSimulator::Impl::step(double dt_s, double current_A_m2) {
  if (!(dt_s > 0) || !std::isfinite(dt_s)) throw std::invalid_argument("mesoscale: step dt must be > 0");
  if (!std::isfinite(current_A_m2)) throw std::invalid_argument("mesoscale: step current must be finite");
  MesoStep out;
  const double eta_before_V = state.eta_V;

  if (covered_set_changed) update_capture_zones();
  coalesce_islands();
  cell_rates(current_A_m2);

  double eta_V = eta_before_V;
  if (current_A_m2 != 0.0) {
    const OverpotentialRoot root = solve_overpotential(dt_s, current_A_m2);
    if (root.limited && current_A_m2 > 0) {
      out.limited = true;
      out.eta_V = root.eta;
      return out;  // plating cannot go on: the state is left as it was
    }
    out.limited = root.limited;  // stripping: the cut-off, the apply pass caps every cell it must
    eta_V = root.eta;
    kinetics_at(eta_V);
  } else {
    std::fill(adatom_creation_m2_s.begin(), adatom_creation_m2_s.end(), 0.0);
    std::fill(adatom_oxidation_per_s.begin(), adatom_oxidation_per_s.end(), 0.0);
    std::fill(adatom_oxidation_decay_per_V.begin(), adatom_oxidation_decay_per_V.end(), 0.0);
    na_bv_shape = 0;
  }

  // Captured adatoms of bare cells are delivered after the apply pass so that no cell's Na
  // changes between the overpotential solve and its own update.
  const Applied applied = apply_cells(dt_s, current_A_m2, out);
  deliver_captured(current_A_m2);
  spill_excess();
  diffuse_into_gaps(dt_s);
  // The zones of the new covered set now, so that measure sums the zone coverage of the next
  // step's coalescence in its pass.
  if (covered_set_changed) update_capture_zones();

  last_eta_rate_V_s = (eta_V - eta_before_V) / dt_s;
  last_eta_V = eta_V;
  state.eta_V = eta_V;
  state.t_s += dt_s;
  out.eta_V = eta_V;
  out.faradaic_C_m2 = applied.faradaic_C_m2 / static_cast<double>(n_cells);
  out.double_layer_C_m2 = operating.C_dl_F_m2 * (eta_V - eta_before_V);
  out.focusing = (applied.na_area > 0 && current_A_m2 != 0)
                     ? std::abs(applied.na_current_A_m2) / (applied.na_area * std::abs(current_A_m2))
                     : 0.0;
  // Contact lost to voids (and unfilled gaps) under the Na, relative to the plastic contact the
  // stack pressure gives: the factor by which voids concentrate the current.
  out.void_focusing = applied.na_area > 0 ? applied.na_area_pressed / applied.na_area
                                           : (applied.na_area_pressed > 0 ? kVoidFocusingAllContactLost : 1.0);
  measure();
  return out;
}

// Coalescence (Venables, mean field over a capture zone): as the Na covers more of the zone,
// dN = −2N dZ. Then the islands per cluster.
void MesoscaleSimulator::Impl::coalesce_islands() {
  const CellArrays a = arrays();
  if (!zone_coverage_current) {  // measure sums it when the zones were current then
    zone_coverage.assign(n_clusters, 0.0);
    for (std::size_t i = 0; i < n_cells; ++i)
      if (a.covered[i]) zone_coverage[a.cluster_of[i]] += a.footprint[i];
    footprints_to_zone_coverage();
  }
  zone_islands.assign(n_clusters, 0.0);
  const double* Z_of_cluster = zone_coverage.data();
  double* islands_of_cluster = zone_islands.data();
  detail::Recall coalescence_factor([](double dZ) { return std::exp(-2.0 * dZ); });
  for (std::size_t i = 0; i < n_cells; ++i) {
    if (!a.covered[i]) continue;
    const std::int32_t r = a.cluster_of[i];
    const double Z = Z_of_cluster[r], Z_before = a.coalesced_at[i];
    if (Z > Z_before && Z_before >= 0) a.islands_m2[i] *= coalescence_factor(Z - Z_before);
    a.coalesced_at[i] = Z;
    islands_of_cluster[r] += a.islands_m2[i] * a.cell_area_m2;
  }
}

// The Butler–Volmer weight c φ i0_Na of the Na (reacting at η: metallic Na screens any built-in
// field), and on the bare part the adatom loss rate = capture σ D N by the islands of the zone +
// mean-field nucleation (i*+1) σ D n_i* (covered cells; bare cells get their first nuclei drawn
// in the apply pass).
void MesoscaleSimulator::Impl::cell_rates(double current_A_m2) {
  if (any_alloying) return cell_rates_for<true, false>(current_A_m2);
  if (kinetics.size() == 1) return cell_rates_for<false, true>(current_A_m2);
  cell_rates_for<false, false>(current_A_m2);
}

template <bool kAlloying, bool kOneRow>
void MesoscaleSimulator::Impl::cell_rates_for(double current_A_m2) {
  const CellArrays a = arrays_for<kAlloying, kOneRow>();
  const bool faradaic_on = current_A_m2 != 0.0;
  na_weight_by_substrate_A_m2.assign(kinetics.size(), 0.0);
  detail::KeyedSum<double> na_weight_sum(na_weight_by_substrate_A_m2.data());
  Exchanging::Writer exchanging_parts(exchanging);
  alloying.clear();
  // Capture rate of the last zone asked for: neighbouring cells mostly share their zone.
  std::size_t last_s = ~std::size_t{0};
  std::int32_t last_cluster = -1;
  double last_capture_per_s = 0;
  auto capture_per_s = [&](std::size_t s, std::int32_t covered_cell) {
    const std::int32_t r = a.cluster_of[covered_cell];
    if (r != last_cluster || s != last_s) last_s = s, last_cluster = r, last_capture_per_s = zone_capture_per_s(s, covered_cell);
    return last_capture_per_s;
  };
  for (std::size_t i = 0; i < n_cells; ++i) {
    const std::size_t s = a.row(i);
    const auto& ks = a.kinetics[s];
    const double n1 = a.n1_m2[i];
    double contact_i, bare, loss_per_s;
    bool exchanges;  // the bare part touches the electrolyte (a bare cell's contact is 0 or 1: no conversion)
    if (a.covered[i]) {
      contact_i = contact_under_gap(a.gap_m[i]);
      bare = 1 - a.footprint[i];
      exchanges = contact_i > 0 && bare > 0;
      na_weight_sum.add(s, na_weight_A_m2_at(contact_i, a.footprint[i]));
      a.nucleation_per_s[i] = 0;  // read by the apply pass for covered cells only
      // A cell its Na covers has no bare part whose adatoms a loss rate would act on.
      loss_per_s = bare > 0 ? capture_per_s(s, static_cast<std::int32_t>(i)) : 0.0;
      if (bare > 0 && n1 > ks.n1_nucleation_min_m2 && !coating_open(a, i)) {
        const auto nt = ks.nucleation_at_density(n1);
        a.nucleation_per_s[i] = ks.sigma_D_m2_s * n1 * nt.ratio;
        loss_per_s += nt.atoms * a.nucleation_per_s[i];
      }
    } else {
      contact_i = a.contact[i];
      bare = 1;
      exchanges = a.contact[i] != 0;
      loss_per_s = a.nearest_covered[i] < 0 ? 0.0 : capture_per_s(s, a.nearest_covered[i]);
    }
    a.adatom_loss_per_s[i] = loss_per_s;
    if (faradaic_on && exchanges) {
      if (const double ka = a.any_alloying ? alloy_rate_per_s(i, current_A_m2) : 0.0; ka > 0)
        alloying.push_back({static_cast<std::uint8_t>(s), bare * contact_i, contact_i, loss_per_s, n1, ka, ks.n1_alloy_eq_m2});
      else
        exchanging_parts.add<kOneRow>(static_cast<std::int32_t>(s), bare * contact_i, contact_i, loss_per_s, n1);
    }
  }
  na_weight_sum.flush();
  exchanging_parts.done();
}

MesoscaleSimulator::Impl::Applied MesoscaleSimulator::Impl::apply_cells(double dt_s, double current_A_m2,
                                                                        MesoStep& out) {
  if (any_alloying) return apply_cells_for<true, false>(dt_s, current_A_m2, out);
  if (kinetics.size() == 1) return apply_cells_for<false, true>(dt_s, current_A_m2, out);
  return apply_cells_for<false, false>(dt_s, current_A_m2, out);
}

template <bool kAlloying, bool kOneRow>
MesoscaleSimulator::Impl::Applied MesoscaleSimulator::Impl::apply_cells_for(double dt_s, double current_A_m2,
                                                                            MesoStep& out) {
  // Void growth: stripping at the contact spots against creep and vacancy refill.
  const double sigma_eff_Pa = operating.pressure_Pa / std::max(contact, 1e-3);
  const double v_refill_m_s = creep_rate_per_s(na.creep, sigma_eff_Pa, operating.T_K) * creep_length_m + v_vacancy_m_s;
  const CellArrays a = arrays_for<kAlloying, kOneRow>();
  Applied sum;
  spill_queue.clear();
  CaptureQueue captures{captured.data()};
  std::uint8_t* queued_overfilled_cell = queued_overfilled.data();
  to_next_nucleus = -std::log(uniform01_open0(nucleation_rng));
  alloy_fill_s = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < n_cells; ++i) {
    const std::size_t s = a.row(i);
    const double ka_max = a.any_alloying ? alloy_rate_per_s(i, current_A_m2) : 0.0;  // as in the solve
    double contact_i = a.contact[i];
    if (a.covered[i]) {
      contact_i = contact_under_gap(a.gap_m[i]);
      if (!apply_na(a, i, contact_i, dt_s, current_A_m2, v_refill_m_s, sum)) {
        queued_overfilled_cell[i] = 0;
        continue;
      }
    }
    apply_adatoms(a, i, s, ka_max, contact_i, dt_s, current_A_m2, sum, captures, out);
    const bool over =
        current_A_m2 > 0 && a.covered[i] && overfilled(i, a.kinetics[a.row(i)], a.h_m[i], a.islands_m2[i]);
    queued_overfilled_cell[i] = over;
    if (over) spill_queue.push_back(static_cast<std::int32_t>(i));
  }
  captures.close();
  captured_count = captures.count;
  return sum;
}

NABRIDGE_PER_CELL bool MesoscaleSimulator::Impl::apply_na(const CellArrays& a, std::size_t i, double na_contact_i, double dt_s,
                                                          double current_A_m2, double v_refill_m_s, Applied& sum) {
  const double c = na_contact_i, dt = dt_s, omega_m3 = na.omega_m3;
  double* h_m = a.h_m;
  double v_strip_m_s = 0;
  const double footprint_i = a.footprint[i];
  const double weight_A_m2 = na_weight_A_m2_at(c, footprint_i);
  if (current_A_m2 != 0.0 && weight_A_m2 > 0) {
    double i_na = weight_A_m2 * na_bv_shape;
    const double q = i_na < 0 ? kE * (h_m[i] - locked_height_m(i)) / omega_m3 : 0.0;  // what stripping may take
    if (i_na < 0 && -i_na * dt >= q) {
      i_na = -q / dt;
      sum.faradaic_C_m2 -= q;
      h_m[i] = locked_height_m(i);
    } else {
      h_m[i] += omega_m3 * i_na * dt / kE;
      sum.faradaic_C_m2 += i_na * dt;
    }
    sum.na_current_A_m2 += i_na;
    sum.na_area += c * footprint_i;
    sum.na_area_pressed += plastic_contact * footprint_i;
    if (i_na < 0 && c > 0) v_strip_m_s = omega_m3 * (-i_na) / (kE * c);
  }
  // Na metal on a coating that can still alloy goes into the alloy (solid-state reaction).
  if (coating_open(a, i)) h_m[i] = take_into_alloy(i, h_m[i] / omega_m3) * omega_m3;
  if (h_m[i] <= 0) {  // all Na gone: the cell is bare collector again, its adatoms spread over it
    h_m[i] = 0;
    a.covered[i] = 0;
    a.islands_m2[i] = 0;
    a.coalesced_at[i] = -1;
    a.n1_m2[i] *= 1 - footprint_i;
    a.footprint[i] = 0;
    a.gap_m[i] = map.empty_gap_m(i);
    covered_set_changed = covered_cell_lost = true;
    return false;
  }
  // Creep cannot push the electrolyte into a pore: there the gap is at least the unfilled depth.
  a.gap_m[i] = std::max(pore_floor_m(i), a.gap_m[i] + dt * (v_strip_m_s - v_refill_m_s));
  return true;
}

NABRIDGE_PER_CELL void MesoscaleSimulator::Impl::apply_adatoms(const CellArrays& a, std::size_t i, std::size_t s,
                                                               double uptake_per_s, double contact_i, double dt_s,
                                                               double current_A_m2, Applied& sum,
                                                               CaptureQueue& captures, MesoStep& out) {
  const auto& ks = a.kinetics[s];
  const double dt = dt_s;
  double* n1_m2 = a.n1_m2;
  // Per bare area: implicit in n1 with the loss rate of the solve.
  // (A bare cell's footprint is 0, apply_na: not loaded for it.)
  const double bare = a.covered[i] ? 1 - a.footprint[i] : 1.0, n_old = n1_m2[i];
  const bool exchange = current_A_m2 != 0.0 && contact_i > 0;
  if (!(bare > 0 && (n_old > 0 || exchange))) return;
  const double k = a.adatom_loss_per_s[i];
  const auto [n_new, ka] = implicit_adatoms(n_old, dt, exchange ? contact_i : 0.0, a.adatom_creation_m2_s[s],
                                            a.adatom_oxidation_per_s[s], k, uptake_per_s, ks.n1_alloy_eq_m2);
  const double lost = dt * k * n_new;  // captured or nucleated, per bare area
  const double uptake = ka > 0 ? dt * ka * (n_new - ks.n1_alloy_eq_m2) : 0.0;  // into the alloy (≥ 0), per bare area
  if (exchange) sum.faradaic_C_m2 += bare * kE * (n_new - n_old + lost + uptake);
  n1_m2[i] = n_new;
  // What the coating cannot take any more (it filled within the step) stays with the adatoms.
  if (ka > 0) {
    n1_m2[i] += take_into_alloy(i, bare * uptake) / bare;
    const double capacity = kinetics[map.substrate[i]].alloy_capacity_m2, room = capacity - state.alloy_m2[i];
    if (room > 1e-6 * capacity && uptake > 0) alloy_fill_s = std::min(alloy_fill_s, room * dt / (bare * uptake));
    out.alloyed_C_m2 += kE * bare * uptake / static_cast<double>(n_cells);
    out.alloy_open_C_m2 += kE * room / static_cast<double>(n_cells);
  }
  if (a.covered[i]) {  // mean-field capture and nucleation by the cell's own islands
    a.h_m[i] += bare * lost * na.omega_m3;
    if (a.nucleation_per_s[i] > 0) {
      const double nuclei_m2 = bare * dt * a.nucleation_per_s[i] * n_new;
      a.islands_m2[i] += nuclei_m2;
      out.nuclei += nuclei_m2 * a.cell_area_m2;
      if (ks.full_layer(n_new)) out.crowded_nuclei += nuclei_m2 * a.cell_area_m2;
    }
  } else {
    if (lost > 0) captures.add(a.nearest_covered[i], lost);
    first_nuclei(a, i, s, dt, current_A_m2 > 0, out);
  }
}

// A Poisson process on the axis of accumulated λ = J A dt: the next event lies an Exp(1)
// distance ahead, so a cell gets at least one with probability 1 − e^{−λ}, independently of the
// others (one random number per event). Given one, the cell holds λ/(1 − e^{−λ}) nuclei on
// average. No Na islands on a coating that can still alloy: its Na goes into the alloy.
NABRIDGE_PER_CELL void MesoscaleSimulator::Impl::first_nuclei(const CellArrays& a, std::size_t i, std::size_t s, double dt_s,
                                                              bool plating, MesoStep& out) {
  const auto& ks = a.kinetics[s];
  const double n_now = a.n1_m2[i];
  if (!(n_now > ks.n1_nucleation_min_m2) || coating_open(a, i)) return;
  // Adatoms that cannot move (E_a ≳ 1.1 eV) occupy sites at random: past the site-percolation
  // threshold they touch across the cell, one connected Na layer that Na grows on (a wetting
  // layer), however slowly they would meet by diffusion. Like Na spilt into a cell it adds no
  // islands of its own: its cluster counts as one island at least (capture, coalescence). Only
  // while plating: when stripping, a row that binds Na more strongly than bulk Na draws adatoms
  // from the dissolving Na (an adsorbed layer the anodic cut-off cannot strip), not a Na layer
  // to grow or strip.
  if (plating && n_now >= ks.n1_layer_m2) {
    cover_cell(a, i, 0, n_now);
    out.layer_cells += 1;
    return;
  }
  const auto nt = ks.nucleation_at_density(n_now);
  if (!(nt.ratio > 0)) return;
  const double lambda = ks.sigma_D_m2_s * n_now * n_now * nt.ratio * a.cell_area_m2 * dt_s;
  if (lambda < to_next_nucleus) {
    to_next_nucleus -= lambda;
    return;
  }
  to_next_nucleus = -std::log(uniform01_open0(nucleation_rng));
  // At most the nuclei its adatoms make (each takes i*+1 of them; at least two): a cell whose
  // adatoms jumped within one step (a coating filled) would otherwise get λ ≫ its atoms.
  const double m = std::min(lambda / -std::expm1(-lambda), std::max(2.0, n_now * a.cell_area_m2 / nt.atoms));
  // Adatoms into the nuclei: where a cell holds fewer than the nuclei take (a diffusion length
  // far above the cell), they form with what it holds and grow by capture.
  const double take = std::min(m * nt.atoms / a.cell_area_m2, n_now);
  cover_cell(a, i, m, take);
  out.nuclei += m;
  if (ks.full_layer(n_now)) out.crowded_nuclei += m;
}

NABRIDGE_PER_CELL void MesoscaleSimulator::Impl::cover_cell(const CellArrays& a, std::size_t i, double islands,
                                                            double take_m2) {
  a.covered[i] = 1;
  a.coalesced_at[i] = -1;  // starts at its zone's coverage
  a.h_m[i] = take_m2 * na.omega_m3;
  a.n1_m2[i] -= take_m2;
  a.islands_m2[i] = islands / a.cell_area_m2;
  a.gap_m[i] = std::max(0.0, a.gap_m[i] - a.h_m[i]);
  newly_covered.push_back(static_cast<std::int32_t>(i));
  covered_set_changed = true;
}

void MesoscaleSimulator::Impl::deliver_captured(double current_A_m2) {
  const double omega_m3 = na.omega_m3;
  // What a covered cell holds does not change here (its islands and row stay); neighbouring bare
  // cells mostly deliver to the same covered cell, so its last value is kept.
  std::int32_t holds_of = -1;
  double holds = 0;
  for (std::size_t k = 0; k < captured_count; ++k) {
    const auto [t, amount] = captured[k];
    if (state.covered[t]) {
      state.h_m[t] += amount * omega_m3;
      state.gap_m[t] = std::max(pore_floor_m(t), state.gap_m[t] - amount * omega_m3);  // Na arriving from below fills a gap
      if (current_A_m2 <= 0) continue;
      if (t != holds_of) holds_of = t, holds = holds_m(t);
      if (state.h_m[t] > holds) spill_queue.push_back(t);
    } else {
      state.n1_m2[t] += amount;
    }
  }
}

// Lateral growth (plating only: only plating queues cells): Na beyond what a cell holds spills
// into neighbours that hold less than they can: uncovered ones (one island growing across cells;
// they hold no nuclei of their own), covered ones below their holding (the cells an island spilt
// into before, or another island's cell it grows into) and pores not yet filled to the rim (soft
// Na pressed into the collector's pores by the stack pressure). Covered neighbours used to take
// nothing: an island whose four neighbours it had covered with a trace of Na grew as a column on
// its cell, its area bounded by a few cells, so on a row with a nucleation barrier the first
// nuclei took the current later on smaller cells and N rose by 21–32 % per halving (BaTiO3-BaO
// at 0.1 mA/cm², docs/upscale.md).
void MesoscaleSimulator::Impl::spill_excess() {
  auto& covered = state.covered;
  auto& h_m = state.h_m;
  auto& gap_m = state.gap_m;
  // A cell spilling keeps exactly its holding, so it takes nothing back (strictly below only).
  // Overfilled covered cells (every cell of a film) are told apart without the square root.
  auto takes = [&](std::int32_t k) {
    if (queued_overfilled[k]) return false;
    if (!covered[k]) return true;
    const auto& ks = kinetics[map.substrate[k]];
    return !overfilled(k, ks, h_m[k], state.islands_m2[k]) && h_m[k] < holds_m_at(k, ks, state.islands_m2[k]);
  };
  while (!spill_queue.empty()) {
    const std::int32_t j = spill_queue.back();
    spill_queue.pop_back();
    const auto nb = neighbours4(j);
    // Takers decided before any of them receives (on a map two cells wide a neighbour repeats).
    std::array<bool, 4> to{};
    int free = 0;
    for (int n = 0; n < 4; ++n) free += to[n] = takes(nb[n]);
    if (!free) continue;
    const double holds = holds_m(j), excess = h_m[j] - holds;
    if (excess <= 0) continue;
    const double share = excess / free;
    h_m[j] = holds;
    queued_overfilled[j] = 0;
    for (int n = 0; n < 4; ++n) {
      if (!to[n]) continue;
      const std::int32_t k = nb[n];
      if (covered[k]) {  // Na arriving from beside fills a gap under it, a pore from its rim
        h_m[k] += share;
        gap_m[k] = std::max(pore_floor_m(k), gap_m[k] - share);
      } else {
        covered[k] = 1;
        coalesced_at[k] = -1;
        newly_covered.push_back(k);
        covered_set_changed = true;
        h_m[k] = share + state.n1_m2[k] * na.omega_m3;
        state.n1_m2[k] = 0;
        state.islands_m2[k] = 0;
        gap_m[k] = std::max(0.0, map.empty_gap_m(k) - h_m[k]);
      }
      if (h_m[k] > holds_m(k)) spill_queue.push_back(k);
    }
  }
}

// Lateral adatom diffusion across pairs that involve a gap cell: one conservative explicit step
// with the exchange fraction κ = min(D dt/a², 0.2) per pair (stable, positive).
void MesoscaleSimulator::Impl::diffuse_into_gaps(double dt_s) {
  double* n1_m2 = state.n1_m2.data();
  const std::uint8_t* covered = state.covered.data();
  const std::uint8_t* substrate = map.substrate.data();
  // The fluxes of all edges first, then applied in edge order; only edges that carry one are
  // kept (most pairs touch a covered cell or hold equal densities), written through a pointer
  // into room for every edge (a push_back per edge reloaded and stored the vector's end).
  gap_fluxes.resize(gap_edges.size());
  EdgeFlux* fluxes = gap_fluxes.data();
  std::size_t count = 0;
  // κ of the last pair of rows: an edge mostly joins the same rows as the one before.
  int last_si = -1, last_sj = -1;
  double kappa = 0;
  for (const auto& [i, j] : gap_edges) {
    if (covered[i] || covered[j] || n1_m2[i] == n1_m2[j]) continue;
    const int si = substrate[i], sj = substrate[j];
    if (si != last_si || sj != last_sj) {
      last_si = si, last_sj = sj;
      kappa = std::min(0.2, dt_s * std::min(kinetics[si].D_m2_s, kinetics[sj].D_m2_s) / cell_area_m2);
    }
    fluxes[count++] = {i, j, kappa * (n1_m2[i] - n1_m2[j])};
  }
  for (std::size_t k = 0; k < count; ++k) {
    n1_m2[fluxes[k].from] -= fluxes[k].flux_m2;
    n1_m2[fluxes[k].to] += fluxes[k].flux_m2;
  }
}

double MesoscaleSimulator::Impl::take_into_alloy(std::size_t i, double atoms_m2) {
  const auto& k = kinetics[map.substrate[i]];
  const double room = k.alloy_capacity_m2 - state.alloy_m2[i];
  if (atoms_m2 < room) {
    state.alloy_m2[i] += atoms_m2;
    return 0.0;
  }
  state.alloy_m2[i] = k.alloy_capacity_m2;
  if (k.alloy_phase >= 0) map.substrate[i] = static_cast<std::uint8_t>(k.alloy_phase);
  return atoms_m2 - room;
}

}  // namespace nabridge::upscale
