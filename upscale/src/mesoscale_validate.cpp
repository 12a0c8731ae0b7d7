// Input checks of the mesoscale simulator: every message names the field and, for substrate
// rows, the row.
#include <cmath>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/contact.h"
#include "nabridge/upscale/kinetics.h"
#include "nabridge/upscale/mesoscale.h"

namespace nabridge::upscale {

namespace {

[[noreturn]] void bad(const std::string& where, const std::string& what) {
  throw std::invalid_argument(fmt::format("mesoscale: {}: {}", where, what));
}

void need(double v, const std::string& where, const char* field) {
  if (std::isnan(v)) bad(where, fmt::format("{} is missing", field));
  if (!std::isfinite(v)) bad(where, fmt::format("{} must be finite", field));
}

void need_positive(double v, const std::string& where, const char* field) {
  need(v, where, field);
  if (!(v > 0)) bad(where, fmt::format("{} = {} must be > 0", field, v));
}

}  // namespace

void validate_mesoscale(const std::vector<MesoSubstrate>& subs, const MesoNa& na, const MesoMap& map, const MesoOperating& op) {
  if (subs.empty()) bad("substrates", "at least one substrate row is needed");
  if (subs.size() > 255) bad("substrates", "at most 255 substrate rows");
  for (const auto& s : subs) {
    const std::string w = fmt::format("substrate '{}'", s.name);
    need(s.E_bind_eV, w, "E_bind_eV");
    need(s.theta_deg, w, "theta_deg");
    if (s.theta_deg < 0 || s.theta_deg > 180) bad(w, fmt::format("theta_deg = {} is outside [0, 180]", s.theta_deg));
    need(s.Ea_diff_eV, w, "Ea_diff_eV");
    need_positive(s.nu0_Hz, w, "nu0_Hz");
    need_positive(s.hop_length_A, w, "hop_length_A");
    if (s.hops_per_site < 1) bad(w, "hops_per_site must be >= 1");
    if (!std::isnan(s.site_density_m2)) need_positive(s.site_density_m2, w, "site_density_m2");
    need_positive(s.i0_A_m2, w, "i0_A_m2");
    need(s.field_offset_V, w, "field_offset_V");
    if (std::abs(s.field_offset_V) >= op.eta_cutoff_V) bad(w, "|field_offset_V| must be below eta_cutoff_V");
    need(s.alloy_capacity_m2, w, "alloy_capacity_m2");
    if (s.alloy_capacity_m2 < 0) bad(w, "alloy_capacity_m2 must be >= 0");
    if (s.alloy_capacity_m2 > 0) {
      if (std::isnan(s.alloy_potential_V))
        bad(w, "an alloying coating (alloy_capacity_m2 > 0) needs alloy_potential_V, the alloy's plateau from its formation energy");
      need(s.alloy_potential_V, w, "alloy_potential_V");
      if (std::abs(s.alloy_potential_V) >= op.eta_cutoff_V)
        bad(w, fmt::format("the alloy plateau |alloy_potential_V| = {:.3g} V must lie below the stripping cut-off eta_cutoff_V = {:.3g} V "
                           "(raise the cut-off)",
                           std::abs(s.alloy_potential_V), op.eta_cutoff_V));
      if (s.alloy_phase >= static_cast<int>(subs.size())) bad(w, fmt::format("alloy_phase {} has no row", s.alloy_phase));
      if (s.alloy_phase >= 0 && subs[static_cast<std::size_t>(s.alloy_phase)].alloy_capacity_m2 > 0)
        bad(w, "the alloy phase row must not alloy itself");
    }
  }
  need_positive(na.gamma_J_m2, "na", "gamma_J_m2");
  need_positive(na.E_coh_eV, "na", "E_coh_eV");
  need_positive(na.omega_m3, "na", "omega_m3");
  need_positive(na.i0_A_m2, "na", "i0_A_m2");
  need(na.alpha, "na", "alpha");
  if (!(na.alpha > 0 && na.alpha < 1)) bad("na", "alpha must be in (0, 1)");
  need_positive(na.creep.A_per_s_Pa_n, "na", "creep_A_per_s_Pa_n");
  need_positive(na.creep.n, "na", "creep_n");
  need(na.creep.Q_eV, "na", "creep_Q_eV");
  need_positive(na.yield_Pa, "na", "yield_Pa");
  need(na.vacancy_Ef_eV, "na", "vacancy_Ef_eV");
  need(na.vacancy_Em_eV, "na", "vacancy_Em_eV");
  need_positive(na.vacancy_nu_Hz, "na", "vacancy_nu_Hz");
  need_positive(na.vacancy_jump_A, "na", "vacancy_jump_A");
  need_positive(na.vacancy_length_m, "na", "vacancy_length_m");
  if (na.vacancy_z < 1) bad("na", "vacancy_z must be >= 1");
  need(na.creep_length_m, "na", "creep_length_m");
  if (na.creep_length_m < 0) bad("na", "creep_length_m must be >= 0");

  const std::size_t n = static_cast<std::size_t>(map.nx) * map.ny;
  if (map.nx < 2 || map.ny < 2 || map.substrate.size() != n || map.contact.size() != n) bad("map", "inconsistent grid size");
  need_positive(map.cell_m, "map", "cell_m");
  if (!(map.gap_depth_m >= 0)) bad("map", "gap_depth_m must be >= 0");
  if (!map.pore.empty() && map.pore.size() != map.contact.size()) bad("map", "pore map size differs from the contact map");
  if (!map.pore.empty() && !(map.pore_depth_m > 0)) bad("map", "pore_depth_m must be > 0");
  for (auto s : map.substrate)
    if (s >= subs.size()) bad("map", fmt::format("substrate index {} has no row", static_cast<int>(s)));

  need(op.current_A_m2, "conditions", "current_A_m2");
  if (op.current_A_m2 < 0) bad("conditions", fmt::format("current density {} A/m² is negative (give the magnitude; plating comes first, then stripping)", op.current_A_m2));
  need_positive(op.T_K, "conditions", "T_K");
  need(op.pressure_Pa, "conditions", "pressure_Pa");
  if (op.pressure_Pa < 0) bad("conditions", "pressure_Pa must be >= 0");
  need_positive(op.capacity_C_m2, "conditions", "capacity_C_m2");
  if (op.cycles < 1) bad("conditions", "cycles must be >= 1");
  need_positive(op.eta_cutoff_V, "conditions", "eta_cutoff_V");
  if (op.eta_cutoff_V > 3) bad("conditions", "eta_cutoff_V must be <= 3 V");
  need(op.C_dl_F_m2, "conditions", "C_dl_F_m2");
  if (op.C_dl_F_m2 < 0) bad("conditions", "C_dl_F_m2 must be >= 0");
  need_positive(op.capture_number, "conditions", "capture_number");
  need_positive(op.void_height_m, "conditions", "void_height_m");
  need_positive(op.focusing_limit, "conditions", "focusing_limit");
  if (!(op.fail_remaining_fraction > 0 && op.fail_remaining_fraction <= 1)) bad("conditions", "fail_remaining_fraction must be in (0, 1]");
  if (!(op.continuity_coverage > 0 && op.continuity_coverage <= 1)) bad("conditions", "continuity_coverage must be in (0, 1]");
  need_positive(op.eta_step_V, "conditions", "eta_step_V");
  need_positive(op.population_step, "conditions", "population_step");
  if (op.min_steps < 1 || op.max_steps < op.min_steps) bad("conditions", "need 1 <= min_steps <= max_steps");
  if (op.snapshots < 0) bad("conditions", "snapshots must be >= 0");

  // A current the interface cannot carry even once it is covered by Na: Butler–Volmer at the
  // largest possible Na|electrolyte contact (the initially contacting area, at the plastic
  // contact fraction of the stack pressure) needs more than the cut-off. (A built-in field does
  // not help there: metallic Na screens it.)
  if (op.current_A_m2 > 0) {
    std::size_t touching = 0;
    for (auto c : map.contact) touching += c;
    if (touching == 0)
      throw UnsustainableCurrent("mesoscale: conditions: no cell touches the electrolyte (gap_fraction = 1): no current can be sustained");
    const double c_P = contact_fraction(op.pressure_Pa, na.yield_Pa);
    if (c_P <= 0)
      throw UnsustainableCurrent("mesoscale: conditions: stack pressure 0 gives no Na|electrolyte contact: no current can be sustained");
    const double area = c_P * static_cast<double>(touching) / static_cast<double>(n);
    const double eta = butler_volmer_overpotential_V(op.current_A_m2 / area, na.i0_A_m2, na.alpha, 1.0 - na.alpha, op.T_K);
    if (eta > op.eta_cutoff_V)
      throw UnsustainableCurrent(fmt::format("mesoscale: conditions: a current density of {:.4g} mA/cm² cannot be sustained: "
                                             "even a full Na film at the contact fraction {:.3g} needs {:.3g} V > eta_cutoff_V = {:.3g} V",
                                             op.current_A_m2 / 10.0, area, eta, op.eta_cutoff_V));
  }
}

}  // namespace nabridge::upscale
