// `nabridge upscale PARAMS.toml [--out DIR]`: the command-line front end of the upscaling stage
// (upscale/stage/upscale_stage.h): wetting, nucleation and kinetics per substrate row and, with an
// operating-condition sweep in [conditions], the mesoscale plating/stripping runs (DIR/mesoscale/).
#include <memory>

#include "cli/commands.h"
#include "stage/upscale_stage.h"

namespace nabridge::cli {

void add_upscale_command(CLI::App& app) {
  auto file = std::make_shared<std::string>();
  auto out = std::make_shared<std::string>("upscale-out");
  auto* cmd = app.add_subcommand(
      "upscale", "Wetting, nucleation, kinetics and mesoscale plating/stripping sweeps from a parameter-table TOML");
  cmd->add_option("params", *file, "parameter TOML ([conditions] (+ [conditions.interface]), [na], [[substrate]])")
      ->required()
      ->check(CLI::ExistingFile);
  auto no_plots = std::make_shared<bool>(false);
  auto threads = std::make_shared<int>(1);
  cmd->add_option("--out", *out, "output directory")->capture_default_str();
  cmd->add_flag("--no-plots", *no_plots, "write the data files only (no gnuplot figures)");
  cmd->add_option("--threads", *threads, "mesoscale runs side by side (results do not depend on it)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->callback([file, out, no_plots, threads] {
    upscale::UpscaleStageOptions opt;
    opt.plots = !*no_plots;
    opt.threads = *threads;
    upscale::run_upscale_stage(upscale::read_upscale_params(*file), *out, opt);
  });
}

}  // namespace nabridge::cli
