#pragma once
// A shipped potential for the tests: its PotentialSpec from the library loader
// (potentials::load_potential, the same lines a campaign's `id = ...` gives), its [metadata] table,
// and, for a DSF/Wolf potential, its Ewald twin (potentials::load_ewald_reference: the model with
// Ewald sums, which the DSF parameters were chosen against). ionic_reference(): an entry of
// data/reference/ionic.toml through the library's reader.
#include <toml++/toml.h>

#include <filesystem>
#include <stdexcept>
#include <string>

#include "core/potential_spec.h"
#include "potentials/ionic_validation.h"
#include "potentials/potential_library.h"

namespace nabridge::testing {

struct ShippedPotential {
  std::filesystem::path dir;
  PotentialSpec spec;
  bool has_ewald_reference = false;
  PotentialSpec ewald_reference;
  toml::table metadata;
};

inline ShippedPotential load_shipped_potential(const std::string& id) {
  ShippedPotential out;
  const auto dirs = potentials::default_potential_search_dirs();
  const std::string file = potentials::find_potential(id, dirs);
  out.dir = std::filesystem::path(file).parent_path();
  out.spec = potentials::load_potential(id, dirs);
  const toml::table doc = toml::parse_file(file);
  const auto* meta = doc["metadata"].as_table();
  if (!meta) throw std::invalid_argument(file + ": no [metadata] table");
  out.metadata = *meta;
  if (auto ewald = potentials::load_ewald_reference(id, dirs)) {
    out.ewald_reference = *ewald;
    out.has_ewald_reference = true;
  }
  return out;
}

/// Entry `key` ("nai.lattice_constant_0K") of data/reference/ionic.toml.
inline const potentials::IonicReference& ionic_reference(const std::string& key) {
  static const potentials::IonicReferenceData data(std::string(NABRIDGE_SOURCE_DIR) + "/data/reference/ionic.toml");
  return data.at(key);
}

}  // namespace nabridge::testing
