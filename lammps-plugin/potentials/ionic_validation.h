#pragma once
// Validation table of a compound (ionic) potential, potentials/<id>/VALIDATION.md: the bulk,
// surface and Na-adsorption quantities of its host crystal (rock salt, perovskite or corundum, as
// its [metadata.validation] says), each model value beside its reference in data/reference/ionic.toml,
// the reference's source and the deviation; Na metal, Na films and their contact angles when the
// model has metallic Na. The physics is in protocols/ionic_hosts.h and protocols/adsorption_summary.h;
// this file picks the settings and writes the rows. `nabridge potential validate ID` runs it through
// LAMMPS for a potential whose metadata has [metadata.validation] (the metals' table is
// potentials/validation.h). Units: Å, eV, J/m², C/m², GPa.
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/engine_factory.h"
#include "core/potential_spec.h"
#include "potentials/potential_library.h"
#include "potentials/validation.h"

namespace nabridge::potentials {

/// One entry [section.key] of an ionic reference file (data/reference/ionic.toml).
struct IonicReference {
  double value = 0.0;  // NaN when the entry has none (value_available = false)
  std::string cite;    // short label for tables; the full source is in the file
  bool verified = false;
  std::string table_note;  // a remark printed beside the value when the row gives none
};

/// Every [section.key] entry of an ionic reference file, read strictly (value a number, cite a
/// string, verified a boolean; errors name the file, line and key).
class IonicReferenceData {
 public:
  explicit IonicReferenceData(const std::string& path);
  /// std::invalid_argument naming the file and the key when there is no such entry.
  const IonicReference& at(const std::string& key) const;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::map<std::string, IonicReference> entries_;
};

/// A potential with [metadata.validation], its DSF-vs-Ewald twin ([metadata.ewald_reference]) when
/// it has one, and the validation settings.
struct IonicValidationSubject {
  std::string id;
  PotentialSpec spec;
  std::optional<PotentialSpec> ewald_reference;
  CompoundValidation settings;
};

/// std::invalid_argument naming the file when the metadata has no [metadata.validation].
IonicValidationSubject ionic_validation_subject(const std::string& metadata_path,
                                                const std::vector<std::string>& search_dirs);

/// The table's rows in ValidationRow form (system = the crystal, surface or film a row is about;
/// reference_text and deviation as VALIDATION.md prints them; no tolerance, so `within` is true).
/// Engines come from `make_engine`: one for the potential and one for its Ewald reference.
std::vector<ValidationRow> validate_ionic_potential(const IonicValidationSubject& subject,
                                                    const EngineFactory& make_engine,
                                                    const std::function<void(const std::string&)>& progress = {});

/// The page potentials/<id>/VALIDATION.md: title, the settings' intro, how it was computed, the table.
std::string ionic_validation_markdown(const std::vector<ValidationRow>& rows, const IonicValidationSubject& subject);

}  // namespace nabridge::potentials
