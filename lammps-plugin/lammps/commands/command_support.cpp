#include "commands/command_support.h"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

#include "atom.h"
#include "comm.h"
#include "compat/lammps_compat.h"
#include "core/elements.h"
#include "engine/lammps_engine.h"
#include "domain.h"
#include "error.h"
#include "group.h"
#include "input.h"
#include "library.h"
#include "utils.h"
#include "variable.h"
#include "nabridge/base/atomic_file.h"

namespace nabridge {

void NabridgeCommand::fail(const std::string& message) {
  error->all(FLERR, std::string(name_ + ": " + message));
  std::abort();  // not reached: error->all exits or throws
}

namespace {
std::string keyword_at(int narg, char** arg, int i) { return i < narg ? arg[i] : "(end)"; }
}  // namespace

std::string NabridgeCommand::parse_word(int narg, char** arg, int i) {
  if (i + 1 >= narg) fail(fmt::format("keyword '{}' needs a value", keyword_at(narg, arg, i)));
  return arg[i + 1];
}

double NabridgeCommand::parse_double(int narg, char** arg, int i) {
  const std::string w = parse_word(narg, arg, i);
  try {
    std::size_t used = 0;
    const double v = std::stod(w, &used);
    if (used == w.size() && std::isfinite(v)) return v;
  } catch (const std::exception&) {
  }
  fail(fmt::format("keyword '{}' expects a number, got '{}'", arg[i], w));
}

double NabridgeCommand::parse_double(int narg, char** arg, int i, double lo, double hi, bool open_lo) {
  const double v = parse_double(narg, arg, i);
  if ((open_lo ? !(v > lo) : !(v >= lo)) || v > hi)
    fail(fmt::format("keyword '{}': {} is outside {}{}, {}]", arg[i], arg[i + 1], open_lo ? "(" : "[", lo, hi));
  return v;
}

int NabridgeCommand::parse_int(int narg, char** arg, int i, int lo, int hi) {
  const double v = parse_double(narg, arg, i);
  if (v != std::floor(v)) fail(fmt::format("keyword '{}' expects an integer, got '{}'", arg[i], arg[i + 1]));
  if (v < lo || v > hi) fail(fmt::format("keyword '{}': {} is outside [{}, {}]", arg[i], arg[i + 1], lo, hi));
  return static_cast<int>(v);
}

bool NabridgeCommand::parse_yes_no(int narg, char** arg, int i) {
  const std::string w = parse_word(narg, arg, i);
  if (w == "yes") return true;
  if (w == "no") return false;
  fail(fmt::format("keyword '{}' expects yes or no, got '{}'", arg[i], w));
}

int NabridgeCommand::group_bit(const std::string& group, const std::string& keyword) {
  const int g = this->group->find(group);
  if (g < 0) fail(fmt::format("{}: unknown group '{}'", keyword, group));
  if (this->group->count(g) == 0) fail(fmt::format("{}: group '{}' is empty", keyword, group));
  return this->group->bitmask[g];
}

std::vector<std::string> NabridgeCommand::type_elements(const std::vector<std::string>& given) {
  const int ntypes = atom->ntypes;
  if (!given.empty()) {
    if (static_cast<int>(given.size()) != ntypes)
      fail(fmt::format("elements: {} names given for {} atom types", given.size(), ntypes));
    for (const auto& e : given)
      if (!is_known_element(e)) fail(fmt::format("elements: unknown element '{}'", e));
    return given;
  }
  // Without `elements`, each type's mass must identify one element within 0.05 amu.
  static const char* candidates[] = {"H", "Li", "C", "N", "O", "F", "Na", "Mg", "Al", "Si", "P", "S", "Cl", "K",
                                     "Ca", "Ti", "Fe", "Ni", "Cu", "Zn", "Zr", "Ag", "Sn", "I", "Ba", "Pt",
                                     "Au", "Pb", "Ar", "Cs"};
  std::vector<std::string> result;
  for (int t = 1; t <= ntypes; ++t) {
    if (!atom->mass || !atom->mass_setflag[t]) fail(fmt::format("elements: type {} has no mass; give 'elements'", t));
    std::string match;
    for (const char* c : candidates)
      if (std::abs(atomic_mass_amu(c) - atom->mass[t]) < 0.05) match = c;
    if (match.empty())
      fail(fmt::format("elements: mass {} of type {} matches no element; give 'elements'", atom->mass[t], t));
    result.push_back(match);
  }
  return result;
}

Structure NabridgeCommand::structure_of_group(int groupbit, int frozen_bit, const std::vector<std::string>& elements,
                                              std::vector<int>* tags_out) {
  Structure s;
  s.cell << domain->xprd, domain->xy, domain->xz, 0.0, domain->yprd, domain->yz, 0.0, 0.0, domain->zprd;
  for (int k = 0; k < 3; ++k) s.pbc[k] = domain->periodicity[k] != 0;
  std::vector<std::pair<int, int>> order;  // (tag, local index): atoms in tag order
  for (int i = 0; i < atom->nlocal; ++i)
    if (atom->mask[i] & groupbit) order.emplace_back(static_cast<int>(atom->tag[i]), i);
  std::sort(order.begin(), order.end());
  for (const auto& [tag, i] : order) {
    double unwrapped[3];
    domain->unmap(atom->x[i], atom->image[i], unwrapped);
    const Vec3 r(unwrapped[0] - domain->boxlo[0], unwrapped[1] - domain->boxlo[1], unwrapped[2] - domain->boxlo[2]);
    const bool frozen = frozen_bit && (atom->mask[i] & frozen_bit);
    s.add_atom(elements[static_cast<std::size_t>(atom->type[i] - 1)], r, frozen ? dof::kNone : dof::kAll);
    if (tags_out) tags_out->push_back(tag);
  }
  return s;
}

void NabridgeCommand::require_periodic_xy(const std::string& keyword) {
  if (!domain->periodicity[0] || !domain->periodicity[1])
    fail(fmt::format("{}: the box must be periodic in x and y (boundary p p ...)", keyword));
}

void NabridgeCommand::require_slab(int groupbit, const std::string& keyword) {
  require_periodic_xy(keyword);
  if (!domain->periodicity[2]) return;  // non-periodic z: vacuum without limit
  // The vacuum is the widest empty interval along periodic z (the slab may straddle the box edge).
  std::vector<double> z;
  for (int i = 0; i < atom->nlocal; ++i)
    if (atom->mask[i] & groupbit) z.push_back(atom->x[i][2] - domain->boxlo[2]);
  if (z.empty()) return;
  std::sort(z.begin(), z.end());
  double gap_A = z.front() + domain->zprd - z.back();
  for (std::size_t k = 1; k < z.size(); ++k) gap_A = std::max(gap_A, z[k] - z[k - 1]);
  if (gap_A < kMinVacuum_A)
    fail(fmt::format("{}: not a slab: the widest empty layer along z is {:.3g} Å (box {:.3g} Å); "
                     "at least {} Å of vacuum are needed",
                     keyword, gap_A, domain->zprd, kMinVacuum_A));
}

HostSnapshot NabridgeCommand::save_host() {
  if (comm->nprocs > 1) fail("runs on one MPI rank per instance (use a partition or a worker per rank)");
  HostSnapshot h;
  for (int i = 0; i < atom->nlocal; ++i) {
    h.tags.push_back(static_cast<int>(atom->tag[i]));
    h.types.push_back(atom->type[i]);
    h.masks.push_back(atom->mask[i]);
    for (int d = 0; d < 3; ++d) h.x.push_back(atom->x[i][d]), h.v.push_back(atom->v[i][d]);
    h.image.push_back(atom->image[i]);
    if (atom->q_flag) h.q.push_back(atom->q[i]);
  }
  for (int d = 0; d < 3; ++d) h.boxlo[d] = domain->boxlo[d], h.boxhi[d] = domain->boxhi[d];
  h.screen = lmp->screen, h.logfile = lmp->logfile;
  lmp->screen = nullptr, lmp->logfile = nullptr;
  h.xy = domain->xy, h.xz = domain->xz, h.yz = domain->yz;
  h.triclinic = domain->triclinic;
  static const char* letters = "pfsm";  // LAMMPS's codes 0..3 for each box face
  for (int d = 0; d < 3; ++d) {
    if (d) h.boundary += ' ';
    if (domain->boundary[d][0] == 0) h.boundary += 'p';
    else h.boundary += {letters[domain->boundary[d][0]], letters[domain->boundary[d][1]]};
  }
  return h;
}

void NabridgeCommand::restore_host(const HostSnapshot& h) {
  if (atom->natoms > 0) lammps_compat::run_command(lmp, "delete_atoms group all compress no");
  const std::string tilts = h.triclinic
                                ? fmt::format(" xy final {:.17g} xz final {:.17g} yz final {:.17g}", h.xy, h.xz, h.yz)
                                : std::string();
  lammps_compat::run_command(lmp, fmt::format("change_box all x final {:.17g} {:.17g} y final {:.17g} {:.17g} "
                                              "z final {:.17g} {:.17g}{} boundary {} units box",
                                              h.boxlo[0], h.boxhi[0], h.boxlo[1], h.boxhi[1], h.boxlo[2], h.boxhi[2],
                                              tilts, h.boundary));
  if (!h.triclinic && domain->triclinic) lammps_compat::run_command(lmp, "change_box all ortho");
  const int n = static_cast<int>(h.tags.size());
  std::vector<double> x(h.x), v(h.v);
  std::vector<int> tags(h.tags), types(h.types);
  std::vector<LAMMPS_NS::imageint> image(h.image);
  const int created = lammps_create_atoms(lmp, n, tags.data(), types.data(), x.data(), v.data(), image.data(), 1);
  lmp->screen = h.screen, lmp->logfile = h.logfile;
  if (created != n) fail(fmt::format("restoring the system re-created {} of {} atoms", created, n));
  // Group membership and charges are per-atom state lammps_create_atoms does not take.
  std::map<int, std::size_t> slot;
  for (std::size_t k = 0; k < h.tags.size(); ++k) slot[h.tags[k]] = k;
  for (int i = 0; i < atom->nlocal; ++i) {
    const std::size_t k = slot.at(static_cast<int>(atom->tag[i]));
    atom->mask[i] = h.masks[k];
    if (atom->q_flag && !h.q.empty()) atom->q[i] = h.q[k];
  }
}

NabridgeCommand::AdatomSlab NabridgeCommand::adatom_slab(int adatom_type, const std::string& slab_group,
                                                          const std::string& fix_group,
                                                          const std::vector<std::string>& elements) {
  if (adatom_type < 1 || adatom_type > atom->ntypes)
    fail(fmt::format("type: missing or not an atom type in 1..{}", atom->ntypes));
  const int slab_bit = group_bit(slab_group, "group");
  const int frozen_bit = fix_group.empty() ? 0 : group_bit(fix_group, "fix");
  require_slab(slab_bit, "group");
  AdatomSlab a;
  a.types = type_elements(elements);
  a.adatom_element = a.types[static_cast<std::size_t>(adatom_type - 1)];
  a.host = save_host();
  a.slab = structure_of_group(slab_bit, frozen_bit, a.types);
  return a;
}

void NabridgeCommand::run_on_host(const HostSnapshot& snapshot, const std::vector<std::string>& types,
                                  const std::function<void(Engine&)>& protocol) {
  std::string problem;
  long force_calls = 0;
  try {
    LammpsEngine engine(lmp, types, host_charges(types));
    protocol(engine);
    force_calls = engine.force_calls();
  } catch (const std::exception& e) {
    problem = e.what();
  }
  restore_host(snapshot);
  if (!problem.empty()) fail(problem);
  set_variable("nabridge_force_calls", static_cast<double>(force_calls));
}

void NabridgeCommand::set_variable(const std::string& name, double value) {
  lammps_compat::run_command(lmp, fmt::format("variable {} delete", name));
  lammps_compat::run_command(lmp, fmt::format("variable {} equal {:.17g}", name, value));
}

void NabridgeCommand::write_json(const std::string& path, const nlohmann::json& j) {
  try {
    write_file_atomically(path, j.dump(2) + "\n");
  } catch (const std::runtime_error&) {
    fail(fmt::format("file: cannot write '{}'", path));
  }
}

std::map<std::string, double> NabridgeCommand::host_charges(const std::vector<std::string>& elements) {
  std::map<std::string, double> charges;
  if (!atom->q_flag) return charges;
  for (int i = 0; i < atom->nlocal; ++i) {
    const std::string& e = elements[static_cast<std::size_t>(atom->type[i] - 1)];
    auto it = charges.find(e);
    if (it == charges.end()) charges[e] = atom->q[i];
    else if (std::abs(it->second - atom->q[i]) > 1e-12)
      fail(fmt::format("atoms of element {} carry different charges; NaBridge assumes one charge per element", e));
  }
  return charges;
}

void NabridgeCommand::log(const std::string& text) { LAMMPS_NS::utils::logmesg(lmp, text); }

bool NabridgeCommand::is_element_word(const std::string& word) { return is_known_element(word); }

bool NabridgeCommand::parse_minimizer_keyword(int narg, char** arg, int& i, OptimizerOptions& opt, std::string& style) {
  const std::string key = arg[i];
  if (key == "min") {
    style = parse_word(narg, arg, i);
    if (style != "fire" && style != "lbfgs") fail(fmt::format("min: unknown minimiser '{}' (fire or lbfgs)", style));
  } else if (key == "fmax") {
    opt.fmax_eV_A = parse_double(narg, arg, i, kMinFmax_eV_A, 10.0);
  } else if (key == "maxsteps") {
    opt.max_steps = parse_int(narg, arg, i, 1, 1000000);
  } else {
    return false;
  }
  i += 2;
  return true;
}

}  // namespace nabridge
