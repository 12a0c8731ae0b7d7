#pragma once
// The mesoscale part of `nabridge upscale`: runs the operating-condition sweep of a parameter
// file through the mesoscale simulator and writes DIR/{runs.csv, cycles.csv,
// critical_current.csv, mesoscale.json, transients/, islands/, maps/, plots/}.
#include <filesystem>

#include "workflow/upscale_params.h"

namespace nabridge::cli {

using workflow::MesoSweep;
using workflow::SubstrateRow;
using workflow::UpscaleParams;

/// `threads` runs side by side (the results do not depend on it).
void run_mesoscale_sweep(const UpscaleParams& p, const std::filesystem::path& dir, bool plots = true, int threads = 1);

}  // namespace nabridge::cli
