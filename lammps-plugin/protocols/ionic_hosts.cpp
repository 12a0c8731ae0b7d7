#include "protocols/ionic_hosts.h"

#include <stdexcept>
#include <vector>

#include "nabridge/base/constants.h"
#include "optimize/fire.h"
#include "protocols/cell_relax.h"
#include "protocols/cubic_lattice.h"

namespace nabridge {

namespace {
OptimizerOptions relax_options(double fmax_eV_A, int max_steps = 5000) {
  OptimizerOptions o;
  o.fmax_eV_A = fmax_eV_A;
  o.max_steps = max_steps;
  return o;
}
}  // namespace

RockSaltBulk rocksalt_bulk(Engine& engine, const std::string& cation, const std::string& anion, double a_guess_A) {
  const CubicLattice c = cubic_equilibrium(engine, "rocksalt", {cation, anion}, a_guess_A, 1e-7);
  return {c.a_A, 2.0 * c.energy_eV_per_atom};
}

double rocksalt_bulk_modulus_GPa(Engine& engine, const std::string& cation, const std::string& anion, double a_A) {
  return scaling_bulk_modulus_GPa(
      engine, [&](double a) { return repeat(bulk_rocksalt(cation, anion, a), 2, 2, 2); }, a_A);
}

PerovskitePhase relax_perovskite_polar(Engine& engine, const std::string& A, const std::string& B, const std::string& O,
                                       double a0_A, const std::map<std::string, double>& charges_e) {
  Structure start = bulk_perovskite(A, B, O, a0_A, 1.01 * a0_A);
  start.positions(2, 1) += 0.1;  // B (atom 1 of bulk_perovskite)
  Fire fire(relax_options(1e-5, 20000));
  CellRelaxOptions co;
  co.optimizer = &fire;
  const CellRelaxResult cr = relax_cell_axes(engine, start, co);
  const Structure& s = cr.structure;
  PerovskitePhase r;
  r.max_stress_GPa = cr.max_stress_GPa;
  r.converged = cr.converged;
  r.a_A = s.cell(0, 0);
  r.c_A = s.cell(2, 2);
  r.e_fu_eV = engine.energy(s);
  // Displacements from the centrosymmetric positions of the same cell, with A as the origin.
  const Structure ideal = bulk_perovskite(A, B, O, r.a_A, r.c_A);
  const Vec3 origin = s.positions.col(0) - ideal.positions.col(0);
  Vec3 dipole = Vec3::Zero();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    const Vec3 u = minimum_image(s, s.positions.col(k) - ideal.positions.col(k) - origin);
    if (i == 1) r.b_shift_A = u.z();
    dipole += charges_e.at(s.species[i]) * u;
  }
  r.polarization_C_m2 = dipole.norm() / s.volume_A3() * kEPerA2_to_C_per_m2;
  return r;
}

CorundumBulk corundum_bulk(Engine& engine, const std::string& cation, const std::string& anion, double a0_A,
                           double c0_A) {
  Fire fire(relax_options(1e-5, 20000));
  CellRelaxOptions co;
  co.optimizer = &fire;
  co.stiffness_GPa = kCorundumStiffness_GPa;
  const CellRelaxResult r0 = relax_cell_axes(engine, bulk_corundum(cation, anion, a0_A, c0_A), co);
  co.pressure_GPa = 1.0;
  const CellRelaxResult rp = relax_cell_axes(engine, r0.structure, co);
  co.pressure_GPa = -1.0;
  const CellRelaxResult rm = relax_cell_axes(engine, r0.structure, co);
  CorundumBulk b;
  b.cation = cation;
  b.anion = anion;
  b.a_A = r0.structure.cell(0, 0);
  b.c_A = r0.structure.cell(2, 2);
  b.internal = corundum_internal(r0.structure);
  b.e_fu_eV = r0.energy_eV / 6.0;
  b.bulk_modulus_GPa = r0.structure.volume_A3() * 2.0 / (rm.structure.volume_A3() - rp.structure.volume_A3());
  b.converged = r0.converged && rp.converged && rm.converged;
  return b;
}

Structure corundum_cell(const CorundumBulk& b) { return bulk_corundum(b.cation, b.anion, b.a_A, b.c_A, b.internal); }

Slab slab_001(const Structure& bulk, int layers, const std::string& termination, int repeat, int fixed_layers,
              double vacuum_A) {
  SlabSpec spec;
  spec.miller = Eigen::Vector3i(0, 0, 1);
  spec.layers = layers;
  spec.vacuum_A = vacuum_A;
  spec.termination = termination;
  spec.fixed_layers = fixed_layers;
  spec.repeat_a = spec.repeat_b = repeat;
  return make_slab(bulk, spec);
}

SurfaceEnergyResult rocksalt100_surface(Engine& engine, const std::string& cation, const std::string& anion,
                                        const RockSaltBulk& bulk, int layers, bool relax) {
  const Slab slab = slab_001(bulk_rocksalt(cation, anion, bulk.a_A), layers);
  Fire fire(relax_options(1e-4));
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = 0.5 * bulk.e_fu_eV;
  opt.relax = relax;
  opt.optimizer = &fire;
  return surface_energy(engine, slab.structure, opt);
}

PerovskiteSurfaces perovskite001_surfaces(Engine& engine, const std::string& A, const std::string& B,
                                          const std::string& O, double a_A, double e_fu_eV, int layers) {
  if (layers % 2 == 0) throw std::invalid_argument("perovskite001_surfaces: layers must be odd (symmetric slabs)");
  const Structure bulk = bulk_perovskite(A, B, O, a_A);
  Fire fire(relax_options(1e-4));
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = e_fu_eV / 5.0;
  opt.optimizer = &fire;
  const TerminationPairSurfaceEnergy pair = termination_pair_surface_energy(
      engine, slab_001(bulk, layers, A + O).structure, slab_001(bulk, layers, B + O + "2").structure, bulk, opt);
  PerovskiteSurfaces r;
  r.gamma_unrelaxed_J_m2 = pair.gamma_avg_unrelaxed_J_m2;
  r.gamma_AO_J_m2 = pair.gamma_first_J_m2;
  r.gamma_BO2_J_m2 = pair.gamma_second_J_m2;
  r.relax_AO_J_m2 = pair.gamma_first_J_m2 - pair.gamma_avg_unrelaxed_J_m2;
  r.relax_BO2_J_m2 = pair.gamma_second_J_m2 - pair.gamma_avg_unrelaxed_J_m2;
  r.converged = pair.first.relax.converged && pair.second.relax.converged;
  return r;
}

CorundumSurface corundum0001_surface(Engine& engine, const CorundumBulk& b, int layers) {
  const Slab slab = slab_001(corundum_cell(b), layers, b.cation);
  Fire fire(relax_options(1e-4));
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = b.e_fu_eV / 5.0;
  opt.optimizer = &fire;
  CorundumSurface r;
  r.gamma = surface_energy(engine, slab.structure, opt);
  // Mean height of each layer after relaxation (atoms keep their order and layer index).
  std::vector<double> z(slab.layer_z_A.size(), 0.0), n(slab.layer_z_A.size(), 0.0);
  for (std::size_t i = 0; i < slab.structure.size(); ++i) {
    z[slab.layer_of_atom[i]] += r.gamma.structure.positions(2, static_cast<Eigen::Index>(i));
    n[slab.layer_of_atom[i]] += 1.0;
  }
  for (std::size_t l = 0; l < z.size(); ++l) z[l] /= n[l];
  const std::size_t top = z.size() - 1;
  const double d_bulk = slab.layer_z_A[1] - slab.layer_z_A[0];
  const double d_relaxed = 0.5 * ((z[1] - z[0]) + (z[top] - z[top - 1]));
  r.d12_change_pct = 100.0 * (d_relaxed - d_bulk) / d_bulk;
  return r;
}

}  // namespace nabridge
