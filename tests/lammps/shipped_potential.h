#pragma once
// Test-side reader of a shipped potential, potentials/<id>/potential.toml, into the PotentialSpec
// LammpsEngine runs. It follows the workflow's reader (workflows/workflow/campaign.cpp,
// read_potential_lines): top-level elements, pair_style, pair_coeff, commands, charges, masses;
// ${here} is the potential's folder and ${lammps_potentials} Debian's LAMMPS potential folder.
// tests/workflow/test_ionic_potential_ids.cpp checks that the workflow's own reader gives the same
// spec for the same ids. The [metadata.ewald_reference] table (pair_style, pair_coeff, commands)
// of a DSF/Wolf potential becomes a second spec with the same elements and charges.
#include <toml++/toml.h>

#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/potential_spec.h"

namespace nabridge::testing {

struct ShippedPotential {
  std::filesystem::path dir;
  PotentialSpec spec;
  bool has_ewald_reference = false;
  PotentialSpec ewald_reference;  // same model, Coulomb by Ewald sums
  toml::table metadata;
};

inline std::string expand_potential_placeholders(std::string s, const std::filesystem::path& here) {
  const std::vector<std::pair<std::string, std::string>> vars{{"${here}", here.string()},
                                                              {"${lammps_potentials}", "/usr/share/lammps/potentials"}};
  for (const auto& [from, to] : vars)
    for (std::size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, from.size(), to);
  return s;
}

inline std::vector<std::string> toml_strings(const toml::table& t, const std::string& key, const std::string& file,
                                             bool required) {
  std::vector<std::string> out;
  const auto* arr = t.get_as<toml::array>(key);
  if (!arr) {
    if (required) throw std::invalid_argument(file + ": '" + key + "' must be an array of strings");
    return out;
  }
  for (const auto& v : *arr) {
    const auto s = v.value<std::string>();
    if (!s) throw std::invalid_argument(file + ": '" + key + "' must hold strings only");
    out.push_back(*s);
  }
  return out;
}

/// Lines of a potential table (the top level of potential.toml or [metadata.ewald_reference]).
inline void read_potential_lines(const toml::table& t, const std::string& file, const std::filesystem::path& here,
                                 PotentialSpec& p) {
  const auto style = t["pair_style"].value<std::string>();
  if (!style) throw std::invalid_argument(file + ": 'pair_style' must be a string");
  p.commands.clear();
  p.commands.push_back("pair_style " + *style);
  for (const auto& line : toml_strings(t, "pair_coeff", file, true))
    p.commands.push_back("pair_coeff " + expand_potential_placeholders(line, here));
  for (const auto& line : toml_strings(t, "commands", file, false))
    p.commands.push_back(expand_potential_placeholders(line, here));
}

inline ShippedPotential load_shipped_potential(const std::string& id) {
  ShippedPotential out;
  out.dir = std::filesystem::path(NABRIDGE_SOURCE_DIR) / "potentials" / id;
  const std::string file = (out.dir / "potential.toml").string();
  toml::table doc;
  try {
    doc = toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    throw std::invalid_argument(file + ": " + std::string(e.description()));
  }
  PotentialSpec& p = out.spec;
  p.id = id;
  p.elements = toml_strings(doc, "elements", file, true);
  read_potential_lines(doc, file, out.dir, p);
  for (const char* key : {"charges", "masses"})
    if (const auto* t = doc.get_as<toml::table>(key))
      for (const auto& [el, v] : *t) {
        const auto x = v.value<double>();
        if (!x) throw std::invalid_argument(file + ": " + key + "." + std::string(el.str()) + " must be a number");
        (std::string(key) == "charges" ? p.charges_e : p.masses_amu)[std::string(el.str())] = *x;
      }
  if (const auto* meta = doc.get_as<toml::table>("metadata")) {
    out.metadata = *meta;
    if (const auto* ew = meta->get_as<toml::table>("ewald_reference")) {
      out.has_ewald_reference = true;
      out.ewald_reference = p;
      out.ewald_reference.id = id + "+ewald";
      read_potential_lines(*ew, file + " [metadata.ewald_reference]", out.dir, out.ewald_reference);
    }
  }
  return out;
}

}  // namespace nabridge::testing
