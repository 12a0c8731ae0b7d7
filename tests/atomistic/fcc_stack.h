#pragma once
// Close-packed test crystals built layer by layer, for known-answer protocol tests:
// fcc(111) = hexagonal layers stacked ABC, fcc(100) = square layers stacked AB.
// Written here, not with the library's slab builder, so the tests do not depend on it.
#include <cmath>
#include <string>

#include "core/structure.h"
#include "engines/pair_engine.h"

namespace nabridge::testing {

struct FccStackSpec {
  int facet = 111;          // 111 or 100
  double nn_A = 2.6;        // nearest-neighbour distance
  int layers = 6;
  int repeat = 2;           // in-plane repeat of the 1-atom surface cell
  double vacuum_A = 12.0;   // 0 with bulk = true gives a 3D-periodic crystal
  bool bulk = false;        // c = layers × spacing exactly (layers must fit the stacking period)
  std::string element = "Cu";
  std::uint8_t free = dof::kAll;
};

inline double fcc_layer_spacing(int facet, double nn_A) {
  return facet == 111 ? nn_A * std::sqrt(2.0 / 3.0) : nn_A / std::sqrt(2.0);
}

/// Layer k sits at z = z0 + k·spacing (z0 = 1 Å for slabs, 0 for bulk); atoms ordered by layer.
inline Structure fcc_stack(const FccStackSpec& p) {
  const double h = fcc_layer_spacing(p.facet, p.nn_A);
  const Vec3 a1 = p.nn_A * Vec3(1, 0, 0);
  const Vec3 a2 = p.facet == 111 ? p.nn_A * Vec3(0.5, std::sqrt(3.0) / 2.0, 0) : p.nn_A * Vec3(0, 1, 0);
  const int period = p.facet == 111 ? 3 : 2;  // ABC or AB
  const double z0 = p.bulk ? 0.0 : 1.0;
  Structure s;
  s.cell.col(0) = p.repeat * a1;
  s.cell.col(1) = p.repeat * a2;
  s.cell.col(2) = Vec3(0, 0, p.bulk ? p.layers * h : p.layers * h + p.vacuum_A);
  for (int k = 0; k < p.layers; ++k) {
    const Vec3 shift = static_cast<double>(k % period) / period * (a1 + a2);
    for (int i = 0; i < p.repeat; ++i)
      for (int j = 0; j < p.repeat; ++j)
        s.add_atom(p.element, i * a1 + j * a2 + shift + Vec3(0, 0, z0 + k * h), p.free);
  }
  return s;
}

/// LJ with its minimum φ = −ε at r = nn and a cutoff halfway to the second fcc neighbour (√2 nn):
/// every nearest-neighbour bond then contributes exactly −ε and nothing else counts.
inline LennardJonesEngine nn_lennard_jones(double epsilon_eV, double nn_A, const std::string& element = "Cu") {
  return LennardJonesEngine(element, epsilon_eV, nn_A / std::pow(2.0, 1.0 / 6.0), 0.5 * (1.0 + std::sqrt(2.0)) * nn_A);
}

/// Same LJ reaching three neighbour shells: cutoff 1.8 nn lies between the 3rd (√3 nn) and
/// 4th (2 nn) fcc shells, so no shell sits on the cutoff where rounding would decide.
inline LennardJonesEngine three_shell_lennard_jones(double epsilon_eV, double nn_A, const std::string& element = "Cu") {
  return LennardJonesEngine(element, epsilon_eV, nn_A / std::pow(2.0, 1.0 / 6.0), 1.8 * nn_A);
}

}  // namespace nabridge::testing
