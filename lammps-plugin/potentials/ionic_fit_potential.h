#pragma once
// The result of `nabridge potential fit-ionic` as a potential of its own: the start potential's
// potential.toml with the fitted pair_coeff numbers (its [metadata.ewald_reference] too), its own
// id and title, the fit's record ([metadata.fit], [[metadata.fitted_targets]]) and an honest
// fidelity, plus FIT.md; the start potential is not touched.
#include <filesystem>
#include <string>

#include "potentials/ionic_fit.h"

namespace nabridge::potentials {

/// Writes <out>/potential.toml and <out>/FIT.md. Paths the start's metadata gives relative to its
/// folder (reference_data) are rewritten relative to `out`. std::invalid_argument naming the start
/// file and key for a pair_coeff line that reads a file of the start's folder (${here}), or a
/// pair_coeff array that lacks a fitted line. `command`: how the fit was run (recorded).
void write_ionic_refit(const IonicFitSpec& spec, const IonicFitResult& r, const std::string& start_id,
                       const std::filesystem::path& out, const std::string& command);

}  // namespace nabridge::potentials
