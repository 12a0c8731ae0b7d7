// `nabridge potential fit-ionic SPEC --out DIR`: refit pair_coeff parameters of a rigid-ion
// potential to the DFT adsorption and film points (potentials/ionic_fit.h) and write the result as a
// complete potential directory (potentials/ionic_fit_potential.h).
#include <fmt/core.h>

#include <algorithm>
#include <chrono>

#include "cli/potential_tasks.h"
#include "potentials/ionic_fit.h"
#include "potentials/ionic_fit_potential.h"
#include "potentials/potential_library.h"
#include "workflow/dft_cache.h"
#include "workflow/dft_species.h"
#include "workflow/dft_validation_parts.h"
#include "workflow/ionic_fit_targets.h"
#include "workflow/lammps_engines.h"

namespace nabridge::cli {

using namespace nabridge::potentials;
void run_fit_ionic(const std::string& spec_path, const std::string& out, const std::vector<std::string>& extra_dirs) {
  std::vector<std::string> dirs = extra_dirs;
  for (const auto& d : default_potential_search_dirs()) dirs.push_back(d);
  const IonicFitSpec spec = read_ionic_fit_spec(spec_path, dirs);
  const PotentialSpec start = with_added_terms(load_potential(spec.potential, dirs), spec);
  std::vector<workflow::IonicDftSource> data;
  for (const auto& source : spec.dft) {
    auto set = workflow::read_dft_reference_set(source.set);
    auto done = workflow::with_metal_species(set, workflow::load_dft_outcomes(set, workflow::installed_cp2k_version()),
                                             start.elements);
    data.push_back({source, std::move(set), std::move(done)});
  }
  // The engine dft-validate compares the potential on (fully periodic, like the DFT cells).
  const EngineFactory factory = workflow::periodic_engine_for;
  const auto start_engine = factory(start);
  const auto targets = workflow::ionic_fit_targets(*start_engine, start.elements, data);
  fmt::print("fitting {} parameter(s) of {} to {} DFT target(s):", spec.parameters.size(), start.id, targets.size());
  for (const auto& t : targets) fmt::print(" {} {} {};", t.system, t.site, t.quantity);
  fmt::print("\n");
  for (const auto& d : spec.dft)
    for (const auto& name : d.systems)
      if (std::none_of(targets.begin(), targets.end(), [&](const IonicFitTarget& t) { return t.system == name; }))
        fmt::print("{}: no finished point yet (not a target)\n", name);
  const auto t0 = std::chrono::steady_clock::now();
  const IonicFitResult r = fit_ionic(spec, start, targets, workflow::ionic_model_values(data, targets, factory));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("{}\nLM: {} ({} evaluations, {:.1f} s, cost {:.4g})\n", ionic_fit_markdown(spec, r), r.message,
             r.evaluations, secs, r.cost);
  const std::string command = "nabridge potential fit-ionic " + spec_path + " --out " + out;
  write_ionic_refit(spec, r, start.id, out, command);
  fmt::print("wrote {}/potential.toml and FIT.md (id {})\n", out, spec.id);
  for (const auto& name : r.outside_range)
    fmt::print(stderr, "WARNING: {} ended outside its range in {}\n", name, spec_path);
}

}  // namespace nabridge::cli
