#include "protocols/surface_energy.h"

#include <cmath>
#include <map>
#include <stdexcept>
#include <string>

#include "protocols/common.h"

namespace nabridge {

namespace {

void require_ebulk(const SurfaceEnergyOptions& opt) {
  if (!std::isfinite(opt.ebulk_eV_per_atom))
    throw std::invalid_argument("surface energy: 'ebulk_eV_per_atom' is missing or not finite");
}

TerminationSlab relaxed_slab(Engine& engine, Structure slab, const SurfaceEnergyOptions& opt) {
  require_periodic_slab(slab, "surface energy");
  TerminationSlab t;
  t.natoms = slab.size();
  t.energy_unrelaxed_eV = t.energy_eV = engine.energy(slab);
  if (opt.relax) {
    t.relax = relax_structure(engine, slab, opt.optimizer);
    t.energy_eV = t.relax.energy_eV;
  }
  t.structure = std::move(slab);
  return t;
}

}  // namespace

double symmetric_slab_gamma_J_m2(double slab_eV, std::size_t natoms, double bulk_eV_per_atom, double area_A2) {
  return (slab_eV - static_cast<double>(natoms) * bulk_eV_per_atom) / (2.0 * area_A2) * kEvPerA2_to_J_per_m2;
}

SurfaceEnergyResult surface_energy(Engine& engine, Structure slab, const SurfaceEnergyOptions& opt) {
  require_ebulk(opt);
  SurfaceEnergyResult res;
  res.area_A2 = slab.area_A2();
  TerminationSlab t = relaxed_slab(engine, std::move(slab), opt);
  res.natoms = t.natoms;
  auto gamma = [&](double e_slab) {
    return symmetric_slab_gamma_J_m2(e_slab, res.natoms, opt.ebulk_eV_per_atom, res.area_A2);
  };
  res.gamma_unrelaxed_J_m2 = gamma(t.energy_unrelaxed_eV);
  res.gamma_J_m2 = gamma(t.energy_eV);
  res.energy_eV = t.energy_eV;
  res.relax = t.relax;
  res.structure = std::move(t.structure);
  return res;
}

bool whole_formula_units(const Structure& slab, const Structure& bulk_cell) {
  std::map<std::string, int> ns, nb;
  for (const auto& e : slab.species) ++ns[e];
  for (const auto& e : bulk_cell.species) ++nb[e];
  if (ns.size() != nb.size()) return false;
  double ratio = -1;
  for (const auto& [e, n] : nb) {
    if (!ns.count(e)) return false;
    const double r = static_cast<double>(ns[e]) / n;
    if (ratio < 0)
      ratio = r;
    else if (std::abs(r - ratio) > 1e-9)
      return false;
  }
  return true;
}

TerminationPairSurfaceEnergy termination_pair_surface_energy(Engine& engine, Structure first, Structure second,
                                                             const Structure& bulk_cell,
                                                             const SurfaceEnergyOptions& opt) {
  require_ebulk(opt);
  Structure together = first;  // species of both slabs: whole formula units between them
  together.species.insert(together.species.end(), second.species.begin(), second.species.end());
  if (!whole_formula_units(together, bulk_cell))
    throw std::invalid_argument(
        "termination pair surface energy: the two slabs together are not whole formula units "
        "of the bulk");
  const double area_A2 = first.area_A2();
  if (std::abs(second.area_A2() - area_A2) > 1e-9 * area_A2)
    throw std::invalid_argument("termination pair surface energy: the two slabs have different surface cells");

  TerminationPairSurfaceEnergy res;
  res.area_A2 = area_A2;
  res.first = relaxed_slab(engine, std::move(first), opt);
  res.second = relaxed_slab(engine, std::move(second), opt);
  const double e_ref = static_cast<double>(res.first.natoms + res.second.natoms) * opt.ebulk_eV_per_atom;
  auto per_area = [&](double e_eV, double faces) { return e_eV / (faces * area_A2) * kEvPerA2_to_J_per_m2; };
  res.gamma_avg_J_m2 = per_area(res.first.energy_eV + res.second.energy_eV - e_ref, 4.0);
  res.gamma_avg_unrelaxed_J_m2 = per_area(res.first.energy_unrelaxed_eV + res.second.energy_unrelaxed_eV - e_ref, 4.0);
  res.gamma_first_J_m2 =
      res.gamma_avg_unrelaxed_J_m2 + per_area(res.first.energy_eV - res.first.energy_unrelaxed_eV, 2.0);
  res.gamma_second_J_m2 =
      res.gamma_avg_unrelaxed_J_m2 + per_area(res.second.energy_eV - res.second.energy_unrelaxed_eV, 2.0);
  return res;
}

}  // namespace nabridge
