#pragma once
// The DFT reference as the potentials need it: fit targets for the cross-term fit (every
// binding-curve point in its exact DFT geometry) and a potential's comparison with the
// reference (`nabridge potential dft-validate`, potentials/<id>/dft_validation.csv; docs/dft.md).
#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "core/engine.h"
#include "potentials/cross_fit.h"
#include "workflow/dft_reference.h"

namespace nabridge::workflow {

using DftOutcomes = std::map<std::string, DftOutcome>;

/// The fit targets of the source's systems. An adsorption system gives one binding_energy target
/// per finished scan point: the DFT value E(slab+adatom) − E(slab) − μ (μ: the adsorbate's bulk or
/// isolated atom, per `source`) and the DFT geometries. A compound gives its formation_energy
/// (per atom, vs the elements' bulk calculations), which the potential evaluates relaxed in the
/// same prototype. A film system gives one film_binding_energy target per finished film height
/// (per film atom, the substrate and the film alone in the same cell). The source's
/// [[dft.shift]] corrections are added to every point of their adsorption system (the target's
/// source text lists them). Throws std::invalid_argument naming the set and
/// the system when a shift's calculations are not finished, when a system is
/// unknown, neither kind, lacks its finished calculations, or an adsorption substrate is not a
/// single element (cross terms are fitted per element pair).
std::vector<potentials::CrossTarget> dft_fit_targets(const DftReferenceSet& set, const DftOutcomes& done,
                                                     const potentials::CrossFitDftSource& source);

/// The summed [[dft.shift]] corrections of `system` (potentials/dft_shift.h, eV, added to every
/// point of it) and their description ("; shifted by +0.5580 eV (X-k221 − X at config)" per
/// shift; empty without one). Throws std::invalid_argument naming the set, system and
/// configuration when a shift's calculation or its clean slab is not finished.
std::pair<double, std::string> convergence_shift(const DftReferenceSet& set, const DftOutcomes& done,
                                                 const std::vector<potentials::DftShift>& shifts,
                                                 const std::string& system);

struct DftValidationRow {
  std::string system, facet, site, quantity;
  double dft = 0.0, potential = 0.0;  // potential: NaN when the potential has no value (no minimum)
  std::string unit;
  std::string note;  // why a NaN row has no value, when it is not "no minimum" (not in the CSV)
};

/// The potential (through `engine`, covering `elements`) against every reference value of the
/// systems whose elements it covers: per site E_bind, E_ads_vs_bulk and z_min with the adatom
/// height minimised on the frozen DFT slab (the DFT protocol), E_bind at every scan point in the
/// DFT geometry ("E_bind@z2.70"), E_coh of elemental bulks with an atom reference, E_form of
/// compounds (every cell scaled to the potential's zero pressure: the pressure's root, or the
/// energy's minimum for an engine without a virial), and per film W_ad and z_min
/// with the film's height minimised rigidly over the frozen DFT substrate, W_ad at every DFT
/// film height in the DFT geometry ("W_ad@z2.80"). E_coh and E_ads_vs_bulk need the potential's
/// elemental bulk: without a zero-pressure state of it they are NaN with the reason in `note`.
std::vector<DftValidationRow> dft_validation(Engine& engine, const std::vector<std::string>& elements,
                                             const DftReferenceSet& set, const DftOutcomes& done);

/// Columns system,facet,site,quantity,dft,potential,unit.
std::string dft_validation_csv(const std::vector<DftValidationRow>& rows);

/// The rows of a dft_validation.csv, read as RFC 4180 (nabridge/base/csv.h: a quoted field may
/// hold commas and quotes). Throws std::invalid_argument naming the file and line for a missing
/// file, a malformed quote, a header other than dft_validation_csv's, a record without 7 fields or
/// a value that is not a number ("nan": the potential has no value).
std::vector<DftValidationRow> read_dft_validation_csv(const std::filesystem::path& file);

/// The error table: per system and quantity class (the fixed-geometry points "E_bind@z…" and
/// "W_ad@z…" are one class each) the number of values, mean and maximum absolute error and the
/// unit, as a Markdown table.
std::string dft_error_table_markdown(const std::vector<DftValidationRow>& rows);

/// The error table, the most stable site in DFT and in the potential; then every row, and the
/// reasons of the rows without a value. `engine`: which engine evaluated the potential.
std::string dft_validation_markdown(const std::vector<DftValidationRow>& rows, const std::string& potential_id,
                                    const std::string& engine);

}  // namespace nabridge::workflow
