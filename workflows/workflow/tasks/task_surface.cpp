// surface: γ of a symmetric slab of one facet, all layers free so both faces relax alike. For a
// coated substrate, γ of the coating material's facet (its own lattice): the coating's surface
// is what Na meets; the small strain the match puts on it is ignored here.
//
// A slab whose composition is not a whole number of bulk formula units (e.g. a TiO2-terminated
// BaTiO3(001) slab: one TiO2 layer more than BaO layers) has no γ without a chemical potential.
// Then the slab of the complementary termination is computed too, and the pair, which together
// is stoichiometric, gives the average surface energy of the two terminations,
//   γ_avg = (E_1 + E_2 − (N_1 + N_2) e_bulk) / (4A)   (half the cleavage energy),
// reported with a note instead of a per-termination number.
#include <fmt/format.h>

#include <cmath>
#include <map>

#include "optimize/fire.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

namespace {

/// True when the slab holds a whole number of the bulk cell's formula units.
bool stoichiometric(const Structure& slab, const Structure& bulk) {
  std::map<std::string, int> ns, nb;
  for (const auto& e : slab.species) ++ns[e];
  for (const auto& e : bulk.species) ++nb[e];
  if (ns.size() != nb.size()) return false;
  double ratio = -1;
  for (const auto& [e, n] : nb) {
    if (!ns.count(e)) return false;
    const double r = static_cast<double>(ns[e]) / n;
    if (ratio < 0) ratio = r;
    else if (std::abs(r - ratio) > 1e-9) return false;
  }
  return true;
}

}  // namespace

nlohmann::json run_surface_task(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const auto& substrate = ctx.input("bulk");
  const auto& bulk = substrate.contains("coating") ? substrate.at("coating") : substrate;
  auto engine = make_engine(p.at("potential"));
  nlohmann::json sp = p;
  if (substrate.contains("coating")) sp["termination"] = bulk.at("termination");
  const Slab slab = make_task_slab(sp, bulk, 0);
  if (!substrate.contains("coating")) require_nonpolar(slab.structure, sp);
  const double e_bulk = bulk.at("e_bulk_eV_per_atom");
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = e_bulk;
  OptimizerOptions fo;
  fo.fmax_eV_A = p.at("slab").at("fmax_eV_A");
  Fire fire(fo);
  opt.optimizer = &fire;
  const SurfaceEnergyResult r = surface_energy(*engine, slab.structure, opt);
  nlohmann::json out{{"gamma_J_m2", r.gamma_J_m2},   {"gamma_unrelaxed_J_m2", r.gamma_unrelaxed_J_m2},
                     {"area_A2", r.area_A2},         {"natoms", r.natoms},
                     {"energy_eV", r.energy_eV},     {"relax_converged", r.relax.converged},
                     {"relax_steps", r.relax.steps}, {"terminations", slab.terminations}};
  out["structures"] = {
      {"slab",
       write_structures(*engine, ctx, "slab",
                        {XyzFrame{r.structure, r.energy_eV, std::nullopt, {{"state", "relaxed clean slab"}}}})}};
  const Structure cell = bulk_prototype(bulk.at("prototype"), bulk.at("elements").get<std::vector<std::string>>(),
                                        bulk.at("a_A"), bulk.at("c_A"));
  if (stoichiometric(slab.structure, cell)) return out;

  // The complementary termination: the one this cut offers that the slab does not have on top.
  const std::string own = slab.terminations.empty() ? "" : sp.value("termination", slab.terminations.front());
  std::string other;
  for (const auto& t : slab.terminations)
    if (t != own && !(own.empty() && t == slab.terminations.front())) other = t;
  if (other.empty())
    throw std::runtime_error("surface: non-stoichiometric slab and no complementary termination to pair it with");
  nlohmann::json cp = sp;
  cp["termination"] = other;
  Structure pair = make_task_slab(cp, bulk, 0).structure;
  Structure combined = pair;  // species of both slabs: must be whole formula units together
  combined.species.insert(combined.species.end(), slab.structure.species.begin(), slab.structure.species.end());
  if (!stoichiometric(combined, cell))
    throw std::runtime_error("surface: the " + own + " and " + other + " slabs together are not stoichiometric");
  Fire fire2(fo);
  const double e2 = fire2.minimize(*engine, pair).energy_eV;
  const double n = static_cast<double>(combined.species.size());
  out["gamma_J_m2"] = (r.energy_eV + e2 - n * e_bulk) / (4.0 * r.area_A2) * kEvPerA2_to_J_per_m2;
  out["gamma_unrelaxed_J_m2"] = nullptr;
  out["gamma_note"] = fmt::format("non-stoichiometric {} slab: average of the {} and {} terminations (half the "
                                  "cleavage energy); a per-termination value needs a chemical potential",
                                  own, own, other);
  return out;
}

}  // namespace nabridge::workflow
