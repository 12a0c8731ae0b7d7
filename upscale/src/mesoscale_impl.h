#pragma once
// Internal state of MesoscaleSimulator (see mesoscale.h for the model). A step
// (mesoscale_step.cpp) runs these passes over the map, in this order:
//   update_capture_zones  (only when the set of covered cells changed since the last step)
//   coalesce_islands      islands per cluster after coalescence
//   cell_rates            Butler–Volmer weights, adatom loss and nucleation rates, bare parts
//   solve_overpotential   η carrying the applied current (mesoscale_overpotential.cpp)
//   apply_cells           Na and adatoms of every cell at that η; first nuclei of bare cells
//   deliver_captured      adatoms captured by a bare cell's nearest covered cell
//   spill_excess          Na beyond what a cell holds into its neighbours (plating)
//   diffuse_into_gaps     lateral adatom diffusion across pairs with a gap cell
//   update_capture_zones  (only when this step changed the set of covered cells)
//   measure               coverage, contact, footprints, zone coverage (mesoscale_setup.cpp)
#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "mesoscale_detail.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/mesoscale.h"

namespace nabridge::upscale {

struct MesoscaleSimulator::Impl {
  Impl(std::vector<MesoSubstrate> substrates, MesoNa na, MesoMap map, MesoOperating operating);

  MesoStep step(double dt_s, double current_A_m2);
  MesoResult run();
  void measure();                           // coverage, contact fraction, footprints
  /// zone_coverage holds the footprints summed per cluster: divides them by the zones' cells.
  void footprints_to_zone_coverage();
  MesoIslandCensus census() const;
  double na_charge_C_m2() const;
  double alloy_charge_C_m2() const;

  // ---- the protocol (mesoscale_run.cpp)
  /// Step lengths and census charges of a run at the operating current.
  struct Schedule {
    double current_A_m2, capacity_C_m2;
    double dt_first_s, dt_min_s, dt_max_s;
    std::vector<double> census_charges_C_m2;  // first plating: island censuses at these charges
  };
  Schedule schedule() const;
  /// Plates the capacity (one half cycle) into `cycle`; records into `result`, fails it on a
  /// criterion.
  void plate(const Schedule& plan, MesoCycle& cycle, MesoResult& result);
  /// Strips to the cut-off (one half cycle).
  void strip(const Schedule& plan, MesoCycle& cycle, MesoResult& result);
  void record(MesoResult& result, int cycle, bool plating, double charge_C_m2, double eta_V, double nuclei) const;

  // ---- the passes of a step (mesoscale_step.cpp)
  /// The per-cell arrays as plain pointers, taken once at the start of a pass. A loop that
  /// indexes the vectors reloads every vector's data pointer from the simulator after each
  /// append to a list (a pointer store may alias them): about a third of a pass's instructions.
  /// (The per-row kinetics too, and whether any row alloys, held in a local: a store to a byte
  /// array, such as `covered`, may alias any member, which the loop would otherwise reload.
  /// The rate and apply passes fix any_alloying and one_row at compile time, arrays_for.)
  struct CellArrays {
    std::uint8_t* covered;
    const std::uint8_t* substrate;  // (a step changes a cell's row only through take_into_alloy)
    const std::uint8_t* contact;
    double *n1_m2, *h_m, *islands_m2, *gap_m, *footprint, *adatom_loss_per_s, *nucleation_per_s, *coalesced_at;
    const std::int32_t *cluster_of, *nearest_covered;
    const detail::SubstrateKinetics* kinetics;  // per substrate row
    const double *adatom_creation_m2_s, *adatom_oxidation_per_s;  // per substrate row
    double cell_area_m2;  // (a copy the per-cell stores cannot alias: not reloaded per cell)
    bool any_alloying;
    bool one_row;  // the map has one substrate row: every cell is row 0
    /// Substrate row of cell i.
    std::size_t row(std::size_t i) const { return one_row ? 0 : substrate[i]; }
  };
  CellArrays arrays() {
    return {state.covered.data(), map.substrate.data(), map.contact.data(), state.n1_m2.data(), state.h_m.data(),
            state.islands_m2.data(), state.gap_m.data(), footprint.data(), adatom_loss_per_s.data(), nucleation_per_s.data(),
            coalesced_at.data(), cluster_of.data(), nearest_covered.data(), kinetics.data(), adatom_creation_m2_s.data(),
            adatom_oxidation_per_s.data(), cell_area_m2, any_alloying, kinetics.size() == 1};
  }
  /// arrays() for a pass instantiated for kAlloying == any_alloying and kOneRow == one_row
  /// (false is always right): where no row alloys (the common case) the compiler drops every
  /// alloy test of the inlined per-cell code (5 % of the instructions of a plating transient),
  /// and on a map of one row the row look-ups (2.5 %).
  template <bool kAlloying, bool kOneRow>
  CellArrays arrays_for() {
    CellArrays a = arrays();
    a.any_alloying = kAlloying;
    a.one_row = kOneRow;
    return a;
  }
  /// coating_open for the per-cell passes (false without a look-up where no row alloys).
  bool coating_open(const CellArrays& a, std::size_t i) const { return a.any_alloying && coating_open(i); }
  /// Coalescence (Venables, mean field over a capture zone) and the islands per cluster.
  void coalesce_islands();
  /// Per-cell rates for the overpotential solve and the update; fills the bare parts that
  /// exchange adatoms with the electrolyte (exchanging, alloying).
  void cell_rates(double current_A_m2);
  template <bool kAlloying, bool kOneRow>
  void cell_rates_for(double current_A_m2);
  /// Sums over the cells of one apply pass.
  struct Applied {
    double faradaic_C_m2 = 0;      // Σ over cells of charge per cell area
    double na_current_A_m2 = 0;    // Σ of the Na's Butler–Volmer currents (A/m² of cell)
    double na_area = 0;            // Σ of the Na's contact area (cells)
    double na_area_pressed = 0;    // the same at the plastic contact of the stack pressure
  };
  /// Na of the covered cells (Butler–Volmer, cap, void height), then the adatoms of every bare
  /// part (exchange, capture, nucleation) at the step's kinetics; queues cells to spill.
  Applied apply_cells(double dt_s, double current_A_m2, MesoStep& out);
  template <bool kAlloying, bool kOneRow>
  Applied apply_cells_for(double dt_s, double current_A_m2, MesoStep& out);
  /// The Na of covered cell i (contact `na_contact_i`): Butler–Volmer growth or stripping (capped
  /// at what the cell can give), uptake by an alloying coating, void height. Returns false when
  /// the cell lost all its Na (it is bare collector again).
  bool apply_na(const CellArrays& a, std::size_t i, double na_contact_i, double dt_s, double current_A_m2, double v_refill_m_s,
                Applied& sum);
  /// Adatoms (per area) that the apply pass's bare cells lost to capture, queued for their
  /// nearest covered cell in `captured`: neighbouring bare cells mostly deliver to the same
  /// covered cell, and their amounts go in one entry, held here until the target changes.
  struct CaptureQueue {
    std::pair<std::int32_t, double>* entries;  // room for one entry per cell
    std::size_t count = 0;
    std::int32_t open_target = -1;  // the entry being summed (−1: none)
    double open_atoms_m2 = 0;
    void add(std::int32_t t, double atoms_m2) {
      if (t == open_target) {
        open_atoms_m2 += atoms_m2;
        return;
      }
      close();
      open_target = t, open_atoms_m2 = atoms_m2;
    }
    void close() {
      if (open_target >= 0) entries[count++] = {open_target, open_atoms_m2};
      open_target = -1;
    }
  };
  /// The adatoms of cell i's bare part (exchange at `contact_i`, capture, nucleation, uptake at
  /// most `uptake_per_s` by an alloying coating of row `s`, the cell's row when the step began);
  /// the adatoms a bare cell loses to capture go into `captures`.
  void apply_adatoms(const CellArrays& a, std::size_t i, std::size_t s, double uptake_per_s, double contact_i,
                     double dt_s, double current_A_m2, Applied& sum, CaptureQueue& captures, MesoStep& out);
  /// First nuclei of bare cell i (row s), drawn on the Poisson axis to_next_nucleus.
  void first_nuclei(const CellArrays& a, std::size_t i, std::size_t s, double dt_s, bool plating, MesoStep& out);
  // A bare cell becomes covered by `islands` Na islands made of take_m2 of its adatoms (per area).
  void cover_cell(const CellArrays& a, std::size_t i, double islands, double take_m2);
  /// Adatoms that bare cells lost to capture, to their nearest covered cell.
  void deliver_captured(double current_A_m2);
  void spill_excess();
  void diffuse_into_gaps(double dt_s);

  /// Rate (1/s) at which an adatom of cell i enters its alloying coating while plating (0: the
  /// cell does not alloy, its coating is full, or the current does not plate).
  double alloy_rate_per_s(std::size_t i, double current_A_m2) const {
    return current_A_m2 > 0 && coating_open(i) ? kinetics[map.substrate[i]].k_alloy_per_s : 0.0;
  }
  /// Cell i's coating can still take Na into its alloy (reads the cell's alloy only on alloying
  /// rows, so that the per-cell passes over other collectors skip that array).
  bool coating_open(std::size_t i) const {
    if (!any_alloying) return false;  // the common case: no per-cell look-ups
    const double capacity = kinetics[map.substrate[i]].alloy_capacity_m2;
    return capacity > 0 && capacity > state.alloy_m2[i];
  }
  /// Adatoms per bare area after a step dt of cell kinetics: exchange c·(a − b n) with the
  /// electrolyte, loss k n (capture, nucleation) and uptake k_a (n − n_eq) by an alloying
  /// coating, implicit in n; the uptake only takes Na (the alloy keeps it), so where it would
  /// give some back it is off (continuous at n = n_eq). c = 0: no exchange. Returns {n', k_a used}.
  static std::pair<double, double> implicit_adatoms(double n1_m2, double dt_s, double contact, double creation_m2_s,
                                                    double oxidation_per_s, double loss_per_s, double uptake_per_s,
                                                    double n1_eq_m2) {
    const double n = n1_m2, dt = dt_s, c = contact, a = creation_m2_s, b = oxidation_per_s, k = loss_per_s, ka = uptake_per_s;
    if (ka > 0) {
      const double with = c > 0 ? (n + dt * (c * a + ka * n1_eq_m2)) / (1 + dt * (c * b + k + ka))
                                : (n + dt * ka * n1_eq_m2) / (1 + dt * (k + ka));
      if (with >= n1_eq_m2) return {with, ka};
    }
    return {c > 0 ? (n + dt * c * a) / (1 + dt * (c * b + k)) : n / (1 + dt * k), 0.0};
  }
  /// Adds `atoms_m2` to cell i's alloy, at most up to the capacity; a full cell becomes the
  /// alloy phase's row. Returns what did not fit.
  double take_into_alloy(std::size_t i, double atoms_m2);
  /// Na volume per area cell i cannot give up by stripping: in a pore, what lies more than a void
  /// height below the rim has lost its contact (so a long step cannot strip past that point).
  double locked_height_m(std::size_t i) const {
    return map.is_pore(i) ? std::clamp(map.pore_depth_m - operating.void_height_m, 0.0, state.h_m[i]) : 0.0;
  }
  /// Part of a pore's depth its Na has not filled (0 outside pores).
  double pore_floor_m(std::size_t i) const { return map.is_pore(i) ? std::max(0.0, map.pore_depth_m - state.h_m[i]) : 0.0; }
  /// Na|electrolyte contact fraction of covered cell i under its void height.
  double na_contact(std::size_t i) const { return contact_under_gap(state.gap_m[i]); }
  /// The same for a Na|electrolyte distance gap_m.
  double contact_under_gap(double gap_m) const { return plastic_contact * std::clamp(1.0 - gap_m * inv_void_height_per_m, 0.0, 1.0); }
  /// Butler–Volmer weight c φ i0_Na (A/m²) of the Na in covered cell i at its contact c (recomputed
  /// where needed rather than stored: one array less to stream).
  double na_weight_A_m2(std::size_t i, double na_contact_i) const { return na_weight_A_m2_at(na_contact_i, footprint[i]); }
  double na_weight_A_m2_at(double na_contact_i, double footprint_i) const { return na_contact_i * footprint_i * na.i0_A_m2; }
  /// Islands in a covered cell holding islands_m2, for its geometry and capture: at least the one
  /// its Na forms.
  double islands_in_cell(double islands_m2) const { return std::max(islands_m2 * cell_area_m2, 1.0); }
  /// Na volume per area a cell keeps before spilling: its caps covering it, a pore full to the rim.
  double holds_m(std::size_t i) const { return holds_m_at(i, kinetics[map.substrate[i]], state.islands_m2[i]); }
  /// Cell i of row ks holding islands_m2 holds more than it keeps (holds_m_at, without the
  /// square root).
  bool overfilled(std::size_t i, const detail::SubstrateKinetics& ks, double h_m, double islands_m2) const {
    return ks.overfilled(h_m, islands_in_cell(islands_m2)) && (!map.is_pore(i) || h_m > map.pore_depth_m);
  }
  /// The same for cell i of row ks holding islands_m2.
  double holds_m_at(std::size_t i, const detail::SubstrateKinetics& ks, double islands_m2) const {
    const double cap = ks.fill_m(islands_in_cell(islands_m2));
    return map.is_pore(i) ? std::max(cap, map.pore_depth_m) : cap;
  }
  /// Mean-field capture rate σ D N (1/s) of the adatoms in the zone of the cluster of covered
  /// cell j, for substrate row s: N the cluster's islands per zone area (the rate equations'
  /// capture, independent of the cell size).
  double zone_capture_per_s(std::size_t s, std::int32_t j) const {
    const auto r = cluster_of[j];
    return kinetics[s].sigma_D_m2_s * std::max(zone_islands[r], 1.0) / (zone_cells[r] * cell_area_m2);
  }
  // ---- capture zones (mesoscale_zones.cpp)
  /// Nearest covered cell of every cell, clusters of covered cells and their capture zones, for
  /// the covered set after the cells in newly_covered were added (and any lost).
  void update_capture_zones();
  /// The zones from scratch: cluster labels, then the two-pass distance transform.
  void rebuild_capture_zones();
  /// The zones of the last update extended by the new cells; false when the caller must rebuild.
  bool extend_capture_zones();
  void label_new_cells();
  void relabel_cluster(std::int32_t start, std::int32_t from, std::int32_t to);
  bool grow_zones_from_new_cells(std::size_t budget);
  /// Rows and columns around cell i (periodic).
  struct Around {
    int x, left, right;      // columns
    int row, up, down;       // first cells of the rows
  };
  Around around(std::int32_t i) const {
    const int nx = map.nx, ny = map.ny, x = i % nx, y = i / nx;
    return {x, x == 0 ? nx - 1 : x - 1, x + 1 == nx ? 0 : x + 1, y * nx, (y == 0 ? ny - 1 : y - 1) * nx, (y + 1 == ny ? 0 : y + 1) * nx};
  }
  /// The 4 neighbours of cell i: right, left, below, above.
  std::array<std::int32_t, 4> neighbours4(std::int32_t i) const {
    const Around a = around(i);
    return {a.row + a.right, a.row + a.left, a.down + a.x, a.up + a.x};
  }

  // ---- the overpotential (mesoscale_overpotential.cpp)
  /// Electrode kinetics at overpotential η into na_bv_shape and the per-substrate adatom rates.
  void kinetics_at(double eta_V);
  struct CurrentAt {
    double value, slope;  // A/m², A/(m² V)
  };
  /// Mean current density (A/m² of interface) at η over a step dt, double layer plus Faradaic
  /// (capped_A_m2: Σ of the currents of cells capped at their Na, A/m² of cell), and its slope
  /// in η for the Newton solve. Bare parts: implicit n1' = (n1 + dt c a)/(1 + dt (c b + k));
  /// their Faradaic current e c (a − b n1') written without cancellation.
  CurrentAt mean_current(double eta_V, double dt_s, double capped_A_m2);
  struct OverpotentialRoot {
    double eta;
    bool limited;  // the current needs η beyond the cut-off; eta is the cut-off on that side
  };
  /// η at which the step carries the current I (monotonic in η); in stripping, cells that the
  /// current at that η would exhaust are capped (stripping_capped) and η is solved again.
  OverpotentialRoot solve_overpotential(double dt_s, double current_A_m2);

  // ---- inputs
  std::vector<MesoSubstrate> substrates;
  MesoNa na;
  MesoMap map;
  MesoOperating operating;
  std::vector<detail::SubstrateKinetics> kinetics;  // per substrate row, at the run temperature
  bool any_alloying = false;                // some row is an alloying coating
  std::vector<double> inv_n1_eq_per_m2;     // per substrate row: 1/n1_eq
  std::size_t n_cells = 0;
  double cell_area_m2 = 0, kT_eV = 0, f_per_V = 0;  // f = e/kT
  double plastic_contact = 1;               // plastic contact fraction at the stack pressure
  double atoms_per_m3 = 0;                  // Na atoms per volume of Na metal, 1/Ω
  double inv_void_height_per_m = 0;         // 1/δ_v
  double v_vacancy_m_s = 0;                 // vacancy supply velocity (Janek-type)
  double creep_length_m = 0;
  MesoState state;
  std::mt19937_64 nucleation_rng;

  // ---- measured after each step
  double coverage = 0, contact = 0;
  double accessible_C_m2 = 0;               // Na that touches the electrolyte (film + adatoms)
  std::vector<double> footprint;            // area fraction under the Na in each covered cell (0 in a bare one)
  double adatoms_m2 = 0;                    // adatoms per interface area
  // Mean adatom activity n1/n1_eq of the exchanging bare area (unset: none, or not measured). The
  // plating protocol measures it while its nucleation stage can still need it (3 % of a step's
  // instructions when measured every step).
  bool measure_activity = false;
  double exchange_activity = kUnset;
  std::size_t covered_cells = 0;            // covered cells at the last measure
  bool covered_set_changed = true;          // the capture zones are stale
  std::vector<std::int32_t> newly_covered;  // cells covered since the last zone update
  bool covered_cell_lost = false;           // a cell lost its Na since the last zone update
  bool zones_built = false;                 // the zones were built once (extending needs them)
  bool zone_coverage_current = false;       // zone_coverage holds the footprints of the last measure

  // ---- per step
  // η after the last step and its rate of change in that step: the next step's first Newton
  // guess extrapolates it (η moves smoothly from step to step), which saves a quarter of the
  // residual evaluations, each a pass over the exchanging cells. (NaN: no step yet.)
  double last_eta_V = std::numeric_limits<double>::quiet_NaN(), last_eta_rate_V_s = 0;
  // Shortest time in which an alloying cell with room left (above 10⁻⁶ of its capacity) would fill
  // at its uptake of the last step (∞: none): the plating protocol ends the next step before it, so
  // that no cell overfills by a step's worth of adatoms (their burst of nuclei on the fresh alloy
  // surface would be set by the step).
  double alloy_fill_s = 0;
  double to_next_nucleus = 0;               // Poisson axis: accumulated λ left to the next first nucleus
  std::vector<double> adatom_loss_per_s;    // adatom loss rate of a bare part: capture + nucleation
  std::vector<double> nucleation_per_s;     // nuclei formed per adatom and second (covered cells)
  std::vector<float> distance_cells;        // distance (cells) of a bare cell to the nearest covered one
  std::vector<std::int32_t> nearest_covered;  // that covered cell (a covered cell: itself; −1: none)
  std::vector<float> row_best_distance;     // distance transform: best candidate from the row before
  std::vector<std::int32_t> row_best_nearest;
  std::vector<std::int32_t> cluster_of;     // label of a covered cell's cluster (−1: uncovered)
  std::vector<std::int32_t> cluster_parent; // union–find scratch of the labelling
  std::size_t n_clusters = 0;               // number of cluster labels (merged ones stay, empty)
  std::vector<std::int32_t> cluster_cells;  // per cluster: its covered cells
  std::vector<std::int32_t> relabel_stack;  // flood fill of a merge
  std::vector<std::vector<std::pair<float, std::int32_t>>> zone_front;  // (distance, cell) per whole distance
  std::vector<std::int32_t> zone_cells;     // per cluster: cells of the cluster's capture zone
  std::vector<double> zone_islands;         // per cluster: islands in the cluster
  std::vector<double> zone_coverage;        // per cluster: Na-covered fraction of the zone
  std::vector<double> coalesced_at;         // covered cell: zone coverage its islands coalesced to (−1: new)
  std::vector<std::int32_t> spill_queue;    // covered cells holding more Na than they keep
  // Covered cell the apply pass found overfilled (and queued): it stays so until it spills (its
  // Na only grows and its islands and row stay until then), so the spill pass needs no test to
  // know it takes nothing (every cell of a film; 1 where set, else 0).
  std::vector<std::uint8_t> queued_overfilled;
  std::vector<std::pair<std::int32_t, std::int32_t>> gap_edges;  // static: neighbour pairs with a gap cell
  std::vector<std::pair<std::int32_t, double>> captured;  // (nearest covered cell, adatoms per area) of bare cells
  std::size_t captured_count = 0;                         // entries of `captured` in use (sized once for the map)
  struct EdgeFlux {
    std::int32_t from, to;
    double flux_m2;  // adatoms per area moved from `from` to `to`
  };
  std::vector<EdgeFlux> gap_fluxes;         // room for every gap edge: those that carry a flux this step
  std::vector<std::uint8_t> stripping_capped;  // covered cell whose Na the stripping step exhausts
  // Per substrate: Butler–Volmer weight Σ c φ i0_Na of its uncapped Na, and the electrode
  // kinetics at the η of the last kinetics_at: x = η + offset, a = i0 e^{α f x}/e (adatom
  // creation), b = i0 e^{−(1−α) f x}/(e n1_eq) + a/N0 (adatom oxidation per adatom, and the sites
  // an adatom blocks for creation), −db/dη (per adatom, s and V).
  std::vector<double> na_weight_by_substrate_A_m2, adatom_creation_m2_s, adatom_oxidation_per_s,
      adatom_oxidation_decay_per_V;
  double na_bv_shape = 0, na_bv_shape_slope_per_V = 0;  // e^{αfη} − e^{−(1−α)fη} (Na|electrolyte) and d/dη
  // Bare parts that exchange adatoms with the electrolyte, for the overpotential solve, as
  // columns (so that the solve's terms vectorise): substrate, charge weight cells·(1 − φ)·contact·e
  // (the number of cells alike times the weight, times e: the product every residual evaluation
  // would form again, in the order it formed it), contact, adatom loss rate (capture +
  // nucleation), n1. Sized for one entry per cell once; `count` entries are in use.
  struct Exchanging {
    std::vector<std::int32_t> substrate;
    std::vector<double> charge_weight_C, contact, loss_per_s, n1_m2;
    std::size_t count = 0;
    bool one_substrate = true;  // all entries on the first entry's substrate
    void size_for(std::size_t cells_in_map) {
      substrate.resize(cells_in_map);
      for (auto* v : {&charge_weight_C, &contact, &loss_per_s, &n1_m2}) v->resize(cells_in_map);
    }
    /// Fills the columns from the first entry on, through the columns' data pointers held in
    /// the writer (a pass that appended through the vectors reloaded their data pointers for
    /// every cell); done() sets count and one_substrate.
    struct Writer {
      Exchanging& to;
      std::int32_t* substrate;
      double *charge_weight_C, *contact, *loss_per_s, *n1_m2;
      std::size_t count = 0;
      bool one_substrate = true;
      struct Entry {
        std::int32_t substrate;
        double weight, contact, loss_per_s, n1_m2;
      } last{};  // the last entry, compared without reloading it
      std::int32_t last_cells = 0;
      explicit Writer(Exchanging& x)
          : to(x),
            substrate(x.substrate.data()),
            charge_weight_C(x.charge_weight_C.data()),
            contact(x.contact.data()),
            loss_per_s(x.loss_per_s.data()),
            n1_m2(x.n1_m2.data()) {}
      /// Appends a bare part, or counts it with the last one when alike (the bare cells of one
      /// capture zone often are): the solve then evaluates each kind once. (n1 first: where two
      /// neighbours differ, it is mostly there.) kOneRow: the map has one substrate row, so the
      /// entries are all on it (one_substrate stays true without a test per entry, 1 % of the
      /// instructions of a plating transient).
      template <bool kOneRow>
      void add(std::int32_t s, double w, double c, double loss, double n1) {
        if (count > 0 && last.n1_m2 == n1 && last.loss_per_s == loss && last.weight == w && last.contact == c &&
            last.substrate == s) {
          ++last_cells;
          return;
        }
        if (count > 0) close_last();
        if constexpr (!kOneRow) one_substrate = one_substrate && (count == 0 || substrate[0] == s);
        substrate[count] = s, contact[count] = c, loss_per_s[count] = loss, n1_m2[count] = n1;
        last = {s, w, c, loss, n1}, last_cells = 1;
        ++count;
      }
      void done() {
        if (count > 0) close_last();
        to.count = count, to.one_substrate = one_substrate;
      }
      /// The entry just completed: its charge weight, now that its cells are counted.
      void close_last() {
        charge_weight_C[count - 1] = static_cast<double>(last_cells) * last.weight * kElementaryCharge_C;
      }
    };
  };
  Exchanging exchanging;
  // Bare parts of alloying coatings among them: adatom uptake rate k_a and the density in
  // equilibrium with the alloy (the uptake only takes: below that density it stops).
  struct Alloying {
    std::uint8_t substrate;
    double weight, contact, loss_per_s, n1_m2, uptake_per_s, n1_eq_m2;
  };
  std::vector<Alloying> alloying;
};

}  // namespace nabridge::upscale
