#include "cli/potential_tasks.h"

#include <fmt/core.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <chrono>
#include <filesystem>
#include <stdexcept>

#include "nabridge/version.h"
#include "potentials/cross_fit.h"
#include "core/kim_potential.h"
#include "engine/lammps_engine.h"
#include "potentials/element_fit.h"
#include "potentials/ionic_validation.h"
#include "potentials/potential_library.h"
#include "potentials/stability.h"
#include "potentials/validation.h"
#include "potentials/recipe.h"
#include "potentials/zhou_params.h"
#include "workflow/dft_cache.h"
#include "workflow/dft_species.h"
#include "workflow/dft_targets.h"
#include "workflow/dft_validation_parts.h"
#include "workflow/lammps_engines.h"
#include "workflow/result_cache.h"
#include "nabridge/base/atomic_file.h"

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

namespace {
// The finished calculations of a DFT reference set (records of the installed CP2K's version).
workflow::DftOutcomes dft_outcomes(const workflow::DftReferenceSet& set) {
  return workflow::load_dft_outcomes(set, workflow::installed_cp2k_version());
}
}  // namespace

void run_fit_cross(const std::string& spec_path, const std::string& out) {
  CrossFitSpec spec = read_cross_fit_spec(spec_path);
  for (const auto& source : spec.dft) {
    const auto set = workflow::read_dft_reference_set(source.set);
    const auto targets = workflow::dft_fit_targets(set, dft_outcomes(set), source);
    for (const auto& t : targets)
      for (const auto& e : t.species())
        if (!spec.elements.count(e))
          throw std::invalid_argument(spec_path + ": [[dft]] " + source.set + ": element '" + e +
                                      "' has no [elements." + e + "] entry");
    fmt::print("{} binding-curve points from {}\n", targets.size(), source.set);
    spec.targets.insert(spec.targets.end(), targets.begin(), targets.end());
  }
  const Recipe recipe = read_recipe(spec.recipe);
  // The fit starts from the bare Zhou alloy rule of the recipe's elements.
  const ZhouAlloyModel base = recipe_model(recipe, false);
  fmt::print("fitting {} pair(s) to {} target(s) on {}\n", spec.pairs.size(), spec.targets.size(), recipe.id);
  const auto t0 = std::chrono::steady_clock::now();
  const CrossFitResult r = fit_cross_terms(base, spec);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  fmt::print("{}\nLM: {} ({} evaluations, {:.1f} s, cost {:.4g})\n", cross_fit_markdown(r), r.message, r.evaluations,
             secs, r.cost);
  write_cross_terms(cross_fit_file(r, "fitted by `nabridge potential fit-cross " + spec_path + "`"), out);
  fmt::print("wrote {}\n", out);
  // A fit to frozen geometries does not see whether its crystals are minima of the fitted energy:
  // check the elements and the compounds of the targets on the result (the fit is not changed).
  fmt::print("stability of the fitted model (relaxed-ion elastic constants, Born criteria, random displacements):\n");
  const auto t1 = std::chrono::steady_clock::now();
  const ZhouAlloyModel fitted = fitted_model(base, r);
  const auto reports = cross_fit_stability(fitted, spec);
  fmt::print("{}({:.1f} s)\n", stability_markdown(reports),
             std::chrono::duration<double>(std::chrono::steady_clock::now() - t1).count());
  std::fflush(stdout);  // the table before the warnings when both go to one terminal or file
  const auto warnings = stability_warnings(reports);
  for (const auto& w : warnings) fmt::print(stderr, "{}\n", w);
  if (!warnings.empty())
    fmt::print(stderr, "WARNING: {} written all the same; the fit does not constrain stability (see the table above)\n",
               out);
}

void run_generate(const std::string& recipe_path, const std::string& out_dir) {
  const Recipe r = read_recipe(recipe_path);
  const std::string setfl = generate_potential(r, out_dir, kVersion);
  fmt::print("wrote {} and {}\n", setfl, r.metadata);
}

void run_build(const std::string& recipe_path) {
  Recipe r = read_recipe(recipe_path);
  for (const auto& f : r.element_fits) run_fit_element(f.spec, f.out);
  if (r.cross_fit) run_fit_cross(r.cross_fit->spec, r.cross_fit->out);
  run_generate(recipe_path, "");
}

namespace {
std::vector<std::string> search_dirs(const std::vector<std::string>& extra) {
  std::vector<std::string> d = extra;
  for (const auto& x : default_potential_search_dirs()) d.push_back(x);
  return d;
}

// The engine, without the potential's commands (its describe() lists them after the first ';').
std::string engine_name(const Engine& e) {
  const std::string d = e.describe();
  return d.substr(0, d.find(';'));
}

std::string output_dir(const ValidateArgs& a, const std::string& id) {
  if (!a.out.empty()) return a.out;
  std::string safe = id;
  for (char& ch : safe)
    if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '_') ch = '_';
  return "validation-" + safe;
}

/// A compound potential's table (its [metadata.validation]): VALIDATION.md and validation.csv.
void run_ionic_validate(const std::string& metadata, const ValidateArgs& a, const std::vector<std::string>& dirs) {
  if (!a.stability_compounds.empty())
    throw std::invalid_argument(
        "potential validate: --stability-compound belongs to the element-by-element table; a compound potential "
        "gives it with --elements");
  IonicValidationSubject subject = ionic_validation_subject(metadata, dirs);
  if (!a.reference.empty()) subject.settings.reference_data = a.reference;
  // Fully periodic: the table's cell relaxations need the virial.
  const EngineFactory factory = workflow::periodic_engine_for;
  const auto t0 = std::chrono::steady_clock::now();
  const auto rows = validate_ionic_potential(subject, factory, [](const std::string& s) {
    fmt::print(stderr, "  {}\n", s);
  });
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string md = ionic_validation_markdown(rows, subject);
  fmt::print("{}\n({:.1f} s)\n", md, secs);
  const std::string out_dir = output_dir(a, subject.id);
  std::filesystem::create_directories(out_dir);
  write_file_atomically(std::filesystem::path(out_dir) / "VALIDATION.md", md);
  write_file_atomically(std::filesystem::path(out_dir) / "validation.csv", validation_csv(rows));
  fmt::print("wrote {}/VALIDATION.md and validation.csv\n", out_dir);
}
}  // namespace

void run_validate(const ValidateArgs& a) {
  const auto dirs = search_dirs(a.search);
  ValidationSubject subject;
  ValidationOptions opt;
  const int given = int(!a.id.empty()) + int(!a.pair_style.empty()) + int(!a.kim.empty());
  if (given != 1)
    throw std::invalid_argument("potential validate: give exactly one of ID, --pair-style (+ --pair-coeff) or --kim");
  if (!a.id.empty()) {
    const std::string metadata = find_potential(a.id, dirs);
    // A compound potential is validated on its host crystal unless elements are named (then its
    // metals, element by element, like any potential's).
    if (a.elements.empty() && read_potential_metadata(metadata).compound_validation) {
      run_ionic_validate(metadata, a, dirs);
      return;
    }
    subject = validation_subject(metadata, dirs);
    // The element-by-element table narrows the potential to one element at a time, which an ionic
    // model's pair-wise coefficients (and its charges, its shells) do not allow.
    if (a.elements.empty() && (!subject.full.charges_e.empty() || !subject.full.shells.empty()))
      throw std::invalid_argument("potential '" + subject.id +
                                  "' is a compound (ionic) potential without [metadata.validation]: add that "
                                  "table to " +
                                  metadata +
                                  " (host, host_elements, na_charge, reference_data, reference_entries, a_guess_A; "
                                  "see potentials/batio3-pedone/potential.toml) to validate it on its host crystal");
    opt.elements = a.elements;
  } else {
    if (a.elements.empty())
      throw std::invalid_argument("potential validate: --elements is required with --pair-style or --kim");
    subject.full =
        a.kim.empty() ? potential_from_lines(a.pair_style, a.pair_coeff, a.elements) : kim_potential(a.kim, a.elements);
    subject.id = subject.title = subject.full.id;
    subject.reference_data = default_reference_data();
  }
  if (!a.reference.empty()) subject.reference_data = a.reference;
  opt.stability = !a.no_stability;
  for (const auto& c : a.stability_compounds) opt.stability_compounds.push_back(parse_stability_compound(c));
  // The compounds of the cross-fit spec's DFT sets (e.g. NaAu2) are fit targets too, expanded by
  // the workflow layer: name them here (the explicit [[target]] compounds validation finds itself).
  if (opt.stability && !subject.cross_fit_spec.empty())
    for (const auto& source : read_cross_fit_spec(subject.cross_fit_spec).dft)
      for (const auto& sys : workflow::read_dft_reference_set(source.set).systems)
        if (sys.kind == workflow::DftSystemKind::kCompound &&
            std::find(source.systems.begin(), source.systems.end(), sys.name) != source.systems.end()) {
          const StabilityStructure c{sys.prototype, sys.elements};
          if (std::find(opt.stability_compounds.begin(), opt.stability_compounds.end(), c) ==
              opt.stability_compounds.end())
            opt.stability_compounds.push_back(c);
        }
  opt.progress = [](const std::string& s) { fmt::print(stderr, "  {}\n", s); };
  std::string engine_desc;
  const EngineFactory factory = [&engine_desc](const PotentialSpec& spec) {
    auto e = std::make_unique<LammpsEngine>(spec);
    engine_desc = engine_name(*e);
    return std::unique_ptr<Engine>(std::move(e));
  };
  const auto t0 = std::chrono::steady_clock::now();
  const auto rows = validate_potential(subject, factory, opt);
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  const std::string md = validation_markdown(rows, subject, engine_desc);
  fmt::print("{}\n({:.1f} s)\n", md, secs);
  std::fflush(stdout);
  const std::string prefix = "stability: ";
  for (const auto& r : rows) {
    if (r.within || r.property.rfind("stability", 0) != 0) continue;
    if (std::isnan(r.model)) {
      fmt::print(stderr, "WARNING: {}: stability {}\n", r.system, r.deviation);
      continue;
    }
    const std::string what = r.property.rfind(prefix, 0) == 0 ? r.property.substr(prefix.size()) : r.property;
    fmt::print(stderr, "WARNING: {} is not stable: {}: {:.4g} {} (needs {})\n", r.system, what, r.model, r.unit,
               r.reference_text);
  }
  const std::string out_dir = output_dir(a, subject.id);
  std::filesystem::create_directories(out_dir);
  write_file_atomically(std::filesystem::path(out_dir) / "validation.md", md);
  write_file_atomically(std::filesystem::path(out_dir) / "validation.csv", validation_csv(rows));
  fmt::print("wrote {}/validation.md and validation.csv\n", out_dir);
}

void run_dft_validate(const DftValidateArgs& a) {
  const auto dirs = search_dirs(a.search);
  const std::string metadata = find_potential(a.id, dirs);
  const PotentialSpec spec = load_potential(metadata, dirs);
  const auto set = workflow::read_dft_reference_set(a.set.empty() ? std::string(NABRIDGE_DFT_REFERENCE) : a.set);
  // The reference cells (symmetric slabs, 15 Å of vacuum, no dipole correction) are periodic in
  // 3D, so a core–shell model is compared in fully periodic Ewald too: an open-circuit correction
  // would remove the image interaction along z that the DFT energies contain.
  const auto engine = workflow::periodic_engine_for(spec);
  const auto t0 = std::chrono::steady_clock::now();
  const auto rows = workflow::dft_validation(*engine, spec.elements, set,
                                             workflow::with_metal_species(set, dft_outcomes(set), spec.elements));
  const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (rows.empty())
    throw std::invalid_argument("potential dft-validate: no finished reference value in " + set.file.string() +
                                " involves only the elements of " + spec.id);
  const std::string md = workflow::dft_validation_markdown(rows, spec.id, engine_name(*engine));
  fmt::print("{}\n({:.1f} s)\n", md, secs);
  const std::filesystem::path out_dir =
      a.out.empty() ? std::filesystem::path(metadata).parent_path() : std::filesystem::path(a.out);
  std::filesystem::create_directories(out_dir);
  nabridge::write_file_atomically(out_dir / "dft_validation.csv", workflow::dft_validation_csv(rows));
  nabridge::write_file_atomically(out_dir / "dft_validation.md", md);
  fmt::print("wrote {} and {}\n", (out_dir / "dft_validation.csv").string(), (out_dir / "dft_validation.md").string());
}

void run_show(const std::string& id, const std::vector<std::string>& extra_dirs,
              const std::vector<std::string>& elements) {
  const auto dirs = search_dirs(extra_dirs);
  const PotentialSpec spec = load_potential(id, dirs, elements);
  fmt::print("id: {}\nmetadata: {}\nelements:", spec.id, find_potential(id, dirs));
  for (const auto& e : spec.elements) fmt::print(" {}", e);
  fmt::print("\nunits {}\n", spec.units);
  for (const auto& c : spec.commands) fmt::print("{}\n", c);
  for (const auto& f : spec.files) fmt::print("file: {}\n", f);
}

}  // namespace nabridge::cli
