#pragma once
// Potentials by id: a metadata TOML beside each potential (potentials/<dir>/potential.toml) gives
// the id, the elements, the exact pair_style/pair_coeff lines ({dir} = the metadata file's
// directory, {elements} = the requested elements in atom-type order), the files they read,
// sources, fitted targets, validity, known limits and a fidelity grade.
// load_potential() turns an id (searched in the given directories) or a metadata path into a
// PotentialSpec for an element subset; potential_from_lines() and potential_from_kim() accept
// any LAMMPS pair style or OpenKIM model instead (issue 4 item 7).
#include <optional>
#include <string>
#include <toml++/toml.h>
#include <vector>

#include "core/potential_spec.h"

namespace nabridge::potentials {

/// Directories searched for ids: $NABRIDGE_POTENTIALS (':'-separated) then the source tree's
/// potentials/ directory.
std::vector<std::string> default_potential_search_dirs();

/// Metadata path of an id: `<dir>/<id>/potential.toml`, or any `<dir>/*/potential.toml` whose
/// id matches. A path to an existing .toml file is returned as is. std::invalid_argument for an
/// unknown id, naming it, the directories searched and the ids found.
std::string find_potential(const std::string& id_or_path, const std::vector<std::string>& search_dirs);

/// Every id found in the directories (sorted).
std::vector<std::string> list_potentials(const std::vector<std::string>& search_dirs);

/// The PotentialSpec of a potential for `elements` (empty: all of the potential's, in its
/// order). Throws std::invalid_argument naming the metadata file and entry for unparsable
/// metadata, an element the potential lacks, or a missing potential file.
PotentialSpec load_potential(const std::string& id_or_path, const std::vector<std::string>& search_dirs,
                             const std::vector<std::string>& elements = {});

/// Any LAMMPS pair style: "pair_style ..." and one or more "pair_coeff ..." lines (with or
/// without the leading keyword); atom type i+1 holds elements[i]. `files` enter cache keys.
PotentialSpec potential_from_lines(const std::string& pair_style, const std::vector<std::string>& pair_coeff,
                                   const std::vector<std::string>& elements, const std::vector<std::string>& files = {});

/// An OpenKIM model through `pair_style kim MODEL` / `pair_coeff * * <elements>` (LAMMPS KIM
/// package; the model must be installed in the KIM API collections).
PotentialSpec potential_from_kim(const std::string& model, const std::vector<std::string>& elements);

/// A potential given in a TOML table (e.g. a campaign's [potential]): exactly one of
///   id = "..." [, search = [...]] | kim = "MODEL" | pair_style = "..." + pair_coeff = [...] (+ files)
/// plus elements = [...] (required except for id). Errors name file and `where`.
PotentialSpec potential_from_table(const toml::table& t, const std::string& file, const std::string& where,
                                   const std::vector<std::string>& search_dirs);

/// Parsed metadata fields beyond the PotentialSpec (for validation and reports).
struct PotentialMetadata {
  std::string path, dir, id, title, fidelity, validity, reference_data, cross_fit_spec;
  std::vector<std::string> elements, known_limits;
  struct Source {
    std::string what, citation, doi;
  };
  std::vector<Source> sources;
};
PotentialMetadata read_potential_metadata(const std::string& path);

}  // namespace nabridge::potentials
