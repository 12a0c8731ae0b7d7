// polarization: the spontaneous polarisation of a ferroelectric coating from its core–shell model
// relaxed at 0 K (TaskContext::relax_perovskite: lammps/engine/shell_bulk.h in the worker), and
// the mesoscale field offset it implies through the screened-film formula
// (nabridge/upscale/ferroelectric.h, docs/ferroelectric.md). A polarisation that relaxes away
// fails the task (core/polarization.h require_polar): a zero field is never passed on silently.
// Every input of the offset that is not computed is listed in "inputs_not_computed".
#include <fmt/format.h>

#include <cmath>

#include "core/polarization.h"
#include "nabridge/upscale/ferroelectric.h"
#include "workflow/potential_json.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

namespace {
/// Below this |P| the model counts as paraelectric (1 % of BaTiO3's 0.26 C/m²).
constexpr double kMinPolarization_C_m2 = 2.6e-3;
}  // namespace

nlohmann::json run_polarization_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const PotentialSpec model = potential_from_json(p.at("potential"));
  const auto els = p.at("elements").get<std::vector<std::string>>();
  const bool toward_collector = p.at("toward_collector").get<bool>();
  // Seeded along +z; by symmetry the relaxed P down is the mirror image (tests/lammps/test_shell_model.cpp).
  const ShellPerovskite r = ctx.relaxed_perovskite(model, {els.at(0), els.at(1), els.at(2)},
                                                   p.at("a_guess_A").get<double>(), p.at("cells").get<int>(), 0.1);
  require_polar(r.P_C_m2, kMinPolarization_C_m2,
                fmt::format("{} with {}", p.at("substrate").get<std::string>(), model.id));
  const double T_K = p.at("T_K").get<double>();
  upscale::ScreenedFerroelectricFilm film;
  film.P_s_C_m2 = r.P_C_m2.norm();
  film.thickness_m = p.at("thickness_nm").get<double>() * 1e-9;
  film.eps_film = p.at("eps_film").get<double>();
  film.lambda_metal_m = p.at("lambda_collector_A").get<double>() * 1e-10;
  film.eps_metal = 1.0;
  film.eps_electrolyte = p.at("eps_electrolyte").get<double>();
  film.lambda_electrolyte_m =
      upscale::debye_length_m(p.at("carrier_density_m3").get<double>(), film.eps_electrolyte, T_K);
  const double offset_V = upscale::ferroelectric_offset_V(film, toward_collector);
  nlohmann::json assumed = nlohmann::json::array();
  assumed.push_back(fmt::format("ferroelectric thickness_nm = {:g}", p.at("thickness_nm").get<double>()));
  assumed.push_back(fmt::format("ferroelectric eps_film = {:g} (background permittivity)", film.eps_film));
  assumed.push_back(fmt::format("ferroelectric lambda_collector_A = {:g} (collector screening length)",
                                p.at("lambda_collector_A").get<double>()));
  assumed.push_back(
      fmt::format("ferroelectric carrier_density_m3 = {:g}, eps_electrolyte = {:g} (electrolyte Debye length {:.3g} A)",
                  p.at("carrier_density_m3").get<double>(), film.eps_electrolyte, film.lambda_electrolyte_m * 1e10));
  assumed.push_back(
      std::string("ferroelectric polarisation ") +
      (toward_collector ? "toward the collector (poled by the plating bias)" : "away from the collector"));
  // The relaxed five-atom cell (P along +z), from which the polar_surface tasks build their slabs.
  nlohmann::json unit{{"species", r.unit.species}, {"positions_A", nlohmann::json::array()}};
  for (Eigen::Index k = 0; k < r.unit.positions.cols(); ++k)
    unit["positions_A"].push_back({r.unit.positions(0, k), r.unit.positions(1, k), r.unit.positions(2, k)});
  return {{"P_s_C_m2", film.P_s_C_m2},
          {"unit_cell", unit},
          {"P_C_m2", {r.P_C_m2[0], r.P_C_m2[1], r.P_C_m2[2]}},
          {"a_A", r.a_A},
          {"c_A", r.c_A},
          {"c_over_a", r.c_over_a()},
          {"energy_eV_per_fu", r.energy_eV_per_fu},
          {"cells", r.cells},
          {"shell_potential", model.id},
          {"toward_collector", toward_collector},
          {"lambda_electrolyte_A", film.lambda_electrolyte_m * 1e10},
          {"sigma_screen_C_m2", upscale::screening_charge_C_m2(film)},
          {"E_depol_V_m", upscale::depolarising_field_V_m(film)},
          {"field_offset_mV", offset_V * 1e3},
          {"inputs_not_computed", assumed}};
}

}  // namespace nabridge::workflow
