#pragma once
// Internal state of MesoscaleSimulator (see mesoscale.h for the model).
#include <algorithm>
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "mesoscale_detail.h"
#include "nabridge/upscale/mesoscale.h"

namespace nabridge::upscale {

struct MesoscaleSimulator::Impl {
  Impl(std::vector<MesoSubstrate> subs, MesoNa na, MesoMap map, MesoOperating op);

  MesoStep step(double dt, double current_A_m2);
  MesoResult run();
  void measure();                           // coverage, contact fraction, footprints
  MesoIslandCensus census() const;
  double na_charge_C_m2() const;
  double alloy_charge_C_m2() const;
  /// Rate (1/s) at which an adatom of cell i enters its alloying coating while plating (0: the
  /// cell does not alloy, its coating is full, or the current does not plate).
  double alloy_rate_per_s(std::size_t i, double current_A_m2) const {
    return current_A_m2 > 0 && coating_open(i) ? K[map.substrate[i]].k_alloy_per_s : 0.0;
  }
  /// Cell i's coating can still take Na into its alloy (reads the cell's alloy only on alloying
  /// rows, so that the per-cell passes over other collectors skip that array).
  bool coating_open(std::size_t i) const {
    const double capacity = K[map.substrate[i]].alloy_capacity_m2;
    return capacity > 0 && capacity > st.alloy_m2[i];
  }
  /// Adatoms per bare area after a step dt of cell kinetics: exchange c·(a − b n) with the
  /// electrolyte, loss k n (capture, nucleation) and uptake k_a (n − n_eq) by an alloying
  /// coating, implicit in n; the uptake only takes Na (the alloy keeps it), so where it would
  /// give some back it is off (continuous at n = n_eq). c = 0: no exchange. Returns {n', k_a used}.
  static std::pair<double, double> implicit_adatoms(double n, double dt, double c, double a, double b, double k, double ka,
                                                    double n_eq) {
    if (ka > 0) {
      const double with = c > 0 ? (n + dt * (c * a + ka * n_eq)) / (1 + dt * (c * b + k + ka)) : (n + dt * ka * n_eq) / (1 + dt * (k + ka));
      if (with >= n_eq) return {with, ka};
    }
    return {c > 0 ? (n + dt * c * a) / (1 + dt * (c * b + k)) : n / (1 + dt * k), 0.0};
  }
  /// Adds `atoms_m2` to cell i's alloy, at most up to the capacity; a full cell becomes the
  /// alloy phase's row. Returns what did not fit.
  double take_into_alloy(std::size_t i, double atoms_m2);
  /// Na volume per area cell i cannot give up by stripping: in a pore, what lies more than a void
  /// height below the rim has lost its contact (so a long step cannot strip past that point).
  double locked_height_m(std::size_t i) const {
    return map.is_pore(i) ? std::clamp(map.pore_depth_m - op.void_height_m, 0.0, st.h_m[i]) : 0.0;
  }
  /// Nearest covered cell of every cell, clusters of covered cells and their capture zones.
  void update_capture_zones();
  /// Electrode kinetics at overpotential η into g0, av, bv.
  void kinetics_at(double eta);
  struct CurrentAt {
    double value, slope;  // A/m², A/(m² V)
  };
  /// Mean current density (A/m² of interface) at η over a step dt, double layer plus Faradaic
  /// (Qcapped: Σ of the currents of cells capped at their Na, A/m² of cell), and its slope in η
  /// for the Newton solve. Bare parts: implicit n1' = (n1 + dt c a)/(1 + dt (c b + k)); their
  /// Faradaic current e c (a − b n1') written without cancellation.
  CurrentAt mean_current(double eta, double dt, double Qcapped);
  struct OverpotentialRoot {
    double eta;
    bool limited;  // the current needs η beyond the cut-off; eta is the cut-off on that side
  };
  /// η at which the step carries the current I (monotonic in η); in stripping, cells that the
  /// current at that η would exhaust are capped (capflag) and η is solved again.
  OverpotentialRoot solve_overpotential(double dt, double I);

  std::vector<MesoSubstrate> subs;
  MesoNa na;
  MesoMap map;
  MesoOperating op;
  std::vector<detail::SubstrateKinetics> K;
  std::size_t N = 0;
  double A_cell = 0, kT = 0, f = 0;         // f = e/kT (1/V)
  double c_P = 1;                           // plastic contact fraction at the stack pressure
  double v_vacancy_m_s = 0;                 // vacancy supply velocity (Janek-type)
  double creep_length_m = 0;
  MesoState st;
  std::mt19937_64 rng;

  // measured after each step
  double coverage = 0, contact = 0;
  double accessible_C_m2 = 0;               // Na that touches the electrolyte (film + adatoms)
  std::vector<double> phi;                  // footprint of the Na in each covered cell
  double adatoms_m2 = 0;                    // adatoms per interface area
  std::size_t n_covered = 0;
  bool cover_changed = true;                // the distance transform is stale

  // scratch
  std::vector<double> w;                    // Butler–Volmer weight of the Na in each covered cell
  std::vector<double> k_loss;               // adatom loss rate of a bare part: capture + nucleation (1/s)
  std::vector<double> nuc_rate;             // nuclei formed per adatom and second (covered cells)
  std::vector<float> dist;                  // distance (cells) of a bare cell to the nearest covered one
  std::vector<std::int32_t> nearest;        // that covered cell (a covered cell: itself; −1: none)
  std::vector<std::int32_t> cluster;        // label of a covered cell's cluster (−1: uncovered)
  std::size_t clusters = 0;                 // number of cluster labels
  std::vector<std::int32_t> zone_cells;     // per cluster: cells of the cluster's capture zone
  std::vector<double> zone_islands;         // per cluster: islands in the cluster
  std::vector<double> zone_coverage;        // per cluster: Na-covered fraction of the zone
  std::vector<double> coalesced_at;         // covered cell: zone coverage its islands coalesced to (−1: new)
  std::vector<std::int32_t> work;
  std::vector<std::pair<std::int32_t, std::int32_t>> gap_edges;  // static
  std::vector<std::pair<std::int32_t, double>> deposits;
  std::vector<double> edge_flux;
  std::vector<std::uint8_t> capflag;
  // Per substrate: Butler–Volmer weight Σ c φ i0_Na of its uncapped Na, and the electrode
  // kinetics at the η of the last kinetics_at: x = η + offset, a = i0 e^{α f x}/e (adatom
  // creation), b = i0 e^{−(1−α) f x}/(e n1_eq) (adatom oxidation per adatom).
  std::vector<double> Wna, av, bv;
  double g0 = 0, g0_slope = 0;  // Butler–Volmer shape without offset (Na|electrolyte), d/dη
  // Bare parts that exchange adatoms with the electrolyte, for the overpotential solve:
  // substrate, number of cells alike, weight (1 − φ)·contact, contact, adatom loss rate
  // (capture + nucleation), n1.
  struct Exchanging {
    std::uint8_t s;
    std::uint32_t cells;  // shares the substrate's 8 bytes: the solve streams 40 bytes per entry
    double weight, contact, k, n1;
    bool same_as(const Exchanging& o) const { return s == o.s && weight == o.weight && contact == o.contact && k == o.k && n1 == o.n1; }
  };
  std::vector<Exchanging> exchanging;
  /// Appends a bare part, or counts it with the last one when alike (the bare cells of one
  /// capture zone often are): the solve then evaluates each kind once.
  void add_exchanging(const Exchanging& x) {
    if (!exchanging.empty() && exchanging.back().same_as(x))
      exchanging.back().cells += 1;
    else
      exchanging.push_back(x);
  }
  // Bare parts of alloying coatings among them: adatom uptake rate k_a and the density in
  // equilibrium with the alloy (the uptake only takes: below that density it stops).
  struct Alloying {
    std::uint8_t s;
    double weight, contact, k, n1, ka, n_eq;
  };
  std::vector<Alloying> alloying;
};

}  // namespace nabridge::upscale
