#include "protocols/registry_scan.h"

#include <stdexcept>
#include <string>

namespace nabridge {

RegistryScanResult registry_scan(Engine& engine, const Interface& iface, int points_a, int points_b) {
  if (points_a < 1) throw std::invalid_argument("registry scan: 'points_a' must be >= 1");
  if (points_b < 1) throw std::invalid_argument("registry scan: 'points_b' must be >= 1");
  RegistryScanResult res;
  constexpr double kTie_eV = 1e-9;  // equal energies: keep the earlier (smaller) shift
  for (int i = 0; i < points_a; ++i)
    for (int j = 0; j < points_b; ++j) {
      RegistryPoint p;
      p.fraction = Eigen::Vector2d(static_cast<double>(i) / points_a, static_cast<double>(j) / points_b);
      p.shift_A = iface.substrate_cell_strained * p.fraction;
      p.energy_eV = engine.energy(shift_film(iface, p.shift_A));
      if (!res.points.empty() && p.energy_eV < res.points[res.best].energy_eV - kTie_eV) res.best = res.points.size();
      res.points.push_back(p);
    }
  return res;
}

}  // namespace nabridge
