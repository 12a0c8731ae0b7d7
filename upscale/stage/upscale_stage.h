#pragma once
// The upscaling stage as one call: for each substrate row of an upscale parameter file
// (nabridge/upscale/upscale_params.h), wetting, nucleation (classical and atomistic, with the
// regime stated) and adatom kinetics over its overpotentials (OUT/upscale.csv, upscale.json);
// with an operating-condition sweep in [conditions] also the mesoscale plating/stripping runs
// (OUT/mesoscale/: runs.csv, cycles.csv, critical_current.csv, mesoscale.json, transients/,
// islands/, maps/, plots/). `nabridge upscale` is its command-line front end; the campaign's
// mesoscale task calls it in its worker process.
#include <cstdio>
#include <filesystem>

#include "nabridge/upscale/upscale_params.h"

namespace nabridge::upscale {

struct UpscaleStageOptions {
  bool plots = true;              // gnuplot figures of the sweep (their data files are written regardless)
  int threads = 1;                // mesoscale runs side by side (the results do not depend on it)
  std::FILE* report = stdout;     // the nucleation table and the sweep's summary
  std::FILE* progress = stderr;   // a line per mesoscale run, and warnings
};

/// Throws std::invalid_argument naming the parameter file and the key when the simulator
/// refuses an input; a run whose current cannot be sustained is a failed run, not an error.
void run_upscale_stage(const UpscaleParams& p, const std::filesystem::path& out_dir, const UpscaleStageOptions& opt = {});

}  // namespace nabridge::upscale
