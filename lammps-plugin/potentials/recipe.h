#pragma once
// A recipe says how a shipped EAM potential is made: which Zhou parameter files give which
// elements, which cross-term file corrects the alloy rule, the tabulation grid, the fits that
// produce the fitted parameter files, and the static metadata (validity, limits, grade,
// sources). `nabridge potential build RECIPE` runs the fits then generate(); `generate` alone
// re-tabulates. Paths in a recipe are relative to the recipe's directory.
// Example: potentials/nabridge-eam-NaAlCuAu/recipe.toml.
#include <memory>
#include <optional>
#include <string>
#include <toml++/toml.h>
#include <vector>

#include "potentials/eam_model.h"

namespace nabridge::potentials {

struct RecipeParameters {
  std::string file;                    // absolute
  std::vector<std::string> elements;   // taken from that file
};

struct RecipeFit {
  std::string spec, out;  // absolute
};

struct Recipe {
  std::string file, dir;
  std::string id, title;
  std::vector<std::string> elements;   // setfl order = LAMMPS pair_coeff order
  std::string setfl, metadata;         // output file names (in the output directory)
  double cutoff_A = 0.0;
  int nr = 3000, nrho = 3000;
  double rho_max = 100.0;
  std::vector<RecipeParameters> parameters;
  std::string cross_terms;             // absolute; empty = pure Zhou alloy rule
  std::vector<RecipeFit> element_fits;
  std::optional<RecipeFit> cross_fit;
  std::string cross_fit_spec_relative; // as written (for the metadata's pointer)
  std::shared_ptr<toml::table> metadata_static;  // [metadata] table copied into the metadata file
};

/// Throws std::invalid_argument naming the file and key for missing/invalid entries.
Recipe read_recipe(const std::string& path);

/// The Zhou elements in recipe order, read from the parameter files.
std::vector<ZhouElement> recipe_elements(const Recipe& r);

/// The alloy model of the recipe; with_cross_terms = false gives the bare Zhou alloy rule.
ZhouAlloyModel recipe_model(const Recipe& r, bool with_cross_terms = true);

/// Writes <out_dir>/<setfl> and <out_dir>/<metadata> (out_dir empty: the recipe's directory).
/// Returns the setfl path.
std::string generate_potential(const Recipe& r, const std::string& out_dir, const std::string& version);

}  // namespace nabridge::potentials
