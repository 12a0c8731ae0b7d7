#pragma once
// An Engine turns a Structure into energy, forces and (optionally) the virial. Protocols and
// optimisers only see this interface, so they run unchanged on LAMMPS or an analytic potential.
// Units: LAMMPS `metal` — eV, Å, eV/Å; virial in eV (Σ r⊗f, sign as LAMMPS: positive = tensile).
#include <optional>
#include <string>

#include "core/structure.h"

namespace nabridge {

struct Evaluation {
  double energy_eV = 0.0;
  Positions forces_eV_A;            // 3 x N
  std::optional<Mat3> virial_eV;    // filled when requested and supported
};

class Engine {
 public:
  virtual ~Engine() = default;
  /// Energy and forces of s. Engines may cache topology (atom count, species, cell) between
  /// calls and rebuild only when it changes. Throws std::runtime_error on failure (e.g. NaN).
  void evaluate(const Structure& s, Evaluation& out, bool want_virial = false) {
    ++force_calls_;
    compute(s, out, want_virial);
  }
  Evaluation evaluate(const Structure& s, bool want_virial = false) {
    Evaluation e;
    evaluate(s, e, want_virial);
    return e;
  }
  double energy(const Structure& s) { return evaluate(s).energy_eV; }
  /// Number of evaluate() calls since construction (the unit of cost in benchmarks).
  long force_calls() const { return force_calls_; }
  /// Human-readable description for provenance, e.g. "lammps: pair_style eam/alloy ...".
  virtual std::string describe() const = 0;
  /// True when evaluate(s, true) fills virial_eV. Lets a caller choose a pressure-based or an
  /// energy-only protocol without evaluating a structure to find out (on ShellEngine one
  /// evaluation is a whole shell relaxation). Pure, so every engine states it.
  virtual bool provides_virial() const = 0;

 protected:
  virtual void compute(const Structure& s, Evaluation& out, bool want_virial) = 0;

 private:
  long force_calls_ = 0;
};

}  // namespace nabridge
