#pragma once
// ShellEngine: a core–shell model (PotentialSpec::shells) behind the one-particle-per-atom Engine
// interface, in the adiabatic approximation. The caller's atoms are the cores (and rigid ions);
// at every evaluation the shells relax at fixed cores (LAMMPS FIRE, cores held by `fix setforce`),
// and the engine returns
//   E(cores) = min over shells of U(cores, shells),
//   F_core   = −dE/dr_core = f_core + f_shell at the relaxed shells
// (f_shell vanishes at the minimum, so this is the exact gradient up to the shell tolerance).
// Shells start from their offsets of the previous evaluation of the same topology, so a
// relaxation or NEB pays a few FIRE steps per call.
//
// Virial (fully periodic boundaries only): LAMMPS's pair + bond + k-space virial of U at the
// relaxed shells. Straining cores and shells together and then letting the shells relax changes
// U only by f_shell · (the shells' non-affine displacement), which vanishes with f_shell, so this
// is −∂E/∂ε of the adiabatic E(cores) with its error bounded by |f_shell|₂ (≤ shell_ftol_eV_A) ×
// the shells' non-affine displacement per unit strain (Å). Not on an open-circuit slab: the
// slab correction and the host field's −Σ q E z are not the strain derivative of that energy.
//
// Boundaries: fully periodic (Ewald as the model says), or `open_circuit_slab`: z non-periodic
// with LAMMPS's Yeh–Berkowitz slab correction (`kspace_modify slab 3.0`), i.e. no field outside a
// slab and the full depolarising field −P/ε0 inside a polarised one (open circuit). With
// `host_field_V_A` a uniform field along z acts on every core and shell (not on rigid ions, the
// adsorbates outside the slab): set to +P/ε0 on an open-circuit slab it cancels the depolarising
// field of a uniform P inside the slab, as ideal electrodes at its faces would (short circuit),
// and leaves the field outside at zero. Its energy −Σ q E z enters E and F. Units: metal.
#include <map>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/engine_factory.h"
#include "core/potential_spec.h"

namespace LAMMPS_NS {
class LAMMPS;
}

namespace nabridge {

class ShellEngine : public Engine {
 public:
  /// std::invalid_argument (naming the potential) when `model` has no shells or an invalid layout.
  explicit ShellEngine(const PotentialSpec& model, ShellEngineOptions options = {});
  ~ShellEngine() override;
  ShellEngine(const ShellEngine&) = delete;
  ShellEngine& operator=(const ShellEngine&) = delete;

  std::string describe() const override;
  /// True with fully periodic boundaries (options without open_circuit_slab, hence no host field).
  bool provides_virial() const override { return !options_.open_circuit_slab && options_.host_field_V_A == 0.0; }
  /// Shell − core vectors (Å, 3 x atoms; zero for rigid ions) of the last evaluation.
  const Positions& shell_offsets_A() const { return offset_A_; }
  /// FIRE iterations of the last shell relaxation (cost diagnostics).
  int last_shell_iterations() const { return last_iterations_; }

 protected:
  void compute(const Structure& s, Evaluation& out, bool want_virial) override;

 private:
  void load(const Structure& s);
  void close();

  PotentialSpec model_;
  ShellEngineOptions options_;
  LAMMPS_NS::LAMMPS* lmp_ = nullptr;
  Structure loaded_;                 // topology in LAMMPS (species, cell, pbc)
  std::vector<int> core_tag_, shell_tag_;  // per atom: LAMMPS tags (shell 0: none)
  std::vector<double> field_q_core_e_, field_q_shell_e_;  // per atom: charges the host field acts on
  Positions offset_A_;
  std::string table_path_;
  int last_iterations_ = 0;
};

}  // namespace nabridge
