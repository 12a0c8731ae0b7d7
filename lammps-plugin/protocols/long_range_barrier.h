#pragma once
// The long-range diffusion barrier of an adatom where the high-symmetry sites are not minima or
// the minima form a flat multiple well (hops of a fraction of an ångström across a few meV that
// harmonic TST cannot resolve): the minimum-energy path from a minimum to its periodic image one
// surface lattice vector away, by CI-NEB. Its highest point limits diffusion over any distance
// longer than a cell. Prefactor: Vineyard at the climbing image when that is a first-order
// saddle; otherwise the minimum's lowest normal mode as an attempt frequency (said so).
// D_s = z λ² Γ / 4 for the z shortest lattice vectors λ of the surface (a 2D lattice walk).
#include <string>

#include "core/engine.h"
#include "protocols/neb.h"
#include "symmetry/surface_cell.h"

namespace nabridge {

struct LongRangeBarrierOptions {
  NebOptions neb;                   // the path crosses several wells: use enough images (>= 9)
  double hessian_radius_A = 3.2;    // atoms within this radius of the adatom enter the Hessians
  double T_K = 300.0;
  SiteOptions surface;              // finding the surface lattice of the clean slab
};

struct LongRangeBarrier {
  NebResult neb;                    // minimum -> its image one lattice vector away
  Vec3 lattice_vector_A = Vec3::Zero();  // the jump (shortest surface lattice vector)
  int jumps = 0;                    // lattice vectors of that length (z): 6 on (111), 4 on (100)
  double Ea_eV = 0.0;               // highest point of the path above the minimum
  double nu_Hz = 0.0;
  bool vineyard = false;            // nu from Vineyard at a first-order saddle
  std::string prefactor;            // how nu was obtained
  double D_s_m2_s = 0.0;
  bool converged = false;           // NEB converged and a positive prefactor
  std::string message;
};

/// `minimum` is `slab` plus one adatom (the last atom), relaxed into one of its minima. The
/// supercell must be wider than two lattice vectors along the jump (so its image is unique).
LongRangeBarrier long_range_barrier(Engine& engine, const Structure& slab, const Structure& minimum,
                                    const LongRangeBarrierOptions& opt);

}  // namespace nabridge
