#pragma once
// Alloy quantities that constrain unlike-pair interactions, computed through any Engine:
//   formation_energy   per atom of a cubic intermetallic (B2, L12, C15) relative to the elements
//                      in their reference lattices (negative = compound forms)
//   lattice_constant   of that intermetallic at its energy minimum (cell scaling)
//   solution_energy    E(host_{N−1} solute) − (N−1) e_host − e_solute for one substitutional solute
//                      in a host supercell at the host's lattice constant (positive = immiscible)
//   adsorption_energy  of one adatom on a substrate facet, lowest over the symmetry-unique sites
//                      (or one site label), vs the adatom's bulk (reference "bulk") or the isolated
//                      atom ("atom"); slab 3×3, 5 layers, bottom 2 fixed
//   binding_energy     of an adsorbate in a given, fixed geometry (a reference calculation's
//                      structure, e.g. a DFT binding-curve point): E(adsorbed) − E(clean) − μ, μ the
//                      adsorbate's bulk ("bulk") or isolated-atom ("atom") energy. Built in code
//                      from reference records (workflow/dft_targets.h), not read from a spec file.
//   film_binding_energy of a film on a substrate in a given, fixed geometry (a DFT film-height
//                      point): (E(film on substrate) − E(substrate) − E(film alone)) per film atom,
//                      the three in one cell; −W_ad·A/N. Built in code like binding_energy.
#include <map>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/structure.h"
#include "optimize/optimizer.h"
#include "potentials/fit_targets.h"

namespace nabridge::potentials {

struct ElementReference {
  std::string lattice;  // "fcc" or "bcc"
  double a_guess_A = 0.0;
};

struct CrossTarget : Target {
  std::string kind;                    // see above
  std::string structure;               // B2 / L12 / C15
  std::vector<std::string> elements;   // compound: [A, B] in the prototype's formula
  std::string host, solute;            // solution_energy
  std::string substrate, adsorbate, site = "min", reference = "bulk";
  std::vector<int> facet;              // adsorption_energy, e.g. [1, 1, 1]
  double a_guess_A = 0.0;              // compound lattice guess (0: from the elements)
  int reps = 3;                        // solution_energy supercell (conventional cells per side)
  Structure adsorbed, clean;           // binding_energy, film_binding_energy: the fixed geometries
  Structure film;                      // film_binding_energy: the film alone in the same cell
  std::string label;                   // binding_energy, film_binding_energy: what the geometry is,
                                       // e.g. "Na on Al(111) fcc z=2.70"
  /// Elements whose unlike pairs this target depends on.
  std::vector<std::string> species() const;
  /// Human label, e.g. "NaAu2 (C15) formation_energy".
  std::string system() const;
};

/// Reads one [[target]] table of a cross-fit spec (errors name file and entry).
CrossTarget read_cross_target(const TomlReader& t);

/// Per-atom energies of each element in its reference lattice at its optimum (the zero of
/// formation and solution energies) and the optimum lattice constants.
struct ElementalGroundStates {
  std::map<std::string, double> e_eV, a_A;
};
ElementalGroundStates elemental_ground_states(Engine& engine, const std::map<std::string, ElementReference>& refs,
                                              const std::vector<std::string>& elements);

/// A lattice-constant guess for a cubic intermetallic (B2, L12, C15 of elements [A, B]): the
/// elements' volumes per atom at their optimum (Vegard), times the prototype's atoms per cell.
double compound_lattice_guess(const std::string& prototype, const std::vector<std::string>& elements,
                              const std::map<std::string, ElementReference>& refs, const ElementalGroundStates& ground);

/// The target's model value. relax = false: solution energies without relaxation (the fit adds a
/// relaxation correction); adsorption is always relaxed (adatom and the top 3 layers).
double evaluate_cross_target(Engine& engine, const CrossTarget& t, const std::map<std::string, ElementReference>& refs,
                             const ElementalGroundStates& ground, bool relax, Optimizer* optimizer = nullptr);

}  // namespace nabridge::potentials
