#include "cli/potential_tasks.h"

#include <fmt/core.h>

#include <chrono>
#include <stdexcept>

#include "potentials/element_fit.h"
#include "potentials/zhou_params.h"

namespace nabridge::cli {

using namespace nabridge::potentials;

void run_fit_element(const std::string& spec_path, const std::string& out) {
  const ElementFitSpec spec = read_element_fit_spec(spec_path);
  fmt::print("fitting {} ({} free parameters, {} targets) from {}\n", spec.start.symbol, spec.free.size(),
             spec.targets.size(), spec.start_file);
  const auto t0 = std::chrono::steady_clock::now();
  const ElementFitResult r = fit_element(spec);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("{}\nLM: {} ({} evaluations, {:.1f} s, cost {:.4g})\n", element_fit_markdown(r), r.message, r.evaluations,
             secs, r.cost);
  ZhouParameterFile f;
  f.citation = spec.citation;
  f.doi = "10.1103/PhysRevB.69.144113";
  f.note = "fitted by `nabridge potential fit-element " + spec_path + "` (Levenberg-Marquardt, analytic EAM evaluator)";
  f.elements[r.fitted.symbol] = r.fitted;
  for (const auto& row : r.rows)
    f.fit.push_back({r.fitted.symbol, row.target.property, row.target.describe(), row.target.source, row.model,
                     row.target.sigma, row.residual});
  write_zhou_parameters(f, out);
  fmt::print("wrote {}\n", out);
}

void run_fit_cross(const std::string&, const std::string&) { throw std::runtime_error("fit-cross: not built yet"); }
void run_generate(const std::string&, const std::string&) { throw std::runtime_error("generate: not built yet"); }
void run_build(const std::string&) { throw std::runtime_error("build: not built yet"); }
void run_validate(const std::string&, const std::string&, const std::vector<std::string>&, const std::vector<std::string>&) {
  throw std::runtime_error("validate: not built yet");
}
void run_show(const std::string&, const std::vector<std::string>&, const std::vector<std::string>&) {
  throw std::runtime_error("show: not built yet");
}

}  // namespace nabridge::cli
