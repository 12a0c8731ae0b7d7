#include "workflow/tasks/task_common.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <stdexcept>

#include "core/elements.h"
#include "core/safe_name.h"
#include "protocols/host_tear.h"
#include "protocols/registry_scan.h"
#include "structure/interface.h"
#include "structure/prototypes.h"
#include "workflow/miller.h"
#include "workflow/potential_json.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

const nlohmann::json& TaskContext::input(const std::string& type) const {
  for (const auto& [name, result] : inputs)
    if (name == type || name.rfind(type + "/", 0) == 0 || name.rfind(type + "@", 0) == 0) return result;
  throw std::runtime_error("task input '" + type + "' missing");
}

std::unique_ptr<Engine> TaskContext::engine(const nlohmann::json& potential) const {
  if (!engine_factory) throw std::logic_error("task context: no engine factory set");
  return engine_factory(potential_from_json(potential));
}

std::unique_ptr<Engine> TaskContext::shell_engine(const nlohmann::json& potential,
                                                  const ShellEngineOptions& options) const {
  if (!shell_engine_factory) throw std::logic_error("task context: no shell engine factory set");
  return shell_engine_factory(potential_from_json(potential), options);
}

ShellPerovskite TaskContext::relaxed_perovskite(const PotentialSpec& model, const std::array<std::string, 3>& abo,
                                                double a0_A, int n, double seed_A) const {
  if (!relax_perovskite) throw std::logic_error("task context: no perovskite relaxation set");
  return relax_perovskite(model, abo, a0_A, n, seed_A);
}

nlohmann::json adsorption_sites_json(const AdsorptionResult& r) {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& s : r.sites) {
    nlohmann::json torn;  // null: the host stayed within the tear bound (or had none)
    if (s.torn_host)
      torn = {{"moved_A", s.host_move.moved_A},
              {"atom", s.host_move.atom},
              {"element", r.slab.species.at(s.host_move.atom)},
              {"E_bind_free_eV", s.torn_host->E_bind_free_eV}};
    list.push_back({{"label", s.site.label},
                    {"x_A", s.final_position_A.x()},
                    {"y_A", s.final_position_A.y()},
                    {"z_A", s.final_position_A.z()},
                    {"E_bind_eV", s.E_bind_eV},
                    {"E_ads_eV", s.E_ads_eV},
                    {"moved_to", s.moved_to},
                    {"multiplicity", s.site.multiplicity},
                    {"symmetry_broken_gain_eV", s.symmetry_broken_gain_eV},
                    {"relax_converged", s.relax.converged},
                    {"host_max_displacement_A", s.host_move.moved_A},
                    {"torn_host", torn}});
  }
  return list;
}

const AdsorptionSite& landed_site(const AdsorptionResult& r, const AdsorptionSiteResult& state) {
  const AdsorptionSite* landed = &state.site;
  for (const auto& s : r.sites)
    if (s.site.label == state.landed_label()) landed = &s.site;
  return *landed;
}

void require_nonpolar(const Structure& slab, const nlohmann::json& params) {
  const auto charges = params.at("potential").at("charges_e").get<std::map<std::string, double>>();
  if (charges.empty()) return;
  const SlabPolarity p = slab_polarity(slab, charges);
  // 1e-6 e per atom and 1e-6 e/Å per Å² of surface: exact zeros up to rounding for a neutral,
  // symmetric stacking; a polar one is off by ~0.1 e or more per surface cell.
  if (std::abs(p.net_charge_e) > 1e-6 * static_cast<double>(slab.size()) ||
      std::abs(p.dipole_eA) > 1e-6 * slab.area_A2())
    throw std::runtime_error(fmt::format(
        "slab: the {} slab (termination '{}', {} layers) carries a net charge of {:.3g} e and a dipole of {:.3g} e·Å "
        "normal to the surface with the potential's charges; an uncompensated polar slab has no converged surface "
        "energy: choose a layer count or termination that gives a neutral, symmetric stacking (corundum (0001): "
        "'Al' with a multiple of 3 layers)",
        params.at("facet").get<std::string>(), params.value("termination", ""),
        params.at("slab").at("layers").get<int>(), p.net_charge_e, p.dipole_eA));
}

SurfaceSlab make_surface_slab(Engine& engine, const nlohmann::json& params, const nlohmann::json& bulk_result,
                              int fixed_layers) {
  if (!bulk_result.contains("coating")) {
    const Slab sub = make_task_slab(params, bulk_result, fixed_layers);
    require_nonpolar(sub.structure, params);
    return {sub.structure, sub.interlayer_spacing_A, 0.0};
  }
  // Match the coating onto the primitive surface cell of the substrate (the registry scan covers
  // that cell), then repeat the coated slab in-plane like every other slab.
  const int repeat = params.at("slab").at("repeat");
  nlohmann::json sp = params;
  sp["slab"]["repeat"] = 1;
  const Slab sub = make_task_slab(sp, bulk_result, fixed_layers);
  const auto& c = bulk_result.at("coating");
  nlohmann::json cp = sp;
  cp["termination"] = c.at("termination");
  cp["slab"]["layers"] = c.at("layers");
  const Slab coat = make_task_slab(cp, c, 0);
  InterfaceOptions io;
  io.separation_A = 0.5 * (sub.interlayer_spacing_A + coat.interlayer_spacing_A);
  io.vacuum_A = params.at("slab").at("vacuum_A");
  io.match.max_strain = 0.05;
  Interface iface = build_interface(sub.structure, coat.structure, io);
  const RegistryScanResult reg = registry_scan(engine, iface, 3, 3);
  const Structure cell = shift_film(iface, reg.points[reg.best].shift_A);
  return {nabridge::repeat(cell, repeat, repeat, 1), coat.interlayer_spacing_A, iface.match.film_strain.max_principal};
}

std::string write_structures(Engine& engine, const TaskContext& ctx, const std::string& name,
                             std::vector<XyzFrame> frames) {
  for (auto& f : frames)
    if (!f.energy_eV || !f.forces_eV_A) {
      Evaluation e = engine.evaluate(f.structure);
      f.energy_eV = e.energy_eV;
      f.forces_eV_A = std::move(e.forces_eV_A);
    }
  const std::string file = safe_file_stem(name) + ".extxyz";
  write_extxyz_frames((ctx.dir / file).string(), frames);
  // The task folder is RUN/work/KEY: recorded relative to RUN, which may move as a whole.
  return (fs::path("work") / ctx.dir.filename() / file).string();
}

nlohmann::json slab_bulk(const nlohmann::json& params, const nlohmann::json& bulk_result) {
  if (!params.value("alloy_surface", false)) return bulk_result;
  const auto& coating = bulk_result.at("coating");
  const auto& alloy = coating.at("alloy");
  return {{"prototype", alloy.at("prototype")},
          {"elements", {"Na", coating.at("elements").at(0)}},
          {"a_A", alloy.at("a_alloy_A")},
          {"c_A", 0.0},
          {"e_bulk_eV_per_atom", alloy.at("e_alloy_eV_per_atom")}};
}

SiteOptions site_options(const nlohmann::json& params) {
  SiteOptions opt;
  opt.layer_tol_A = params.value("site_layer_tol_A", opt.layer_tol_A);
  return opt;
}

double host_tear_bound_A(const nlohmann::json& params) {
  return substrate_tear_bound_A(params.at("potential").at("charges_e").get<std::map<std::string, double>>());
}

std::string metallic_na_species(const nlohmann::json& params) {
  return metallic_species_in(params.at("potential").at("elements").get<std::vector<std::string>>(), "Na");
}

Slab make_task_slab(const nlohmann::json& params, const nlohmann::json& bulk_result, int fixed_layers) {
  const auto& slab = params.at("slab");
  const Structure bulk = bulk_prototype(
      bulk_result.at("prototype"), bulk_result.at("elements").get<std::vector<std::string>>(), bulk_result.at("a_A"),
      bulk_result.at("c_A"), bulk_result.value("internal", std::vector<double>{}));
  SlabSpec spec;
  spec.miller = parse_miller(params.at("facet"));
  spec.layers = slab.at("layers");
  spec.vacuum_A = slab.at("vacuum_A");
  spec.fixed_layers = fixed_layers;
  spec.termination = params.value("termination", "");
  spec.cut_at_widest_gaps = slab.value("cut_at_widest_gaps", false);
  spec.repeat_a = spec.repeat_b = slab.at("repeat");
  spec.max_atoms = slab.at("max_atoms");
  return make_slab(bulk, spec);
}

}  // namespace nabridge::workflow
