#pragma once
// Potential-energy surface of an adatom over the surface cell: the adatom is held at each grid
// point (x, y) (only z free), everything else relaxes. The diffusion saddle is the lowest
// energy at which the region {E ≤ E*} contains a path winding around the periodic cell — the
// minimax (mountain-pass) path of the map, i.e. the MEP saddle resolved on the grid.
#include <string>
#include <vector>

#include "core/engine.h"
#include "optimize/optimizer.h"

namespace nabridge {

struct PesOptions {
  std::string element = "Na";
  int nx = 12, ny = 12;        // grid points along a and b (fractions i/nx, j/ny)
  double height_A = 2.0;       // starting height above the top layer
  OptimizerOptions relax;
};

struct PesPoint {
  double x_A, y_A, z_A, energy_eV;
};

struct PesMap {
  int nx = 0, ny = 0;
  std::vector<PesPoint> grid;      // row-major: index = j * nx + i
  double E_min_eV = 0.0;
  std::vector<std::size_t> minima; // grid indices of local minima (periodic 8-neighbourhood)
  std::size_t saddle = 0;          // grid index of the mountain-pass point
  double barrier_eV = 0.0;         // E(saddle) − E_min
  bool relax_converged = true;     // every point's relaxation converged
};

PesMap pes_map(Engine& engine, const Structure& slab, const PesOptions& opt);


}  // namespace nabridge
