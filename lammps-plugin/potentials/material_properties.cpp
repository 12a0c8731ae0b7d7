#include "potentials/material_properties.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "protocols/common.h"
#include "protocols/surface_energy.h"
#include "protocols/vacancy_migration.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

namespace nabridge::potentials {

CubicBuilder element_lattice(const std::string& element, const std::string& lattice) {
  if (lattice == "fcc") return [element](double a) { return bulk_fcc(element, a); };
  if (lattice == "bcc") return [element](double a) { return bulk_bcc(element, a); };
  throw std::invalid_argument("element lattice: '" + lattice + "' for " + element + " is not fcc or bcc");
}

CubicElastic cubic_elastic_constants(Engine& engine, const Structure& s, double e) {
  ElasticOptions opt;
  opt.strain = e;
  opt.relax_ions = false;
  return cubic_elastic(engine, s, opt);
}

double vacancy_formation_energy(Engine& engine, const Structure& cell, int reps, double ebulk, bool relax,
                                Optimizer* opt) {
  if (reps < 2) throw std::invalid_argument("vacancy formation energy: 'reps' must be >= 2");
  Structure s = repeat(cell, reps, reps, reps);
  if (relax) return vacancy_formation(engine, s, opt).Ef_eV;
  const double n = static_cast<double>(s.size());
  s.remove_atom(0);
  return engine.energy(s) - (n - 1) * ebulk;
}

std::string miller_label(const Eigen::Vector3i& m) {
  std::string s = "(";
  for (int k = 0; k < 3; ++k) s += m[k] < 0 ? fmt::format("-{}", -m[k]) : fmt::format("{}", m[k]);
  return s + ")";
}

SurfaceResult surface_energy_hkl(Engine& engine, const Structure& cell, const Eigen::Vector3i& miller, double ebulk,
                                 const SurfaceSpecOptions& opt, Optimizer* optimizer) {
  SlabSpec spec;
  spec.miller = miller;
  spec.layers = 2;
  spec.vacuum_A = opt.vacuum_A;
  const double d = make_slab(cell, spec).interlayer_spacing_A;
  if (!(d > 0)) throw std::runtime_error("surface energy " + miller_label(miller) + ": zero interlayer spacing");
  spec.layers = std::max(4, static_cast<int>(std::ceil(opt.min_thickness_A / d)) + 1);
  const Slab slab = make_slab(cell, spec);
  SurfaceEnergyOptions so;
  so.ebulk_eV_per_atom = ebulk;
  so.relax = opt.relax;
  so.optimizer = optimizer;
  const auto r = surface_energy(engine, slab.structure, so);
  return {r.gamma_J_m2, r.gamma_unrelaxed_J_m2, spec.layers, r.natoms};
}

}  // namespace nabridge::potentials
