#pragma once
// A shipped potential for the tests: its PotentialSpec from the library loader
// (potentials::load_potential, the same lines a campaign's `id = ...` gives), its [metadata] table,
// and, for a DSF/Wolf potential, [metadata.ewald_reference] (pair_style, pair_coeff, commands) as a
// second spec with the same elements and charges: the model with Ewald sums, which the DSF
// parameters were chosen against.
#include <toml++/toml.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/potential_spec.h"
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
  if (const auto* ew = meta->get_as<toml::table>("ewald_reference")) {
    auto strings = [&](const char* key) {
      std::vector<std::string> v;
      if (const auto* a = (*ew)[key].as_array())
        for (const auto& x : *a) {
          std::string s = x.value_or(std::string());
          for (std::size_t p; (p = s.find("${lammps_potentials}")) != std::string::npos;)
            s.replace(p, 20, "/usr/share/lammps/potentials");
          v.push_back(s);
        }
      return v;
    };
    const auto style = (*ew)["pair_style"].value<std::string>();
    if (!style) throw std::invalid_argument(file + ": metadata.ewald_reference.pair_style must be a string");
    PotentialSpec e = potentials::potential_from_lines(*style, strings("pair_coeff"), out.spec.elements);
    for (const auto& c : strings("commands")) e.commands.push_back(c);
    e.id = id + "+ewald";
    e.charges_e = out.spec.charges_e;
    e.masses_amu = out.spec.masses_amu;
    out.ewald_reference = e;
    out.has_ewald_reference = true;
  }
  return out;
}

}  // namespace nabridge::testing
