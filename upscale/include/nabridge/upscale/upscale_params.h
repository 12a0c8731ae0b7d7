#pragma once
// The parameter file of `nabridge upscale` (TOML): [conditions] (temperature, overpotentials and,
// optionally, the mesoscale operating-condition sweep with a [conditions.interface] table),
// [na] and one [[substrate]] table per parameter-table row. Read by the one strict TOML reader
// (nabridge/base/toml_reader.h): every table rejects unknown keys, every error reads
// "FILE:LINE: path.key: message".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "nabridge/upscale/mesoscale.h"

namespace nabridge::upscale {

struct SubstrateRow {
  std::string name;
  std::string origin;  // "FILE:LINE: substrate[k]" of the row as read; later errors about it start so
  double E_bind_eV = 0;
  std::optional<double> W_ad_J_m2, theta_deg, Ea_diff_eV, nu0_Hz, hop_length_A, site_density_m2, i0_A_m2;
  int hops_per_site = 4;
  double field_offset_mV = 0;
  // Alloying coating: the alloy it forms with Na (e.g. "NaAu2"), its formation energy per atom vs
  // bcc Na and the coating element, Na per coating atom in it, coating atoms per m² of collector,
  // and the alloy surface's own E_bind / W_ad and adatom hops (unset: the coating's, an assumption).
  std::optional<std::string> alloy_phase;
  std::optional<double> alloy_formation_eV_per_atom, alloy_na_per_coating_atom, coating_atoms_per_m2, alloy_E_bind_eV,
      alloy_W_ad_J_m2, alloy_Ea_diff_eV, alloy_nu0_Hz, alloy_hop_length_A;
  int alloy_hops_per_site = 4;
};

/// Operating-condition sweep of the mesoscale simulator (every combination is one run).
/// Default minimum of nuclei in a map: at 0.1 mA/cm² the BaTiO3-BaO(001) row's N is 23.2, 17.6,
/// 15.65 and 15.14 per µm² in maps holding ~133, ~405, ~1440 and ~5580 nuclei (2.4, 4.8, 9.6 and
/// 19.2 µm squares of 25 nm cells, 4–8 seeds): the first nuclei form in the rare tail of the rate
/// at one map-wide overpotential and end the spike, so a map holding a few hundred samples that
/// tail badly (N biased high, 10–15 % seed scatter). ~1000 nuclei put N within ~5 % of the 19 µm map.
constexpr int kDefaultMinNuclei = 1000;
/// Default largest map of the enlargement: 768 cells per side (19.2 µm at 25 nm, 5.9×10⁵ cells).
constexpr int kDefaultMaxCells = 768;

struct MesoSweep {
  std::vector<double> current_mA_cm2, temperature_C, pressure_MPa, capacity_mAh_cm2;
  std::vector<std::uint64_t> seeds{1};
  int cycles = 1;
  // interface maps
  int cells = 48;
  double cell_nm = 50;
  // A run whose first plating formed fewer than min_nuclei nuclei in the map is repeated on a map
  // with twice the cells per side (same cell_nm and seed), up to max_cells per side
  // (mesoscale_sweep.cpp, simulate); the reader raises an unset max_cells to `cells` if larger.
  int min_nuclei = kDefaultMinNuclei;
  int max_cells = kDefaultMaxCells;
  std::vector<std::string> substrates;         // one uniform map per named row
  std::optional<std::string> coating, coating_on;
  double coating_fraction = 0.3, coating_island_nm = 200;
  double gap_fraction = 0, gap_size_nm = 200, gap_depth_nm = 20;
  double pore_fraction = 0, pore_size_nm = 200, pore_depth_nm = 50;  // porous collector
  MesoOperating numerics;             // criteria and numerical controls (current etc. set per run)
  MesoNa na;
  std::optional<double> substrate_i0_A_m2;     // default for rows without i0_A_m2
};

struct UpscaleParams {
  std::string file;
  double T_K = 298.15;
  std::vector<double> eta_mV;
  double gamma_Na_J_m2 = 0, E_coh_eV = 0, omega_m3 = 0;
  std::vector<SubstrateRow> rows;
  std::optional<MesoSweep> meso;               // present when [conditions] sets current_mA_cm2
};

UpscaleParams read_upscale_params(const std::string& path);
/// The same checks on a parsed document; `path` names it in the messages.
UpscaleParams read_upscale_document(const toml::table& doc, const std::string& path);

/// The row as the mesoscale simulator needs it; throws std::invalid_argument naming the file,
/// the row and the missing key.
MesoSubstrate meso_substrate(const UpscaleParams& p, const SubstrateRow& row);

/// Alloy plateau vs Na/Na⁺ (V) of a coating forming Na_x M with formation energy E_f per atom:
/// U = −E_f (1 + x) / x (the formation energy per Na taken up, per e; > 0: before Na metal).
double alloy_potential_V(double formation_eV_per_atom, double na_per_coating_atom);

/// The row with its alloy: the coating row (alloy capacity and plateau set, alloy_phase = the
/// index of the second) and the alloy surface's row (the alloy's own E_bind/W_ad and hops where
/// given, otherwise the coating's); a non-alloying row alone. Appended to `subs`; returns the index of
/// the coating row.
std::size_t append_meso_substrate(const UpscaleParams& p, const SubstrateRow& row, std::vector<MesoSubstrate>& subs);

}  // namespace nabridge::upscale
