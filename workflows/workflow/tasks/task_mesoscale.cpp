// mesoscale: hands the parameter table to the upscaling layer. It writes the rows as a
// `nabridge upscale` parameter file (upscale_params.toml in the task folder) and runs the
// upscaling stage on it in this worker process (upscale/stage/upscale_stage.h, the function behind
// `nabridge upscale`), so the campaign's [mesoscale] table accepts what `nabridge upscale` accepts
// under [conditions] (plus `fallback_nu0_Hz`, used here).
// A row whose hop network is incomplete (a saddle without a valid prefactor, a band through a
// deeper minimum) enters the mesoscale runs only with the campaign's fallback prefactor and, as its
// barrier, the highest converged saddle above the lowest state of its bands, or the PES corrugation
// (an estimate) where no band converged; without a fallback prefactor it is left out with a note.
#include <fmt/format.h>
#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>

#include "nabridge/base/constants.h"
#include "stage/upscale_stage.h"
#include "workflow/json_to_toml.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

namespace {

/// The upscaling stage on the parameter file this task wrote; what `nabridge upscale` would print
/// goes to `log_file`. The file is read back rather than the document used from memory so that it
/// is exactly the input of the results: `nabridge upscale` on it reproduces them.
void run_upscale_stage_on(const std::filesystem::path& params_file, const std::filesystem::path& out_dir, int threads,
                          const std::filesystem::path& log_file) {
  const upscale::UpscaleParams params = upscale::read_upscale_params(params_file.string());
  const std::unique_ptr<std::FILE, int (*)(std::FILE*)> log(std::fopen(log_file.c_str(), "w"), &std::fclose);
  if (!log) throw std::runtime_error(log_file.string() + ": cannot write");
  upscale::UpscaleStageOptions opt;
  opt.threads = std::clamp(threads, 1, 256);
  opt.report = opt.progress = log.get();
  upscale::run_upscale_stage(params, out_dir, opt);
}

/// The campaign's [mesoscale] table without fallback_nu0_Hz, which this task uses itself.
struct MesoscaleTable {
  nlohmann::json conditions = nlohmann::json::object();
  std::optional<double> fallback_nu0_Hz;
};

MesoscaleTable mesoscale_table(const TaskContext& ctx) {
  MesoscaleTable m;
  m.conditions = ctx.params.at("mesoscale");
  if (m.conditions.is_null()) m.conditions = nlohmann::json::object();
  if (m.conditions.contains("fallback_nu0_Hz")) {
    const auto& f = m.conditions.at("fallback_nu0_Hz");
    if (!f.is_number() || !(f.get<double>() > 0))
      throw std::invalid_argument("mesoscale.fallback_nu0_Hz: must be a positive number");
    m.fallback_nu0_Hz = f.get<double>();
    m.conditions.erase("fallback_nu0_Hz");
  }
  return m;
}

/// Inputs of every mesoscale run that NaBridge did not compute: the [na_continuum] values, the
/// [mesoscale] model keys (not the sweep and map), and the simulator's defaults for the rest.
nlohmann::json common_assumed_inputs(const TaskContext& ctx, const nlohmann::json& conditions) {
  nlohmann::json assumed = nlohmann::json::array();
  for (const auto& [k, v] : ctx.params.at("na_continuum").items())
    assumed.push_back(fmt::format("na_continuum.{} = {}", k, v.dump()));
  const std::vector<std::string> protocol{"eta_mV",           "current_mA_cm2", "temperature_C", "pressure_MPa",
                                          "capacity_mAh_cm2", "cycles",         "seed",          "interface"};
  for (const auto& [k, v] : conditions.items())
    if (std::find(protocol.begin(), protocol.end(), k) == protocol.end())
      assumed.push_back(fmt::format("mesoscale.{} = {}", k, v.dump()));
  assumed.push_back(
      "simulator defaults of the unset [conditions] and [na] model keys (capture number, double-layer capacitance, "
      "transfer coefficient, void height; docs/upscale.md)");
  return assumed;
}

/// Names of the table's rows in the parameter file: substrate(facet), plus the potential where
/// one substrate facet has rows of several potentials.
std::vector<std::string> row_names(const nlohmann::json& rows) {
  std::map<std::string, int> per_facet;
  for (const auto& r : rows) ++per_facet[r.at("substrate").get<std::string>() + r.at("facet").get<std::string>()];
  std::vector<std::string> names;
  for (const auto& r : rows) {
    const std::string substrate = r.at("substrate"), facet = r.at("facet");
    names.push_back(fmt::format("{}({}){}", substrate, facet,
                                per_facet[substrate + facet] > 1 ? " " + r.at("potential").get<std::string>() : ""));
  }
  return names;
}

/// The [[substrate]] rows of the parameter file, with what the mesoscale runs know of them.
struct SubstrateRows {
  toml::array tables;
  nlohmann::json notes = nlohmann::json::array();
  nlohmann::json row_inputs = nlohmann::json::array();  // per table row: its interface name and assumed inputs
  std::vector<std::string> complete;                    // rows with every input the mesoscale simulator needs
};

/// The built-in field of a coating: computed from its polarisation (task polarization), or the
/// campaign's field_offset_mV for the substrate.
void set_field_offset(const nlohmann::json& r, const nlohmann::json& offsets, toml::table& s, nlohmann::json& assumed) {
  const std::string substrate = r.at("substrate");
  if (r.contains("field_offset_mV")) {
    s.insert_or_assign("field_offset_mV", r.at("field_offset_mV").get<double>());
    for (const auto& a : r.at("field_offset_assumed")) assumed.push_back(a);
  } else if (offsets.contains(substrate)) {
    s.insert_or_assign("field_offset_mV", offsets.at(substrate).get<double>());
    assumed.push_back(
        fmt::format("field_offset_mV = {} (built-in field of the coating)", offsets.at(substrate).get<double>()));
  }
}

/// The barrier of a row without a hop network, and what it is.
struct FallbackBarrier {
  double Ea_eV;
  std::string what;
};

/// The highest converged saddle above the lowest state of the row's hop bands (Ea_saddle_span_eV,
/// hop_columns.h); where no band converged, the spread of the relaxed site energies. The spread
/// bounds nothing: a site may relax away from its symmetric position and the path need not rise
/// to it monotonically (on Al(111) with the EAM the bridge relaxes into fcc: a 0.004 eV spread,
/// against 0.018 eV at the fcc->hcp saddle).
std::optional<FallbackBarrier> fallback_barrier(const nlohmann::json& r) {
  if (r.contains("Ea_saddle_span_eV")) {
    const double Ea = r.at("Ea_saddle_span_eV");
    return FallbackBarrier{Ea, fmt::format("the highest converged saddle above the lowest state of its hop bands, "
                                           "{:.3f} eV (an upper bound where those hops connect the surface)",
                                           Ea)};
  }
  if (r.contains("pes_corrugation_eV")) {
    const double Ea = r.at("pes_corrugation_eV");
    return FallbackBarrier{
        Ea, fmt::format("the PES corrugation {:.3f} eV (no hop band converged: an estimate, not a computed barrier)",
                        Ea)};
  }
  return std::nullopt;
}

/// Whether the table row has a complete hop network under the column names `prefix` + Ea_diff_eV,
/// nu0_Hz, hop_length_A, D_s_m2_s ("" for the row's surface, "alloy_" for its alloy phase's).
bool has_hop_network(const nlohmann::json& r, const std::string& prefix) {
  return r.contains(prefix + "Ea_diff_eV") && r.contains(prefix + "hop_length_A") && r.contains(prefix + "nu0_Hz") &&
         r.at(prefix + "nu0_Hz").get<double>() > 0;
}

/// The hop network of the table row's columns `prefix`… into the mesoscale row's keys `prefix`…
/// The mesoscale model takes D = (z λ²/4) ν exp(−Ea/kT). z, the hops per site, is an integer in
/// [1, 12]; a hop network (several site types, hops of different barriers) is carried by the
/// nearest such z and an effective prefactor, so that the model's D equals the network's D_s at
/// the campaign temperature and follows its effective barrier Ea_diff.
void set_hop_network(const nlohmann::json& r, const std::string& prefix, const std::string& name, double T_K,
                     toml::table& s, SubstrateRows& out) {
  const double Ea = r.at(prefix + "Ea_diff_eV"), nu = r.at(prefix + "nu0_Hz"), lam = r.at(prefix + "hop_length_A"),
               D = r.at(prefix + "D_s_m2_s");
  const double kT = kBoltzmann_eV_K * T_K;
  const double z_exact = 4.0 * D / (lam * lam * 1e-20 * nu * std::exp(-Ea / kT));
  const double z = std::clamp(std::round(z_exact), 1.0, 12.0);
  const double nu_eff = nu * z_exact / z;
  s.insert_or_assign(prefix + "Ea_diff_eV", Ea);
  s.insert_or_assign(prefix + "nu0_Hz", nu_eff);
  s.insert_or_assign(prefix + "hop_length_A", lam);
  s.insert_or_assign(prefix + "hops_per_site", static_cast<int64_t>(z));
  if (std::abs(nu_eff / nu - 1.0) > 0.01)
    out.notes.push_back(fmt::format("{}{}: hop network carried as {} hops per site with an effective prefactor {:.3g} Hz "
                                    "(the hop's {:.3g} Hz), so that D = D_s = {:.3g} m^2/s at {} K",
                                    name, prefix.empty() ? "" : " (alloy phase)", z, nu_eff, nu, D, T_K));
}

/// The row's diffusion inputs; false (with a note) when it has none and stays out of the runs.
bool set_diffusion(const nlohmann::json& r, const std::string& name, const MesoscaleTable& meso, double T_K,
                   toml::table& s, SubstrateRows& out, nlohmann::json& assumed) {
  for (const auto& a : r.value("hops_assumed", nlohmann::json::array())) assumed.push_back(a);
  if (has_hop_network(r, "")) {
    set_hop_network(r, "", name, T_K, s, out);
    return true;
  }
  if (const auto fallback = fallback_barrier(r); fallback && meso.fallback_nu0_Hz) {
    s.insert_or_assign("Ea_diff_eV", fallback->Ea_eV);
    s.insert_or_assign("nu0_Hz", *meso.fallback_nu0_Hz);
    // The step is the spacing of the most stable sites.
    s.insert_or_assign("hop_length_A", 1e10 / std::sqrt(r.at("site_density_m2").get<double>()));
    out.notes.push_back(fmt::format("{}: no hop network ({}); the mesoscale runs use {} as the barrier and "
                                    "mesoscale.fallback_nu0_Hz = {:.3g} Hz",
                                    name, r.value("hops_note", "incomplete"), fallback->what, *meso.fallback_nu0_Hz));
    assumed.push_back(fmt::format("Ea_diff_eV = {} and nu0_Hz = mesoscale.fallback_nu0_Hz", fallback->what));
    return true;
  }
  out.notes.push_back(
      fmt::format("{}: left out of the mesoscale runs: no diffusion barrier ({}; set mesoscale.fallback_nu0_Hz to "
                  "use its converged hop bands or its PES corrugation as the barrier)",
                  name, r.value("hops_note", "no hops task")));
  return false;
}

/// A row of Na on a polarised ferroelectric slab (task polar_surface): its assumptions, and the
/// Na film's W_ad: the row's own where the campaign runs the film on the polarised slab
/// (polar_rows film = true, task polar_film), else taken from the row of the same coating's
/// paraelectric surface. Without either: false, with a note, and the row stays out of the runs.
bool set_polar_row(const nlohmann::json& r, const nlohmann::json& rows, const std::string& name, toml::table& s,
                   SubstrateRows& out, nlohmann::json& assumed) {
  for (const auto& a : r.at("polar_assumed")) assumed.push_back(a);
  if (r.contains("W_ad_J_m2")) return true;  // its own Na film (polar_film task; its assumptions listed above)
  for (const auto& parent : rows)
    if (parent.at("substrate") == r.at("polar_of") && parent.at("facet") == r.at("facet") &&
        parent.contains("W_ad_J_m2")) {
      s.insert_or_assign("W_ad_J_m2", parent.at("W_ad_J_m2").get<double>());
      assumed.push_back(
          fmt::format("W_ad_J_m2 = {:.4f} of {}({}), potential {} (paraelectric): the Na film is not computed on the "
                      "polarised slab",
                      parent.at("W_ad_J_m2").get<double>(), parent.at("substrate").get<std::string>(),
                      parent.at("facet").get<std::string>(), parent.at("potential").get<std::string>()));
      return true;
    }
  out.notes.push_back(
      fmt::format("{}: left out of the mesoscale runs: no W_ad (the polarised slab has no Na film task and no row of "
                  "{}({}) with one)",
                  name, r.at("polar_of").get<std::string>(), r.at("facet").get<std::string>()));
  return false;
}

/// An alloying coating (docs/upscale.md, "Alloying coatings").
void set_alloy(const nlohmann::json& r, const std::string& name, double T_K, toml::table& s, SubstrateRows& out,
               nlohmann::json& assumed) {
  for (const char* k : {"alloy_formation_eV_per_atom", "alloy_na_per_coating_atom", "coating_atoms_per_m2"})
    s.insert_or_assign(k, r.at(k).get<double>());
  s.insert_or_assign("alloy_phase", r.at("alloy_phase").get<std::string>());
  if (!r.at("alloy_formation_computed").get<bool>())
    assumed.push_back(fmt::format("alloy_formation_eV_per_atom = {} (given, not computed)",
                                  r.at("alloy_formation_eV_per_atom").dump()));
  const std::string phase = r.at("alloy_phase");
  if (r.contains("alloy_E_bind_eV")) s.insert_or_assign("alloy_E_bind_eV", r.at("alloy_E_bind_eV").get<double>());
  if (r.contains("alloy_W_ad_J_m2")) s.insert_or_assign("alloy_W_ad_J_m2", r.at("alloy_W_ad_J_m2").get<double>());
  if (!r.contains("alloy_E_bind_eV"))
    assumed.push_back(fmt::format("E_bind of the {} surface = the coating's (not computed on the alloy)", phase));
  if (!r.contains("alloy_W_ad_J_m2"))
    assumed.push_back(fmt::format("W_ad of the {} surface = the coating's (not computed on the alloy)", phase));
  for (const auto& a : r.value("alloy_hops_assumed", nlohmann::json::array()))
    assumed.push_back(fmt::format("{} surface: {}", phase, a.get<std::string>()));
  if (has_hop_network(r, "alloy_"))
    set_hop_network(r, "alloy_", name, T_K, s, out);
  else
    assumed.push_back(fmt::format("Ea_diff, nu0 and site density of the {} surface = the coating's ({})", phase,
                                  r.value("alloy_hops_note", "no hops task on the alloy")));
  assumed.push_back(
      "alloy: an adatom enters the coating at one hop rate; formation energy for free energy (no entropy); "
      "no de-alloying on stripping");
}

SubstrateRows substrate_rows(const TaskContext& ctx, const nlohmann::json& table, const MesoscaleTable& meso) {
  SubstrateRows out;
  const nlohmann::json common_assumed = common_assumed_inputs(ctx, meso.conditions);
  const double T_K = ctx.params.at("T_K").get<double>();
  const auto names = row_names(table.at("rows"));
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto& r = table.at("rows")[i];
    const std::string& name = names[i];
    toml::table s;
    s.insert_or_assign("name", name);
    nlohmann::json assumed = common_assumed;
    s.insert_or_assign("E_bind_eV", r.at("E_bind_eV").get<double>());
    if (r.contains("W_ad_J_m2")) s.insert_or_assign("W_ad_J_m2", r.at("W_ad_J_m2").get<double>());
    const bool has_wetting = !r.contains("polar_of") || set_polar_row(r, table.at("rows"), name, s, out, assumed);
    set_field_offset(r, ctx.params.at("field_offset_mV"), s, assumed);
    const bool has_hops = has_wetting && set_diffusion(r, name, meso, T_K, s, out, assumed);
    if (has_hops) out.complete.push_back(name);
    if (r.contains("alloy_phase")) set_alloy(r, name, T_K, s, out, assumed);
    // Recorded after every assumption of the row, the alloy's included.
    out.row_inputs.push_back({{"interface", has_hops ? nlohmann::json(name) : nlohmann::json()}, {"assumed", assumed}});
    s.insert_or_assign("source",
                       fmt::format("NaBridge campaign tasks, potential {}", r.at("potential").get<std::string>()));
    out.tables.push_back(std::move(s));
  }
  return out;
}

/// The interface maps of the sweep: the rows named in [mesoscale.interface] substrates (each
/// must be a row with a diffusion barrier), or every such row.
void choose_interface_rows(nlohmann::json& conditions, const std::vector<std::string>& complete) {
  if (!conditions.contains("current_mA_cm2")) return;
  auto& itf = conditions["interface"];
  if (itf.is_null()) itf = nlohmann::json::object();
  if (!itf.contains("substrates")) {
    itf["substrates"] = complete;
    return;
  }
  for (const auto& n : itf.at("substrates"))
    if (std::find(complete.begin(), complete.end(), n.get<std::string>()) == complete.end())
      throw std::invalid_argument(
          fmt::format("mesoscale.interface.substrates: '{}' is not a parameter-table row with a diffusion "
                      "barrier (rows are named substrate(facet), plus the potential when there are several)",
                      n.get<std::string>()));
}

/// [na] of the parameter file: bulk Na from the na_bulk task, the vacancy energies of the
/// na_vacancy task (they feed the void-refill model), then [na_continuum], which may override them.
toml::table na_table(const TaskContext& ctx, const nlohmann::json& na) {
  toml::table na_t;
  na_t.insert_or_assign("gamma_Na_J_m2", na.at("gamma_Na_J_m2").get<double>());
  na_t.insert_or_assign("E_coh_eV", na.at("E_coh_Na_eV").get<double>());
  na_t.insert_or_assign("omega_A3", na.at("omega_Na_A3").get<double>());
  na_t.insert_or_assign("source",
                        fmt::format("NaBridge na_bulk task, potential {}", na.at("potential").get<std::string>()));
  if (na.value("vac_converged", false)) {
    na_t.insert_or_assign("vacancy_Ef_eV", na.at("Ef_vac_eV").get<double>());
    na_t.insert_or_assign("vacancy_Em_eV", na.at("Em_vac_eV").get<double>());
  }
  for (const auto& [k, v] : ctx.params.at("na_continuum").items()) insert_json(na_t, k, v);
  return na_t;
}

}  // namespace

nlohmann::json run_mesoscale_task(const TaskContext& ctx) {
  const auto& table = ctx.input("table");
  MesoscaleTable meso = mesoscale_table(ctx);
  SubstrateRows rows = substrate_rows(ctx, table, meso);
  choose_interface_rows(meso.conditions, rows.complete);

  toml::table doc;
  toml::table cond;
  cond.insert_or_assign("T_K", ctx.params.at("T_K").get<double>());
  cond.insert_or_assign("eta_mV", toml::array{5.0, 10.0, 20.0, 50.0, 100.0});
  for (const auto& [k, v] : meso.conditions.items()) insert_json(cond, k, v);
  doc.insert_or_assign("conditions", std::move(cond));
  doc.insert_or_assign("na", na_table(ctx, table.at("na")));
  doc.insert_or_assign("substrate", std::move(rows.tables));

  const auto params_file = ctx.dir / "upscale_params.toml";
  std::ofstream(params_file) << doc << '\n';
  const auto out_dir = ctx.dir / "upscale";
  run_upscale_stage_on(params_file, out_dir, ctx.threads, ctx.dir / "upscale.log");
  nlohmann::json result{{"params_file", params_file.string()}, {"out_dir", out_dir.string()}, {"notes", rows.notes},
                        {"row_inputs", rows.row_inputs}};
  result["predictions"] = nlohmann::json::parse(std::ifstream(out_dir / "upscale.json"));
  if (std::ifstream sweep(out_dir / "mesoscale" / "mesoscale.json"); sweep)
    result["sweep"] = nlohmann::json::parse(sweep);
  return result;
}

}  // namespace nabridge::workflow
