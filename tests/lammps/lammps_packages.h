#pragma once
// Tests of models that need optional LAMMPS packages. A user's own LAMMPS may lack them (the
// upstream build NaBridge is checked against has MANYBODY and PLUGIN only); such a test is then
// skipped with its reason, not failed (tests/test_skip.h). Debian's LAMMPS has all of them.
#include <string>
#include <vector>

#include "../test_skip.h"
#include "engine/lammps_engine.h"

namespace nabridge::testing {

// The packages each family of shipped models needs (their pair, bond, kspace and atom styles).
/// Rigid-ion models with DSF and Ewald Coulomb (al2o3-, batio3-pedone, nai-tosifumi): mie/cut,
/// born/coul/dsf (EXTRA-PAIR), coul/long, born/coul/long and ewald (KSPACE).
inline const std::vector<std::string> kIonicPackages = {"EXTRA-PAIR", "KSPACE"};
/// The core–shell batio3-vielma: buck/coul/long/cs (CORESHELL), atom_style full (MOLECULE),
/// bond_style class2 (CLASS2), ewald (KSPACE).
inline const std::vector<std::string> kCoreShellPackages = {"CORESHELL", "CLASS2", "KSPACE", "MOLECULE"};

/// True (and the reason printed) when the LAMMPS NaBridge is linked with lacks one of `packages`;
/// the test then returns.
inline bool skip_without_lammps_packages(const std::vector<std::string>& packages) {
  std::string missing;
  for (const auto& p : packages)
    if (!embedded_lammps_has_package(p)) missing += " " + p;
  if (missing.empty()) return false;
  report_skipped("needs the LAMMPS package(s)" + missing + ", which this LAMMPS (" + built_against_lammps_version() +
                 ") lacks");
  return true;
}

}  // namespace nabridge::testing
