#include "engine/shell_setup.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "compat/lammps_compat.h"
#include "core/elements.h"
#include "input.h"
#include "lammps.h"

namespace nabridge {

namespace {

constexpr double kCoulomb_eV_A = 14.399645;  // e²/(4π ε0) in eV·Å, LAMMPS metal units' qqr2e
// The DSF table starts well inside any physical contact (the short-range repulsion dominates
// there) and has enough points that linear interpolation errs by < 1e-5 eV at 2 Å.
constexpr double kTableStart_A = 0.2;
constexpr int kTablePoints = 5000;

std::size_t element_index(const PotentialSpec& model, const std::string& el) {
  const auto it = std::find(model.elements.begin(), model.elements.end(), el);
  if (it == model.elements.end())
    throw std::invalid_argument(fmt::format("potential '{}' has no element '{}'", model.id, el));
  return static_cast<std::size_t>(it - model.elements.begin());
}

}  // namespace

ShellTypes shell_types(const PotentialSpec& model) {
  ShellTypes l;
  for (const auto& e : model.elements) {
    const auto sh = model.shells.find(e);
    const double mass = model.masses_amu.count(e) ? model.masses_amu.at(e) : atomic_mass_amu(e);
    l.core_type.push_back(++l.types);
    if (sh != model.shells.end()) {
      l.mass_amu.push_back(mass - sh->second.shell_mass_amu);
      l.charge_e.push_back(sh->second.core_charge_e);
      l.dsf_charge_e.push_back(sh->second.core_charge_e);
      l.rigid_ion.push_back(false);
      l.shell_type.push_back(++l.types);
      l.mass_amu.push_back(sh->second.shell_mass_amu);
      l.charge_e.push_back(sh->second.shell_charge_e);
      l.dsf_charge_e.push_back(sh->second.shell_charge_e);
      l.rigid_ion.push_back(false);
      l.bond_type.push_back(++l.bond_types);
    } else {
      if (!model.charges_e.count(e))
        throw std::invalid_argument(
            fmt::format("potential '{}': element '{}' has neither a shell nor a charge", model.id, e));
      // With a DSF cutoff its Coulomb term is the table, not Ewald; without, Ewald (a neutral bulk).
      const bool dsf = model.rigid_ion_dsf_cutoff_A > 0.0;
      l.mass_amu.push_back(mass);
      l.charge_e.push_back(dsf ? 0.0 : model.charges_e.at(e));
      l.dsf_charge_e.push_back(model.charges_e.at(e));
      l.rigid_ion.push_back(dsf);
      l.shell_type.push_back(0);
      l.bond_type.push_back(0);
    }
  }
  return l;
}

std::vector<ShellParticle> core_shell_particles(const PotentialSpec& model, const ShellTypes& types,
                                                const std::vector<std::string>& species, const Positions& positions_A,
                                                const Positions& shell_offset_A) {
  std::vector<ShellParticle> out;
  for (std::size_t i = 0; i < species.size(); ++i) {
    const std::size_t e = element_index(model, species[i]);
    ShellParticle core;
    core.type = types.core_type[e];
    core.x = positions_A.col(static_cast<Eigen::Index>(i));
    out.push_back(core);
    if (types.shell_type[e] > 0) {
      ShellParticle shell = core;
      shell.type = types.shell_type[e];
      shell.bond_type = types.bond_type[e];
      if (shell_offset_A.cols() > 0) shell.x += shell_offset_A.col(static_cast<Eigen::Index>(i));
      out.push_back(shell);
    }
  }
  return out;
}

std::string write_shell_data_file(const std::vector<ShellParticle>& p, const ShellTypes& l, const Mat3& cell) {
  if (std::abs(cell(1, 0)) > 1e-10 || std::abs(cell(2, 0)) > 1e-10 || std::abs(cell(2, 1)) > 1e-10)
    throw std::invalid_argument(
        "core–shell structure: the cell must have a along x and b in the xy plane (upper triangular)");
  static std::atomic<int> counter{0};
  const auto path =
      std::filesystem::temp_directory_path() / fmt::format("nabridge-shell-{}-{}.data", getpid(), counter++);
  std::ofstream out(path);
  const long bonds = std::count_if(p.begin(), p.end(), [](const ShellParticle& q) { return q.bond_type > 0; });
  out << "NaBridge core-shell structure\n\n"
      << p.size() << " atoms\n"
      << bonds << " bonds\n"
      << l.types << " atom types\n"
      << std::max(l.bond_types, 1) << " bond types\n\n";
  out << fmt::format("0 {:.12f} xlo xhi\n0 {:.12f} ylo yhi\n0 {:.12f} zlo zhi\n", cell(0, 0), cell(1, 1), cell(2, 2));
  if (std::abs(cell(0, 1)) + std::abs(cell(0, 2)) + std::abs(cell(1, 2)) > 0.0)
    out << fmt::format("{:.12f} {:.12f} {:.12f} xy xz yz\n", cell(0, 1), cell(0, 2), cell(1, 2));
  out << "\nMasses\n\n";
  for (int t = 0; t < l.types; ++t) out << fmt::format("{} {:.6f}\n", t + 1, l.mass_amu[static_cast<std::size_t>(t)]);
  out << "\nAtoms # full\n\n";
  int molecule = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i].bond_type == 0) ++molecule;  // a core or a rigid ion starts a new ion
    out << fmt::format("{} {} {} {:.10f} {:.12f} {:.12f} {:.12f}\n", i + 1, molecule, p[i].type,
                       l.charge_e[static_cast<std::size_t>(p[i].type - 1)], p[i].x[0], p[i].x[1], p[i].x[2]);
  }
  if (bonds > 0) {
    out << "\nBonds\n\n";
    int b = 0;
    for (std::size_t i = 0; i < p.size(); ++i)
      if (p[i].bond_type > 0) out << fmt::format("{} {} {} {}\n", ++b, p[i].bond_type, i, i + 1);
  }
  if (!out) throw std::runtime_error("core–shell structure: cannot write " + path.string());
  return path.string();
}

DsfValue dsf_coulomb(double qi_e, double qj_e, double r_A, double alpha, double rc) {
  if (r_A >= rc) return {};
  const double two_over_sqrt_pi = 2.0 / std::sqrt(M_PI);
  const double erfc_c = std::erfc(alpha * rc);
  const double slope_c = erfc_c / (rc * rc) + two_over_sqrt_pi * alpha * std::exp(-alpha * alpha * rc * rc) / rc;
  const double k = kCoulomb_eV_A * qi_e * qj_e;
  DsfValue v;
  v.energy_eV = k * (std::erfc(alpha * r_A) / r_A - erfc_c / rc + (r_A - rc) * slope_c);
  v.force_eV_A = k * (std::erfc(alpha * r_A) / (r_A * r_A) +
                      two_over_sqrt_pi * alpha * std::exp(-alpha * alpha * r_A * r_A) / r_A - slope_c);
  return v;
}

void define_shell_model(LAMMPS_NS::LAMMPS* lmp, const PotentialSpec& model, const ShellTypes& types,
                        const std::string& table_path) {
  const lammps_compat::CommandRunner command(lmp);
  command("bond_style class2");
  if (types.bond_types == 0) command("bond_coeff 1 0.0 0.0 0.0 0.0");  // a structure of rigid ions only
  for (std::size_t e = 0; e < model.elements.size(); ++e)
    if (types.bond_type[e] > 0) {
      const ShellSpec& s = model.shells.at(model.elements[e]);
      command(fmt::format("bond_coeff {} 0.0 {:.10g} 0.0 {:.10g}", types.bond_type[e], s.k2_eV_A2 / 2.0,
                          s.k4_eV_A4 / 24.0));
    }
  command("special_bonds coul 0.0 0.0 0.0 lj 0.0 0.0 0.0");
  for (const auto& c : model.commands) command(c);
  if (std::none_of(types.rigid_ion.begin(), types.rigid_ion.end(), [](bool b) { return b; })) return;
  const bool has_table = std::any_of(model.commands.begin(), model.commands.end(), [](const std::string& c) {
    return c.rfind("pair_style hybrid/overlay", 0) == 0 && c.find(" table ") != std::string::npos;
  });
  if (!has_table)
    throw std::invalid_argument(
        fmt::format("potential '{}': rigid ions in a core–shell model take their Coulomb term from a "
                    "table: its pair_style must be 'hybrid/overlay ... table <style> <N>'",
                    model.id));
  // One section per pair with at least one rigid ion: the pair's DSF Coulomb energy and force.
  std::ofstream table(table_path);
  const double alpha = model.rigid_ion_dsf_alpha_per_A, rc = model.rigid_ion_dsf_cutoff_A;
  std::vector<std::string> coeffs;
  // A metal film's like pairs interact through the metal's pair style instead (potentials::metal_film_model).
  const int metal_type = model.metal_film.applied ? types.core_type[element_index(model, model.metal_film.element)] : 0;
  for (int i = 1; i <= types.types; ++i)
    for (int j = i; j <= types.types; ++j) {
      const auto a = static_cast<std::size_t>(i - 1), b = static_cast<std::size_t>(j - 1);
      if (!types.rigid_ion[a] && !types.rigid_ion[b]) continue;
      if (i == metal_type && j == metal_type) continue;
      const std::string key = fmt::format("DSF_{}_{}", i, j);
      table << key << "\nN " << kTablePoints << "\n\n";
      for (int k = 0; k < kTablePoints; ++k) {
        const double r = kTableStart_A + (rc - kTableStart_A) * k / (kTablePoints - 1);
        const DsfValue v = dsf_coulomb(types.dsf_charge_e[a], types.dsf_charge_e[b], r, alpha, rc);
        table << fmt::format("{} {:.10f} {:.12e} {:.12e}\n", k + 1, r, v.energy_eV, v.force_eV_A);
      }
      table << "\n";
      coeffs.push_back(fmt::format("pair_coeff {} {} table {} {} {:.10g}", i, j, table_path, key, rc));
    }
  if (!table) throw std::runtime_error("core–shell model: cannot write " + table_path);
  table.close();
  for (const auto& c : coeffs) command(c);
}

}  // namespace nabridge
