#pragma once
// LammpsEngine: an Engine backed by a LAMMPS instance, either embedded (its own instance built
// from a PotentialSpec) or attached to the instance a nabridge/* command runs in (whose pair
// style is already defined). A new topology (atom count, species, cell, pbc) replaces the
// instance's atoms and box; repeated evaluation then avoids `run 0`: positions are copied in,
// the neighbour list is rebuilt only once an atom moved more than half the skin, then
// pair->compute (+ kspace) and reverse communication. Units: metal (eV, Å).
#include <map>
#include <memory>
#include <vector>

#include "core/engine.h"
#include "core/potential_spec.h"

namespace LAMMPS_NS {
class LAMMPS;
}

namespace nabridge {

/// Version of the LAMMPS library NaBridge is linked with, e.g. "29 Sep 2021".
std::string embedded_lammps_version();
/// True when the LAMMPS library NaBridge is linked with includes `package` (e.g. "EXTRA-PAIR"),
/// asked without starting an instance.
bool embedded_lammps_has_package(const std::string& package);
/// Version of the LAMMPS whose headers NaBridge was compiled against, as CMake found it (class
/// layouts are version-specific, so this is the LAMMPS a campaign can run on).
std::string built_against_lammps_version();
/// File of the LAMMPS shared library this process uses (empty if linked statically), found
/// without starting LAMMPS or MPI.
std::string lammps_library_file();
/// A new embedded LAMMPS instance on MPI_COMM_SELF with no screen output (log: $NABRIDGE_LAMMPS_LOG
/// or none), as LammpsEngine uses; the caller deletes it.
LAMMPS_NS::LAMMPS* open_embedded_lammps();

class LammpsEngine : public Engine {
 public:
  /// Embedded instance on MPI_COMM_SELF (MPI initialised on first use). LAMMPS input errors
  /// exit the process (Debian's LAMMPS has no exceptions): run untrusted setups in a worker.
  explicit LammpsEngine(const PotentialSpec& potential, double skin_A = 1.0);
  /// Attached to `lmp`; atom type i+1 holds type_elements[i]. The caller keeps lmp alive and
  /// restores its atoms afterwards (this engine replaces them).
  LammpsEngine(LAMMPS_NS::LAMMPS* lmp, std::vector<std::string> type_elements,
               std::map<std::string, double> charges_e = {});
  ~LammpsEngine() override;
  LammpsEngine(const LammpsEngine&) = delete;
  LammpsEngine& operator=(const LammpsEngine&) = delete;

  std::string describe() const override;
  bool provides_virial() const override { return true; }  // pair (+ kspace) virial of LAMMPS
  LAMMPS_NS::LAMMPS* lammps() const { return lmp_; }
  long neighbor_builds() const { return neighbor_builds_; }
  double skin_A() const;

 protected:
  void compute(const Structure& s, Evaluation& out, bool want_virial) override;

 private:
  bool same_topology(const Structure& s) const;
  void load(const Structure& s);
  void rebuild_neighbors(const Structure& s);

  LAMMPS_NS::LAMMPS* lmp_ = nullptr;
  bool owned_ = false;
  PotentialSpec potential_;
  bool box_created_ = false;
  Mat3 rotation_ = Mat3::Identity();  // LAMMPS frame = rotation_ · NaBridge frame
  Structure loaded_;                  // topology currently in LAMMPS; positions at last rebuild
  std::vector<int> local_index_;      // atom i -> LAMMPS local index
  Positions shift_A_;                 // LAMMPS x − rotated NaBridge x (periodic remapping)
  long neighbor_builds_ = 0;
};

}  // namespace nabridge
