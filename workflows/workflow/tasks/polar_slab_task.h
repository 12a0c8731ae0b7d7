#pragma once
// What the tasks on a ferroelectric coating's polarised slab share (polar_surface, polar_film;
// docs/ferroelectric.md §6-7): the a × a slab stacked from the polarization task's relaxed P4mm
// cell for the task's direction of P, the core–shell engine's boundary conditions (open circuit,
// plus the screening field when electrode-screened), the host's options, and how a row states
// them.
#include <string>

#include "core/engine_factory.h"
#include "core/structure.h"
#include "protocols/polar_surface.h"
#include "workflow/tasks/task_common.h"

namespace nabridge::workflow {

struct PolarSlabSetup {
  PotentialSpec model;  // params["potential"], the core–shell model
  Structure cell;       // the a × a slab, BO2 face on top, bottom bilayers frozen
  int bilayers = 0, fixed_bilayers = 0;
  double P_z_C_m2 = 0.0;  // P_s signed by the direction (+ out of the top face)
  ScreeningField screen;
  ShellEngineOptions engine;
  PolarSurfaceOptions host;  // B, O, d0_A, fixed_cells, host, relax (fmax_eV_A)
  std::string direction;     // "up: P out of the TiO2 surface", ...
  std::string field;         // how the depolarising field is handled
};

/// From the task's params (potential, elements, direction, electrode_screened, host, bilayers,
/// fixed_bilayers, vacuum_A, fmax_eV_A, shell_ftol_eV_A) and its polarization input.
PolarSlabSetup polar_slab_setup(const TaskContext& ctx);

/// What the host does while Na is on it, in the row's words.
std::string polar_host_text(PolarSurfaceOptions::Host host);

}  // namespace nabridge::workflow
