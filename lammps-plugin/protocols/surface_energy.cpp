#include "protocols/surface_energy.h"

#include <cmath>
#include <stdexcept>

#include "protocols/common.h"

namespace nabridge {

SurfaceEnergyResult surface_energy(Engine& engine, Structure slab, const SurfaceEnergyOptions& opt) {
  if (!std::isfinite(opt.ebulk_eV_per_atom))
    throw std::invalid_argument("surface energy: 'ebulk_eV_per_atom' is missing or not finite");
  require_periodic_slab(slab, "surface energy");

  SurfaceEnergyResult res;
  res.natoms = slab.size();
  res.area_A2 = slab.area_A2();
  const double e_ref = static_cast<double>(res.natoms) * opt.ebulk_eV_per_atom;
  auto gamma = [&](double e_slab) { return (e_slab - e_ref) / (2.0 * res.area_A2) * kEvPerA2_to_J_per_m2; };

  res.energy_eV = engine.energy(slab);
  res.gamma_unrelaxed_J_m2 = gamma(res.energy_eV);
  res.gamma_J_m2 = res.gamma_unrelaxed_J_m2;
  if (opt.relax) {
    res.relax = relax_structure(engine, slab, opt.optimizer);
    res.energy_eV = res.relax.energy_eV;
    res.gamma_J_m2 = gamma(res.energy_eV);
  }
  res.structure = std::move(slab);
  return res;
}

}  // namespace nabridge
