// Bulk Na vacancy through KIM models, by supercell size: bcc lattice constant and cohesive
// energy, vacancy formation energy, CI-NEB barrier of the <111> jump, split-vacancy energy,
// Vineyard prefactor and D_v at T. Convergence of the test's 128-site numbers with cell size.
//   ./build/bench/na_vacancy_kim_bench [T_K] [n ...]      (n × n × n conventional cells; default 4 6 8)
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <vector>

#include "core/kim_potential.h"
#include "engine/lammps_engine.h"
#include "kim_models.h"
#include "protocols/cubic_lattice.h"
#include "protocols/vacancy_migration.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

int main(int argc, char** argv) {
  const double T_K = argc > 1 ? std::atof(argv[1]) : 300.0;
  std::vector<int> sizes;
  for (int i = 2; i < argc; ++i) sizes.push_back(std::atoi(argv[i]));
  if (sizes.empty()) sizes = {4, 6, 8};
  fmt::print("| model | sites | a (A) | Ec (eV) | E_f (eV) | E_m (eV) | split vacancy (eV) | nu* (THz) | "
             "D_v({:.0f} K) (m^2/s) | NEB force calls | s |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
             T_K);
  for (const auto& model : {testing::kMendelevNa, testing::kKimLeeNaCu, testing::kNicholAcklandNa}) {
    LammpsEngine engine(kim_potential(model, {"Na"}));
    const CubicLattice eq = cubic_equilibrium(engine, "bcc", {"Na"}, 4.2);
    Structure atom;
    atom.cell = Mat3::Identity() * 30.0;
    atom.add_atom("Na", Vec3(15, 15, 15));
    const double Ec = engine.energy(atom) - eq.energy_eV_per_atom;
    for (int n : sizes) {
      const auto t0 = std::chrono::steady_clock::now();
      const Structure crystal = repeat(bulk_bcc("Na", eq.a_A), n, n, n);
      const auto f = vacancy_formation(engine, crystal);
      VacancyMigrationOptions opt;
      opt.neb.images = 5;
      opt.hessian_radius_A = 4.5;
      opt.T_K = T_K;
      const auto m = vacancy_migration(engine, crystal, opt);
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      const std::string em = m.neb.converged ? fmt::format("{:.4f}", m.Em_eV) : "not converged";
      const std::string split = m.split_vacancy ? fmt::format("{:.4f}", m.split_vacancy_eV) : "-";
      const std::string nu = m.prefactor.valid ? fmt::format("{:.3f}", m.prefactor.nu_Hz * 1e-12) : "-";
      const std::string D = m.prefactor.valid ? fmt::format("{:.3e}", m.D_vacancy_m2_s) : "-";
      fmt::print("| {} | {} | {:.4f} | {:.4f} | {:.4f}{} | {} | {} | {} | {} | {} | {:.1f} |\n", model, crystal.size(),
                 eq.a_A, Ec, f.Ef_eV, f.relax.converged ? "" : " (relax not converged)", em, split, nu, D,
                 m.neb.force_calls, s);
      if (!m.neb.converged) fmt::print("|   | {} |\n", m.neb.message);
    }
  }
}
