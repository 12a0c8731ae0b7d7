#pragma once
// Rigid registry scan of a film on a substrate: the film is translated in-plane over a grid of
// fractional shifts of the substrate's (strained) primitive surface cell, the energy of the
// whole interface is evaluated at each shift without relaxation, and the lowest is kept.
// Shifting the film by a substrate lattice vector leaves the interface unchanged, so that
// one cell covers every registry. The gap stays the one the interface was built with.
#include <Eigen/Core>
#include <vector>

#include "core/engine.h"
#include "structure/interface.h"

namespace nabridge {

struct RegistryPoint {
  Eigen::Vector2d fraction;   // of the substrate's strained primitive cell
  Eigen::Vector2d shift_A;    // Cartesian in-plane shift of the film (interface frame)
  double energy_eV = 0.0;     // energy of the whole interface at this shift (unrelaxed)
};

struct RegistryScanResult {
  std::vector<RegistryPoint> points;  // row-major: fraction (i/points_a, j/points_b)
  std::size_t best = 0;               // index of the lowest energy (first one on ties)
};

/// points_a × points_b shifts (each ≥ 1). Throws std::invalid_argument naming the field.
RegistryScanResult registry_scan(Engine& engine, const Interface& iface, int points_a, int points_b);

}  // namespace nabridge
