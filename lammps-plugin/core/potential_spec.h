#pragma once
// How to set up an interatomic potential in LAMMPS, independent of LAMMPS itself: the element
// of each atom type and the exact commands. Shipped potentials (potentials/*.toml), arbitrary
// pair_style/pair_coeff lines and KIM model ids all become a PotentialSpec.
#include <map>
#include <string>
#include <vector>

namespace nabridge {

/// One element of a core–shell (Dick–Overhauser) model: the ion is a core and a shell of the
/// given charges, tied by U(r) = k2/2 r^2 + k4/24 r^4 (r = core–shell distance; the form of
/// Vielma & Schneider 2013 and of GULP's spring/spring4). The shell mass is needed by LAMMPS for
/// every atom type (adiabatic shells in MD); minimisation does not depend on it.
struct ShellSpec {
  double core_charge_e = 0.0, shell_charge_e = 0.0;
  double shell_mass_amu = 0.0;
  double k2_eV_A2 = 0.0, k4_eV_A4 = 0.0;
};

/// Core–shell models only ([metal_film] in potential.toml): how a film of one rigid-ion element
/// (Na) is a metal. Its like pairs take `pair_coeff` of `pair_style` (added to the model's
/// hybrid/overlay) instead of Coulomb, the construction of batio3-pedone's Na–Na; each ion keeps
/// its charge toward the host. Applied only to the engine of a film (potentials::metal_film_model), so an
/// adatom and the model's own validation (Na2O) keep the published Coulomb terms.
struct MetalFilmSpec {
  std::string element;                  // "" = the model has no metal film
  std::string pair_style;               // e.g. "eim"
  std::vector<std::string> pair_coeff;  // full "pair_coeff ..." lines in the model's core/shell types
  /// Set by metal_film_model: the commands hold the metal and the rigid-ion Coulomb table has no
  /// pair of two `element` ions.
  bool applied = false;
};

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
  /// Core–shell models: the shells of these elements. Atom types are then per element, in
  /// `elements` order, core then shell for a shelled element (Ba core 1, Ba shell 2, Ti core 3, ...);
  /// the pair_coeff lines are written in those types. LammpsEngine refuses such a model (its
  /// structures have one particle per atom); lammps/engine/shell_bulk.h runs it.
  std::map<std::string, ShellSpec> shells;
  /// Core–shell models only: the Coulomb interaction of the rigid ions (elements in charges_e
  /// without a shell, e.g. a Na adatom) with every particle is a damped shifted force (Fennell &
  /// Gezelter 2006) of this damping and cutoff instead of Ewald, so one charged adsorbate has no
  /// lattice of images and no neutralising background (lammps/engine/shell_setup.h). 0: unset.
  double rigid_ion_dsf_alpha_per_A = 0.0, rigid_ion_dsf_cutoff_A = 0.0;
  MetalFilmSpec metal_film;
  std::string units = "metal";
};

}  // namespace nabridge
