// One time step of the mesoscale simulator (model in mesoscale.h and docs/upscale.md). The
// per-cell work is organised in a few raster passes (distance transform, apply, measure) so
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
}

MesoStep MesoscaleSimulator::Impl::step(double dt, double I) {
  if (!(dt > 0) || !std::isfinite(dt)) throw std::invalid_argument("mesoscale: step dt must be > 0");
  if (!std::isfinite(I)) throw std::invalid_argument("mesoscale: step current must be finite");
  MesoStep out;
  const int nx = map.nx, ny = map.ny;
  const std::size_t S = K.size();
  const double Om = na.omega_m3, a2 = map.cell_m * map.cell_m;
  const double eta0 = st.eta_V;
  const bool faradaic_on = I != 0.0;
  const double inv_void = 1.0 / op.void_height_m;
  auto& cov = st.covered;
  auto& n1 = st.n1_m2;
  auto& h = st.h_m;
  auto& gap = st.gap_m;

  auto& isl = st.islands_m2;

  // Part of a pore's depth its Na has not filled (0 outside pores).
  auto pore_floor = [&](std::size_t i) { return map.is_pore(i) ? std::max(0.0, map.pore_depth_m - h[i]) : 0.0; };
  auto contact_of = [&](std::size_t i) { return c_P * std::clamp(1.0 - gap[i] * inv_void, 0.0, 1.0); };
  // Islands in a covered cell for its geometry and capture: at least the one its Na forms.
  auto islands_in = [&](std::size_t i) { return std::max(isl[i] * A_cell, 1.0); };
  // Na volume per area a cell keeps before spilling: its caps covering it, a pore full to the rim.
  auto holds = [&](std::size_t k) {
    const double cap = K[map.substrate[k]].fill_m(islands_in(k));
    return map.is_pore(k) ? std::max(cap, map.pore_depth_m) : cap;
  };

  if (cover_changed) update_capture_zones();
  // Coalescence (Venables, mean field over a capture zone): as the Na covers more of the zone,
  // dN = −2N dZ. Then the islands per cluster.
  zone_coverage.assign(clusters, 0.0);
  for (std::size_t i = 0; i < N; ++i)
    if (cov[i]) zone_coverage[cluster[i]] += phi[i] / zone_cells[cluster[i]];
  zone_islands.assign(clusters, 0.0);
  detail::Recall coalescence_factor([](double dZ) { return std::exp(-2.0 * dZ); });
  for (std::size_t i = 0; i < N; ++i) {
    if (!cov[i]) continue;
    const double Z = zone_coverage[cluster[i]];
    if (Z > coalesced_at[i] && coalesced_at[i] >= 0) isl[i] *= coalescence_factor(Z - coalesced_at[i]);
    coalesced_at[i] = Z;
    zone_islands[cluster[i]] += isl[i] * A_cell;
  }
  // Mean-field capture rate σ D N of the adatoms in the zone of the cluster of covered cell j,
  // N its islands per zone area (the rate equations' capture, independent of the cell size).
  auto zone_capture = [&](std::size_t s, std::int32_t j) {
    const auto r = cluster[j];
    return K[s].sigma_D_m2_s * std::max(zone_islands[r], 1.0) / (zone_cells[r] * A_cell);
  };

  // Per-cell rates for the overpotential solve and the update: the Butler–Volmer weight c φ i0_Na
  // of the Na (reacting at η: metallic Na screens any built-in field), and on the bare part the
  // adatom loss rate = capture σ D N by the islands of the zone + mean-field nucleation
  // (i*+1) σ D n_i* (covered cells; bare cells get their first nuclei drawn in the update).
  Wna.assign(S, 0.0);
  // ln S and e^{ln_ratio} of the nucleation rate (this pass and the apply pass).
  detail::Recall ln_S([](double S_) { return std::log(S_); });
  detail::Recall exp_ln_ratio([](double x) { return std::exp(x); });
  exchanging.clear();
  alloying.clear();
  for (std::size_t i = 0; i < N; ++i) {
    const std::size_t s = map.substrate[i];
    double cf, bare, k;
    nuc_rate[i] = 0;
    if (cov[i]) {
      cf = contact_of(i);
      bare = 1 - phi[i];
      w[i] = cf * phi[i] * na.i0_A_m2;
      Wna[s] += w[i];
      k = zone_capture(s, static_cast<std::int32_t>(i));
      if (bare > 0 && n1[i] > K[s].n1_nucleation_min_m2 && !coating_open(i)) {
        const auto nt = K[s].nucleation(kT * ln_S(n1[i] / K[s].n1_eq_m2));
        nuc_rate[i] = K[s].sigma_D_m2_s * n1[i] * exp_ln_ratio(nt.ln_ratio);
        k += nt.atoms * nuc_rate[i];
      }
    } else {
      cf = map.contact[i];
      bare = 1;
      k = nearest[i] < 0 ? 0.0 : zone_capture(s, nearest[i]);
    }
    k_loss[i] = k;
    if (faradaic_on && cf > 0 && bare > 0) {
      if (const double ka = alloy_rate_per_s(i, I); ka > 0)
        alloying.push_back({static_cast<std::uint8_t>(s), bare * cf, cf, k, n1[i], ka, K[s].n1_alloy_eq_m2});
      else
        add_exchanging({static_cast<std::uint8_t>(s), 1, bare * cf, cf, k, n1[i]});
    }
  }

  double eta = eta0;
  if (faradaic_on) {
    const OverpotentialRoot root = solve_overpotential(dt, I);
    if (root.limited && I > 0) {
      out.limited = true;
      out.eta_V = root.eta;
      return out;  // plating cannot go on: the state is left as it was
    }
    out.limited = root.limited;  // stripping: the cut-off, the apply pass caps every cell it must
    eta = root.eta;
    kinetics_at(eta);
  } else {
    std::fill(av.begin(), av.end(), 0.0);
    std::fill(bv.begin(), bv.end(), 0.0);
    g0 = 0;
  }

  // Apply: Na-covered cells (Butler–Volmer, cap, void height), then the adatoms of every bare
  // part (exchange, capture, nucleation). Captured adatoms of bare cells are delivered after the
  // pass so that no cell's Na changes between the overpotential solve and its own update.
  const double sigma_eff = op.pressure_Pa / std::max(contact, 1e-3);
  const double v_refill = creep_rate_per_s(na.creep, sigma_eff, op.T_K) * creep_length_m + v_vacancy_m_s;
  double faradaic = 0;  // Σ over cells of charge per cell area (C/m²)
  double na_current = 0, na_area = 0, na_area_pressed = 0;
  work.clear();
  deposits.clear();
  double to_next_event = -std::log(uniform01_open0(rng));
  for (std::size_t i = 0; i < N; ++i) {
    const std::size_t s = map.substrate[i];
    const auto& Ks = K[s];
    const double ka_max = alloy_rate_per_s(i, I);  // as in the solve
    double cf = map.contact[i];
    if (cov[i]) {
      const double c = contact_of(i);
      cf = c;
      double v_strip = 0;
      if (faradaic_on && w[i] > 0) {
        double ii = w[i] * g0;
        const double q = ii < 0 ? kE * (h[i] - locked_height_m(i)) / Om : 0.0;  // what stripping may take
        if (ii < 0 && -ii * dt >= q) {
          ii = -q / dt;
          faradaic -= q;
          h[i] = locked_height_m(i);
        } else {
          h[i] += Om * ii * dt / kE;
          faradaic += ii * dt;
        }
        na_current += ii;
        na_area += c * phi[i];
        na_area_pressed += c_P * phi[i];
        if (ii < 0 && c > 0) v_strip = Om * (-ii) / (kE * c);
      }
      // Na metal on a coating that can still alloy goes into the alloy (solid-state reaction).
      if (coating_open(i)) h[i] = take_into_alloy(i, h[i] / Om) * Om;
      if (h[i] <= 0) {  // all Na gone: the cell is bare collector again, its adatoms spread over it
        h[i] = 0;
        cov[i] = 0;
        isl[i] = 0;
        coalesced_at[i] = -1;
        n1[i] *= 1 - phi[i];
        phi[i] = 0;
        gap[i] = map.empty_gap_m(i);
        cover_changed = true;
        continue;
      }
      // Void height: stripping at the contact spots against creep and vacancy refill.
      // Creep cannot push the electrolyte into a pore: there the gap is at least the unfilled depth.
      gap[i] = std::max(pore_floor(i), gap[i] + dt * (v_strip - v_refill));
    }
    // Adatoms on the bare part (per bare area): implicit in n1 with the loss rate of the solve.
    const double bare = 1 - phi[i], n_old = n1[i];
    const bool exchange = faradaic_on && cf > 0;
    if (bare > 0 && (n_old > 0 || exchange)) {
      const double k = k_loss[i];
      const auto [n_new, ka] = implicit_adatoms(n_old, dt, exchange ? cf : 0.0, av[s], bv[s], k, ka_max,
                                                Ks.n1_alloy_eq_m2);
      const double lost = dt * k * n_new;  // captured or nucleated, per bare area
      const double uptake = dt * ka * (n_new - Ks.n1_alloy_eq_m2);  // into the alloy (≥ 0), per bare area
      if (exchange) faradaic += bare * kE * (n_new - n_old + lost + uptake);
      n1[i] = n_new;
      // What the coating cannot take any more (it filled within the step) stays with the adatoms.
      if (ka > 0) {
        n1[i] += take_into_alloy(i, bare * uptake) / bare;
        out.alloyed_C_m2 += kE * bare * uptake / static_cast<double>(N);
        out.alloy_open_C_m2 += kE * (K[map.substrate[i]].alloy_capacity_m2 - st.alloy_m2[i]) / static_cast<double>(N);
      }
      if (cov[i]) {  // mean-field capture and nucleation by the cell's own islands
        h[i] += bare * lost * Om;
        if (nuc_rate[i] > 0) {
          const double nuclei_m2 = bare * dt * nuc_rate[i] * n_new;
          isl[i] += nuclei_m2;
          out.nuclei += nuclei_m2 * A_cell;
        }
      } else {
        if (lost > 0) deposits.emplace_back(nearest[i], lost);
        // First nuclei of a bare cell: a Poisson process on the axis of accumulated λ = J A dt;
        // the next event lies an Exp(1) distance ahead, so a cell gets at least one with
        // probability 1 − e^{−λ}, independently of the others (one random number per event).
        // Given one, the cell holds λ/(1 − e^{−λ}) nuclei on average.
        // No Na islands on a coating that can still alloy: its Na goes into the alloy.
        const double n_now = n1[i];
        if (n_now > Ks.n1_nucleation_min_m2 && !coating_open(i)) {
          const auto nt = Ks.nucleation(kT * ln_S(n_now / Ks.n1_eq_m2));
          if (nt.ln_ratio > -700) {
            const double lambda = Ks.sigma_D_m2_s * n_now * n_now * exp_ln_ratio(nt.ln_ratio) * A_cell * dt;
            if (lambda >= to_next_event) {
              to_next_event = -std::log(uniform01_open0(rng));
              // At most the nuclei its adatoms make (each takes i*+1 of them; at least two): a cell
              // whose adatoms jumped within one step (a coating filled) would otherwise get λ ≫ its atoms.
              const double m = std::min(lambda / -std::expm1(-lambda), std::max(2.0, n_now * A_cell / nt.atoms));
              // Adatoms into the nuclei: where a cell holds fewer than the nuclei take (a
              // diffusion length far above the cell), they form with what it holds and grow by capture.
              const double take = std::min(m * nt.atoms / A_cell, n_now);
              cov[i] = 1;
              coalesced_at[i] = -1;  // starts at its zone's coverage
              h[i] = take * Om;
              n1[i] = n_now - take;
              isl[i] = m / A_cell;
              gap[i] = std::max(0.0, gap[i] - h[i]);
              out.nuclei += m;
              cover_changed = true;
            } else {
              to_next_event -= lambda;
            }
          }
        }
      }
    }
    if (I > 0 && cov[i] && h[i] > holds(i)) work.push_back(static_cast<std::int32_t>(i));
  }
  for (const auto& [t, amount] : deposits) {
    if (cov[t]) {
      h[t] += amount * Om;
      gap[t] = std::max(pore_floor(t), gap[t] - amount * Om);  // Na arriving from below fills a gap
      if (I > 0 && h[t] > holds(t)) work.push_back(t);
    } else {
      n1[t] += amount;
    }
  }

  // Lateral growth (plating only): Na beyond what a cell holds spills into uncovered neighbours
  // (one island growing across cells; they hold no nuclei of their own) and into neighbouring
  // pores not yet filled to the rim (soft Na pressed into the collector's pores by the stack pressure).
  auto takes = [&](std::size_t k) { return !cov[k] || (map.is_pore(k) && h[k] < map.pore_depth_m); };
  while (!work.empty()) {
    const std::size_t j = work.back();
    work.pop_back();
    const double excess = h[j] - holds(j);
    if (excess <= 0) continue;
    const int x = static_cast<int>(j % nx), y = static_cast<int>(j / nx);
    const std::size_t nb[4] = {static_cast<std::size_t>(y) * nx + (x + 1) % nx, static_cast<std::size_t>(y) * nx + (x + nx - 1) % nx,
                               static_cast<std::size_t>((y + 1) % ny) * nx + x, static_cast<std::size_t>((y + ny - 1) % ny) * nx + x};
    int free = 0;
    for (auto k : nb) free += takes(k);
    if (!free) continue;
    const double share = excess / free;
    h[j] -= excess;
    for (auto k : nb) {
      if (!takes(k)) continue;
      if (cov[k]) {  // a covered pore: fills from its rim
        h[k] += share;
        gap[k] = std::max(pore_floor(k), gap[k] - share);
      } else {
        cov[k] = 1;
        coalesced_at[k] = -1;
        cover_changed = true;
        h[k] = share + n1[k] * Om;
        n1[k] = 0;
        isl[k] = 0;
        gap[k] = std::max(0.0, map.empty_gap_m(k) - h[k]);
      }
      if (h[k] > holds(k)) work.push_back(static_cast<std::int32_t>(k));
    }
  }

  // Lateral adatom diffusion across pairs that involve a gap cell: one conservative explicit
  // step with the exchange fraction κ = min(D dt/a², 0.2) per pair (stable, positive).
  if (!gap_edges.empty()) {
    edge_flux.assign(gap_edges.size(), 0.0);
    bool some = false;
    for (std::size_t e = 0; e < gap_edges.size(); ++e) {
      const auto [i, j] = gap_edges[e];
      if (cov[i] || cov[j] || n1[i] == n1[j]) continue;
      const double kappa = std::min(0.2, dt * std::min(K[map.substrate[i]].D_m2_s, K[map.substrate[j]].D_m2_s) / a2);
      edge_flux[e] = kappa * (n1[i] - n1[j]);
      some = true;
    }
    if (some)
      for (std::size_t e = 0; e < gap_edges.size(); ++e) {
        n1[gap_edges[e].first] -= edge_flux[e];
        n1[gap_edges[e].second] += edge_flux[e];
      }
  }

  st.eta_V = eta;
  st.t_s += dt;
  out.eta_V = eta;
  out.faradaic_C_m2 = faradaic / static_cast<double>(N);
  out.double_layer_C_m2 = op.C_dl_F_m2 * (eta - eta0);
  out.focusing = (na_area > 0 && I != 0) ? std::abs(na_current) / (na_area * std::abs(I)) : 0.0;
  // Contact lost to voids (and unfilled gaps) under the Na, relative to the plastic contact the
  // stack pressure gives: the factor by which voids concentrate the current.
  out.void_focusing = na_area > 0 ? na_area_pressed / na_area : (na_area_pressed > 0 ? 1e300 : 1.0);
  measure();
  return out;
}

namespace {
/// Root of the increasing g on [−cut, cut] (g(x) gives {value, slope}) by Newton's method from
/// `guess`, kept inside the bracket its iterates build: a step that would leave it tries the
/// cut-off on that side if not yet seen, else bisects. η moves little from one time step to the
/// next, so this takes about four evaluations. Ends when |g| ≤ tol, when the step or the bracket
/// is at round-off; limited when g keeps its sign up to a cut-off.
struct Root {
  double x;
  bool limited;  // no root inside: x is the cut-off on the root's side
};

template <class G>
Root newton_root(G&& g, double guess, double cut, double tol) {
  double lo = -cut, hi = cut;
  bool lo_seen = false, hi_seen = false;
  double x = std::clamp(guess, -cut, cut);
  for (int it = 0; it < 200; ++it) {
    const auto [f, slope] = g(x);
    if (std::abs(f) <= tol) break;
    if (f < 0) {
      if (x == cut) return {cut, true};
      lo = x, lo_seen = true;
    } else {
      if (x == -cut) return {-cut, true};
      hi = x, hi_seen = true;
    }
    if (hi - lo <= 1e-15 * cut) break;
    double next = x - f / slope;
    if (next == x) break;  // the step is below round-off
    if (!(next > lo && next < hi)) next = !hi_seen && next >= hi ? hi : !lo_seen && next <= lo ? lo : 0.5 * (lo + hi);
    x = next;
  }
  return {x, false};
}
}  // namespace

void MesoscaleSimulator::Impl::kinetics_at(double eta) {
  const double alpha = na.alpha;
  const double ec0 = std::exp(alpha * f * eta), ea0 = std::exp(-(1 - alpha) * f * eta);
  g0 = ec0 - ea0;
  g0_slope = f * (alpha * ec0 + (1 - alpha) * ea0);
  for (std::size_t s = 0; s < K.size(); ++s) {
    const double x = eta + K[s].offset_V;
    const double ec = std::exp(alpha * f * x), ea = std::exp(-(1 - alpha) * f * x);
    av[s] = K[s].i0_A_m2 * ec / kE;
    bv[s] = K[s].i0_A_m2 * ea / (kE * K[s].n1_eq_m2);
  }
}

MesoscaleSimulator::Impl::CurrentAt MesoscaleSimulator::Impl::mean_current(double eta, double dt, double Qcapped) {
  kinetics_at(eta);
  // d a/dη = α f a, d b/dη = −(1−α) f b.
  const double fa = na.alpha * f, fb = (1 - na.alpha) * f;
  double sum = Qcapped, slope = 0;
  for (std::size_t s = 0; s < K.size(); ++s) sum += Wna[s] * g0, slope += Wna[s] * g0_slope;
  for (const auto& x : exchanging) {
    const double a = av[x.s], b = bv[x.s], r = 1 + dt * x.k;
    const double num = a * r - b * x.n1, den = 1 + dt * (x.contact * b + x.k), per = x.cells * x.weight * kE / den;
    sum += per * num;
    slope += per * (fa * a * r + fb * b * x.n1 + num * fb * dt * x.contact * b / den);
  }
  for (const auto& x : alloying) {
    const double a = av[x.s], b = bv[x.s];
    const double n = implicit_adatoms(x.n1, dt, x.contact, a, b, x.k, x.ka, x.n_eq).first;
    sum += x.weight * kE * (a - b * n);
    slope += x.weight * kE * (fa * a + fb * b * n);  // n held fixed: the slope only steers Newton
  }
  const double Nd = static_cast<double>(N);
  return {op.C_dl_F_m2 * (eta - st.eta_V) / dt + sum / Nd, op.C_dl_F_m2 / dt + slope / Nd};
}

MesoscaleSimulator::Impl::OverpotentialRoot MesoscaleSimulator::Impl::solve_overpotential(double dt, double I) {
  const double cut = op.eta_cutoff_V, Om = na.omega_m3;
  double eta = st.eta_V;
  double Qcapped = 0;  // Σ of capped currents (A/m² of cell), ≤ 0
  bool any_capped = false;
  auto residual = [&](double e) {
    CurrentAt c = mean_current(e, dt, Qcapped);
    c.value -= I;
    return c;
  };
  // In stripping a cell cannot give more Na than it holds: cells whose current at the solved η
  // would exhaust them are capped at q/dt and η is solved again (more anodic, so the capped
  // set only grows) until no further cell caps.
  for (;;) {
    const Root root = newton_root(residual, eta, cut, 1e-15 * std::abs(I));
    if (root.limited || I > 0) return {root.x, root.limited};
    eta = root.x;
    kinetics_at(eta);
    if (!any_capped) std::fill(capflag.begin(), capflag.end(), 0);
    std::size_t newly = 0;
    for (std::size_t i = 0; i < N; ++i)
      if (st.covered[i] && !capflag[i] && -w[i] * g0 * dt >= kE * (st.h_m[i] - locked_height_m(i)) / Om) capflag[i] = 1, ++newly;
    if (!newly) return {eta, false};
    any_capped = true;
    std::fill(Wna.begin(), Wna.end(), 0.0);
    Qcapped = 0;
    for (std::size_t i = 0; i < N; ++i) {
      if (!st.covered[i]) continue;
      if (capflag[i])
        Qcapped -= kE * (st.h_m[i] - locked_height_m(i)) / Om / dt;
      else
        Wna[map.substrate[i]] += w[i];
    }
  }
}

// Capture zones: every bare cell belongs to its nearest Na-covered cell (8-neighbour chamfer
// distance transform, two raster passes with periodic wrap), which captures its adatoms, and
// so to the zone of that cell's cluster of covered cells (one island or several grown
// together). Redone only when the set of covered cells changed since the last one.
void MesoscaleSimulator::Impl::update_capture_zones() {
  const int nx = map.nx, ny = map.ny;
  const auto& cov = st.covered;
  cover_changed = false;
  constexpr float inf = std::numeric_limits<float>::infinity();
  for (std::size_t i = 0; i < N; ++i) {
    dist[i] = cov[i] ? 0.0f : inf;
    nearest[i] = cov[i] ? static_cast<std::int32_t>(i) : -1;
  }
  if (n_covered > 0 && n_covered < N) {
    const float d1 = 1.0f, d2 = 1.41421356f;
    std::vector<int> xm(nx), xp(nx);
    for (int x = 0; x < nx; ++x) xm[x] = (x + nx - 1) % nx, xp[x] = (x + 1) % nx;
    // Branch-free (selects): on a random map the comparison is unpredictable.
    auto relax = [&](std::size_t i, std::size_t j, float wgt) {
      const float d = dist[j] + wgt;
      const bool closer = d < dist[i];
      dist[i] = closer ? d : dist[i];
      nearest[i] = closer ? nearest[j] : nearest[i];
    };
    for (int y = 0; y < ny; ++y) {
      const std::size_t row = static_cast<std::size_t>(y) * nx, up = static_cast<std::size_t>((y + ny - 1) % ny) * nx;
      for (int x = 0; x < nx; ++x) {
        const std::size_t i = row + x;
        if (!cov[i]) relax(i, row + xm[x], d1), relax(i, up + xm[x], d2), relax(i, up + x, d1), relax(i, up + xp[x], d2);
      }
    }
    for (int y = ny - 1; y >= 0; --y) {
      const std::size_t row = static_cast<std::size_t>(y) * nx, down = static_cast<std::size_t>((y + 1) % ny) * nx;
      for (int x = nx - 1; x >= 0; --x) {
        const std::size_t i = row + x;
        if (!cov[i]) relax(i, row + xp[x], d1), relax(i, down + xp[x], d2), relax(i, down + x, d1), relax(i, down + xm[x], d2);
      }
    }
  }
  clusters = detail::label_clusters(cov, nx, ny, cluster);
  zone_cells.assign(clusters, 0);
  for (std::size_t i = 0; i < N; ++i)
    if (nearest[i] >= 0) ++zone_cells[cluster[nearest[i]]];
}

double MesoscaleSimulator::Impl::take_into_alloy(std::size_t i, double atoms_m2) {
  const auto& k = K[map.substrate[i]];
  const double room = k.alloy_capacity_m2 - st.alloy_m2[i];
  if (atoms_m2 < room) {
    st.alloy_m2[i] += atoms_m2;
    return 0.0;
  }
  st.alloy_m2[i] = k.alloy_capacity_m2;
  if (k.alloy_phase >= 0) map.substrate[i] = static_cast<std::uint8_t>(k.alloy_phase);
  return atoms_m2 - room;
}

}  // namespace nabridge::upscale
