#pragma once
// Shared machinery of the nabridge/* LAMMPS commands: argument parsing with LAMMPS-style
// errors that name the command and keyword, the Structure view of a group of atoms, saving
// and restoring the host's atoms around a protocol, and result output (variables, JSON).
#include <nlohmann/json.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "compat/lammps_compat.h"
#include "core/engine.h"
#include "core/structure.h"
#include "optimize/optimizer.h"

namespace nabridge {

/// The host's atoms and box, saved before a protocol replaces them and restored afterwards.
/// While a snapshot is taken the host's screen and log output is muted, so the many box and
/// atom changes a protocol makes do not flood the user's log.
struct HostSnapshot {
  FILE* screen = nullptr;
  FILE* logfile = nullptr;
  std::vector<int> tags, types, masks;
  std::vector<double> x, v, q;   // x wrapped, with image flags
  std::vector<LAMMPS_NS::imageint> image;
  double boxlo[3], boxhi[3], xy, xz, yz;
  int triclinic;
  std::string boundary;
};

class NabridgeCommand : public LAMMPS_NS::Command {
 public:
  NabridgeCommand(LAMMPS_NS::LAMMPS* lmp, std::string name) : Command(lmp), name_(std::move(name)) {}

 protected:
  /// Prints "ERROR: <name>: <message>" the LAMMPS way and stops (Debian's LAMMPS exits).
  [[noreturn]] void fail(const std::string& message);

  // Keyword parsing. `i` points at the keyword; values follow it.
  double parse_double(int narg, char** arg, int i);  // any finite number
  /// A number in [lo, hi], or (lo, hi] when open_lo: every size, count and tolerance has a
  /// stated range, so a typo cannot hang a run (images 100000) or pass a meaningless value.
  double parse_double(int narg, char** arg, int i, double lo, double hi, bool open_lo = false);
  int parse_int(int narg, char** arg, int i, int lo, int hi);
  bool parse_yes_no(int narg, char** arg, int i);
  std::string parse_word(int narg, char** arg, int i);
  /// Group bit of an existing, non-empty group (error names the keyword otherwise).
  int group_bit(const std::string& group, const std::string& keyword);

  /// Element of each atom type: from `elements` if given, else inferred from the type masses.
  std::vector<std::string> type_elements(const std::vector<std::string>& given);
  /// The atoms of group `groupbit` as a Structure (cell origin at boxlo, unwrapped positions);
  /// atoms also in `frozen_bit` get no free direction. tags_out receives each atom's tag.
  Structure structure_of_group(int groupbit, int frozen_bit, const std::vector<std::string>& elements,
                               std::vector<int>* tags_out = nullptr);
  void require_periodic_xy(const std::string& keyword);
  /// The atoms of `groupbit` must form a slab: periodic in x and y, and with at least
  /// kMinVacuum_A of empty space between its top and the periodic image of its bottom along z.
  void require_slab(int groupbit, const std::string& keyword);
  static constexpr double kMinVacuum_A = 5.0;
  /// Lower bounds of the adatom start height (closer is inside the surface layer) and of force
  /// tolerances (below, round-off noise of the forces decides convergence).
  static constexpr double kMinHeight_A = 0.5, kMinFmax_eV_A = 1e-6;

  HostSnapshot save_host();
  void restore_host(const HostSnapshot& snapshot);

  /// What the site commands (adsorb, hops, pes) start from: the element of every type, the
  /// adatom's element, the host saved for run_on_host, and the slab group as a Structure.
  struct AdatomSlab {
    std::vector<std::string> types;
    std::string adatom_element;
    HostSnapshot host;
    Structure slab;
  };
  /// Checks that `adatom_type` names an atom type, `slab_group` is a slab and `fix_group` (may be
  /// empty) exists, each with a LAMMPS-style error naming the keyword; then saves the host.
  AdatomSlab adatom_slab(int adatom_type, const std::string& slab_group, const std::string& fix_group,
                         const std::vector<std::string>& elements);
  /// Runs `protocol` on a LammpsEngine over this instance's atoms, then restores the host saved
  /// in `snapshot`; a failure restores it too and becomes this command's error. Sets the
  /// variable `nabridge_force_calls` to the protocol's energy/force evaluations.
  void run_on_host(const HostSnapshot& snapshot, const std::vector<std::string>& types,
                   const std::function<void(Engine&)>& protocol);

  /// Defines an equal-style variable `name` holding value (overwrites an existing one).
  void set_variable(const std::string& name, double value);
  void write_json(const std::string& path, const nlohmann::json& j);
  std::map<std::string, double> host_charges(const std::vector<std::string>& elements);

  /// Options shared by relaxing commands: `min fire|lbfgs`, `fmax F`, `maxsteps N`.
  bool parse_minimizer_keyword(int narg, char** arg, int& i, OptimizerOptions& opt, std::string& style);

  /// Writes a line to the screen and log file like LAMMPS's own messages.
  void log(const std::string& text);
  /// True when word names a known element (ends an `elements` list).
  static bool is_element_word(const std::string& word);

  const std::string name_;
};

}  // namespace nabridge
