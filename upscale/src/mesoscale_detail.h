#pragma once
// Internal to the mesoscale simulator: per-substrate quantities at the run temperature.
#include <string>
#include <vector>

#include "nabridge/upscale/mesoscale.h"

namespace nabridge::upscale::detail {

struct SubstrateKinetics {
  double i0_A_m2 = 0;
  double N0_m2 = 0;          // adsorption sites
  double n1_eq_m2 = 0;       // adatoms in equilibrium with bulk Na (S = 1)
  double D_m2_s = 0;         // adatom surface diffusivity
  double h_fill_m = 0;       // Na volume per cell area when the cap fills the cell
  double offset_V = 0;       // built-in field offset (0 when switched off)
  double nuc_prefactor_per_s = 0;  // σ D N0: J = prefactor · n1 · exp(lnJ(η_S))
  double table_step_V = 1e-3;
  std::vector<double> lnJ;   // −ΔG*(η_S)/kT at η_S = k·table_step_V, k = 0, 1, ...
  std::vector<char> atomistic;  // regime per table entry (1 atomistic/barrier-free, 0 classical)
  bool barrier_free = false; // no barrier even at η_S = 0 (sodiophilic)
  double n1_nucleation_min_m2 = 0;  // below this adatom density −ΔG*/kT < −700: no nucleation

  /// −ΔG*/kT at the adatom supersaturation overpotential η_S (linear interpolation; −∞ when
  /// η_S ≤ 0 unless barrier-free).
  double ln_factor(double eta_S_V) const;
};

SubstrateKinetics make_substrate_kinetics(const MesoSubstrate& s, const MesoNa& na, const MesoOperating& op, double cell_m,
                                          double eta_max_V);

/// Fraction of a cell's area under a spherical cap of volume h·A when h_fill fills the cell.
inline double footprint(double h_m, double h_fill_m);

}  // namespace nabridge::upscale::detail

#include <cmath>
namespace nabridge::upscale::detail {
inline double footprint(double h_m, double h_fill_m) {
  if (h_m >= h_fill_m) return 1.0;
  if (h_m <= 0) return 0.0;
  const double r = h_m / h_fill_m;
  return std::cbrt(r * r);  // footprint ∝ r² ∝ V^{2/3} at fixed contact angle
}
}  // namespace nabridge::upscale::detail
