#pragma once
// Stability of the crystals a potential is made for: each element in its reference lattice and each
// cubic intermetallic its cross-fit targets name, at the potential's own zero-pressure lattice
// constant, through protocols/lattice_stability.h (relaxed-ion C11, C12, C44 with the Born
// criteria, and the random-displacement test). A fit to frozen geometries (DFT binding curves at
// fixed slabs, compounds at their ideal positions, where symmetry keeps every force zero) does not
// see whether these crystals are minima of the fitted energy; this check does. Used by `nabridge
// potential validate` (rows of the validation table) and `nabridge potential fit-cross` (a warning
// on the fitted result; the fit itself is unchanged).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/engine.h"
#include "potentials/cross_fit.h"
#include "potentials/cross_properties.h"
#include "protocols/lattice_stability.h"

namespace nabridge::potentials {

struct StabilityStructure {
  std::string prototype;              // fcc or bcc (an element); B2, L12 or C15 (a compound)
  std::vector<std::string> elements;  // [X], or [A, B] in the prototype's formula order
  bool compound() const { return elements.size() == 2; }
  /// "Al" for an element, "NaAu2 (C15)" for a compound (as CrossTarget::system names it).
  std::string system() const;
  bool operator==(const StabilityStructure& o) const { return prototype == o.prototype && elements == o.elements; }
};

/// "B2:Na,Al", "L12:Al,Na", "C15:Na,Au" (prototype:A,B in the formula order of
/// structure/intermetallics.h). Throws std::invalid_argument naming the text.
StabilityStructure parse_stability_compound(const std::string& text);

/// The compounds of formation_energy and lattice_constant targets, each once, in target order.
std::vector<StabilityStructure> target_compounds(const std::vector<CrossTarget>& targets);

struct StabilityReport {
  StabilityStructure structure;
  double a_A = 0.0;  // the zero-pressure lattice constant it was checked at
  LatticeStability result;
  std::string error;  // not checked (e.g. no zero-pressure lattice constant found): why
  /// Compounds: formation energy per atom vs the elements at their zero-pressure lattices, of the
  /// ideal crystal and of where the random-displacement relaxation ended. A compound fitted to be
  /// unbound (E_form > 0) whose relaxed cell ends below zero is bound after all.
  std::optional<double> e_form_ideal_eV, e_form_relaxed_eV;
  bool stable() const { return error.empty() && result.stable(); }
  /// result.failures(), or the error.
  std::vector<std::string> failures() const;
};

/// An element in its lattice at a_A (its zero-pressure lattice constant).
StabilityReport element_stability(Engine& engine, const std::string& element, const std::string& lattice, double a_A,
                                  const StabilityOptions& opt = {});

/// A compound at its zero-pressure lattice constant (cubic_equilibrium from the elements' Vegard
/// volume). A failure to find that lattice constant is reported in `error`, not thrown.
StabilityReport compound_stability(Engine& engine, const StabilityStructure& compound,
                                   const std::map<std::string, ElementReference>& refs,
                                   const ElementalGroundStates& ground, const StabilityOptions& opt = {});

/// The elements of the spec and the compounds of its targets (after the caller has appended any DFT
/// targets), through the analytic EamEngine of `model` (a fitted result: fitted_model()).
std::vector<StabilityReport> cross_fit_stability(const ZhouAlloyModel& model, const CrossFitSpec& spec,
                                                 const StabilityOptions& opt = {});

/// | system | a | C11 | C12 | C44 | Born | ΔE random | verdict |
std::string stability_markdown(const std::vector<StabilityReport>& reports);

/// One line per failed criterion: "WARNING: NaAl (B2) is not stable: Born criterion C11 - C12 > 0
/// violated (C11 - C12 = -3.2 GPa)". Empty when every structure is stable.
std::vector<std::string> stability_warnings(const std::vector<StabilityReport>& reports);

}  // namespace nabridge::potentials
