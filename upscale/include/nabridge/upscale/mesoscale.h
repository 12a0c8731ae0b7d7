#pragma once
// Mesoscale simulator of the collector | solid-electrolyte interface (a 2D map of square cells,
// 10–100 nm, periodic): galvanostatic plating then stripping of Na for several cycles.
// Model summary (equations, sources and limits in docs/upscale.md, "Mesoscale simulator"):
//  * Electrode: one overpotential η (cathodic positive) for the whole collector (a metal),
//    solved each step so that double-layer charging plus all local Faradaic currents carry the
//    applied current. A substrate's built-in field (ferroelectric coating) is an explicit,
//    switchable local overpotential offset: the cells of that substrate react at η + Δ_s.
//  * Bare cells in contact with the electrolyte exchange Na⁺ + e⁻ ⇌ Na_ad with
//    i = i0_s [e^{α_c f x} − S e^{−α_a f x}], S = n1/n1_eq (η_S = kT/e ln S, kinetics.h), treated
//    implicitly in n1; an adatom forms only on a free site (creation × (1 − n1/N0)), so the adatoms
//    never exceed the site density. Cells in a gap (no contact) receive adatoms only by lateral
//    diffusion.
//  * Nucleation is resolved below the cell: each cell carries a density N of Na islands (any
//    value, from far below one per cell to the site density) and their Na volume h (the
//    first two moments of the island-size distribution). On the bare part of a cell the adatoms
//    follow the mean-field rate equations (Venables): capture σ D N n1 by the islands of the
//    cell, nucleation J = σ D n1 n_i* (Walton's critical-cluster density from the atomistic
//    bond counting or the classical spherical cap, nucleation.h; n_i* = n1 in the barrier-free
//    i* = 1 limit), each nucleus taking i* + 1 adatoms. A cell without islands gets its first
//    nuclei stochastically (Poisson with mean λ = J A dt; given ≥ 1 event, λ/(1 − e^{−λ}) of
//    them), so densities below one per cell are represented; its adatoms are captured by the
//    nearest Na-covered cell at rate σ D/d² (d from a chamfer distance transform).
//  * Na-covered cells grow by Butler–Volmer at their Na|electrolyte contact (i0 of Na) and by
//    capture; the cell's Na is N·A equal spherical caps of the substrate's contact angle, which
//    cover the cell at h_fill/√(N A); coalescence removes islands as dN = −2N dφ (Venables);
//    beyond full cover the excess spreads to uncovered neighbours (growth of one island across
//    cells, film).
//  * Contact: Na|electrolyte contact fraction c = min(1, P/3σ_y) · (1 − g/δ_v) with a void
//    height g that grows where stripping outruns creep and vacancy refill (contact.h) and shrinks
//    by creep under the stack pressure; initial gaps start at the gap depth.
//  * Porous collector: pore cells hold Na below the electrolyte until it fills them to the rim;
//    their gap never falls below (pore depth − Na), so Na left in a pore on stripping is lost.
//  * Stripping runs until the overpotential cut-off; Na left then (no contact) is dead Na.
//  * Alloying coating (Au → NaAu2): a substrate row with an alloy capacity takes Na into the
//    alloy first. Its adatoms enter the coating at one hop rate, ν0 e^{−Ea/kT} per adatom (an
//    assumption), towards the density in equilibrium with the alloy, n1_eq e^{−U/kT}, U the
//    alloy's plateau vs Na/Na⁺ (ΔG_form per Na / e; > 0: before Na metal); Na metal on a cell
//    whose coating is not yet full is taken into it. A full cell becomes the alloy phase's row
//    (its own E_bind, θ). The uptake runs while plating; de-alloying is not modelled (the alloy
//    keeps its Na, counted as Na left on the collector).
// Deterministic for a given seed (std::mt19937_64 with portable conversions).
#include <cstdint>
#include <limits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "nabridge/upscale/contact.h"

namespace nabridge::upscale {

inline constexpr double kUnset = std::numeric_limits<double>::quiet_NaN();
// Adatom coverage (of the sites) at which immobile adatoms join into one Na layer: random
// occupation of a square site lattice percolates at p_c = 0.5927 (Newman & Ziff, Phys. Rev. Lett.
// 85, 4104 (2000)); the rows whose adatoms cannot move are (001) perovskite faces with a square
// site lattice (a triangular one percolates at 1/2).
inline constexpr double kLayerPercolationCoverage = 0.592746;

/// One substrate row (a collector or coating material) as the simulator needs it.
struct MesoSubstrate {
  std::string name;
  double E_bind_eV = kUnset;       // adatom binding energy vs the isolated atom (< 0)
  double theta_deg = kUnset;       // Na contact angle on the substrate, [0, 180]
  double Ea_diff_eV = kUnset;      // adatom hop barrier
  double nu0_Hz = kUnset;          // hop attempt frequency
  double hop_length_A = kUnset;
  int hops_per_site = 4;
  double site_density_m2 = kUnset; // unset: 1/hop_length²
  double i0_A_m2 = kUnset;         // exchange current density of Na⁺ + e⁻ ⇌ Na_ad on this substrate
  double field_offset_V = 0.0;     // built-in field: local overpotential offset (> 0 favours plating)
  // Alloying coating: Na atoms per m² of collector the coating takes before it is consumed
  // (coating atoms per m² × Na per coating atom of the alloy; 0: does not alloy), the alloy's
  // plateau vs Na/Na⁺ (V), and the row whose surface the full alloy presents (−1: this row).
  double alloy_capacity_m2 = 0.0;
  double alloy_potential_V = kUnset;
  int alloy_phase = -1;
};

/// Na metal and the Na|electrolyte interface.
struct MesoNa {
  double gamma_J_m2 = kUnset;      // Na surface energy (classical nucleus)
  double E_coh_eV = kUnset;        // cohesive energy
  double omega_m3 = kUnset;        // atomic volume
  double i0_A_m2 = kUnset;         // exchange current density at Na|electrolyte
  double alpha = 0.5;              // cathodic transfer coefficient (anodic: 1 − alpha)
  CreepLaw creep{kUnset, 5.0, 0.45};
  double yield_Pa = kUnset;        // yield strength (contact fraction min(1, P/3σ_y))
  double vacancy_Ef_eV = 0.42, vacancy_Em_eV = 0.053, vacancy_nu_Hz = 1e13, vacancy_jump_A = 3.716;
  int vacancy_z = 8;
  double vacancy_length_m = 1e-5;  // diffusion length of the Janek-type vacancy supply
  double creep_length_m = 0.0;     // length of the Bruce-type creep supply (0: the cell size)
};

struct MesoMapSpec {
  int nx = 64, ny = 64;
  double cell_m = 50e-9;
  int base = 0;                    // substrate index of the collector
  int coating = -1;                // substrate index of coating islands (−1: none)
  double coating_fraction = 0.0;   // area fraction of the coating islands
  double coating_island_m = 200e-9;// island diameter
  double gap_fraction = 0.0;       // area fraction of initial gaps (no contact)
  double gap_size_m = 200e-9;      // gap diameter
  double gap_depth_m = 20e-9;      // gap height between collector and electrolyte
  // Porous collector: pores (discs) the solid electrolyte cannot enter. Na reaches a pore only
  // along the collector (adatoms, spreading), touches the electrolyte only once it fills the
  // pore to the rim, and what is left below the rim when stripping empties the cell is lost.
  double pore_fraction = 0.0;      // area fraction of pore openings
  double pore_size_m = 200e-9;     // pore diameter
  double pore_depth_m = 50e-9;     // pore depth
};

struct MesoMap {
  int nx = 0, ny = 0;
  double cell_m = 0;
  std::vector<std::uint8_t> substrate;  // per cell: index into the substrate rows
  std::vector<std::uint8_t> contact;    // per cell: 1 collector touches the electrolyte, 0 gap or pore
  std::vector<std::uint8_t> pore;       // per cell: 1 pore of the collector (empty: no pores)
  double gap_depth_m = 0;
  double pore_depth_m = 0;
  bool is_pore(std::size_t i) const { return !pore.empty() && pore[i]; }
  /// Collector–electrolyte distance of a cell without Na.
  double empty_gap_m(std::size_t i) const { return is_pore(i) ? pore_depth_m : (contact[i] ? 0.0 : gap_depth_m); }
};

/// Discs of the coating and of gaps placed at random (seeded) until each area fraction is reached.
MesoMap make_meso_map(const MesoMapSpec& spec, std::uint64_t seed);

struct MesoOperating {
  double current_A_m2 = 10.0;      // magnitude; plating then stripping (1 mA/cm² = 10 A/m²)
  double T_K = 298.15;
  double pressure_Pa = 1e6;
  double capacity_C_m2 = 360.0;    // plated per cycle (0.01 mAh/cm² = 360 C/m²)
  int cycles = 1;
  std::uint64_t seed = 1;
  bool built_in_field = true;      // apply the substrates' field_offset_V
  double eta_cutoff_V = 1.0;       // |η| limit: stripping ends there; plating beyond it fails
  double C_dl_F_m2 = 0.1;          // double-layer capacitance (10 µF/cm²)
  double capture_number = 3.0;     // σ in capture and nucleation rates
  double void_height_m = 10e-9;    // δ_v: void height that removes the contact of a cell
  double focusing_limit = 10.0;    // failure: voids concentrate the current on the Na contacts > limit ×
  double fail_remaining_fraction = 0.5;  // failure: a cycle leaves more than this of its Na
  double continuity_coverage = 0.98;     // coverage at which the film counts as continuous
  double eta_step_V = 5e-3;        // time-step control: target |Δη| per step
  double population_step = 0.2;    // time-step control: target relative change of the adatoms and of the nuclei per step
  int min_steps = 50;              // per half cycle
  int max_steps = 200000;          // per half cycle
  int snapshots = 8;               // island censuses during the first plating
  bool record_transient = true;
  bool strip = true;               // false: plating half cycles only (transients, benchmarks)
};

/// Raised when the requested current cannot be carried even by an ideal Na film at the contact
/// the stack pressure allows (a sweep records such a point as a failed run and goes on).
struct UnsustainableCurrent : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

/// Raises std::invalid_argument naming the field for bad or missing input (negative current,
/// θ outside [0°, 180°], unset parameters, a current the interface cannot sustain even when
/// fully covered with Na, ...).
void validate_mesoscale(const std::vector<MesoSubstrate>& subs, const MesoNa& na, const MesoMap& map, const MesoOperating& op);

struct MesoTransientPoint {
  int cycle = 0;
  bool plating = true;
  double t_s = 0;                  // time since the start of the run
  double charge_C_m2 = 0;          // charge passed in this half cycle (magnitude)
  double eta_V = 0;
  double coverage = 0;             // Na-covered area fraction
  double nuclei_m2 = 0;            // nucleation events in this half cycle per area
  double contact_fraction = 0;     // interface contact fraction
  double eta_S_V = kUnset;         // (kT/e) ln S̄: mean adatom activity of the exchanging bare area (unset: none)
};

struct MesoIslandCensus {
  double t_s = 0, charge_C_m2 = 0, coverage = 0;
  int islands = 0;
  double islands_m2 = 0, mean_atoms = 0;
  std::vector<int> histogram;      // islands with 2^k ≤ atoms < 2^(k+1)
};

struct MesoCycle {
  int cycle = 0;
  double plated_C_m2 = 0, stripped_C_m2 = 0;
  double ce = 0;                   // stripped / plated (Faradaic)
  double dead_C_m2 = 0;            // Na left after stripping (cumulative)
  // Plating: the highest η while nuclei form (until they relieve the adatom supersaturation;
  // unset without relief), the growth plateau (mean η over the last 10 % of the charge) and
  // η_nuc = max(0, spike − plateau), 0 without relief or where nuclei form below bulk-Na activity
  // (S̄ ≤ 1: no overpotential needed to nucleate). docs/upscale.md, "Nucleation overpotential".
  double eta_spike_V = 0, eta_plateau_V = 0, eta_nuc_V = 0;
  double eta_S_nuc_V = kUnset;  // (kT/e) ln S̄ at its peak: the supersaturation the nuclei relieved (unset: none)
  double nuclei_m2 = 0;
  // Of nuclei_m2, those formed where the adatoms filled more than half the adsorption sites
  // (θ > 1/2: immobile adatoms held at the site density). The dilute rate equations do not hold
  // there; docs/upscale.md, "Site exclusion".
  double crowded_nuclei_m2 = 0;
  // The most nuclei formed in one step of the plating, per area: near nuclei_m2 where a coating
  // converted on every cell in the same step (a burst set by the step, not by a rate).
  double burst_nuclei_m2 = 0;
  // Fraction of the map's cells whose Na started as a percolated layer of immobile adatoms (one
  // connected layer, not nuclei; not in nuclei_m2). docs/upscale.md, "Site exclusion".
  double layer_cell_fraction = 0;
  double alloyed_C_m2 = 0;         // Na taken into an alloying coating in this cycle's plating
  double continuity_charge_C_m2 = kUnset;  // unset: never continuous
  double contact_after_plating = 0, contact_after_stripping = 0;
  double max_focusing = 0;         // largest current density on Na contacts / applied
  double max_void_focusing = 1;    // largest contact loss factor from voids
};

struct MesoResult {
  bool failed = false;
  std::string failure;             // why, when failed
  int failed_cycle = 0;
  std::vector<MesoTransientPoint> transient;
  std::vector<MesoCycle> cycles;
  std::vector<MesoIslandCensus> islands;
  int nx = 0, ny = 0;
  double cell_m = 0;
  std::vector<double> thickness_first_plating_m, thickness_final_m;
  double charge_passed_C_m2 = 0;   // Σ |I| dt over the run (what the galvanostat delivered)
  double alloyed_before_nucleation_C_m2 = kUnset;  // Na in the alloy when the first Na nuclei formed (unset: none formed)
  std::uint64_t steps = 0;
};

/// MesoStep::void_focusing when voids have cut all of the Na's contact that the stack pressure
/// would give it: the factor is unbounded; this finite stand-in exceeds every focusing_limit and
/// still prints as a number in cycles.csv and mesoscale.json (max_void_focusing).
inline constexpr double kVoidFocusingAllContactLost = 1e300;

struct MesoStep {
  double eta_V = 0;
  double faradaic_C_m2 = 0;        // signed (plating > 0), per interface area
  double double_layer_C_m2 = 0;    // C_dl Δη
  bool limited = false;            // η reached the cut-off (plating: step not applied)
  double nuclei = 0;                // nuclei formed in the step (summed over cells)
  double crowded_nuclei = 0;        // of those, formed where the adatoms filled more than half the sites
  double layer_cells = 0;           // bare cells whose adatoms percolated into one Na layer in the step
  double focusing = 0;             // current density on the Na contacts / applied current density
  double void_focusing = 1;        // contact the Na would have at the stack pressure / contact it has
  double alloyed_C_m2 = 0;         // Na taken into alloying coatings by their adatoms in the step
  double alloy_open_C_m2 = 0;      // capacity those coatings have left after the step
};

/// The per-cell state.
struct MesoState {
  std::vector<std::uint8_t> covered;
  std::vector<double> n1_m2;       // adatoms per area of the cell's bare part
  std::vector<double> h_m;         // Na volume per cell area (thickness)
  std::vector<double> islands_m2;  // Na islands per cell area (after coalescence)
  std::vector<double> gap_m;       // void height between Na and electrolyte
  std::vector<double> alloy_m2;    // Na atoms per cell area taken into an alloying coating
  double eta_V = 0;
  double t_s = 0;
  bool operator==(const MesoState& o) const {
    return covered == o.covered && n1_m2 == o.n1_m2 && h_m == o.h_m && islands_m2 == o.islands_m2 && gap_m == o.gap_m &&
           alloy_m2 == o.alloy_m2 && eta_V == o.eta_V && t_s == o.t_s;
  }
};

class MesoscaleSimulator {
 public:
  MesoscaleSimulator(std::vector<MesoSubstrate> subs, MesoNa na, MesoMap map, MesoOperating op);
  ~MesoscaleSimulator();
  MesoscaleSimulator(const MesoscaleSimulator&) = delete;
  MesoscaleSimulator& operator=(const MesoscaleSimulator&) = delete;

  /// The whole protocol: `cycles` × (plate `capacity`, strip to the cut-off).
  MesoResult run();
  /// One step of length dt at a signed current (> 0 plating, < 0 stripping, 0 rest).
  MesoStep step(double dt_s, double current_A_m2);

  const MesoState& state() const;
  /// Na on the collector (film + adatoms + alloy) as charge per interface area.
  double na_charge_C_m2() const;
  /// Na taken into alloying coatings, as charge per interface area.
  double alloy_charge_C_m2() const;
  /// Substrate row of each cell now (an alloying coating's cells become its alloy phase row when full).
  const std::vector<std::uint8_t>& substrate_map() const;
  double coverage() const;
  double contact_fraction() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nabridge::upscale
