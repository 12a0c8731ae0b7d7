// surface: γ of a symmetric slab of one facet, all layers free so both faces relax alike. For a
// coated substrate, γ of the coating material's facet (its own lattice): the coating's surface
// is what Na meets; the small strain the match puts on it is ignored here.
//
// A slab whose composition is not a whole number of bulk formula units (e.g. a TiO2-terminated
// BaTiO3(001) slab: one TiO2 layer more than BaO layers) has no γ without a chemical potential.
// Then the slab of the complementary termination is computed too, and the pair gives the average
// surface energy of the two terminations (termination_pair_surface_energy in
// protocols/surface_energy.h), reported with a note instead of a per-termination number.
//
// The surface of an alloying coating's alloy phase (params["alloy_surface"]; a symmetric slab,
// generally richer in Na than the alloy) has its γ at the Na-rich limit, where Na metal plates on
// it: μ_Na = bcc Na (na_bulk), μ_M from the alloy: x μ_Na + μ_M = (1 + x) e_alloy per Na_x M unit.
#include <fmt/format.h>

#include <string>

#include "nabridge/base/constants.h"
#include "optimize/fire.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

namespace {

/// The termination this cut offers besides `own` (the slab's top; empty: the cut's first).
std::string complementary_termination(const Slab& slab, const std::string& own) {
  std::string other;
  for (const auto& t : slab.terminations)
    if (t != own && !(own.empty() && t == slab.terminations.front())) other = t;
  if (other.empty())
    throw std::runtime_error("surface: non-stoichiometric slab and no complementary termination to pair it with");
  return other;
}

/// γ of a symmetric alloy slab relaxed from `slab`, with each element at its chemical potential at
/// the Na-rich limit; gamma_unrelaxed likewise.
nlohmann::json alloy_surface_energy(Engine& engine, const TaskContext& ctx, const Slab& slab_cut,
                                    const nlohmann::json& alloy_bulk, SurfaceEnergyOptions opt) {
  const Structure& slab = slab_cut.structure;
  const double mu_Na_eV = ctx.input("na_bulk").at("e_bulk_eV_per_atom");
  const auto& bulk = ctx.input("bulk");
  const auto& alloy = bulk.at("coating").at("alloy");
  const double x = alloy.at("na_per_coating_atom");  // Na per M
  const double e_alloy_eV = alloy_bulk.at("e_bulk_eV_per_atom");
  const double mu_M_eV = e_alloy_eV * (1.0 + x) - x * mu_Na_eV;
  opt.ebulk_eV_per_atom = 0.0;  // the references are subtracted below, per element
  const SurfaceEnergyResult r = surface_energy(engine, slab, opt);
  double reference_eV = 0.0;
  std::size_t n_Na = 0;
  for (const auto& e : slab.species) reference_eV += e == "Na" ? (++n_Na, mu_Na_eV) : mu_M_eV;
  const double shift_J_m2 = reference_eV / (2.0 * r.area_A2) * kEvPerA2_to_J_per_m2;
  nlohmann::json out{{"gamma_J_m2", r.gamma_J_m2 - shift_J_m2},
                     {"gamma_unrelaxed_J_m2", r.gamma_unrelaxed_J_m2 - shift_J_m2},
                     {"area_A2", r.area_A2},
                     {"natoms", slab.size()},
                     {"natoms_Na", n_Na},
                     {"energy_eV", r.energy_eV},
                     {"relax_converged", r.relax.converged},
                     {"relax_steps", r.relax.steps},
                     {"terminations", slab_cut.terminations},
                     {"mu_Na_eV", mu_Na_eV},
                     {"mu_coating_eV", mu_M_eV},
                     {"gamma_note", fmt::format("{} slab: gamma at the Na-rich limit (mu_Na = bcc Na)",
                                                alloy.at("phase").get<std::string>())}};
  out["structures"] = {
      {"slab", write_structures(engine, ctx, "slab",
                                {XyzFrame{r.structure, r.energy_eV, std::nullopt, {{"state", "relaxed clean slab"}}}})}};
  return out;
}

}  // namespace

nlohmann::json run_surface_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const bool alloy = p.value("alloy_surface", false);
  const nlohmann::json substrate = slab_bulk(p, ctx.input("bulk"));
  const auto& bulk = substrate.contains("coating") ? substrate.at("coating") : substrate;
  auto engine = ctx.engine(p.at("potential"));
  nlohmann::json sp = p;
  if (substrate.contains("coating")) sp["termination"] = bulk.at("termination");
  const Slab slab = make_task_slab(sp, bulk, 0);
  if (!substrate.contains("coating")) require_nonpolar(slab.structure, sp);
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = bulk.at("e_bulk_eV_per_atom");
  OptimizerOptions fo;
  fo.fmax_eV_A = p.at("slab").at("fmax_eV_A");
  Fire fire(fo);
  opt.optimizer = &fire;
  if (alloy) return alloy_surface_energy(*engine, ctx, slab, bulk, opt);
  const Structure cell = bulk_prototype(bulk.at("prototype"), bulk.at("elements").get<std::vector<std::string>>(),
                                        bulk.at("a_A"), bulk.at("c_A"));
  auto surface_json = [&](double gamma_J_m2, nlohmann::json gamma_unrelaxed_J_m2, double area_A2,
                          const Structure& relaxed, double energy_eV, const OptimizerResult& relax) {
    nlohmann::json out{{"gamma_J_m2", gamma_J_m2},   {"gamma_unrelaxed_J_m2", gamma_unrelaxed_J_m2},
                       {"area_A2", area_A2},         {"natoms", relaxed.size()},
                       {"energy_eV", energy_eV},     {"relax_converged", relax.converged},
                       {"relax_steps", relax.steps}, {"terminations", slab.terminations}};
    out["structures"] = {
        {"slab", write_structures(*engine, ctx, "slab",
                                  {XyzFrame{relaxed, energy_eV, std::nullopt, {{"state", "relaxed clean slab"}}}})}};
    return out;
  };
  if (whole_formula_units(slab.structure, cell)) {
    const SurfaceEnergyResult r = surface_energy(*engine, slab.structure, opt);
    return surface_json(r.gamma_J_m2, r.gamma_unrelaxed_J_m2, r.area_A2, r.structure, r.energy_eV, r.relax);
  }
  const std::string own = slab.terminations.empty() ? "" : sp.value("termination", slab.terminations.front());
  const std::string other = complementary_termination(slab, own);
  nlohmann::json cp = sp;
  cp["termination"] = other;
  const TerminationPairSurfaceEnergy pair =
      termination_pair_surface_energy(*engine, slab.structure, make_task_slab(cp, bulk, 0).structure, cell, opt);
  // The average only: a per-termination value needs a chemical potential (or the equal split of
  // the cleavage energy that gamma_first/second assume), and the average is what the table shows.
  nlohmann::json out = surface_json(pair.gamma_avg_J_m2, nullptr, pair.area_A2, pair.first.structure,
                                    pair.first.energy_eV, pair.first.relax);
  out["gamma_note"] = fmt::format(
      "non-stoichiometric {} slab: average of the {} and {} terminations (half the "
      "cleavage energy); a per-termination value needs a chemical potential",
      own, own, other);
  return out;
}

}  // namespace nabridge::workflow
