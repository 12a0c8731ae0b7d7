// Set-up and bookkeeping of the mesoscale simulator: per-substrate kinetics, initial state,
// static neighbour lists and the per-step measurements (coverage, contact, footprints).
#include <algorithm>
#include <cmath>
#include <limits>

#include "mesoscale_impl.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/contact.h"
#include "nabridge/upscale/random.h"

namespace nabridge::upscale {

namespace {
constexpr double kE = kElementaryCharge_C;
}

MesoscaleSimulator::Impl::Impl(std::vector<MesoSubstrate> substrates_, MesoNa na_, MesoMap map_, MesoOperating operating_)
    : substrates(std::move(substrates_)), na(na_), map(std::move(map_)), operating(operating_) {
  validate_mesoscale(substrates, na, map, operating);
  n_cells = static_cast<std::size_t>(map.nx) * map.ny;
  cell_area_m2 = map.cell_m * map.cell_m;
  kT_eV = kBoltzmann_eV_K * operating.T_K;
  f_per_V = 1.0 / kT_eV;
  double max_offset_V = 0;
  for (const auto& s : substrates) max_offset_V = std::max(max_offset_V, std::abs(s.field_offset_V));
  for (const auto& s : substrates)
    kinetics.push_back(detail::make_substrate_kinetics(s, na, operating, map.cell_m, operating.eta_cutoff_V + max_offset_V + 0.05));
  for (const auto& k : kinetics) any_alloying = any_alloying || k.alloy_capacity_m2 > 0;
  for (const auto& k : kinetics) inv_n1_eq_per_m2.push_back(1.0 / k.n1_eq_m2);
  plastic_contact = upscale::contact_fraction(operating.pressure_Pa, na.yield_Pa);
  atoms_per_m3 = 1.0 / na.omega_m3;
  inv_void_height_per_m = 1.0 / operating.void_height_m;
  const double Dv = vacancy_diffusivity_m2_s(na.vacancy_nu_Hz, na.vacancy_Em_eV, na.vacancy_jump_A, na.vacancy_z, operating.T_K);
  const double cv = vacancy_concentration(na.vacancy_Ef_eV, operating.T_K);
  v_vacancy_m_s = na.omega_m3 / kE * vacancy_limited_stripping_A_m2(Dv, cv, na.vacancy_length_m, na.omega_m3);
  creep_length_m = na.creep_length_m > 0 ? na.creep_length_m : map.cell_m;
  state.covered.assign(n_cells, 0);
  state.n1_m2.assign(n_cells, 0.0);
  state.h_m.assign(n_cells, 0.0);
  state.islands_m2.assign(n_cells, 0.0);
  state.gap_m.assign(n_cells, 0.0);
  state.alloy_m2.assign(n_cells, 0.0);
  for (std::size_t i = 0; i < n_cells; ++i) state.gap_m[i] = map.empty_gap_m(i);
  nucleation_rng.seed(splitmix64(operating.seed ^ 0x6e75636c656174ULL));
  footprint.assign(n_cells, 0.0);
  adatom_loss_per_s.assign(n_cells, 0.0);
  nucleation_per_s.assign(n_cells, 0.0);
  distance_cells.assign(n_cells, std::numeric_limits<float>::infinity());
  nearest_covered.assign(n_cells, -1);
  cluster_of.assign(n_cells, -1);
  coalesced_at.assign(n_cells, -1.0);
  stripping_capped.assign(n_cells, 0);
  queued_overfilled.assign(n_cells, 0);
  exchanging.size_for(n_cells);
  captured.resize(n_cells);
  na_weight_by_substrate_A_m2.assign(kinetics.size(), 0.0);
  adatom_creation_m2_s.assign(kinetics.size(), 0.0);
  adatom_oxidation_per_s.assign(kinetics.size(), 0.0);
  adatom_oxidation_decay_per_V.assign(kinetics.size(), 0.0);
  // Pairs of neighbouring cells of which at least one lies in a gap: adatoms reach gaps only by
  // lateral diffusion, while on contacting cells the electrochemical exchange sets n1 locally.
  for (int y = 0; y < map.ny; ++y)
    for (int x = 0; x < map.nx; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * map.nx + x;
      const std::size_t r = static_cast<std::size_t>(y) * map.nx + (x + 1) % map.nx;
      const std::size_t d = static_cast<std::size_t>((y + 1) % map.ny) * map.nx + x;
      for (std::size_t j : {r, d})
        if (!map.contact[i] || !map.contact[j]) gap_edges.emplace_back(static_cast<std::int32_t>(i), static_cast<std::int32_t>(j));
    }
  measure();
}

void MesoscaleSimulator::Impl::measure() {
  double covered_area = 0, contact_sum = 0, accessible = 0, adatoms = 0;
  // Adatom activity S = n1/n1_eq averaged over the bare area that exchanges with the electrolyte
  // (weight (1 − φ)·contact, as in the overpotential solve), while the protocol asks for it.
  const bool track_activity = measure_activity;
  const double* inv_n1_eq = inv_n1_eq_per_m2.data();
  double activity_sum = 0, exchange_area = 0;
  std::size_t covered_count = 0;
  // The next step's zone coverage (coalesce_islands), in this pass when the zones are current.
  zone_coverage_current = !covered_set_changed;
  if (zone_coverage_current) zone_coverage.assign(n_clusters, 0.0);
  const CellArrays a = arrays();
  double* zone_footprints = zone_coverage_current ? zone_coverage.data() : nullptr;
  for (std::size_t i = 0; i < n_cells; ++i) {
    double& n1 = a.n1_m2[i];
    if (a.covered[i]) {
      const auto& k = a.kinetics[a.substrate[i]];
      const double m = a.islands_m2[i] * cell_area_m2;
      const double old = a.footprint[i], ph = k.footprint(a.h_m[i], m);
      // Adatoms on the bare part (n1 per bare area): a growing footprint takes those it covers
      // into the Na; a shrinking one spreads them over the larger bare part.
      if (ph > old) {
        a.h_m[i] += (ph - old) * n1 * na.omega_m3;
        if (ph >= 1.0) n1 = 0;
      } else if (ph < old) {
        n1 *= (1 - old) / (1 - ph);
      }
      a.footprint[i] = ph;
      ++covered_count;
      if (zone_footprints) zone_footprints[a.cluster_of[i]] += ph;
      covered_area += ph;
      const double c = contact_under_gap(a.gap_m[i]);
      contact_sum += c;
      if (track_activity) {
        const double w = (1 - ph) * c;
        activity_sum += w * n1 * inv_n1_eq[a.substrate[i]], exchange_area += w;
      }
      if (c > 0) accessible += a.h_m[i] * atoms_per_m3 + (1 - ph) * n1;
      adatoms += (1 - ph) * n1;
    } else {
      // (footprint[i] is 0 already: a cell that loses its Na sets it, apply_na.)
      contact_sum += a.contact[i];
      if (a.contact[i]) {
        accessible += n1;
        if (track_activity) activity_sum += n1 * inv_n1_eq[a.substrate[i]], exchange_area += 1;
      }
      adatoms += n1;
    }
  }
  if (zone_coverage_current) footprints_to_zone_coverage();
  covered_cells = covered_count;
  coverage = covered_area / static_cast<double>(n_cells);
  contact = contact_sum / static_cast<double>(n_cells);
  accessible_C_m2 = kE * accessible / static_cast<double>(n_cells);
  adatoms_m2 = adatoms / (static_cast<double>(n_cells) * cell_area_m2);
  exchange_activity = exchange_area > 0 ? activity_sum / exchange_area : kUnset;
}

void MesoscaleSimulator::Impl::footprints_to_zone_coverage() {
  for (std::size_t r = 0; r < n_clusters; ++r)
    if (zone_cells[r] > 0) zone_coverage[r] /= zone_cells[r];  // (a merged label has no zone)
}

double MesoscaleSimulator::Impl::na_charge_C_m2() const {
  double s = 0;
  for (std::size_t i = 0; i < n_cells; ++i) s += state.h_m[i] / na.omega_m3 + (1 - footprint[i]) * state.n1_m2[i] + state.alloy_m2[i];
  return kE * s / static_cast<double>(n_cells);
}

double MesoscaleSimulator::Impl::alloy_charge_C_m2() const {
  double s = 0;
  for (double a : state.alloy_m2) s += a;
  return kE * s / static_cast<double>(n_cells);
}

}  // namespace nabridge::upscale
