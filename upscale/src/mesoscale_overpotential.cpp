// The electrode overpotential of a mesoscale step: the η at which double-layer charging plus
// the Faradaic currents of all cells carry the applied current (model in mesoscale.h).
#include <algorithm>
#include <cmath>

#include "mesoscale_impl.h"
#include "nabridge/upscale/constants.h"

namespace nabridge::upscale {

namespace {
constexpr double kE = kElementaryCharge_C;

/// Root of the increasing g on [−cut, cut] (g(x) gives {value, slope}) by Newton's method from
/// `guess`, kept inside the bracket its iterates build: a step that would leave it tries the
/// cut-off on that side if not yet seen, else bisects. η moves little from one time step to the
/// next: from the guess the caller extrapolates, this takes about 2.3 evaluations (3.0 from the
/// last η). Ends when |g| ≤ tol, after a step below 1 nV inside the bracket, when the step or the
/// bracket is at round-off; limited when g keeps its sign up to a cut-off.
struct Root {
  double x;
  bool limited;  // no root inside: x is the cut-off on the root's side
};

constexpr double kConvergedStep_V = 1e-9;

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
    const bool inside = next > lo && next < hi;
    // A Newton step this small leaves an error of order (step / 1 V)² · 10 V: at round-off, so
    // the evaluation that would confirm it is skipped.
    if (inside && std::abs(next - x) <= kConvergedStep_V) return {next, false};
    if (!inside) next = !hi_seen && next >= hi ? hi : !lo_seen && next <= lo ? lo : 0.5 * (lo + hi);
    x = next;
  }
  return {x, false};
}
}  // namespace

void MesoscaleSimulator::Impl::kinetics_at(double eta_V) {
  const double alpha = na.alpha, f = f_per_V;
  const double ec0 = std::exp(alpha * f * eta_V), ea0 = std::exp(-(1 - alpha) * f * eta_V);
  na_bv_shape = ec0 - ea0;
  na_bv_shape_slope_per_V = f * (alpha * ec0 + (1 - alpha) * ea0);
  for (std::size_t s = 0; s < kinetics.size(); ++s) {
    const auto& ks = kinetics[s];
    const double x = eta_V + ks.offset_V;
    const double ec = std::exp(alpha * f * x), ea = std::exp(-(1 - alpha) * f * x);
    // An adatom forms only on a free site: creation a (1 − n1/N0), written as a − (a/N0) n1 so
    // that the site exclusion joins the oxidation term (linear in n1, implicit). In the dilute
    // limit of every mobile row (nuclei form at n1/N0 ≲ 10⁻³) this is the exchange as before;
    // on a row whose adatoms cannot reach nuclei (E_a > ~1.1 eV) it keeps n1 below N0, which
    // would otherwise take charge without bound (docs/upscale.md, "Site exclusion").
    const double creation_m2_s = ks.i0_A_m2 * ec / kE, oxidation_per_s = ks.i0_A_m2 * ea / (kE * ks.n1_eq_m2);
    const double blocking_per_s = creation_m2_s / ks.N0_m2;
    adatom_creation_m2_s[s] = creation_m2_s;
    adatom_oxidation_per_s[s] = oxidation_per_s + blocking_per_s;
    adatom_oxidation_decay_per_V[s] = f * ((1 - alpha) * oxidation_per_s - alpha * blocking_per_s);
  }
}

MesoscaleSimulator::Impl::CurrentAt MesoscaleSimulator::Impl::mean_current(double eta_V, double dt_s, double capped_A_m2) {
  kinetics_at(eta_V);
  const double dt = dt_s;
  // d a/dη = α f a, d b/dη = −b_decay (adatom_oxidation_decay_per_V).
  const double fa = na.alpha * f_per_V;
  double sum = capped_A_m2, slope = 0;
  for (std::size_t s = 0; s < kinetics.size(); ++s)
    sum += na_weight_by_substrate_A_m2[s] * na_bv_shape, slope += na_weight_by_substrate_A_m2[s] * na_bv_shape_slope_per_V;
  // The exchanging parts' terms, a block at a time: independent of each other (on one substrate
  // the compiler computes two at once), then summed in list order.
  const auto& ex = exchanging;
  const std::int32_t* ex_substrate = ex.substrate.data();
  const double *ex_charge_weight = ex.charge_weight_C.data(), *ex_contact = ex.contact.data(),
               *ex_loss = ex.loss_per_s.data(), *ex_n1 = ex.n1_m2.data();
  constexpr std::size_t kBlock = 256;
  double term[kBlock], term_slope[kBlock];
  for (std::size_t k0 = 0; k0 < ex.count; k0 += kBlock) {
    const std::size_t m = std::min(kBlock, ex.count - k0);
    auto terms = [&](std::size_t j, double a, double b, double b_decay) {
      const std::size_t k = k0 + j;
      const double r = 1 + dt * ex_loss[k];
      const double num = a * r - b * ex_n1[k], inv_den = 1 / (1 + dt * (ex_contact[k] * b + ex_loss[k]));
      const double per = ex_charge_weight[k] * inv_den;
      term[j] = per * num;
      term_slope[j] = per * (fa * a * r + b_decay * ex_n1[k] + num * dt * ex_contact[k] * b_decay * inv_den);
    };
    if (ex.one_substrate) {
      const std::int32_t s = ex_substrate[0];
      const double a = adatom_creation_m2_s[s], b = adatom_oxidation_per_s[s];
      const double b_decay = adatom_oxidation_decay_per_V[s];
      for (std::size_t j = 0; j < m; ++j) terms(j, a, b, b_decay);
    } else {
      for (std::size_t j = 0; j < m; ++j) {
        const std::int32_t s = ex_substrate[k0 + j];
        terms(j, adatom_creation_m2_s[s], adatom_oxidation_per_s[s], adatom_oxidation_decay_per_V[s]);
      }
    }
    for (std::size_t j = 0; j < m; ++j) sum += term[j], slope += term_slope[j];
  }
  for (const auto& x : alloying) {
    const double a = adatom_creation_m2_s[x.substrate], b = adatom_oxidation_per_s[x.substrate];
    const double n = implicit_adatoms(x.n1_m2, dt, x.contact, a, b, x.loss_per_s, x.uptake_per_s, x.n1_eq_m2).first;
    sum += x.weight * kE * (a - b * n);
    // n held fixed: the slope only steers Newton.
    slope += x.weight * kE * (fa * a + adatom_oxidation_decay_per_V[x.substrate] * n);
  }
  const double cells = static_cast<double>(n_cells);
  return {operating.C_dl_F_m2 * (eta_V - state.eta_V) / dt + sum / cells, operating.C_dl_F_m2 / dt + slope / cells};
}

MesoscaleSimulator::Impl::OverpotentialRoot MesoscaleSimulator::Impl::solve_overpotential(double dt_s, double current_A_m2) {
  const double cut = operating.eta_cutoff_V, omega_m3 = na.omega_m3, dt = dt_s, I = current_A_m2;
  // First guess: η extrapolated over the step from the last one, unless η was reset since (a
  // half cycle starts at rest).
  double eta_V = state.eta_V == last_eta_V ? state.eta_V + last_eta_rate_V_s * dt : state.eta_V;
  double capped_A_m2 = 0;  // Σ of capped currents (A/m² of cell), ≤ 0
  bool any_capped = false;
  auto residual = [&](double e) {
    CurrentAt c = mean_current(e, dt, capped_A_m2);
    c.value -= I;
    return c;
  };
  // In stripping a cell cannot give more Na than it holds: cells whose current at the solved η
  // would exhaust them are capped at q/dt and η is solved again (more anodic, so the capped
  // set only grows) until no further cell caps.
  for (;;) {
    const Root root = newton_root(residual, eta_V, cut, 1e-15 * std::abs(I));
    if (root.limited || I > 0) return {root.x, root.limited};
    eta_V = root.x;
    kinetics_at(eta_V);
    if (!any_capped) std::fill(stripping_capped.begin(), stripping_capped.end(), 0);
    std::size_t newly = 0;
    for (std::size_t i = 0; i < n_cells; ++i)
      if (state.covered[i] && !stripping_capped[i] &&
          -na_weight_A_m2(i, na_contact(i)) * na_bv_shape * dt >= kE * (state.h_m[i] - locked_height_m(i)) / omega_m3)
        stripping_capped[i] = 1, ++newly;
    if (!newly) return {eta_V, false};
    any_capped = true;
    std::fill(na_weight_by_substrate_A_m2.begin(), na_weight_by_substrate_A_m2.end(), 0.0);
    capped_A_m2 = 0;
    for (std::size_t i = 0; i < n_cells; ++i) {
      if (!state.covered[i]) continue;
      if (stripping_capped[i])
        capped_A_m2 -= kE * (state.h_m[i] - locked_height_m(i)) / omega_m3 / dt;
      else
        na_weight_by_substrate_A_m2[map.substrate[i]] += na_weight_A_m2(i, na_contact(i));
    }
  }
}

}  // namespace nabridge::upscale
