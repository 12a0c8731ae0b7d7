#pragma once
// Internal to the mesoscale simulator: per-substrate quantities at the run temperature.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "nabridge/upscale/mesoscale.h"

namespace nabridge::upscale::detail {

/// Nucleation at an adatom supersaturation: J = σ D n1² exp(ln_ratio) nuclei per bare area and
/// time, each taking `atoms` adatoms (the critical cluster plus the attaching one).
struct NucleationTerm {
  double ln_ratio = 0;       // ln(n_i*/n1): 0 in the barrier-free (i* = 1) limit
  double atoms = 2;
};

struct SubstrateKinetics {
  double i0_A_m2 = 0;
  double N0_m2 = 0;          // adsorption sites
  double n1_eq_m2 = 0;       // adatoms in equilibrium with bulk Na (S = 1)
  double D_m2_s = 0;         // adatom surface diffusivity
  double h_cap_fill_m = 0;   // Na volume per cell area when one cap fills the cell
  double h_layer_m = 0;      // one atomic layer, Ω^{1/3}
  double offset_V = 0;       // built-in field offset (0 when switched off)
  double sigma_D_m2_s = 0;   // σ D: capture J_capture = σ D N n1, nucleation σ D n1 n_i*
  double table_step_V = 1e-3;
  double table_index_per_ln_S = 0;  // kT/table_step: table index per unit of ln S
  double table_low_V = -0.5; // the table starts here (undersaturated adatoms still form 2D
                             // clusters on a substrate that binds Na strongly)
  std::vector<NucleationTerm> table;  // at η_S = table_low_V + k·table_step_V, k = 0, 1, ...
  double n1_nucleation_min_m2 = 0;  // below this adatom density ln_ratio < −700: no nucleation
  double inv_h_cap_fill_per_m = 0, inv_h_layer_per_m = 0;  // 1/h_cap_fill, 1/h_layer
  double alloy_capacity_m2 = 0;    // Na the coating takes per cell area (0: does not alloy)
  double n1_alloy_eq_m2 = 0;       // adatoms in equilibrium with the alloy, n1_eq e^{−U/kT}
  double k_alloy_per_s = 0;        // rate at which one adatom enters the coating (one hop rate)
  int alloy_phase = -1;            // substrate index of the full alloy (−1: this one)

  /// The nucleation term at the adatom supersaturation S = n1/n1_eq, given as ln S
  /// (η_S = kT ln S; ln_ratio interpolated linearly; the table's end values beyond it).
  NucleationTerm nucleation(double ln_S) const {
    const double x = std::max(0.0, ln_S * table_index_per_ln_S - table_low_V / table_step_V);
    const std::size_t k = static_cast<std::size_t>(x);
    if (k + 1 >= table.size()) return table.back();
    const double w = x - static_cast<double>(k);
    return {table[k].ln_ratio + w * (table[k + 1].ln_ratio - table[k].ln_ratio), table[k].atoms};
  }
  /// Na volume per cell area at which `islands` (≥ 1) equal caps cover the cell: h_cap_fill/√islands,
  /// never thinner than one atomic layer.
  double fill_m(double islands) const { return std::max(h_cap_fill_m / std::sqrt(std::max(islands, 1.0)), h_layer_m); }
  /// h_m > fill_m(islands), without the square root and the division.
  bool overfilled(double h_m, double islands) const {
    return h_m > h_layer_m && h_m * h_m * std::max(islands, 1.0) > h_cap_fill_m * h_cap_fill_m;
  }
  /// Fraction of a cell's area under `islands` (≥ 1) equal islands of total volume h·A: spherical
  /// caps of the contact angle (footprint ∝ (h/fill)^{2/3}), or monolayer discs (h/layer) where
  /// the cap would be thinner than that; the smaller, at most 1.
  /// (cbrt(x²) ≥ 1 exactly when x ≥ 1, so a cell its caps fill skips the cube root.)
  double footprint(double h_m, double islands) const {
    if (h_m <= 0) return 0.0;
    const double x = h_m * std::sqrt(std::max(islands, 1.0)) * inv_h_cap_fill_per_m;
    const double cap = x >= 1 ? 1.0 : std::cbrt(x * x);
    return std::min({1.0, cap, h_m * inv_h_layer_per_m});
  }
};

/// f(x) that remembers its last argument and value. Cells next to each other in one cluster or
/// capture zone often repeat an argument exactly (equal zone coverage, equal adatom density),
/// so the per-cell passes skip most transcendental calls with bit-identical results.
template <class F>
class Recall {
 public:
  Recall() = default;
  explicit Recall(F f) : f_(std::move(f)) {}
  double operator()(double x) {
    if (!(x == x_)) x_ = x, y_ = f_(x);
    return y_;
  }

 private:
  F f_;
  double x_ = std::numeric_limits<double>::quiet_NaN(), y_ = 0;
};

/// Sums per key (cluster, substrate row) added to in raster order, with the running sum of the
/// current key held in a register: neighbouring cells mostly share their key, and adding to the
/// same array element cell after cell waits each time on the store before. The additions and
/// their order are those of `sums[key] += x`; the last key's sum is written back by flush().
template <class T>
class KeyedSum {
 public:
  explicit KeyedSum(T* sums) : sums_(sums) {}
  void add(std::size_t key, T x) {
    if (key != key_) {
      flush();
      key_ = key, sum_ = sums_[key];
    }
    sum_ += x;
  }
  void flush() {
    if (key_ != kNone) sums_[key_] = sum_;
  }

 private:
  static constexpr std::size_t kNone = ~std::size_t{0};
  T* sums_;
  std::size_t key_ = kNone;
  T sum_{};
};

struct Log {
  double operator()(double x) const { return std::log(x); }
};
struct Exp {
  double operator()(double x) const { return std::exp(x); }
};

SubstrateKinetics make_substrate_kinetics(const MesoSubstrate& s, const MesoNa& na, const MesoOperating& op, double cell_m,
                                          double eta_max_V);

/// Labels the 4-connected (periodic) clusters of covered cells 0, 1, ... in the order of their
/// first cell, into `label` (−1 for an uncovered cell); `parent` is the union–find scratch (both
/// reused, so that a step allocates nothing). Dense labels keep the per-cluster sums small and
/// cached. Returns the cluster count.
std::size_t label_clusters(const std::vector<std::uint8_t>& covered, int nx, int ny, std::vector<std::int32_t>& label,
                           std::vector<std::int32_t>& parent);

}  // namespace nabridge::upscale::detail
