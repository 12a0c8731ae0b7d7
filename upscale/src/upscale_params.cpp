#include "nabridge/upscale/upscale_params.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>
#include <toml++/toml.h>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/param_keys.h"
#include "nabridge/upscale/wetting.h"

namespace nabridge::upscale {

namespace {

/// Rejects keys a table does not know, naming the file and the key path.
void check_keys(const toml::table& t, const std::set<std::string>& known, const std::string& file, const std::string& where) {
  for (const auto& [k, v] : t)
    if (!known.count(std::string(k.str())))
      throw std::invalid_argument(fmt::format("{}: {}: unknown key '{}'", file, where, k.str()));
}

double required(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  const auto v = t[key].value<double>();
  if (!v) throw std::invalid_argument(fmt::format("{}: {}.{}: missing or not a number", file, where, key));
  if (!std::isfinite(*v)) throw std::invalid_argument(fmt::format("{}: {}.{}: must be a finite number", file, where, key));
  return *v;
}

std::optional<double> optional_number(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  if (!t.contains(key)) return std::nullopt;
  const auto v = t[key].value<double>();
  if (!v) throw std::invalid_argument(fmt::format("{}: {}.{}: not a number", file, where, key));
  if (!std::isfinite(*v)) throw std::invalid_argument(fmt::format("{}: {}.{}: must be a finite number", file, where, key));
  return v;
}

/// The stated range of a key: past it a run is meaningless or would not end in reasonable time.
double within(double v, double lo, double hi, const std::string& file, const std::string& where, const std::string& key) {
  if (!(v >= lo && v <= hi)) throw std::invalid_argument(fmt::format("{}: {}.{}: {} is outside [{}, {}]", file, where, key, v, lo, hi));
  return v;
}

/// An optional number that, when given, must lie in [lo, hi].
std::optional<double> optional_in(const toml::table& t, const std::string& key, double lo, double hi, const std::string& file,
                                  const std::string& where) {
  const auto v = optional_number(t, key, file, where);
  if (v) within(*v, lo, hi, file, where, key);
  return v;
}

/// A number or an array of numbers (an operating-condition sweep axis).
std::vector<double> number_list(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  std::vector<double> out;
  if (!t.contains(key)) return out;
  if (const auto* arr = t[key].as_array()) {
    for (const auto& e : *arr) {
      const auto v = e.value<double>();
      if (!v) throw std::invalid_argument(fmt::format("{}: {}.{}: entries must be numbers", file, where, key));
      out.push_back(*v);
    }
    if (out.empty()) throw std::invalid_argument(fmt::format("{}: {}.{}: empty list", file, where, key));
  } else {
    out.push_back(required(t, key, file, where));
  }
  return out;
}

int integer(const toml::table& t, const std::string& key, int fallback, const std::string& file, const std::string& where) {
  if (!t.contains(key)) return fallback;
  const auto v = t[key].value<int64_t>();
  if (!v || !t[key].is_integer()) throw std::invalid_argument(fmt::format("{}: {}.{}: must be an integer", file, where, key));
  if (*v < std::numeric_limits<int>::min() || *v > std::numeric_limits<int>::max())  // refused, never wrapped
    throw std::invalid_argument(fmt::format("{}: {}.{}: {} is out of range", file, where, key, *v));
  return static_cast<int>(*v);
}

std::string text(const toml::table& t, const std::string& key, const std::string& file, const std::string& where) {
  const auto v = t[key].value<std::string>();
  if (!v || v->empty()) throw std::invalid_argument(fmt::format("{}: {}.{}: missing or not a string", file, where, key));
  return *v;
}

MesoSweep read_sweep(const toml::table& cond, const toml::table& na, double T_K, const std::string& path) {
  MesoSweep m;
  const std::string wc = "conditions";
  m.current_mA_cm2 = number_list(cond, "current_mA_cm2", path, wc);
  for (double i : m.current_mA_cm2) {
    if (i < 0) throw std::invalid_argument(fmt::format("{}: conditions.current_mA_cm2: {} is negative (give magnitudes)", path, i));
    within(i, 1e-4, 1000, path, wc, "current_mA_cm2");  // a plating sweep needs a current; 1 A/cm² is beyond any cell
  }
  m.temperature_C = number_list(cond, "temperature_C", path, wc);
  for (double T : m.temperature_C) within(T, -270, 1000, path, wc, "temperature_C");
  if (m.temperature_C.empty()) m.temperature_C = {T_K - 273.15};
  m.pressure_MPa = number_list(cond, "pressure_MPa", path, wc);
  for (double P : m.pressure_MPa) within(P, 0, 1e4, path, wc, "pressure_MPa");
  if (m.pressure_MPa.empty()) throw std::invalid_argument(path + ": conditions.pressure_MPa: needed for the mesoscale runs");
  m.capacity_mAh_cm2 = number_list(cond, "capacity_mAh_cm2", path, wc);
  for (double q : m.capacity_mAh_cm2) within(q, 1e-6, 100, path, wc, "capacity_mAh_cm2");
  if (m.capacity_mAh_cm2.empty()) throw std::invalid_argument(path + ": conditions.capacity_mAh_cm2: needed for the mesoscale runs");
  m.cycles = static_cast<int>(within(integer(cond, "cycles", 1, path, wc), 1, 1000, path, wc, "cycles"));
  if (cond.contains("seed")) {
    m.seeds.clear();
    for (double s : number_list(cond, "seed", path, wc)) {
      if (s < 0 || s != std::floor(s) || s > 9007199254740992.0)  // 2^53: integers a double holds exactly
        throw std::invalid_argument(path + ": conditions.seed: seeds must be integers in [0, 2^53]");
      m.seeds.push_back(static_cast<std::uint64_t>(s));
    }
  }

  const toml::table empty;
  const toml::table* itf = cond["interface"].as_table();
  if (cond.contains("interface") && !itf) throw std::invalid_argument(path + ": conditions.interface: must be a table");
  const toml::table& it = itf ? *itf : empty;
  const std::string wi = "conditions.interface";
  check_keys(it, kInterfaceKeys, path, wi);
  m.cells = static_cast<int>(within(integer(it, "cells", m.cells, path, wi), 4, 2048, path, wi, "cells"));
  m.cell_nm = within(optional_number(it, "cell_nm", path, wi).value_or(m.cell_nm), 0.1, 1e5, path, wi, "cell_nm");
  if (const auto* arr = it["substrates"].as_array()) {
    for (const auto& e : *arr) {
      const auto v = e.value<std::string>();
      if (!v) throw std::invalid_argument(path + ": conditions.interface.substrates: entries must be substrate names");
      m.substrates.push_back(*v);
    }
  } else if (it.contains("substrates")) {
    throw std::invalid_argument(path + ": conditions.interface.substrates: must be a list of substrate names");
  }
  if (it.contains("coating")) m.coating = text(it, "coating", path, wi);
  if (it.contains("coating_on")) m.coating_on = text(it, "coating_on", path, wi);
  if (m.coating.has_value() != m.coating_on.has_value())
    throw std::invalid_argument(path + ": conditions.interface: 'coating' and 'coating_on' go together");
  m.coating_fraction = optional_in(it, "coating_fraction", 0, 1, path, wi).value_or(m.coating_fraction);
  m.coating_island_nm = optional_in(it, "coating_island_nm", 1, 1e6, path, wi).value_or(m.coating_island_nm);
  m.gap_fraction = optional_in(it, "gap_fraction", 0, 1, path, wi).value_or(m.gap_fraction);
  m.gap_size_nm = optional_in(it, "gap_size_nm", 1, 1e6, path, wi).value_or(m.gap_size_nm);
  m.gap_depth_nm = optional_in(it, "gap_depth_nm", 0, 1e6, path, wi).value_or(m.gap_depth_nm);
  m.pore_fraction = optional_in(it, "pore_fraction", 0, 1, path, wi).value_or(m.pore_fraction);
  m.pore_size_nm = optional_in(it, "pore_size_nm", 1, 1e6, path, wi).value_or(m.pore_size_nm);
  m.pore_depth_nm = optional_in(it, "pore_depth_nm", 0, 1e6, path, wi).value_or(m.pore_depth_nm);
  auto& op = m.numerics;
  if (it.contains("built_in_field")) {
    const auto b = it["built_in_field"].value<bool>();
    if (!b) throw std::invalid_argument(path + ": conditions.interface.built_in_field: must be true or false");
    op.built_in_field = *b;
  }
  op.eta_cutoff_V = optional_number(it, "eta_cutoff_V", path, wi).value_or(op.eta_cutoff_V);
  op.C_dl_F_m2 = optional_number(it, "C_dl_F_m2", path, wi).value_or(op.C_dl_F_m2);
  op.capture_number = optional_number(it, "capture_number", path, wi).value_or(op.capture_number);
  op.void_height_m = optional_number(it, "void_height_nm", path, wi).value_or(op.void_height_m * 1e9) * 1e-9;
  op.focusing_limit = optional_number(it, "focusing_limit", path, wi).value_or(op.focusing_limit);
  op.fail_remaining_fraction = optional_number(it, "fail_remaining_fraction", path, wi).value_or(op.fail_remaining_fraction);
  op.continuity_coverage = optional_number(it, "continuity_coverage", path, wi).value_or(op.continuity_coverage);
  op.eta_step_V = within(optional_number(it, "eta_step_mV", path, wi).value_or(op.eta_step_V * 1e3), 1e-3, 100, path, wi, "eta_step_mV") * 1e-3;
  op.population_step = within(optional_number(it, "population_step", path, wi).value_or(op.population_step), 1e-4, 1, path, wi, "population_step");
  op.min_steps = static_cast<int>(within(integer(it, "min_steps", op.min_steps, path, wi), 1, 1e7, path, wi, "min_steps"));
  op.max_steps = static_cast<int>(within(integer(it, "max_steps", op.max_steps, path, wi), 1, 1e7, path, wi, "max_steps"));
  op.snapshots = static_cast<int>(within(integer(it, "snapshots", op.snapshots, path, wi), 0, 1000, path, wi, "snapshots"));
  op.cycles = m.cycles;

  // Na metal and the Na|electrolyte interface.
  auto& n = m.na;
  const std::string wn = "na";
  n.i0_A_m2 = optional_in(na, "i0_A_m2", 1e-6, 1e6, path, wn).value_or(kUnset);
  n.alpha = optional_number(na, "alpha", path, wn).value_or(n.alpha);
  n.creep.n = optional_in(na, "creep_n", 1, 20, path, wn).value_or(n.creep.n);
  n.creep.Q_eV = optional_in(na, "creep_Q_eV", 0.01, 5, path, wn).value_or(n.creep.Q_eV);
  if (const auto A = optional_number(na, "creep_A_per_s_Pa_n", path, wn)) {
    n.creep.A_per_s_Pa_n = *A;
  } else if (na.contains("creep_ref_stress_MPa") || na.contains("creep_ref_strain_rate_per_s")) {
    // Calibrate A from one measured point of the creep law: ε̇_ref at σ_ref and T_ref.
    const double s_ref = within(required(na, "creep_ref_stress_MPa", path, wn), 1e-6, 1e4, path, wn, "creep_ref_stress_MPa") * 1e6;
    const double e_ref = within(required(na, "creep_ref_strain_rate_per_s", path, wn), 1e-15, 1e6, path, wn, "creep_ref_strain_rate_per_s");
    const double T_ref = within(optional_number(na, "creep_ref_T_K", path, wn).value_or(298.15), 1, 5000, path, wn, "creep_ref_T_K");
    n.creep = creep_law_through(s_ref, e_ref, T_ref, n.creep.n, n.creep.Q_eV);
  }
  if (const auto y = optional_in(na, "yield_MPa", 1e-4, 1e4, path, wn)) n.yield_Pa = *y * 1e6;
  n.vacancy_Ef_eV = optional_in(na, "vacancy_Ef_eV", 0.01, 5, path, wn).value_or(n.vacancy_Ef_eV);
  n.vacancy_Em_eV = optional_in(na, "vacancy_Em_eV", 0.001, 5, path, wn).value_or(n.vacancy_Em_eV);
  n.vacancy_nu_Hz = optional_in(na, "vacancy_nu_Hz", 1e6, 1e16, path, wn).value_or(n.vacancy_nu_Hz);
  n.vacancy_jump_A = optional_in(na, "vacancy_jump_A", 0.1, 100, path, wn).value_or(n.vacancy_jump_A);
  n.vacancy_z = integer(na, "vacancy_z", n.vacancy_z, path, wn);
  n.vacancy_length_m = optional_in(na, "vacancy_length_um", 1e-3, 1e6, path, wn).value_or(n.vacancy_length_m * 1e6) * 1e-6;
  n.creep_length_m = optional_number(na, "creep_length_nm", path, wn).value_or(n.creep_length_m * 1e9) * 1e-9;
  m.substrate_i0_A_m2 = optional_in(na, "substrate_i0_A_m2", 1e-6, 1e6, path, wn);
  return m;
}

/// The alloying-coating keys of a [[substrate]] row: all or none; an alloy without its formation
/// energy is refused naming the row.
void read_alloy(const toml::table& t, SubstrateRow& r, const std::string& path, const std::string& where) {
  const std::string row = fmt::format("{} ('{}')", where, r.name);
  if (t.contains("alloy_phase")) r.alloy_phase = text(t, "alloy_phase", path, where);
  r.alloy_formation_eV_per_atom = optional_in(t, "alloy_formation_eV_per_atom", -5, 5, path, where);
  r.alloy_na_per_coating_atom = optional_in(t, "alloy_na_per_coating_atom", 1e-3, 100, path, where);
  r.coating_atoms_per_m2 = optional_in(t, "coating_atoms_per_m2", 1e15, 1e25, path, where);
  r.alloy_E_bind_eV = optional_in(t, "alloy_E_bind_eV", -20, 20, path, where);
  r.alloy_W_ad_J_m2 = optional_in(t, "alloy_W_ad_J_m2", 0, 100, path, where);
  if (!r.alloy_phase) {
    for (const char* k : {"alloy_formation_eV_per_atom", "alloy_na_per_coating_atom", "coating_atoms_per_m2", "alloy_E_bind_eV",
                          "alloy_W_ad_J_m2"})
      if (t.contains(k)) throw std::invalid_argument(fmt::format("{}: {}.{}: only with alloy_phase (an alloying coating)", path, row, k));
    return;
  }
  if (!r.alloy_formation_eV_per_atom)
    throw std::invalid_argument(fmt::format("{}: {}: alloying coating '{}' has no formation energy: alloy_formation_eV_per_atom "
                                            "(per atom of {}, vs bcc Na and the coating) is needed for its alloying potential",
                                            path, row, *r.alloy_phase, *r.alloy_phase));
  if (!r.alloy_na_per_coating_atom)
    throw std::invalid_argument(fmt::format("{}: {}: alloying coating '{}' needs alloy_na_per_coating_atom (its stoichiometry)", path,
                                            row, *r.alloy_phase));
  if (!r.coating_atoms_per_m2)
    throw std::invalid_argument(fmt::format("{}: {}: alloying coating '{}' needs coating_atoms_per_m2 (its thickness)", path, row,
                                            *r.alloy_phase));
}

}  // namespace

UpscaleParams read_upscale_params(const std::string& path) {
  toml::table doc;
  try {
    doc = toml::parse_file(path);
  } catch (const toml::parse_error& e) {
    throw std::invalid_argument(fmt::format("{}:{}:{}: {}", path, e.source().begin.line, e.source().begin.column, e.description()));
  }
  return read_upscale_document(doc, path);
}

UpscaleParams read_upscale_document(const toml::table& doc, const std::string& path) {
  UpscaleParams p;
  p.file = path;
  check_keys(doc, {"conditions", "na", "substrate"}, path, "(top level)");
  const toml::table* cond = doc["conditions"].as_table();
  const toml::table* na = doc["na"].as_table();
  if (!cond) throw std::invalid_argument(path + ": [conditions] table missing");
  if (!na) throw std::invalid_argument(path + ": [na] table missing");
  check_keys(*cond, kConditionsKeys, path, "conditions");
  check_keys(*na, kNaKeys, path, "na");
  p.T_K = within(required(*cond, "T_K", path, "conditions"), 1, 5000, path, "conditions", "T_K");
  for (double e : number_list(*cond, "eta_mV", path, "conditions")) {
    if (!(e > 0)) throw std::invalid_argument(path + ": conditions.eta_mV: entries must be positive numbers");
    within(e, 1e-3, 3000, path, "conditions", "eta_mV");
    p.eta_mV.push_back(e);
  }
  if (p.eta_mV.empty()) throw std::invalid_argument(path + ": conditions.eta_mV: missing or empty");
  p.gamma_Na_J_m2 = within(required(*na, "gamma_Na_J_m2", path, "na"), 1e-3, 10, path, "na", "gamma_Na_J_m2");
  p.E_coh_eV = na->contains("E_coh_eV") ? within(required(*na, "E_coh_eV", path, "na"), 1e-3, 20, path, "na", "E_coh_eV") : kNaCohesiveEnergy_eV;
  p.omega_m3 = na->contains("omega_A3") ? within(required(*na, "omega_A3", path, "na"), 1, 1000, path, "na", "omega_A3") * 1e-30
                                        : kNaAtomicVolume_m3;

  const auto* subs = doc["substrate"].as_array();
  if (!subs || subs->empty()) throw std::invalid_argument(path + ": [[substrate]]: at least one row is needed");
  std::set<std::string> names;
  for (std::size_t k = 0; k < subs->size(); ++k) {
    const auto* t = (*subs)[k].as_table();
    const std::string where = fmt::format("substrate[{}]", k);
    if (!t) throw std::invalid_argument(path + ": " + where + ": not a table");
    check_keys(*t, kSubstrateKeys, path, where);
    SubstrateRow r;
    r.name = text(*t, "name", path, where);
    if (!names.insert(r.name).second) throw std::invalid_argument(path + ": " + where + ".name: duplicate substrate name '" + r.name + "'");
    r.E_bind_eV = within(required(*t, "E_bind_eV", path, where), -20, 20, path, where, "E_bind_eV");
    r.W_ad_J_m2 = optional_number(*t, "W_ad_J_m2", path, where);
    if (r.W_ad_J_m2) within(*r.W_ad_J_m2, 0, 100, path, where, "W_ad_J_m2");
    r.theta_deg = optional_number(*t, "theta_deg", path, where);
    if (r.W_ad_J_m2 && r.theta_deg) throw std::invalid_argument(path + ": " + where + ": give W_ad_J_m2 or theta_deg, not both");
    if (r.theta_deg && (*r.theta_deg < 0 || *r.theta_deg > 180))
      throw std::invalid_argument(fmt::format("{}: {}.theta_deg: {} is outside [0, 180]", path, where, *r.theta_deg));
    r.Ea_diff_eV = optional_number(*t, "Ea_diff_eV", path, where);
    if (r.Ea_diff_eV) within(*r.Ea_diff_eV, 0, 10, path, where, "Ea_diff_eV");
    r.nu0_Hz = optional_number(*t, "nu0_Hz", path, where);
    if (r.nu0_Hz) within(*r.nu0_Hz, 1e6, 1e16, path, where, "nu0_Hz");
    r.hop_length_A = optional_number(*t, "hop_length_A", path, where);
    if (r.hop_length_A) within(*r.hop_length_A, 0.1, 100, path, where, "hop_length_A");
    r.hops_per_site = static_cast<int>(within(integer(*t, "hops_per_site", r.hops_per_site, path, where), 1, 12, path, where, "hops_per_site"));
    r.site_density_m2 = optional_number(*t, "site_density_m2", path, where);
    r.i0_A_m2 = optional_in(*t, "i0_A_m2", 1e-6, 1e6, path, where);
    r.field_offset_mV = optional_in(*t, "field_offset_mV", -3000, 3000, path, where).value_or(0.0);
    read_alloy(*t, r, path, where);
    p.rows.push_back(r);
  }
  if (cond->contains("current_mA_cm2")) {
    p.meso = read_sweep(*cond, *na, p.T_K, path);
    for (const auto& n : p.meso->substrates)
      if (!names.count(n)) throw std::invalid_argument(fmt::format("{}: conditions.interface.substrates: no substrate row named '{}'", path, n));
    for (const auto* n : {&p.meso->coating, &p.meso->coating_on})
      if (*n && !names.count(**n)) throw std::invalid_argument(fmt::format("{}: conditions.interface: no substrate row named '{}'", path, **n));
    if (p.meso->substrates.empty() && !p.meso->coating)
      for (const auto& r : p.rows) p.meso->substrates.push_back(r.name);
    p.meso->na.gamma_J_m2 = p.gamma_Na_J_m2;
    p.meso->na.E_coh_eV = p.E_coh_eV;
    p.meso->na.omega_m3 = p.omega_m3;
  } else {
    for (const char* k : {"temperature_C", "pressure_MPa", "capacity_mAh_cm2", "cycles", "seed", "interface"})
      if (cond->contains(k)) throw std::invalid_argument(fmt::format("{}: conditions.{}: only used with current_mA_cm2 (the mesoscale sweep)", path, k));
  }
  return p;
}

MesoSubstrate meso_substrate(const UpscaleParams& p, const SubstrateRow& r) {
  auto need = [&](const std::optional<double>& v, const char* key) {
    if (!v) throw std::invalid_argument(fmt::format("{}: substrate '{}': {} is needed for the mesoscale runs", p.file, r.name, key));
    return *v;
  };
  MesoSubstrate s;
  s.name = r.name;
  s.E_bind_eV = r.E_bind_eV;
  if (r.theta_deg) s.theta_deg = *r.theta_deg;
  else if (r.W_ad_J_m2) s.theta_deg = young_dupre(*r.W_ad_J_m2, p.gamma_Na_J_m2).theta_deg;
  else throw std::invalid_argument(fmt::format("{}: substrate '{}': W_ad_J_m2 or theta_deg is needed for the mesoscale runs", p.file, r.name));
  s.Ea_diff_eV = need(r.Ea_diff_eV, "Ea_diff_eV");
  s.nu0_Hz = need(r.nu0_Hz, "nu0_Hz");
  s.hop_length_A = need(r.hop_length_A, "hop_length_A");
  s.hops_per_site = r.hops_per_site;
  if (r.site_density_m2) s.site_density_m2 = *r.site_density_m2;
  s.i0_A_m2 = r.i0_A_m2 ? *r.i0_A_m2 : (p.meso && p.meso->substrate_i0_A_m2 ? *p.meso->substrate_i0_A_m2 : kUnset);
  if (std::isnan(s.i0_A_m2))
    throw std::invalid_argument(fmt::format("{}: substrate '{}': i0_A_m2 (or na.substrate_i0_A_m2) is needed for the mesoscale runs",
                                            p.file, r.name));
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
  subs.push_back(meso_substrate(p, phase));
  auto& c = subs[k];
  c.alloy_capacity_m2 = *r.coating_atoms_per_m2 * *r.alloy_na_per_coating_atom;
  c.alloy_potential_V = alloy_potential_V(*r.alloy_formation_eV_per_atom, *r.alloy_na_per_coating_atom);
  c.alloy_phase = static_cast<int>(k + 1);
  return k;
}

}  // namespace nabridge::upscale
