#pragma once
// The mesoscale part of the upscaling stage (upscale_stage.h): one run of the mesoscale simulator
// per interface × temperature × pressure × capacity × seed × current, a progress line per run,
// CSV/JSON results, the critical current density per pressure (mesoscale_sweep.cpp) and the
// figures at the reference conditions (mesoscale_figures.cpp).
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "nabridge/upscale/mesoscale.h"
#include "nabridge/upscale/upscale_params.h"
#include "stage/upscale_stage.h"

namespace nabridge::upscale {

constexpr double kC_m2_per_mAh_cm2 = 3.6e4;  // 1 mAh/cm² = 3.6 C / 1e-4 m²

/// One map of the sweep: a uniform substrate row, or coating islands on a row.
struct SweepInterface {
  std::string name;
  std::vector<MesoSubstrate> subs;
  MesoMapSpec spec;
};

/// One simulator run at one operating point of the sweep, numbered from 1 in sweep order.
struct SweepRun {
  int id = 0;
  std::size_t iface = 0;  // index into the sweep's interfaces
  double i_mA_cm2 = 0, T_C = 0, P_MPa = 0, cap_mAh_cm2 = 0;
  std::uint64_t seed = 1;
  int cells = 0;  // cells per side of the map the result is from: the interface's, or an enlarged one
  bool failed = false;
  std::string failure;
  double seconds = 0;  // wall time of the run, its runs on the smaller maps it was enlarged from included
  MesoResult result;
};

/// Writes DIR/{runs.csv, cycles.csv, critical_current.csv, mesoscale.json, transients/,
/// islands/, maps/, plots/} for the sweep of `p` (p.meso set).
void run_mesoscale_sweep(const UpscaleParams& p, const std::filesystem::path& dir, const UpscaleStageOptions& opt);

/// The sweep's figures in `plots_dir` (critical: the critical_current entries of mesoscale.json);
/// returns the number drawn (0 without gnuplot, said on `warnings`).
int draw_sweep_figures(const MesoSweep& m, const std::vector<SweepInterface>& ifaces, const std::vector<SweepRun>& runs,
                       const nlohmann::json& critical, const std::filesystem::path& plots_dir, std::FILE* warnings);

}  // namespace nabridge::upscale
