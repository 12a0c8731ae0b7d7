#pragma once
// The DFT side of `nabridge potential fit-ionic` (potentials/ionic_fit.h): the targets are the
// fixed-geometry adsorption points of the named systems (E_bind@z, vs the isolated atom, on the
// frozen DFT slab), the fixed-geometry film points of the named film systems (W_ad@z, the
// substrate and the film alone in the same cell) and, when the spec asks for them, the relaxed
// adatom height z_min of every site with a binding curve. The model's E_bind@z is the row `nabridge potential dft-validate` writes
// for the point, computed by the same function (workflow::adsorption_points,
// dft_validation_parts.h); a candidate's evaluation computes the clean slabs, the isolated atom
// and the points, and the height search only for z_min targets.
#include <vector>

#include "core/engine_factory.h"
#include "potentials/ionic_fit.h"
#include "workflow/dft_targets.h"

namespace nabridge::workflow {

/// One [[dft]] source of the spec with its reference set and the set's finished calculations.
struct IonicDftSource {
  potentials::IonicFitDftSource source;
  DftReferenceSet set;
  DftOutcomes done;
};

/// The targets of every source, per named system in the spec's order: one per finished point
/// (its DFT value, the source's σ in eV, or σ_W in J/m² for a film's W_ad@z, the result file as
/// its source), then one per site whose binding curve has a DFT z_min (source.fit_z_min: σ_z in Å). `engine`
/// evaluates the potential's side of the rows, which the targets do not keep; with z_min targets it
/// must have a relaxed height at each (std::runtime_error). A system without a finished point adds none.
/// std::invalid_argument naming the spec's file, line and key (source.systems_where) for a system
/// the set lacks, that is neither an adsorption nor a film system, or that is a film system without
/// source.sigma_W_J_m2, and when no system gives a target the
/// potential's elements cover.
std::vector<potentials::IonicFitTarget> ionic_fit_targets(Engine& engine, const std::vector<std::string>& elements,
                                                          const std::vector<IonicDftSource>& data);

/// The model's values at `targets` for a candidate potential: a fresh engine from `factory` per
/// candidate, the same rows in the same order as ionic_fit_targets (std::logic_error if they no
/// longer line up); z_min is relaxed_adatom_height_A (smooth in the parameters). std::runtime_error
/// naming the site when the candidate has no relaxed height for a z_min target. Holds `data` and
/// `targets` by reference: they must outlive it.
potentials::IonicModelValues ionic_model_values(const std::vector<IonicDftSource>& data,
                                                const std::vector<potentials::IonicFitTarget>& targets,
                                                const EngineFactory& factory);

}  // namespace nabridge::workflow
