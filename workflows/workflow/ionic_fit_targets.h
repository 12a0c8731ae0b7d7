#pragma once
// The DFT side of `nabridge potential fit-ionic` (potentials/ionic_fit.h): the targets are the
// fixed-geometry adsorption points of the named systems (E_bind@z, vs the isolated atom, on the
// frozen DFT slab), and the model's value at each is the row `nabridge potential dft-validate`
// writes for it: both come from dft_validation (workflow/dft_targets.h), run on the named
// systems alone.
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

/// The dft_validation rows "E_bind@z…" of the source's systems, by `engine` covering `elements`.
/// std::invalid_argument naming the spec's file, line and key (source.systems_where) for a system
/// the set lacks or that is not an adsorption system.
std::vector<DftValidationRow> ionic_fit_rows(Engine& engine, const std::vector<std::string>& elements,
                                             const IonicDftSource& data);

/// One target per finished point of every source (its DFT value, the source's σ, the result file
/// as its source; `engine` is needed only to run dft_validation, the DFT values do not depend on
/// it). A system without a finished point adds none; std::invalid_argument naming the spec's key
/// when no system has one the potential's elements cover.
std::vector<potentials::IonicFitTarget> ionic_fit_targets(Engine& engine, const std::vector<std::string>& elements,
                                                          const std::vector<IonicDftSource>& data);

/// The model's values at `targets` for a candidate potential: a fresh engine from `factory` per
/// candidate, the same rows as ionic_fit_targets (std::logic_error if they no longer line up).
/// Holds `data` and `targets` by reference: they must outlive it.
potentials::IonicModelValues ionic_model_values(const std::vector<IonicDftSource>& data,
                                                const std::vector<potentials::IonicFitTarget>& targets,
                                                const EngineFactory& factory);

}  // namespace nabridge::workflow
