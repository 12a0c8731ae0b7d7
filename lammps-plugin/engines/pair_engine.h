#pragma once
// Analytic pair-potential engines (Lennard-Jones, Morse) for tests with exact answers.
// Energies are truncated (not shifted) at the cutoff unless `shift` is set, matching
// LAMMPS `pair_style lj/cut` / `morse` with and without `pair_modify shift yes`.
#include <functional>
#include <map>
#include <utility>

#include "core/engine.h"

namespace nabridge {

/// A radial pair interaction: returns φ(r) in eV and writes dφ/dr (eV/Å).
struct PairTerm {
  std::function<double(double r, double& dphi_dr)> phi;
  double cutoff_A = 0.0;
  bool shift = false;  // subtract φ(rc) so the energy is continuous at the cutoff
};

class PairEngine : public Engine {
 public:
  /// Sets the interaction between elements a and b (symmetric).
  void set_pair(const std::string& a, const std::string& b, PairTerm term);
  std::string describe() const override { return description_; }
  bool provides_virial() const override { return true; }  // Σ d ⊗ f over the pairs

 protected:
  explicit PairEngine(std::string description) : description_(std::move(description)) {}
  void compute(const Structure& s, Evaluation& out, bool want_virial) override;

 private:
  /// A term with the energy it subtracts at every distance (φ(rc) when shifted, else 0),
  /// evaluated once when the term is set.
  struct ShiftedTerm {
    PairTerm term;
    double shift_eV = 0.0;
  };
  const ShiftedTerm* find(const std::string& a, const std::string& b) const;
  std::map<std::pair<std::string, std::string>, ShiftedTerm> terms_;
  std::string description_;
};

/// φ(r) = 4ε[(σ/r)¹² − (σ/r)⁶]
class LennardJonesEngine : public PairEngine {
 public:
  LennardJonesEngine() : PairEngine("analytic lennard-jones") {}
  LennardJonesEngine(const std::string& element, double epsilon_eV, double sigma_A, double cutoff_A,
                     bool shift = false);
  void set(const std::string& a, const std::string& b, double epsilon_eV, double sigma_A,
           double cutoff_A, bool shift = false);
};

/// φ(r) = D₀[e^{−2α(r−r₀)} − 2e^{−α(r−r₀)}]
class MorseEngine : public PairEngine {
 public:
  MorseEngine() : PairEngine("analytic morse") {}
  MorseEngine(const std::string& element, double D0_eV, double alpha_per_A, double r0_A,
              double cutoff_A, bool shift = false);
  void set(const std::string& a, const std::string& b, double D0_eV, double alpha_per_A, double r0_A,
           double cutoff_A, bool shift = false);
};

}  // namespace nabridge
