#include "engine/shell_engine.h"

#include <fmt/format.h>
#include <mpi.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <stdexcept>

#include "atom.h"
#include "bond.h"
#include "comm.h"
#include "compat/lammps_compat.h"
#include "core/potential_commands.h"
#include "domain.h"
#include "engine/lammps_engine.h"
#include "engine/shell_setup.h"
#include "force.h"
#include "input.h"
#include "kspace.h"
#include "lammps.h"
#include "pair.h"
#include "update.h"

namespace nabridge {

ShellEngine::ShellEngine(const PotentialSpec& model, ShellEngineOptions options) : model_(model), options_(options) {
  if (model.shells.empty())
    throw std::invalid_argument("potential '" + model.id +
                                "' has no shells: ShellEngine runs core–shell models (LammpsEngine the others)");
  shell_types(model);  // validates the layout now rather than at the first evaluation
  check_potential_commands(model.commands, "potential '" + model.id + "'");
  if (options.host_field_V_A != 0.0 && !options.open_circuit_slab)
    throw std::invalid_argument(
        "shell engine: host_field_V_A needs open_circuit_slab "
        "(its energy −qEz is defined for a slab, not a periodic z)");
  if (!(options.shell_ftol_eV_A > 0.0) || options.max_shell_iterations < 1)
    throw std::invalid_argument("shell engine: shell_ftol_eV_A must be positive and max_shell_iterations >= 1");
  if (!(options.ewald_accuracy >= 0.0 && options.ewald_accuracy < 1.0))
    throw std::invalid_argument("shell engine: ewald_accuracy must be in [0, 1) (0: the model's kspace_style)");
}

ShellEngine::~ShellEngine() { close(); }

void ShellEngine::close() {
  delete lmp_;
  lmp_ = nullptr;
  if (!table_path_.empty()) std::filesystem::remove(table_path_);
  table_path_.clear();
}

std::string ShellEngine::describe() const {
  std::string d = "lammps core–shell, adiabatic shells (" +
                  std::string(options_.open_circuit_slab ? "open-circuit slab" : "periodic") + ")";
  for (const auto& c : model_.commands) d += "; " + c;
  return d;
}

void ShellEngine::load(const Structure& s) {
  s.validate();
  close();
  const ShellTypes types = shell_types(model_);
  Structure wrapped = s;
  wrapped.wrap();
  offset_A_ = Positions::Zero(3, static_cast<Eigen::Index>(s.size()));
  const std::vector<ShellParticle> particles = core_shell_particles(model_, types, wrapped.species, wrapped.positions);
  const std::string data = write_shell_data_file(particles, types, s.cell);
  table_path_ = data + ".table";
  lmp_ = open_embedded_lammps();
  const lammps_compat::CommandRunner command(lmp_);
  try {
    command("units " + model_.units);
    command("atom_style full");
    command("atom_modify map array sort 0 0");
    command(options_.open_circuit_slab ? "boundary p p f" : "boundary p p p");
    command("read_data " + data);
    std::filesystem::remove(data);
    define_shell_model(lmp_, model_, types, table_path_);
    if (options_.ewald_accuracy > 0.0) command(fmt::format("kspace_style ewald {:.6g}", options_.ewald_accuracy));
    // Only DSF rigid ions (an isolated adatom, the zero of E_bind): Ewald sees no charge, its sum
    // is zero for any splitting, but LAMMPS refuses to choose one and exits; give it one.
    const bool ewald_charges = std::any_of(particles.begin(), particles.end(), [&](const ShellParticle& p) {
      return types.charge_e[static_cast<std::size_t>(p.type - 1)] != 0.0;
    });
    if (!ewald_charges) command("kspace_modify gewald 0.3");
    if (options_.open_circuit_slab) command("kspace_modify slab 3.0");
    command("neighbor 2.0 bin");
    command("neigh_modify every 1 delay 0 check yes");
    std::string cores, host;
    for (int t = 1; t <= types.types; ++t)
      if (std::find(types.shell_type.begin(), types.shell_type.end(), t) == types.shell_type.end())
        cores += " " + std::to_string(t);
    for (std::size_t e = 0; e < model_.elements.size(); ++e)
      if (types.shell_type[e] > 0) host += fmt::format(" {} {}", types.core_type[e], types.shell_type[e]);
    command("group nabridge_cores type" + cores);
    // The field first: fixes act in the order defined, so setforce then zeroes the cores' total.
    if (options_.host_field_V_A != 0.0) {
      command("group nabridge_host type" + host);
      command(fmt::format("fix nabridge_field nabridge_host efield 0.0 0.0 {:.12g}", options_.host_field_V_A));
    }
    command("fix nabridge_hold nabridge_cores setforce 0.0 0.0 0.0");
    // FIRE, driven by forces only: CG's line search (also `line forcezero`) stops with "alpha is
    // zero" at shell forces of ~1e-3 eV/Å, where the energy changes by less than its rounding.
    command("min_style fire");
  } catch (...) {
    std::filesystem::remove(data);
    close();
    throw;
  }
  core_tag_.assign(s.size(), 0);
  shell_tag_.assign(s.size(), 0);
  field_q_core_e_.assign(s.size(), 0.0);
  field_q_shell_e_.assign(s.size(), 0.0);
  int tag = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    core_tag_[i] = ++tag;
    const auto sh = model_.shells.find(s.species[i]);
    if (sh == model_.shells.end()) continue;
    shell_tag_[i] = ++tag;
    field_q_core_e_[i] = sh->second.core_charge_e;
    field_q_shell_e_[i] = sh->second.shell_charge_e;
  }
  loaded_ = s;
}

void ShellEngine::compute(const Structure& s, Evaluation& out, bool want_virial) {
  const bool same = lmp_ && s.size() == loaded_.size() && s.species == loaded_.species && s.pbc == loaded_.pbc &&
                    (s.cell - loaded_.cell).cwiseAbs().maxCoeff() < 1e-12;
  if (!same) load(s);
  auto* atom = lmp_->atom;
  Structure wrapped = s;
  wrapped.wrap();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto k = static_cast<Eigen::Index>(i);
    const Vec3 core = wrapped.positions.col(k);
    const int c = atom->map(core_tag_[i]);
    for (int d = 0; d < 3; ++d) atom->x[c][d] = core[d];
    if (shell_tag_[i] > 0) {
      const int sh = atom->map(shell_tag_[i]);
      for (int d = 0; d < 3; ++d) atom->x[sh][d] = core[d] + offset_A_(d, k);
    }
  }
  const auto step0 = lmp_->update->ntimestep;
  lammps_compat::run_command(lmp_, fmt::format("minimize 0.0 {:.6g} {} {}", options_.shell_ftol_eV_A,
                                               options_.max_shell_iterations, 10 * options_.max_shell_iterations));
  last_iterations_ = static_cast<int>(lmp_->update->ntimestep - step0);

  // One more evaluation without the fix, which zeroed the cores' forces: pair, bonds, k-space
  // (and their virials: the pair's from Σ r⊗f while f holds its forces alone, hence first).
  const int nall = atom->nlocal + atom->nghost;
  for (int i = 0; i < nall; ++i) atom->f[i][0] = atom->f[i][1] = atom->f[i][2] = 0.0;
  auto* force = lmp_->force;
  const bool virial = want_virial && provides_virial();
  force->pair->compute(1, virial ? (force->pair->no_virial_fdotr_compute ? 1 : 2) : 0);
  if (force->bond) force->bond->compute(1, virial ? 1 : 0);
  if (force->kspace) force->kspace->compute(1, virial ? 1 : 0);
  if (force->newton) lmp_->comm->reverse_comm();
  double local = force->pair->eng_vdwl + force->pair->eng_coul + (force->bond ? force->bond->energy : 0.0) +
                 (force->kspace ? force->kspace->energy : 0.0);
  // The host field by hand (as fix efield applies it in the shell relaxation): F = qE, U = −qEz.
  const double field = options_.host_field_V_A;
  if (field != 0.0)
    for (std::size_t i = 0; i < s.size(); ++i)
      for (const auto& [tag_i, q] :
           {std::pair{core_tag_[i], field_q_core_e_[i]}, std::pair{shell_tag_[i], field_q_shell_e_[i]}}) {
        if (tag_i == 0) continue;
        const int k = atom->map(tag_i);
        atom->f[k][2] += q * field;
        local -= q * field * atom->x[k][2];
      }
  MPI_Allreduce(&local, &out.energy_eV, 1, MPI_DOUBLE, MPI_SUM, lmp_->world);

  const auto n = static_cast<Eigen::Index>(s.size());
  out.forces_eV_A.resize(3, n);
  double worst_shell_force = 0.0;
  for (Eigen::Index k = 0; k < n; ++k) {
    const auto i = static_cast<std::size_t>(k);
    const int c = atom->map(core_tag_[i]);
    Vec3 f(atom->f[c][0], atom->f[c][1], atom->f[c][2]);
    Vec3 offset = Vec3::Zero();
    if (shell_tag_[i] > 0) {
      const int sh = atom->map(shell_tag_[i]);
      const Vec3 fs(atom->f[sh][0], atom->f[sh][1], atom->f[sh][2]);
      f += fs;
      worst_shell_force = std::max(worst_shell_force, fs.norm());
      double d[3] = {atom->x[sh][0] - atom->x[c][0], atom->x[sh][1] - atom->x[c][1], atom->x[sh][2] - atom->x[c][2]};
      lmp_->domain->minimum_image(d);
      offset = Vec3(d[0], d[1], d[2]);
    }
    out.forces_eV_A.col(k) = f;
    offset_A_.col(k) = offset;
  }
  out.virial_eV.reset();
  if (virial) {
    double local_v[6], v[6];
    for (int c = 0; c < 6; ++c)
      local_v[c] = force->pair->virial[c] + (force->bond ? force->bond->virial[c] : 0.0) +
                   (force->kspace ? force->kspace->virial[c] : 0.0);
    MPI_Allreduce(local_v, v, 6, MPI_DOUBLE, MPI_SUM, lmp_->world);
    // The cell is LAMMPS's own (upper triangular, write_shell_data_file): no rotation back.
    Mat3 w;
    w << v[0], v[3], v[4], v[3], v[1], v[5], v[4], v[5], v[2];
    out.virial_eV = w;
  }
  if (!std::isfinite(out.energy_eV) || !out.forces_eV_A.allFinite())
    throw std::runtime_error(
        "shell engine: non-finite energy or forces (ions overlapping, or a shell pulled into a core?)");
  // The gradient identity F_core = f_core + f_shell holds only at relaxed shells.
  if (worst_shell_force > 1e3 * options_.shell_ftol_eV_A + 1e-4)
    throw std::runtime_error(
        fmt::format("shell engine: the shells did not relax (largest shell force {:.3g} eV/A after {} CG "
                    "iterations): polarisation catastrophe or too few iterations",
                    worst_shell_force, last_iterations_));
}

}  // namespace nabridge
