#include "engine/shell_bulk.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "atom.h"
#include "core/elements.h"
#include "core/polarization.h"
#include "core/potential_commands.h"
#include "domain.h"
#include "engine/lammps_engine.h"
#include "input.h"
#include "lammps.h"
#include "library.h"
#include "structure/prototypes.h"

namespace nabridge {

namespace {

struct Particle {
  int type = 0;
  double q_e = 0.0;
  Vec3 x = Vec3::Zero();      // start
  Vec3 frac0 = Vec3::Zero();  // centrosymmetric reference, fractional
  int bond_type = 0;          // shells: the core–shell bond type (core = the particle before)
};

struct Layout {
  std::vector<int> core_type, shell_type, bond_type;  // per element (0: none)
  std::vector<double> mass_amu;                      // per atom type
  int types = 0, bond_types = 0;
};

Layout type_layout(const PotentialSpec& model) {
  Layout l;
  for (const auto& e : model.elements) {
    const auto sh = model.shells.find(e);
    const double mass = model.masses_amu.count(e) ? model.masses_amu.at(e) : atomic_mass_amu(e);
    l.core_type.push_back(++l.types);
    if (sh != model.shells.end()) {
      l.mass_amu.push_back(mass - sh->second.shell_mass_amu);
      l.shell_type.push_back(++l.types);
      l.mass_amu.push_back(sh->second.shell_mass_amu);
      l.bond_type.push_back(++l.bond_types);
    } else {
      if (!model.charges_e.count(e))
        throw std::invalid_argument(fmt::format("potential '{}': element '{}' has neither a shell nor a charge", model.id, e));
      l.mass_amu.push_back(mass);
      l.shell_type.push_back(0);
      l.bond_type.push_back(0);
    }
  }
  return l;
}

std::string write_data_file(const std::vector<Particle>& p, const Layout& l, const Mat3& cell) {
  static std::atomic<int> counter{0};
  const auto path = std::filesystem::temp_directory_path() / fmt::format("nabridge-shell-{}-{}.data", getpid(), counter++);
  std::ofstream out(path);
  const long bonds = std::count_if(p.begin(), p.end(), [](const Particle& q) { return q.bond_type > 0; });
  out << "NaBridge core-shell perovskite\n\n" << p.size() << " atoms\n" << bonds << " bonds\n" << l.types << " atom types\n"
      << std::max(l.bond_types, 1) << " bond types\n\n";
  out << fmt::format("0 {:.12f} xlo xhi\n0 {:.12f} ylo yhi\n0 {:.12f} zlo zhi\n\nMasses\n\n", cell(0, 0), cell(1, 1), cell(2, 2));
  for (int t = 0; t < l.types; ++t) out << fmt::format("{} {:.6f}\n", t + 1, l.mass_amu[static_cast<std::size_t>(t)]);
  out << "\nAtoms # full\n\n";
  int molecule = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i].bond_type == 0) ++molecule;  // a core or a rigid ion starts a new ion
    out << fmt::format("{} {} {} {:.10f} {:.12f} {:.12f} {:.12f}\n", i + 1, molecule, p[i].type, p[i].q_e, p[i].x[0], p[i].x[1], p[i].x[2]);
  }
  if (bonds > 0) {
    out << "\nBonds\n\n";
    int b = 0;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p[i].bond_type > 0) out << fmt::format("{} {} {} {}\n", ++b, p[i].bond_type, i, i + 1);
  }
  if (!out) throw std::runtime_error("shell perovskite: cannot write " + path.string());
  return path.string();
}

}  // namespace

ShellPerovskite relax_shell_perovskite(const PotentialSpec& model, const std::array<std::string, 3>& abo, double a0_A, int n,
                                       double seed_A) {
  const std::string who = "potential '" + model.id + "'";
  if (model.shells.empty()) throw std::invalid_argument(who + " has no shells: relax_shell_perovskite needs a core–shell model");
  if (n < 1 || !(a0_A > 0.0)) throw std::invalid_argument("shell perovskite: needs n >= 1 and a0_A > 0");
  for (const auto& e : abo)
    if (std::find(model.elements.begin(), model.elements.end(), e) == model.elements.end())
      throw std::invalid_argument(fmt::format("{} has no element '{}'", who, e));
  check_potential_commands(model.commands, who);
  const Layout layout = type_layout(model);

  const Structure unit = bulk_perovskite(abo[0], abo[1], abo[2], a0_A);
  Mat3 cell = unit.cell * n;
  std::vector<Particle> particles;
  for (int i = 0; i < n; ++i)
    for (int j = 0; j < n; ++j)
      for (int k = 0; k < n; ++k)
        for (std::size_t s = 0; s < unit.size(); ++s) {
          const std::string& el = unit.species[s];
          const auto e = static_cast<std::size_t>(std::find(model.elements.begin(), model.elements.end(), el) - model.elements.begin());
          Particle core;
          core.x = unit.positions.col(static_cast<long>(s)) + unit.cell * Vec3(i, j, k);
          core.frac0 = cell.inverse() * core.x;
          if (el == abo[1]) core.x[2] += seed_A;
          core.type = layout.core_type[e];
          const auto sh = model.shells.find(el);
          core.q_e = sh != model.shells.end() ? sh->second.core_charge_e : model.charges_e.at(el);
          particles.push_back(core);
          if (sh != model.shells.end()) {
            Particle shell = core;
            shell.type = layout.shell_type[e];
            shell.q_e = sh->second.shell_charge_e;
            shell.bond_type = layout.bond_type[e];
            particles.push_back(shell);
          }
        }

  const std::string data = write_data_file(particles, layout, cell);
  LAMMPS_NS::LAMMPS* lmp = open_embedded_lammps();
  auto* in = lmp->input;
  ShellPerovskite r;
  try {
    in->one("units " + model.units);
    in->one("atom_style full");
    in->one("atom_modify map array sort 0 0");
    in->one("read_data " + data);
    std::filesystem::remove(data);
    in->one("bond_style class2");
    for (std::size_t e = 0; e < model.elements.size(); ++e)
      if (layout.bond_type[e] > 0) {
        const ShellSpec& s = model.shells.at(model.elements[e]);
        in->one(fmt::format("bond_coeff {} 0.0 {:.10g} 0.0 {:.10g}", layout.bond_type[e], s.k2_eV_A2 / 2.0, s.k4_eV_A4 / 24.0));
      }
    in->one("special_bonds coul 0.0 0.0 0.0 lj 0.0 0.0 0.0");
    for (const auto& c : model.commands) in->one(c);
    in->one("neighbor 2.0 bin");
    in->one("neigh_modify every 1 delay 0 check yes");
    in->one("thermo_style custom step pe lx lz pxx pzz fnorm");
    in->one("min_style cg");
    double previous = 0.0;
    for (int round = 0; round < 8; ++round) {
      in->one("fix nabridge_cell all box/relax x 0.0 y 0.0 z 0.0 couple xy vmax 0.001");
      in->one("minimize 0.0 1.0e-6 5000 20000");
      in->one("unfix nabridge_cell");
      in->one("minimize 0.0 1.0e-7 5000 20000");
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
      if (local < 0) throw std::runtime_error("shell perovskite: particle " + std::to_string(i + 1) + " lost during the relaxation");
      now.col(static_cast<long>(i)) = Vec3(lmp->atom->x[local][0], lmp->atom->x[local][1], lmp->atom->x[local][2]) - lo;
      ref.col(static_cast<long>(i)) = relaxed * particles[i].frac0;
      q[i] = lmp->atom->q[local];
    }
    r.cells = n * n * n;
    r.a_A = relaxed(0, 0) / n;
    r.c_A = relaxed(2, 2) / n;
    r.energy_eV_per_fu = pe / r.cells;
    r.P_C_m2 = polarization_C_m2(relaxed, now, ref, q);
  } catch (...) {
    std::filesystem::remove(data);
    delete lmp;
    throw;
  }
  delete lmp;
  return r;
}

}  // namespace nabridge
