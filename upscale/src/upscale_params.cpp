#include "nabridge/upscale/upscale_params.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "nabridge/base/toml_reader.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/param_keys.h"
#include "nabridge/upscale/wetting.h"

namespace nabridge::upscale {

namespace {

/// An optional number that, when given, must lie in [lo, hi].
std::optional<double> optional_in(const TomlReader& t, const std::string& key, double lo, double hi) {
  const auto v = t.number_if(key);
  if (v) t.require_in(key, *v, lo, hi);
  return v;
}

/// A required number in [lo, hi].
double required_in(const TomlReader& t, const std::string& key, double lo, double hi) {
  return t.require_in(key, t.number(key), lo, hi);
}

/// A number or a non-empty array of numbers (an operating-condition sweep axis); absent: empty.
std::vector<double> number_list(const TomlReader& t, const std::string& key) {
  const auto out = t.numbers_or_empty(key);
  if (t.has(key) && out.empty()) t.fail(key, "empty list");
  return out;
}

std::optional<std::string> nonempty_string_if(const TomlReader& t, const std::string& key) {
  const auto v = t.string_if(key);
  if (v && v->empty()) t.fail(key, "must not be empty");
  return v;
}

void read_interface(const TomlReader& it, MesoSweep& m) {
  it.allow_only(kInterfaceKeys);
  m.cells = it.integer_in("cells", m.cells, 4, 2048);
  m.cell_nm = it.number_in("cell_nm", m.cell_nm, 0.1, 1e5, false);
  m.min_nuclei = it.integer_in("min_nuclei", m.min_nuclei, 0, 10000000);
  m.max_cells = it.integer_in("max_cells", std::max(m.max_cells, m.cells), 4, 2048);
  if (m.max_cells < m.cells)
    it.fail("max_cells", fmt::format("{} is below cells ({}); the map is only ever enlarged", m.max_cells, m.cells));
  m.substrates = it.strings_or_empty("substrates");
  m.coating = nonempty_string_if(it, "coating");
  m.coating_on = nonempty_string_if(it, "coating_on");
  if (m.coating.has_value() != m.coating_on.has_value())
    it.fail(m.coating ? "coating" : "coating_on", "'coating' and 'coating_on' go together");
  m.coating_fraction = optional_in(it, "coating_fraction", 0, 1).value_or(m.coating_fraction);
  m.coating_island_nm = optional_in(it, "coating_island_nm", 1, 1e6).value_or(m.coating_island_nm);
  m.gap_fraction = optional_in(it, "gap_fraction", 0, 1).value_or(m.gap_fraction);
  m.gap_size_nm = optional_in(it, "gap_size_nm", 1, 1e6).value_or(m.gap_size_nm);
  m.gap_depth_nm = optional_in(it, "gap_depth_nm", 0, 1e6).value_or(m.gap_depth_nm);
  m.pore_fraction = optional_in(it, "pore_fraction", 0, 1).value_or(m.pore_fraction);
  m.pore_size_nm = optional_in(it, "pore_size_nm", 1, 1e6).value_or(m.pore_size_nm);
  m.pore_depth_nm = optional_in(it, "pore_depth_nm", 0, 1e6).value_or(m.pore_depth_nm);
  auto& op = m.numerics;
  op.built_in_field = it.boolean_or("built_in_field", op.built_in_field);
  op.eta_cutoff_V = it.number_or("eta_cutoff_V", op.eta_cutoff_V);
  op.C_dl_F_m2 = it.number_or("C_dl_F_m2", op.C_dl_F_m2);
  op.capture_number = it.number_or("capture_number", op.capture_number);
  op.void_height_m = it.number_or("void_height_nm", op.void_height_m * 1e9) * 1e-9;
  op.focusing_limit = it.number_or("focusing_limit", op.focusing_limit);
  op.fail_remaining_fraction = it.number_or("fail_remaining_fraction", op.fail_remaining_fraction);
  op.continuity_coverage = it.number_or("continuity_coverage", op.continuity_coverage);
  op.eta_step_V = it.number_in("eta_step_mV", op.eta_step_V * 1e3, 1e-3, 100, false) * 1e-3;
  op.population_step = it.number_in("population_step", op.population_step, 1e-4, 1, false);
  op.min_steps = it.integer_in("min_steps", op.min_steps, 1, 10000000);
  op.max_steps = it.integer_in("max_steps", op.max_steps, 1, 10000000);
  op.snapshots = it.integer_in("snapshots", op.snapshots, 0, 1000);
}

/// Na metal and the Na|electrolyte interface ([na] model keys of the sweep).
void read_na_model(const TomlReader& na, MesoSweep& m) {
  auto& n = m.na;
  n.i0_A_m2 = optional_in(na, "i0_A_m2", 1e-6, 1e6).value_or(kUnset);
  n.alpha = na.number_or("alpha", n.alpha);
  n.creep.n = optional_in(na, "creep_n", 1, 20).value_or(n.creep.n);
  n.creep.Q_eV = optional_in(na, "creep_Q_eV", 0.01, 5).value_or(n.creep.Q_eV);
  if (const auto A = na.number_if("creep_A_per_s_Pa_n")) {
    n.creep.A_per_s_Pa_n = *A;
  } else if (na.has("creep_ref_stress_MPa") || na.has("creep_ref_strain_rate_per_s")) {
    // Calibrate A from one measured point of the creep law: ε̇_ref at σ_ref and T_ref.
    const double s_ref = required_in(na, "creep_ref_stress_MPa", 1e-6, 1e4) * 1e6;
    const double e_ref = required_in(na, "creep_ref_strain_rate_per_s", 1e-15, 1e6);
    const double T_ref = na.number_in("creep_ref_T_K", 298.15, 1, 5000, false);
    n.creep = creep_law_through(s_ref, e_ref, T_ref, n.creep.n, n.creep.Q_eV);
  }
  if (const auto y = optional_in(na, "yield_MPa", 1e-4, 1e4)) n.yield_Pa = *y * 1e6;
  n.vacancy_Ef_eV = optional_in(na, "vacancy_Ef_eV", 0.01, 5).value_or(n.vacancy_Ef_eV);
  n.vacancy_Em_eV = optional_in(na, "vacancy_Em_eV", 0.001, 5).value_or(n.vacancy_Em_eV);
  n.vacancy_nu_Hz = optional_in(na, "vacancy_nu_Hz", 1e6, 1e16).value_or(n.vacancy_nu_Hz);
  n.vacancy_jump_A = optional_in(na, "vacancy_jump_A", 0.1, 100).value_or(n.vacancy_jump_A);
  n.vacancy_z = na.integer_or("vacancy_z", n.vacancy_z);
  n.vacancy_length_m = optional_in(na, "vacancy_length_um", 1e-3, 1e6).value_or(n.vacancy_length_m * 1e6) * 1e-6;
  n.creep_length_m = na.number_or("creep_length_nm", n.creep_length_m * 1e9) * 1e-9;
  m.substrate_i0_A_m2 = optional_in(na, "substrate_i0_A_m2", 1e-6, 1e6);
}

MesoSweep read_sweep(const TomlReader& cond, const TomlReader& na, double T_K) {
  MesoSweep m;
  m.current_mA_cm2 = number_list(cond, "current_mA_cm2");
  for (double i : m.current_mA_cm2) {
    if (i < 0) cond.fail("current_mA_cm2", fmt::format("{} is negative (give magnitudes)", i));
    cond.require_in("current_mA_cm2", i, 1e-4, 1000);  // a plating sweep needs a current; 1 A/cm² is beyond any cell
  }
  m.temperature_C = number_list(cond, "temperature_C");
  for (double T : m.temperature_C) cond.require_in("temperature_C", T, -270, 1000);
  if (m.temperature_C.empty()) m.temperature_C = {T_K - 273.15};
  m.pressure_MPa = number_list(cond, "pressure_MPa");
  for (double P : m.pressure_MPa) cond.require_in("pressure_MPa", P, 0, 1e4);
  if (m.pressure_MPa.empty()) cond.fail("pressure_MPa", "needed for the mesoscale runs");
  m.capacity_mAh_cm2 = number_list(cond, "capacity_mAh_cm2");
  for (double q : m.capacity_mAh_cm2) cond.require_in("capacity_mAh_cm2", q, 1e-6, 100);
  if (m.capacity_mAh_cm2.empty()) cond.fail("capacity_mAh_cm2", "needed for the mesoscale runs");
  m.cycles = cond.integer_in("cycles", 1, 1, 1000);
  if (cond.has("seed")) {
    m.seeds.clear();
    for (double s : number_list(cond, "seed")) {
      if (s < 0 || s != std::floor(s) || s > 9007199254740992.0)  // 2^53: integers a double holds exactly
        cond.fail("seed", "seeds must be integers in [0, 2^53]");
      m.seeds.push_back(static_cast<std::uint64_t>(s));
    }
  }
  static const toml::table kNoInterface;
  read_interface(cond.table("interface").value_or(TomlReader(cond.file(), kNoInterface, cond.path() + ".interface")), m);
  m.numerics.cycles = m.cycles;
  read_na_model(na, m);
  return m;
}

/// The alloying-coating keys of a [[substrate]] row: all or none; an alloy without its formation
/// energy is refused naming the row.
void read_alloy(const TomlReader& t, SubstrateRow& r) {
  r.alloy_phase = nonempty_string_if(t, "alloy_phase");
  r.alloy_formation_eV_per_atom = optional_in(t, "alloy_formation_eV_per_atom", -5, 5);
  r.alloy_na_per_coating_atom = optional_in(t, "alloy_na_per_coating_atom", 1e-3, 100);
  r.coating_atoms_per_m2 = optional_in(t, "coating_atoms_per_m2", 1e15, 1e25);
  r.alloy_E_bind_eV = optional_in(t, "alloy_E_bind_eV", -20, 20);
  r.alloy_W_ad_J_m2 = optional_in(t, "alloy_W_ad_J_m2", 0, 100);
  r.alloy_Ea_diff_eV = optional_in(t, "alloy_Ea_diff_eV", 0, 10);
  r.alloy_nu0_Hz = optional_in(t, "alloy_nu0_Hz", 1e6, 1e16);
  r.alloy_hop_length_A = optional_in(t, "alloy_hop_length_A", 0.1, 100);
  r.alloy_hops_per_site = t.integer_in("alloy_hops_per_site", r.alloy_hops_per_site, 1, 12);
  if (!r.alloy_phase) {
    for (const char* k : {"alloy_formation_eV_per_atom", "alloy_na_per_coating_atom", "coating_atoms_per_m2", "alloy_E_bind_eV",
                          "alloy_W_ad_J_m2", "alloy_Ea_diff_eV", "alloy_nu0_Hz", "alloy_hop_length_A", "alloy_hops_per_site"})
      if (t.has(k)) t.fail(k, fmt::format("only with alloy_phase (an alloying coating; row '{}')", r.name));
    return;
  }
  const std::string coating = fmt::format("alloying coating '{}' of row '{}'", *r.alloy_phase, r.name);
  // The alloy surface's hops replace the coating's as a whole or not at all.
  const bool any_hop = r.alloy_Ea_diff_eV || r.alloy_nu0_Hz || r.alloy_hop_length_A || t.has("alloy_hops_per_site");
  if (any_hop && !(r.alloy_Ea_diff_eV && r.alloy_nu0_Hz && r.alloy_hop_length_A))
    t.fail("alloy_Ea_diff_eV", coating + ": the alloy surface's hops need alloy_Ea_diff_eV, alloy_nu0_Hz and "
                                         "alloy_hop_length_A together (none: the coating's hops are used)");
  if (!r.alloy_formation_eV_per_atom)
    t.fail("alloy_phase", fmt::format("{} has no formation energy: alloy_formation_eV_per_atom (per atom of {}, vs bcc Na and the "
                                      "coating) is needed for its alloying potential",
                                      coating, *r.alloy_phase));
  if (!r.alloy_na_per_coating_atom) t.fail("alloy_phase", coating + " needs alloy_na_per_coating_atom (its stoichiometry)");
  if (!r.coating_atoms_per_m2) t.fail("alloy_phase", coating + " needs coating_atoms_per_m2 (its thickness)");
}

SubstrateRow read_substrate_row(const TomlReader& t, std::set<std::string>& names) {
  t.allow_only(kSubstrateKeys);
  SubstrateRow r;
  r.origin = t.where("");
  r.name = t.string("name");
  if (r.name.empty()) t.fail("name", "must not be empty");
  if (!names.insert(r.name).second) t.fail("name", "duplicate substrate name '" + r.name + "'");
  r.E_bind_eV = required_in(t, "E_bind_eV", -20, 20);
  r.W_ad_J_m2 = optional_in(t, "W_ad_J_m2", 0, 100);
  r.theta_deg = t.number_if("theta_deg");
  if (r.W_ad_J_m2 && r.theta_deg) t.fail("theta_deg", "give W_ad_J_m2 or theta_deg, not both");
  if (r.theta_deg) t.require_in("theta_deg", *r.theta_deg, 0, 180);
  r.Ea_diff_eV = optional_in(t, "Ea_diff_eV", 0, 10);
  r.nu0_Hz = optional_in(t, "nu0_Hz", 1e6, 1e16);
  r.hop_length_A = optional_in(t, "hop_length_A", 0.1, 100);
  r.hops_per_site = t.integer_in("hops_per_site", r.hops_per_site, 1, 12);
  r.site_density_m2 = t.number_if("site_density_m2");
  r.i0_A_m2 = optional_in(t, "i0_A_m2", 1e-6, 1e6);
  r.field_offset_mV = optional_in(t, "field_offset_mV", -3000, 3000).value_or(0.0);
  read_alloy(t, r);
  return r;
}

}  // namespace

UpscaleParams read_upscale_params(const std::string& path) { return read_upscale_document(parse_toml_file(path), path); }

UpscaleParams read_upscale_document(const toml::table& doc, const std::string& path) {
  UpscaleParams p;
  p.file = path;
  const TomlReader top(path, doc, "");
  top.allow_only({"conditions", "na", "substrate"});
  const TomlReader cond = top.required_table("conditions");
  const TomlReader na = top.required_table("na");
  cond.allow_only(kConditionsKeys);
  na.allow_only(kNaKeys);
  p.T_K = required_in(cond, "T_K", 1, 5000);
  for (double e : number_list(cond, "eta_mV")) {
    if (!(e > 0)) cond.fail("eta_mV", "entries must be positive numbers");
    cond.require_in("eta_mV", e, 1e-3, 3000);
    p.eta_mV.push_back(e);
  }
  if (p.eta_mV.empty()) cond.fail("eta_mV", "missing (a number or a list of numbers is required)");
  p.gamma_Na_J_m2 = required_in(na, "gamma_Na_J_m2", 1e-3, 10);
  p.E_coh_eV = na.has("E_coh_eV") ? required_in(na, "E_coh_eV", 1e-3, 20) : kNaCohesiveEnergy_eV;
  p.omega_m3 = na.has("omega_A3") ? required_in(na, "omega_A3", 1, 1000) * 1e-30 : kNaAtomicVolume_m3;

  const auto rows = top.table_array("substrate");
  if (rows.empty()) top.fail("substrate", "at least one [[substrate]] row is needed");
  std::set<std::string> names;
  for (const auto& t : rows) p.rows.push_back(read_substrate_row(t, names));
  if (cond.has("current_mA_cm2")) {
    p.meso = read_sweep(cond, na, p.T_K);
    for (const auto& n : p.meso->substrates)
      if (!names.count(n)) cond.required_table("interface").fail("substrates", fmt::format("no substrate row named '{}'", n));
    for (const char* key : {"coating", "coating_on"}) {
      const auto& n = std::string(key) == "coating" ? p.meso->coating : p.meso->coating_on;
      if (n && !names.count(*n)) cond.required_table("interface").fail(key, fmt::format("no substrate row named '{}'", *n));
    }
    if (p.meso->substrates.empty() && !p.meso->coating)
      for (const auto& r : p.rows) p.meso->substrates.push_back(r.name);
    p.meso->na.gamma_J_m2 = p.gamma_Na_J_m2;
    p.meso->na.E_coh_eV = p.E_coh_eV;
    p.meso->na.omega_m3 = p.omega_m3;
  } else {
    for (const char* k : {"temperature_C", "pressure_MPa", "capacity_mAh_cm2", "cycles", "seed", "interface"})
      if (cond.has(k)) cond.fail(k, "only used with current_mA_cm2 (the mesoscale sweep)");
  }
  return p;
}

MesoSubstrate meso_substrate(const UpscaleParams& p, const SubstrateRow& r) {
  // "FILE:LINE: substrate[k]" of the row as read (the file alone for a row made in code).
  const std::string at = r.origin.empty() ? p.file : r.origin;
  auto need = [&](const std::optional<double>& v, const char* key) {
    if (!v) throw std::invalid_argument(fmt::format("{}: row '{}' needs {} for the mesoscale runs", at, r.name, key));
    return *v;
  };
  MesoSubstrate s;
  s.name = r.name;
  s.E_bind_eV = r.E_bind_eV;
  if (r.theta_deg) s.theta_deg = *r.theta_deg;
  else if (r.W_ad_J_m2) s.theta_deg = young_dupre(*r.W_ad_J_m2, p.gamma_Na_J_m2).theta_deg;
  else throw std::invalid_argument(fmt::format("{}: row '{}' needs W_ad_J_m2 or theta_deg for the mesoscale runs", at, r.name));
  s.Ea_diff_eV = need(r.Ea_diff_eV, "Ea_diff_eV");
  s.nu0_Hz = need(r.nu0_Hz, "nu0_Hz");
  s.hop_length_A = need(r.hop_length_A, "hop_length_A");
  s.hops_per_site = r.hops_per_site;
  if (r.site_density_m2) s.site_density_m2 = *r.site_density_m2;
  s.i0_A_m2 = r.i0_A_m2 ? *r.i0_A_m2 : (p.meso && p.meso->substrate_i0_A_m2 ? *p.meso->substrate_i0_A_m2 : kUnset);
  if (std::isnan(s.i0_A_m2))
    throw std::invalid_argument(fmt::format("{}: row '{}' needs i0_A_m2 (or na.substrate_i0_A_m2) for the mesoscale runs", at, r.name));
  s.field_offset_V = r.field_offset_mV * 1e-3;
  return s;
}

double alloy_potential_V(double formation_eV_per_atom, double na_per_coating_atom) {
  return -formation_eV_per_atom * (1.0 + na_per_coating_atom) / na_per_coating_atom;
}

std::size_t append_meso_substrate(const UpscaleParams& p, const SubstrateRow& r, std::vector<MesoSubstrate>& subs) {
  const std::size_t k = subs.size();
  subs.push_back(meso_substrate(p, r));
  if (!r.alloy_phase) return k;
  SubstrateRow phase = r;
  phase.name = fmt::format("{} as {}", r.name, *r.alloy_phase);
  phase.alloy_phase.reset();
  if (r.alloy_E_bind_eV) phase.E_bind_eV = *r.alloy_E_bind_eV;
  if (r.alloy_W_ad_J_m2) phase.W_ad_J_m2 = *r.alloy_W_ad_J_m2, phase.theta_deg.reset();
  if (r.alloy_Ea_diff_eV) {
    phase.Ea_diff_eV = r.alloy_Ea_diff_eV;
    phase.nu0_Hz = r.alloy_nu0_Hz;
    phase.hop_length_A = r.alloy_hop_length_A;
    phase.hops_per_site = r.alloy_hops_per_site;
    phase.site_density_m2.reset();  // the coating's sites are not the alloy's: 1/λ² of its own hop
  }
  subs.push_back(meso_substrate(p, phase));
  auto& c = subs[k];
  c.alloy_capacity_m2 = *r.coating_atoms_per_m2 * *r.alloy_na_per_coating_atom;
  c.alloy_potential_V = alloy_potential_V(*r.alloy_formation_eV_per_atom, *r.alloy_na_per_coating_atom);
  c.alloy_phase = static_cast<int>(k + 1);
  return k;
}

}  // namespace nabridge::upscale
