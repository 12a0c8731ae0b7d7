#include "engine/shell_bulk.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "atom.h"
#include "compat/lammps_compat.h"
#include "core/polarization.h"
#include "core/potential_commands.h"
#include "domain.h"
#include "engine/lammps_engine.h"
#include "engine/shell_setup.h"
#include "input.h"
#include "lammps.h"
#include "library.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

namespace nabridge {

ShellPerovskite relax_shell_perovskite(const PotentialSpec& model, const std::array<std::string, 3>& abo, double a0_A,
                                       int n, double seed_A) {
  const std::string who = "potential '" + model.id + "'";
  if (model.shells.empty())
    throw std::invalid_argument(who + " has no shells: relax_shell_perovskite needs a core–shell model");
  if (n < 1 || !(a0_A > 0.0)) throw std::invalid_argument("shell perovskite: needs n >= 1 and a0_A > 0");
  for (const auto& e : abo)
    if (std::find(model.elements.begin(), model.elements.end(), e) == model.elements.end())
      throw std::invalid_argument(fmt::format("{} has no element '{}'", who, e));
  check_potential_commands(model.commands, who);
  const ShellTypes types = shell_types(model);

  const Structure unit = bulk_perovskite(abo[0], abo[1], abo[2], a0_A);
  const Structure cubic = repeat(unit, n, n, n);
  Structure seeded = cubic;
  for (std::size_t i = 0; i < seeded.size(); ++i)
    if (seeded.species[i] == abo[1]) seeded.positions(2, static_cast<Eigen::Index>(i)) += seed_A;
  const std::vector<ShellParticle> particles = core_shell_particles(model, types, seeded.species, seeded.positions);
  // The centrosymmetric reference of every particle (a shell's is its core's), fractional.
  const std::vector<ShellParticle> reference = core_shell_particles(model, types, cubic.species, cubic.positions);
  const Mat3 cell = cubic.cell;

  const std::string data = write_shell_data_file(particles, types, cell);
  const std::string table = data + ".table";
  LAMMPS_NS::LAMMPS* lmp = open_embedded_lammps();
  const lammps_compat::CommandRunner command(lmp);
  ShellPerovskite r;
  try {
    command("units " + model.units);
    command("atom_style full");
    command("atom_modify map array sort 0 0");
    command("read_data " + data);
    std::filesystem::remove(data);
    define_shell_model(lmp, model, types, table);
    command("neighbor 2.0 bin");
    command("neigh_modify every 1 delay 0 check yes");
    command("thermo_style custom step pe lx lz pxx pzz fnorm");
    command("min_style cg");
    double previous = 0.0;
    for (int round = 0; round < 8; ++round) {
      command("fix nabridge_cell all box/relax x 0.0 y 0.0 z 0.0 couple xy vmax 0.001");
      command("minimize 0.0 1.0e-6 5000 20000");
      command("unfix nabridge_cell");
      command("minimize 0.0 1.0e-7 5000 20000");
      const double pe = lammps_get_thermo(lmp, "pe");
      if (round > 0 && std::abs(pe - previous) < 1e-7) break;
      previous = pe;
    }
    const double pe = lammps_get_thermo(lmp, "pe");
    auto* domain = lmp->domain;
    const Mat3 relaxed = Vec3(domain->xprd, domain->yprd, domain->zprd).asDiagonal();
    const Vec3 lo(domain->boxlo[0], domain->boxlo[1], domain->boxlo[2]);
    Positions now(3, static_cast<long>(particles.size())), ref(3, static_cast<long>(particles.size()));
    std::vector<double> q(particles.size());
    for (std::size_t i = 0; i < particles.size(); ++i) {
      const int local = lmp->atom->map(static_cast<int>(i + 1));
      if (local < 0)
        throw std::runtime_error("shell perovskite: particle " + std::to_string(i + 1) + " lost during the relaxation");
      now.col(static_cast<long>(i)) = Vec3(lmp->atom->x[local][0], lmp->atom->x[local][1], lmp->atom->x[local][2]) - lo;
      ref.col(static_cast<long>(i)) = relaxed * (cell.inverse() * reference[i].x);
      q[i] = lmp->atom->q[local];
    }
    r.cells = n * n * n;
    r.a_A = relaxed(0, 0) / n;
    r.c_A = relaxed(2, 2) / n;
    r.energy_eV_per_fu = pe / r.cells;
    r.P_C_m2 = polarization_C_m2(relaxed, now, ref, q);
    // The first five-atom cell's cores (repeat() puts cell (0,0,0) first; every cell of the
    // tetragonal P4mm structure is the same), wrapped into the relaxed a × a × c cell.
    r.unit.cell = Vec3(r.a_A, r.a_A, r.c_A).asDiagonal();
    std::size_t particle = 0;
    for (std::size_t atom = 0; atom < unit.size(); ++atom) {
      r.unit.add_atom(unit.species[atom], now.col(static_cast<long>(particle)));
      particle += model.shells.count(unit.species[atom]) ? 2 : 1;
    }
    r.unit.wrap();
  } catch (...) {
    std::filesystem::remove(data);
    std::filesystem::remove(table);
    delete lmp;
    throw;
  }
  std::filesystem::remove(table);
  delete lmp;
  return r;
}

}  // namespace nabridge
