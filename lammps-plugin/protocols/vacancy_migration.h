#pragma once
// Vacancy migration in a bulk crystal with the same machinery as surface hops: remove one
// atom of a periodic supercell, move a nearest neighbour into the vacancy by CI-NEB, and take
// the Vineyard prefactor of the jump. Used for the contact model's vacancy diffusivity in Na
// (D_v = (1/6) z λ² ν exp(−E_m/kT) for a cubic lattice with z equivalent jumps).
#include "core/engine.h"
#include "protocols/htst.h"
#include "optimize/optimizer.h"
#include "protocols/neb.h"

namespace nabridge {

struct VacancyMigrationOptions {
  NebOptions neb;
  double hessian_radius_A = 3.5;
  double T_K = 300.0;
};

struct VacancyMigrationResult {
  NebResult neb;
  double Em_eV = 0.0;          // migration barrier
  double jump_length_A = 0.0;
  int coordination = 0;        // equivalent nearest-neighbour jumps z
  VineyardResult prefactor;
  double D_vacancy_m2_s = 0.0; // (1/6) z λ² ν exp(−Em/kT), valid when prefactor.valid
};

struct VacancyFormationResult {
  double Ef_eV = 0.0;            // E(N−1, relaxed) − (N−1)/N · E(N)
  double Ef_unrelaxed_eV = 0.0;  // the same before relaxing the defective cell
  double relaxation_eV = 0.0;    // Ef_unrelaxed − Ef (≥ 0)
  OptimizerResult relax;         // relaxation of the defective cell (converged must be checked)
};

/// Vacancy formation energy at constant volume (the perfect crystal's cell, i.e. at its
/// equilibrium lattice constant when the supercell is built from one): remove atom 0 of the
/// perfect periodic supercell and relax the other atoms. Throws std::invalid_argument for a
/// cell with fewer than 2 atoms or not periodic in all three directions.
VacancyFormationResult vacancy_formation(Engine& engine, const Structure& supercell, Optimizer* optimizer = nullptr);

/// supercell: a perfect periodic crystal (at least 3 × 3 × 3 conventional cells recommended).
VacancyMigrationResult vacancy_migration(Engine& engine, const Structure& supercell, const VacancyMigrationOptions& opt);

}  // namespace nabridge
