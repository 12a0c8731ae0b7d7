#pragma once
// The parts of a potential's comparison with the DFT reference that `nabridge potential
// dft-validate` (workflow::dft_validation, dft_targets.h) and `nabridge potential fit-ionic`
// (ionic_fit_targets.h) share: the engine a potential is compared on, the fixed-geometry points
// of an adsorption system, which cost one energy per point, and a site's relaxed adatom height,
// which costs a height search. The fit evaluates a candidate potential through these alone, so it
// pays for the search only when it fits relaxed heights.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/engine.h"
#include "core/potential_spec.h"
#include "protocols/overlayer_height.h"
#include "workflow/dft_targets.h"

namespace nabridge::workflow {

/// The finished scan points (calculations at a fixed adatom or film height) of an adsorption or
/// film system, in calculation order.
std::vector<const DftCalculation*> finished_scan_points(const DftSystem& sys, const DftOutcomes& done);

/// The relaxed-film calculation of a film system (`relax_from_gap_A`), or nullptr when it has none.
const DftCalculation* relaxed_film_calculation(const DftSystem& sys);

/// True when every element of `needed` is one of `elements` (a potential can evaluate the cell).
bool covers(const std::vector<std::string>& elements, const std::vector<std::string>& needed);

/// The potential's values of one adsorption system at the DFT geometries.
struct AdsorptionPoints {
  /// "E_bind@z2.70" per finished scan point in calculation order: E(slab+adatom) − E(slab) −
  /// E(atom), the DFT's and the potential's, each on the frozen DFT cell.
  std::vector<DftValidationRow> rows;
  std::vector<const DftCalculation*> calculations;  // the set's calculation of each row
  std::vector<const DftOutcome*> geometries;        // its result (points into `done`)
  double clean_eV = 0.0;                            // the potential's energy of the clean DFT slab
  double atom_eV = 0.0;                       // the potential's isolated adsorbate atom
};

/// The fixed-geometry points of adsorption system `sys` by `engine` covering `elements`;
/// std::nullopt when the system is not compared: its clean slab, the adsorbate's atom or bulk
/// reference is not finished, or `elements` do not cover the slab and the adsorbate. `atom_eV`
/// gives the potential's isolated atom of a DFT atom reference (by system name), so a caller
/// comparing several systems computes it once.
std::optional<AdsorptionPoints> adsorption_points(Engine& engine, const std::vector<std::string>& elements,
                                                  const DftSystem& sys, const DftOutcomes& done,
                                                  const std::function<double(const std::string&)>& atom_eV);

/// The potential's values of one film system at the DFT geometries.
struct FilmPoints {
  /// "W_ad@z2.80" per finished film height in calculation order, then "W_ad@relaxed" at the final
  /// geometry of the DFT's relaxed film if it is finished: (E(substrate) + E(film) − E(film on
  /// substrate)) per interface area in J/m², the DFT's and the potential's, each with the
  /// substrate and the film alone in the same cell.
  std::vector<DftValidationRow> rows;
  std::vector<const DftCalculation*> calculations;  // the set's calculation of each row
  std::vector<const DftOutcome*> geometries;        // its result (points into `done`)
  double apart_eV = 0.0;                            // the potential's E(substrate) + E(film)
};

/// The fixed-geometry points of film system `sys` by `engine` covering `elements`; std::nullopt
/// when the substrate or the film alone is not finished, no point is, or `elements` do not cover
/// them.
std::optional<FilmPoints> film_points(Engine& engine, const std::vector<std::string>& elements, const DftSystem& sys,
                                      const DftOutcomes& done);

/// The adatom (the last atom of `point`) moved along z to the potential's minimum on the frozen
/// DFT slab, searched from 1 Å below the point's height (no lower than kLowestAdatomHeight_A,
/// 0.5 Å) to 5 Å above its top layer (the DFT protocol, protocols/overlayer_height.h, 1e-4 Å):
/// its height and the total energy there. std::runtime_error when the potential has no minimum in
/// that range.
OverlayerHeight relaxed_adatom(Engine& engine, const DftSystem& sys, const DftOutcome& point);

/// relaxed_adatom's height refined to the root of the adatom's z force by the secant method, to
/// 1e-9 Å: a smooth function of the potential's parameters, which a least-squares fit can
/// differentiate by finite differences (relaxed_adatom's golden-section height moves in steps of
/// up to its 1e-4 Å tolerance). std::runtime_error when relaxed_adatom finds no minimum or the
/// root leaves its ±0.1 Å scan bracket.
double relaxed_adatom_height_A(Engine& engine, const DftSystem& sys, const DftOutcome& point);

}  // namespace nabridge::workflow
