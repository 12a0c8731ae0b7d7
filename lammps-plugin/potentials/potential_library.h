#pragma once
// Potentials by id. Each shipped potential has potentials/<id>/potential.toml in the format the
// campaigns read (docs/campaign.md): top-level `elements`, `pair_style` and `pair_coeff` (without
// the LAMMPS keyword; ${here} = the file's folder, ${lammps_potentials} = Debian's potential
// folder), optional `commands`, `charges`, `masses`, `source`, and a [metadata] table (id, title,
// files, sources with DOIs, fitted targets, validity, known limits, fidelity grade, ...).
// load_potential() turns an id (searched in the given folders) or a metadata path into a
// PotentialSpec for an element subset; potential_from_lines() takes arbitrary LAMMPS lines and
// kim_potential() (core/kim_potential.h) an OpenKIM model, so any potential a user names can be
// validated or used the same way.
#include <optional>
#include <string>
#include <vector>

#include "core/potential_spec.h"

namespace nabridge::potentials {

/// The whitespace-separated words of a LAMMPS line, and words joined by single spaces.
std::vector<std::string> words(const std::string& s);
std::string join(const std::vector<std::string>& w);

/// Folders searched for ids: $NABRIDGE_POTENTIALS (':'-separated) then the source tree's potentials/.
std::vector<std::string> default_potential_search_dirs();

/// Metadata path of an id: `<dir>/<id>/potential.toml`, or any `<dir>/*/potential.toml` whose
/// [metadata] id matches. A path to an existing .toml file is returned as is. std::invalid_argument
/// for an unknown id, naming it, the folders searched and the ids found.
std::string find_potential(const std::string& id_or_path, const std::vector<std::string>& search_dirs);

/// Every id found in the folders (sorted).
std::vector<std::string> list_potentials(const std::vector<std::string>& search_dirs);

/// The PotentialSpec of a potential for `elements` (empty: all of the potential's, in its order).
/// Throws std::invalid_argument naming the metadata file and entry for unparsable metadata, an
/// element the potential lacks, a file it names that does not exist.
PotentialSpec load_potential(const std::string& id_or_path, const std::vector<std::string>& search_dirs,
                             const std::vector<std::string>& elements = {});

/// A many-body potential for a subset (or reordering) of its elements: every `pair_coeff * * ...`
/// line that ends with the full element list gets the requested list instead (eam/alloy, eam/fs,
/// meam, tersoff, kim, ...); `kim interactions` likewise. Pair-wise coefficients ("1 2 ...") cannot
/// be remapped: std::invalid_argument naming the potential.
PotentialSpec subset_potential(const PotentialSpec& full, const std::vector<std::string>& elements);

/// The model of a Na film on a core–shell host (docs/ferroelectric.md §7): `model` with its
/// [metal_film] applied (MetalFilmSpec): the metal's pair style added to the hybrid/overlay
/// pair_style, its pair_coeff lines after the model's, `applied` set (the rigid-ion Coulomb table
/// then skips the metal's like pairs; lammps/engine/shell_setup.h). Each film ion keeps the
/// model's terms toward the host. std::invalid_argument naming the potential when it has no
/// [metal_film] (a film of its rigid ions would be a film of cations, not a metal) or no
/// hybrid/overlay pair_style to add the metal to.
PotentialSpec metal_film_model(const PotentialSpec& model);

/// The metal of `model`'s [metal_film] alone: a one-element potential (no shells, no charge) with
/// the metal's pair style and its pair_coeff lines narrowed to that element, for the film's bulk
/// metal (lattice constant, γ) on an engine with a virial. The narrowing: "* * <args> <one label
/// per type>" keeps the label of the metal's type; "I J <args>" must name the metal's type twice.
/// std::invalid_argument as metal_film_model, or for a pair_coeff line it cannot narrow.
PotentialSpec metal_alone_model(const PotentialSpec& model);

/// Any LAMMPS pair style: "pair_style ..." and one or more "pair_coeff ..." lines (with or
/// without the leading keyword); atom type i+1 holds elements[i]. `files` enter cache keys.
PotentialSpec potential_from_lines(const std::string& pair_style, const std::vector<std::string>& pair_coeff,
                                   const std::vector<std::string>& elements,
                                   const std::vector<std::string>& files = {});

/// [metadata.ewald_reference] of a potential whose Coulomb term is a damped shifted force (DSF): the
/// same model with Ewald sums (its own pair_style, pair_coeff and commands, expanded like the
/// potential's; the potential's elements, charges and masses), which the DSF parameters were chosen
/// against. id "<id>+ewald"; nullopt when the metadata has none.
std::optional<PotentialSpec> load_ewald_reference(const std::string& id_or_path,
                                                  const std::vector<std::string>& search_dirs);

/// [metadata.validation] of a compound (ionic) potential: what `nabridge potential validate ID`
/// computes instead of the element-by-element metal table (potentials/ionic_validation.h): the bulk,
/// surface and Na adsorption of its host crystal against `reference_data` (data/reference/ionic.toml).
struct CompoundValidation {
  std::string host;                        // "rocksalt" (100), "perovskite" (001) or "corundum" (0001)
  std::vector<std::string> host_elements;  // prototype order: cation, anion | A, B, O | cation, anion
  /// How the Na adatom is charged: "formal" (Na is Na+ everywhere: an adion, no metallic Na),
  /// "eim" (from the environment, pair_style eim's ffield.eim) or "fixed" (the potential's charges).
  std::string na_charge;
  std::string reference_data;     // absolute path
  std::string reference_entries;  // "nai": entries [nai.*] and [na_adsorption.nai_<facet>]
  double a_guess_A = 0.0;         // where the lattice search starts
  double c_guess_A = 0.0;         // corundum: the c axis's start
  std::vector<double> ewald_check_a_A;  // bulk lattice constants of the DSF-against-Ewald row
  std::string intro;                    // the table's opening paragraph
};

/// Descriptive fields of a metadata file (for validation and reports). Both the NaBridge-generated
/// layout ([metadata] sources = [...], known_limits, fidelity) and [metadata.source] /
/// [metadata.validity] tables are read.
struct PotentialMetadata {
  std::string path, dir, id, title, fidelity, validity, reference_data, cross_fit_spec;
  std::vector<std::string> elements, known_limits;
  struct Source {
    std::string what, citation, doi;
  };
  std::vector<Source> sources;
  std::optional<CompoundValidation> compound_validation;  // [metadata.validation]
};
PotentialMetadata read_potential_metadata(const std::string& path);

}  // namespace nabridge::potentials
