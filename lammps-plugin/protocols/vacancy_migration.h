#pragma once
// Vacancies in a bulk crystal with the same machinery as surface hops: the formation energy,
// and the migration of a nearest neighbour into the vacancy by CI-NEB with the Vineyard
// prefactor of the jump. Used for the contact model's vacancy diffusivity in Na
// (D_v = (1/6) z λ² Γ for a cubic lattice with z equivalent jumps of length λ).
//
// Split vacancy. In bcc metals (and in several alkali-metal potentials) the configuration with
// the jumping atom halfway between the two vacant sites can be a shallow local minimum (a
// "split vacancy") instead of the saddle; the path then has two equal humps. The protocol tests
// this before the NEB: the jumping atom is put just off the midpoint along the jump and the
// cell relaxed. If the atom returns to the midpoint, the NEB runs from the vacancy to that split
// configuration (the second half is its mirror image by the inversion through the midpoint)
// and the jump completes with probability 1/2 from the split state, so Γ_jump = Γ(vac→split)/2.
#include "core/engine.h"
#include "optimize/optimizer.h"
#include "protocols/htst.h"
#include "protocols/neb.h"

namespace nabridge {

struct VacancyMigrationOptions {
  NebOptions neb;
  double hessian_radius_A = 3.5;  // atoms in the Vineyard Hessian (include the first shell)
  double T_K = 300.0;
  bool check_split_vacancy = true;
};

struct VacancyMigrationResult {
  NebResult neb;               // the full jump, or vacancy → split vacancy when split_vacancy
  double Em_eV = 0.0;          // migration barrier (highest point of the jump)
  double jump_length_A = 0.0;
  int coordination = 0;        // equivalent nearest-neighbour jumps z
  bool split_vacancy = false;  // the midpoint configuration is a local minimum
  double split_vacancy_eV = 0.0;  // its energy above the vacancy (when split_vacancy)
  VineyardResult prefactor;    // ν* of vacancy → (first) saddle
  double jump_rate_Hz = 0.0;   // Γ of one complete jump (halved when split_vacancy)
  double D_vacancy_m2_s = 0.0; // (1/6) z λ² Γ, valid when prefactor.valid
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
/// Never throws for a failed band: neb.converged = false and neb.message say why (e.g. a band
/// that falls into a configuration below the vacancy, i.e. the potential's vacancy is not
/// stable), and then prefactor and D are left at 0.
VacancyMigrationResult vacancy_migration(Engine& engine, const Structure& supercell,
                                         const VacancyMigrationOptions& opt);

}  // namespace nabridge
