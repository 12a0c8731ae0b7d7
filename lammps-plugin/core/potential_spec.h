#pragma once
// How to set up an interatomic potential in LAMMPS, independent of LAMMPS itself: the element
// of each atom type and the exact commands. Shipped potentials (potentials/*.toml), arbitrary
// pair_style/pair_coeff lines and KIM model ids all become a PotentialSpec.
#include <map>
#include <string>
#include <vector>

namespace nabridge {

struct PotentialSpec {
  std::string id;                      // e.g. "nabridge-eam-NaAlCuAu-2026" or "user"
  std::vector<std::string> elements;   // LAMMPS atom type i+1 holds elements[i]
  /// How the potential file names elements[i] at the end of `pair_coeff * * ...` when that is
  /// not the element symbol (e.g. "Id" for iodine in ffield.eim); empty: the symbols.
  std::vector<std::string> type_labels;
  std::map<std::string, double> masses_amu;  // optional overrides; default from the periodic table
  /// Commands that must run before the simulation box exists, e.g. "kim init MODEL metal"
  /// (LAMMPS's KIM package refuses `kim init` once a box is defined). Run after units,
  /// atom_style and neighbor settings.
  std::vector<std::string> init_commands;
  std::vector<std::string> commands;   // after the box: "pair_style eam/alloy", "pair_coeff * * FILE Na Al", ...
  std::vector<std::string> files;      // files the commands read (their contents enter cache keys)
  /// Rigid-ion models: fixed charge per element (e); non-empty switches to atom_style charge.
  std::map<std::string, double> charges_e;
  std::string units = "metal";
};

}  // namespace nabridge
