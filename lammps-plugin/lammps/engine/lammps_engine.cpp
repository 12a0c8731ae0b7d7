#include "engine/lammps_engine.h"

#include <dlfcn.h>
#include <mpi.h>

#include <cmath>
#include <cstdlib>
#include <string>
#include <fmt/format.h>
#include <stdexcept>

#include "atom.h"
#include "comm.h"
#include "commands/register.h"
#include "compat/lammps_compat.h"
#include "core/elements.h"
#include "core/kim_potential.h"
#include "core/potential_commands.h"
#include "domain.h"
#include "engine/error_stream.h"
#include "engine/kim_environment.h"
#include "force.h"
#include "input.h"
#include "kspace.h"
#include "lammps.h"
#include "library.h"
#include "modify.h"
#include "neighbor.h"
#include "pair.h"

namespace nabridge {

namespace {

void ensure_mpi() {
  int initialised = 0;
  MPI_Initialized(&initialised);
  if (!initialised) MPI_Init(nullptr, nullptr);
}

/// No screen output. The log goes to $NABRIDGE_LAMMPS_LOG when set (workflow workers set it, so
/// a LAMMPS error, which ends the process, leaves its message behind), else nowhere.
LAMMPS_NS::LAMMPS* open_quiet_instance() {
  ensure_mpi();
  const char* log = std::getenv("NABRIDGE_LAMMPS_LOG");
  const std::string log_file = log && *log ? log : "none";
  const char* args[] = {"nabridge", "-log", log_file.c_str(), "-screen", "none", "-nocite"};
  auto* lmp = new LAMMPS_NS::LAMMPS(6, const_cast<char**>(args), MPI_COMM_SELF);
  lmp->screen = open_error_only_screen();  // LAMMPS's ERROR line reaches the user before it exits
  register_pair_styles(lmp);
  return lmp;
}

/// cell = Q·R with R upper triangular and a positive diagonal: LAMMPS wants a ∥ x and b in xy.
Mat3 lammps_rotation(const Mat3& cell) {
  Eigen::HouseholderQR<Mat3> qr(cell);
  Mat3 q = qr.householderQ();
  Mat3 r = q.transpose() * cell;
  for (int k = 0; k < 3; ++k)
    if (r(k, k) < 0) q.col(k) *= -1.0;
  return q.transpose();
}

}  // namespace

std::string lammps_library_file() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&lammps_open_no_mpi), &info) && info.dli_fname) {
    const std::string f = info.dli_fname;
    if (f.find(".so") != std::string::npos) return f;
  }
  return "";
}

LAMMPS_NS::LAMMPS* open_embedded_lammps() { return open_quiet_instance(); }

bool embedded_lammps_has_package(const std::string& package) {
  return LAMMPS_NS::LAMMPS::is_installed_pkg(package.c_str());
}

std::string built_against_lammps_version() { return NABRIDGE_LAMMPS_BUILT_AGAINST; }

std::string embedded_lammps_version() {
  LAMMPS_NS::LAMMPS* lmp = open_quiet_instance();
  const std::string v = lammps_compat::version(lmp);
  delete lmp;
  return v;
}

LammpsEngine::LammpsEngine(const PotentialSpec& potential, double skin_A)
    : lmp_(open_quiet_instance()), owned_(true), potential_(potential) {
  if (potential.elements.empty()) throw std::invalid_argument("potential '" + potential.id + "': 'elements' is empty");
  if (!potential.shells.empty())
    throw std::invalid_argument("potential '" + potential.id +
                                "' is a core–shell model: LammpsEngine has one particle per atom and "
                                "cannot run it (use ShellEngine, lammps/engine/shell_engine.h: adiabatic shells)");
  for (const auto& e : potential.elements) check_species(e);
  check_potential_commands(potential.init_commands, "potential '" + potential.id + "'");
  check_potential_commands(potential.commands, "potential '" + potential.id + "'");
  const lammps_compat::CommandRunner command(lmp_);
  command("units " + potential.units);
  command(std::string("atom_style ") + (potential.charges_e.empty() ? "atomic" : "charge"));
  command("atom_modify map array sort 0 0");
  command(fmt::format("neighbor {} bin", skin_A));
  command("neigh_modify every 1 delay 0 check yes");
  // Pre-box commands (e.g. `kim init`) run here, the one place before create_box; a KIM
  // model's collection must be configured before LAMMPS asks the KIM API for it.
  if (uses_kim(potential)) ensure_kim_environment();
  for (const auto& c : potential.init_commands) command(c);
}

LammpsEngine::LammpsEngine(LAMMPS_NS::LAMMPS* lmp, std::vector<std::string> type_elements,
                           std::map<std::string, double> charges_e)
    : lmp_(lmp), owned_(false) {
  potential_.id = "attached";
  potential_.elements = std::move(type_elements);
  potential_.charges_e = std::move(charges_e);
  box_created_ = true;
}

LammpsEngine::~LammpsEngine() {
  if (owned_) delete lmp_;
}

double LammpsEngine::skin_A() const { return lmp_->neighbor->skin; }

std::string LammpsEngine::describe() const {
  std::string d = "lammps " + lammps_compat::version(lmp_) + " (" + (owned_ ? "embedded" : "attached") + ")";
  for (const auto& c : potential_.init_commands) d += "; " + c;
  for (const auto& c : potential_.commands) d += "; " + c;
  return d;
}

bool LammpsEngine::same_topology(const Structure& s) const {
  return s.size() == loaded_.size() && s.species == loaded_.species && s.pbc == loaded_.pbc &&
         (s.cell - loaded_.cell).cwiseAbs().maxCoeff() < 1e-12;
}

void LammpsEngine::load(const Structure& s) {
  s.validate();
  std::vector<int> types(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    auto it = std::find(potential_.elements.begin(), potential_.elements.end(), s.species[i]);
    if (it == potential_.elements.end())
      throw std::invalid_argument("lammps engine: species '" + s.species[i] + "' is not in the potential's elements");
    types[i] = static_cast<int>(it - potential_.elements.begin()) + 1;
  }
  rotation_ = lammps_rotation(s.cell);
  Mat3 box = rotation_ * s.cell;  // upper triangular
  // LAMMPS rejects a tilt beyond half the box length ("Triclinic box skew is too large"), and a
  // reduced hexagonal surface cell (xy = lx/2) sits exactly on that limit, where rounding
  // decides. Pull such tilts inside by 1e-14 relative (a negligible change of the images).
  auto clamp_tilt = [](double& tilt, double length) {
    const double limit = 0.5 * length * (1.0 - 1e-14);
    if (std::abs(tilt) > limit) tilt = std::copysign(limit, tilt);
  };
  clamp_tilt(box(0, 1), box(0, 0));
  clamp_tilt(box(0, 2), box(0, 0));
  clamp_tilt(box(1, 2), box(1, 1));
  const lammps_compat::CommandRunner command(lmp_);
  const std::string boundary =
      fmt::format("{} {} {}", s.pbc[0] ? "p" : "s", s.pbc[1] ? "p" : "s", s.pbc[2] ? "p" : "s");
  if (!box_created_) {
    command("boundary " + boundary);
    command(fmt::format("region nabridge_box prism 0 {:.17g} 0 {:.17g} 0 {:.17g} {:.17g} {:.17g} {:.17g} units box",
                        box(0, 0), box(1, 1), box(2, 2), box(0, 1), box(0, 2), box(1, 2)));
    command(fmt::format("create_box {} nabridge_box", potential_.elements.size()));
    for (std::size_t t = 0; t < potential_.elements.size(); ++t) {
      auto m = potential_.masses_amu.find(potential_.elements[t]);
      const double mass =
          m != potential_.masses_amu.end() ? m->second : atomic_mass_amu(element_of(potential_.elements[t]));
      command(fmt::format("mass {} {:.10g}", t + 1, mass));
    }
    for (const auto& c : potential_.commands) command(c);
    box_created_ = true;
  } else {
    if (lmp_->atom->natoms > 0) command("delete_atoms group all compress yes");
    if (!lmp_->domain->triclinic) command("change_box all triclinic");
    // change_box applies its keywords in order and checks the skew after each: with the old tilt
    // still in place, a shorter new x (a cell shrinking under relaxation) fails. Zero tilts first.
    command(fmt::format("change_box all xy final 0 xz final 0 yz final 0 x final 0 {:.17g} y final 0 {:.17g} "
                        "z final 0 {:.17g} xy final {:.17g} xz final {:.17g} yz final {:.17g} boundary {} units box",
                        box(0, 0), box(1, 1), box(2, 2), box(0, 1), box(0, 2), box(1, 2), boundary));
  }
  std::vector<int> ids(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) ids[i] = static_cast<int>(i) + 1;
  // lammps_create_atoms drops atoms outside the box unless bexpand; wrapped copies go in and
  // the continuity shift below restores the caller's unwrapped coordinates.
  Structure wrapped = s;
  wrapped.wrap();
  const Positions xw = rotation_ * wrapped.positions;
  const int created = lammps_create_atoms(lmp_, static_cast<int>(s.size()), ids.data(), types.data(), xw.data(),
                                          nullptr, nullptr, 1);
  if (created != static_cast<int>(s.size()))
    throw std::runtime_error(fmt::format("lammps engine: created {} of {} atoms", created, s.size()));
  if (!potential_.charges_e.empty()) {
    for (int i = 0; i < lmp_->atom->nlocal; ++i) {
      const auto& el = s.species[static_cast<std::size_t>(lmp_->atom->tag[i] - 1)];
      auto q = potential_.charges_e.find(el);
      if (q == potential_.charges_e.end())
        throw std::invalid_argument("lammps engine: no charge for species '" + el + "'");
      lmp_->atom->q[i] = q->second;
    }
  }
  loaded_ = s;
  lmp_->init();
  lmp_->atom->setup();
  if (lmp_->force->kspace) lmp_->force->kspace->setup();
  rebuild_neighbors(s);
}

void LammpsEngine::rebuild_neighbors(const Structure& s) {
  auto* atom = lmp_->atom;
  auto* domain = lmp_->domain;
  const int n = atom->nlocal;
  // Copy the caller's coordinates in wrapped into the box (LAMMPS's pbc() remaps by one period
  // only and serial exchange() drops atoms outside the box), and remember the lattice
  // translation applied to each atom so later steps stay continuous.
  const Positions x = rotation_ * s.positions;
  Structure wrapped = s;
  wrapped.wrap();
  const Positions xw = rotation_ * wrapped.positions;
  for (int i = 0; i < n; ++i) {
    const auto k = static_cast<Eigen::Index>(atom->tag[i] - 1);
    for (int d = 0; d < 3; ++d) atom->x[i][d] = xw(d, k);
  }
  if (domain->triclinic) domain->x2lamda(n);
  domain->pbc();
  domain->reset_box();
  lmp_->comm->setup();
  lmp_->neighbor->setup_bins();
  lmp_->comm->exchange();
  lmp_->comm->borders();
  if (domain->triclinic) domain->lamda2x(atom->nlocal + atom->nghost);
  lmp_->neighbor->build(1);
  ++neighbor_builds_;

  // Tag -> local index by a scan: a host instance need not have an atom map.
  local_index_.assign(s.size(), -1);
  for (int i = 0; i < atom->nlocal; ++i) {
    const auto tag = static_cast<std::size_t>(atom->tag[i]);
    if (tag >= 1 && tag <= s.size()) local_index_[tag - 1] = i;
  }
  shift_A_.resize(3, static_cast<Eigen::Index>(s.size()));
  for (std::size_t k = 0; k < s.size(); ++k) {
    const int i = local_index_[k];
    if (i < 0) throw std::runtime_error("lammps engine: atom " + std::to_string(k + 1) + " lost");
    for (int d = 0; d < 3; ++d)
      shift_A_(d, static_cast<Eigen::Index>(k)) = atom->x[i][d] - x(d, static_cast<Eigen::Index>(k));
  }
  loaded_.positions = s.positions;
}

void LammpsEngine::compute(const Structure& s, Evaluation& out, bool want_virial) {
  if (!same_topology(s)) load(s);
  auto* atom = lmp_->atom;
  const auto n = static_cast<Eigen::Index>(s.size());
  const double half_skin2 = 0.25 * skin_A() * skin_A();
  const bool moved_far = ((s.positions - loaded_.positions).colwise().squaredNorm().array() > half_skin2).any();
  if (moved_far) {
    rebuild_neighbors(s);
  } else {
    const Positions x = rotation_ * s.positions + shift_A_;
    for (Eigen::Index k = 0; k < n; ++k)
      for (int d = 0; d < 3; ++d) atom->x[local_index_[static_cast<std::size_t>(k)]][d] = x(d, k);
    lmp_->comm->forward_comm();
  }

  const int nall = atom->nlocal + atom->nghost;
  for (int i = 0; i < nall; ++i) atom->f[i][0] = atom->f[i][1] = atom->f[i][2] = 0.0;
  auto* pair = lmp_->force->pair;
  auto* kspace = lmp_->force->kspace;
  if (!pair) throw std::runtime_error("lammps engine: no pair style defined");
  const int vflag = want_virial ? (pair->no_virial_fdotr_compute ? 1 : 2) : 0;
  pair->compute(1, vflag);
  if (kspace) kspace->compute(1, want_virial ? 1 : 0);
  if (lmp_->force->newton) lmp_->comm->reverse_comm();

  double energy_local = pair->eng_vdwl + pair->eng_coul + (kspace ? kspace->energy : 0.0);
  MPI_Allreduce(&energy_local, &out.energy_eV, 1, MPI_DOUBLE, MPI_SUM, lmp_->world);
  Positions f(3, n);
  for (Eigen::Index k = 0; k < n; ++k) {
    const int i = local_index_[static_cast<std::size_t>(k)];
    f.col(k) = Vec3(atom->f[i][0], atom->f[i][1], atom->f[i][2]);
  }
  out.forces_eV_A = rotation_.transpose() * f;
  if (!std::isfinite(out.energy_eV) || !out.forces_eV_A.allFinite())
    throw std::runtime_error("lammps engine: non-finite energy or forces (atoms overlapping?)");
  if (want_virial) {
    double v[6];
    for (int c = 0; c < 6; ++c) v[c] = pair->virial[c] + (kspace ? kspace->virial[c] : 0.0);
    Mat3 w;
    w << v[0], v[3], v[4], v[3], v[1], v[5], v[4], v[5], v[2];
    out.virial_eV = rotation_.transpose() * w * rotation_;
  } else {
    out.virial_eV.reset();
  }
}

}  // namespace nabridge
