#pragma once
// EamEngine: energy, forces and virial of an EamModel evaluated analytically in-process
// (no tabulation, no LAMMPS). E = Σ_i F_i(ρ_i) + ½ Σ_{i≠j} φ_ij(r_ij), ρ_i = Σ_{j≠i} f_j(r_ij)
// (Daw & Baskes, Phys. Rev. B 29, 6443 (1984)). Used inside the fits, where thousands of small
// cells are evaluated, and as an independent check of the tabulated file run by LAMMPS.
// Neighbours are found by an all-pairs search over periodic images: O(N²), meant for cells
// of up to a few hundred atoms.
#include <memory>
#include <vector>

#include "core/engine.h"
#include "potentials/eam_model.h"

namespace nabridge::potentials {

class EamEngine : public Engine {
 public:
  /// The model must outlive the engine.
  explicit EamEngine(const EamModel& model);
  std::string describe() const override;
  bool provides_virial() const override { return true; }  // Σ d ⊗ f over the pairs

 protected:
  void compute(const Structure& s, Evaluation& out, bool want_virial) override;

 private:
  const EamModel& model_;
  std::vector<std::size_t> types_;
  std::vector<double> rho_, dF_;
};

}  // namespace nabridge::potentials
