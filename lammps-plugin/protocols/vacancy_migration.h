#pragma once
// Vacancy migration in a bulk crystal with the same machinery as surface hops: remove one
// atom of a periodic supercell, move a nearest neighbour into the vacancy by CI-NEB, and take
// the Vineyard prefactor of the jump. Used for the contact model's vacancy diffusivity in Na
// (D_v = (1/6) z λ² ν exp(−E_m/kT) for a cubic lattice with z equivalent jumps).
#include "core/engine.h"
#include "protocols/htst.h"
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

/// supercell: a perfect periodic crystal (at least 3 × 3 × 3 conventional cells recommended).
VacancyMigrationResult vacancy_migration(Engine& engine, const Structure& supercell, const VacancyMigrationOptions& opt);

}  // namespace nabridge
