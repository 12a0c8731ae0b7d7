#pragma once
// Validation table of a potential: for each element its lattice constant, cohesive energy,
// vacancy formation energy and the relaxed surface energies of (100), (110), (111), each beside
// the reference value (data file named by the metadata's reference_data), its source and the
// deviation; then every cross-term fit target of the potential's cross_fit_spec recomputed with
// the same engine. Engine-agnostic: `nabridge potential validate` runs it through LAMMPS.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/engine_factory.h"
#include "core/potential_spec.h"
#include "potentials/potential_library.h"
#include "potentials/stability.h"

namespace nabridge::potentials {

struct ValidationRow {
  std::string system, property, unit;
  double model = 0.0;
  std::optional<double> reference;  // numeric reference (absent for bounds)
  std::string reference_text;       // "4.225", ">= 0.1", "—"
  std::string source;
  std::string deviation;            // "+0.4 %", "-0.012 eV", "ok", "violated by 0.03 eV"
  bool within = true;               // inside the requested tolerance / bound
};

/// What is validated: the potential for all its elements (subsets are taken with
/// subset_potential), its reference data and, optionally, its cross-fit spec.
struct ValidationSubject {
  std::string id, title, fidelity;
  PotentialSpec full;
  std::string reference_data;   // TOML like data/reference/metals.toml
  std::string cross_fit_spec;   // optional
};

/// From a metadata file (its [metadata] reference_data and cross_fit_spec).
ValidationSubject validation_subject(const std::string& metadata_path, const std::vector<std::string>& search_dirs);

/// data/reference/metals.toml of the source tree: the reference for user-given potentials.
std::string default_reference_data();

struct ValidationOptions {
  std::vector<std::string> elements;  // empty: all of the potential's
  int vacancy_reps_fcc = 3, vacancy_reps_bcc = 4;
  double surface_thickness_A = 18.0;
  bool cross_terms = true;
  /// Stability rows (elastic constants, Born criteria, random displacements) for each element's
  /// lattice and each compound of the cross-fit targets and of `stability_compounds`; a row's
  /// `within` is "stable by that criterion".
  bool stability = true;
  std::vector<StabilityStructure> stability_compounds;
  StabilityOptions stability_options;
  std::function<void(const std::string&)> progress;  // optional progress messages
};

/// Throws std::invalid_argument naming the reference file and entry for bad reference data.
std::vector<ValidationRow> validate_potential(const ValidationSubject& subject, const EngineFactory& make_engine,
                                              const ValidationOptions& opt = {});

std::string validation_markdown(const std::vector<ValidationRow>& rows, const ValidationSubject& s,
                                const std::string& engine);
std::string validation_csv(const std::vector<ValidationRow>& rows);

}  // namespace nabridge::potentials
