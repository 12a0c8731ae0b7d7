#pragma once
// The relaxed bulk of a ferroelectric ABO3 perovskite under a core–shell model, and the function
// type that computes it: the polarization task is given one (relax_shell_perovskite, LAMMPS, in
// the worker; a stand-in in a test), as it is given an EngineFactory. Units: Å, eV, C/m².
#include <array>
#include <functional>
#include <string>

#include "core/potential_spec.h"
#include "core/structure.h"

namespace nabridge {

struct ShellPerovskite {
  double a_A = 0.0, c_A = 0.0;    // relaxed tetragonal lattice constants (per 5-atom cell)
  double energy_eV_per_fu = 0.0;  // per ABO3
  Vec3 P_C_m2 = Vec3::Zero();     // spontaneous polarisation
  int cells = 0;                  // n³ five-atom cells in the supercell
  Structure unit;                 // the relaxed five-atom cell: its cores (the atoms' positions), a × a × c
  double c_over_a() const { return c_A / a_A; }
};

/// Relaxes an n×n×n supercell of the ABO3 perovskite `abo` = {A, B, O} under `model` from the cubic
/// cell of lattice constant a0_A with every B displaced by seed_A along z (relax_shell_perovskite's
/// arguments, lammps/engine/shell_bulk.h).
using ShellPerovskiteRelaxer = std::function<ShellPerovskite(
    const PotentialSpec& model, const std::array<std::string, 3>& abo, double a0_A, int n, double seed_A)>;

}  // namespace nabridge
