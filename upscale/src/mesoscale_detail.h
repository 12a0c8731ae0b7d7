#pragma once
// Internal to the mesoscale simulator: per-substrate quantities at the run temperature.
#include <algorithm>
#include <cstring>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
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

/// The same term as the per-cell passes use it: J = σ D n1² · ratio.
struct NucleationAtDensity {
  double ratio = 1;          // n_i*/n1 = e^{ln_ratio}
  double atoms = 2;
};

/// The bits of a double and back (std::bit_cast of C++20; the project builds as C++17).
inline std::uint64_t bits_of(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}
inline double double_of(std::uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

/// ∛v to a relative error below 1e-14, for the footprints of every covered cell in every step: a
/// first guess from the bits (a third of the exponent, error < 3.2 %) and two Halley steps
/// (each triples the correct digits), about a third of std::cbrt's cost. Zero and subnormal v
/// (no exponent to divide) go to std::cbrt.
inline double cube_root(double v) {
  if (!(v >= std::numeric_limits<double>::min())) return std::cbrt(v);
  double y = double_of(bits_of(v) / 3 + 0x2A9F7893782DA1CEull);
  for (int step = 0; step < 2; ++step) {
    const double y3 = y * y * y;
    y *= (y3 + 2 * v) / (2 * y3 + v);
  }
  return y;
}

/// The nucleation term against the adatom density itself, so that a cell's rate costs a look-up
/// instead of a logarithm (ln S) and an exponential (e^{ln_ratio}). The top bits of the double n1
/// (exponent and the first kMantissaBits of the mantissa) index a bin of relative width at most
/// 2^−kMantissaBits (0.1 mV of η_S); a bin that holds a node of the η table (ln_ratio has a kink
/// there and the atoms change) has a piece on either side of it. Within a piece n_i*/n1 ∝ n1^{φ'}
/// (φ' = d ln_ratio / d ln S of the table's segment) is taken linear in n1 where that is exact to
/// ~1e-4 (ln_ratio changes by at most kMaxLinearChange across the piece; error ≤ change²/8, equal
/// at the ends); the steeper pieces (where the table jumps between nucleation models) are left
/// to the caller's exact evaluation.
class NucleationByDensity {
 public:
  static constexpr int kMantissaBits = 8;
  static constexpr double kMaxLinearChange = 0.03;
  NucleationByDensity() = default;
  /// Tabulates term(n1) (the NucleationTerm at density n1) from n1_low to n1_high, with the
  /// table's nodes at node_m2 (ascending); outside the range, the values at its ends.
  template <class Term>
  NucleationByDensity(double n1_low_m2, double n1_high_m2, const std::vector<double>& node_m2, Term&& term);
  /// The term at n1; none where the piece is too steep to be taken linear.
  std::optional<NucleationAtDensity> at(double n1_m2) const {
    const double n1 = std::clamp(n1_m2, low_m2_, high_m2_);
    const std::uint64_t bin = bits_of(n1) >> kShift;
    const Bin& b = bins_[bin - first_bin_];
    const Piece& p = n1 < b.node_m2 ? b.below : b.above;
    if (!p.linear) return std::nullopt;
    return NucleationAtDensity{p.ratio + p.ratio_per_m2 * (n1 - double_of(bin << kShift)), p.atoms};
  }

 private:
  static constexpr int kShift = 52 - kMantissaBits;
  struct Piece {
    double ratio, ratio_per_m2, atoms;  // n_i*/n1 extended to the bin's first density, its slope
    bool linear;                        // false: too steep, evaluate exactly
  };
  struct Bin {
    double node_m2;  // the η table's node in the bin (+∞: none)
    Piece below, above;
  };
  std::vector<Bin> bins_;
  std::uint64_t first_bin_ = 0;
  double low_m2_ = 0, high_m2_ = 0;
};

template <class Term>
NucleationByDensity::NucleationByDensity(double n1_low_m2, double n1_high_m2, const std::vector<double>& node_m2, Term&& term)
    : low_m2_(n1_low_m2), high_m2_(n1_high_m2) {
  first_bin_ = bits_of(n1_low_m2) >> kShift;
  const std::uint64_t last_bin = bits_of(n1_high_m2) >> kShift;
  auto density_of = [](std::uint64_t bin) { return double_of(bin << kShift); };
  // The piece of the segment [from, to] (one η table segment), against the bin's first density.
  auto piece = [&](double from, double to, double bin_start) {
    const NucleationTerm a = term(from), b = term(to);
    const double ratio = std::exp(a.ln_ratio), ratio_to = std::exp(b.ln_ratio);
    const double slope = to > from ? (ratio_to - ratio) / (to - from) : 0.0;
    const bool linear = ratio == ratio_to || std::abs(b.ln_ratio - a.ln_ratio) <= kMaxLinearChange;
    return Piece{ratio - slope * (from - bin_start), slope, a.atoms, linear};
  };
  bins_.resize(last_bin - first_bin_ + 1);
  auto node = std::lower_bound(node_m2.begin(), node_m2.end(), n1_low_m2);
  for (std::uint64_t bin = first_bin_; bin <= last_bin; ++bin) {
    const double bin_start = density_of(bin);
    const double start = std::max(bin_start, n1_low_m2), end = std::min(density_of(bin + 1), n1_high_m2);
    while (node != node_m2.end() && *node <= start) ++node;
    Bin& b = bins_[bin - first_bin_];
    if (node != node_m2.end() && *node < end) {  // (nodes lie at least 1 mV apart: one per bin)
      b = {*node, piece(start, *node, bin_start), piece(*node, end, bin_start)};
    } else {
      b.node_m2 = std::numeric_limits<double>::infinity();
      b.below = b.above = piece(start, end, bin_start);
    }
  }
}

struct SubstrateKinetics {
  double i0_A_m2 = 0;
  double N0_m2 = 0;          // adsorption sites
  double n1_layer_m2 = 0;    // kLayerPercolationCoverage N0: immobile adatoms join into one layer
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
  NucleationByDensity nucleation_by_density;  // the same against n1 (the per-cell passes)
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
  /// The nucleation term at adatom density n1_m2 (> n1_nucleation_min_m2): tabulated where
  /// that is exact to ~1e-4, else from the η table.
  NucleationAtDensity nucleation_at_density(double n1_m2) const {
    if (const auto tabulated = nucleation_by_density.at(n1_m2)) return *tabulated;
    const NucleationTerm t = nucleation(std::log(n1_m2 / n1_eq_m2));
    return {std::exp(t.ln_ratio), t.atoms};
  }
  /// Adatoms fill more than half the sites (θ > 1/2): the dilute rate equations do not hold there
  /// (nuclei formed so are counted apart, MesoCycle::crowded_nuclei_m2).
  bool full_layer(double n1_m2) const { return 2 * n1_m2 > N0_m2; }
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
    const double cap = x >= 1 ? 1.0 : cube_root(x * x);
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

SubstrateKinetics make_substrate_kinetics(const MesoSubstrate& s, const MesoNa& na, const MesoOperating& op, double cell_m,
                                          double eta_max_V);

/// Labels the 4-connected (periodic) clusters of covered cells 0, 1, ... in the order of their
/// first cell, into `label` (−1 for an uncovered cell); `parent` is the union–find scratch (both
/// reused, so that a step allocates nothing). Dense labels keep the per-cluster sums small and
/// cached. Returns the cluster count.
std::size_t label_clusters(const std::vector<std::uint8_t>& covered, int nx, int ny, std::vector<std::int32_t>& label,
                           std::vector<std::int32_t>& parent);

}  // namespace nabridge::upscale::detail
