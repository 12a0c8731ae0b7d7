#pragma once
// Cross-term fitting (a NaBridge feature): given reference values for alloy quantities
// (cross_properties.h: formation energies and lattice constants of intermetallics, solution
// energies, adsorption energies — each a value ± σ or a one-sided bound, with its source), fit the
// corrections of chosen unlike pairs, φ_ab(r) = scale·φ_rule(r/stretch), the density factors
// density_at_a, density_at_b and the density range density_stretch (eam_model.h CrossTerm), by
// Levenberg–Marquardt
// with the analytic EamEngine. A Tikhonov prior (p − 1)/σ_prior on each free parameter keeps the
// correction as small as the data allow (bounds alone would leave it undetermined). Targets
// are evaluated relaxed inside every residual (tight minimiser tolerance).
//
// Spec (TOML, e.g. data/potentials/cross_fit_NaAlCuAu.toml):
//   recipe = "...recipe.toml"                  element parameters and cutoff
//   [elements.Na] lattice = "bcc", a_guess_A = 4.225      (reference lattices)
//   [[pair]] elements = ["Na", "Al"], free = ["scale", "stretch", "density_at_Na"], prior_sigma = [0.5, 0.1, 0.5]
//            (start_<parameter> = value: the start, default 1)
//   [[target]] kind = "solution_energy", host = "Al", solute = "Na", min = 0.0, sigma = 0.05, source = "..."
//   [[dft]] set = "../reference/dft/reference.toml", systems = ["Al111"], sigma = 0.03, reference = "bulk"
//           every binding-curve point of those systems becomes a binding_energy target; the
//           caller turns them into targets (workflow/dft_targets.h) and appends them to `targets`
//   [[dft.shift]] system = "Al111", converged = "Al111-k331", config = "fcc_z2.70"
//           a convergence correction added to every point of `system` (potentials/dft_shift.h)
#include <map>
#include <string>
#include <vector>

#include "potentials/cross_properties.h"
#include "potentials/cross_terms.h"
#include "potentials/dft_shift.h"
#include "potentials/eam_model.h"
#include "potentials/least_squares.h"

namespace nabridge::potentials {

struct CrossPairSpec {
  std::string a, b;
  std::vector<std::string> free;      // "scale", "stretch", "density_at_<a>", "density_at_<b>", "density_stretch"
  std::vector<double> prior_sigma;    // one per free parameter (0: no prior)
  CrossTerm start;
};

/// A DFT reference set whose adsorption points are fit targets (read, not yet expanded).
struct CrossFitDftSource {
  std::string set;                    // reference description, resolved relative to the spec
  std::vector<std::string> systems;   // adsorption systems of the set to use
  double sigma = 0.05;                // eV, per point
  std::string reference = "bulk";     // energies vs the adsorbate's bulk or isolated atom
  std::vector<DftShift> shifts;  // potentials/dft_shift.h
};

struct CrossFitSpec {
  std::string file, recipe;
  std::vector<CrossFitDftSource> dft;
  std::map<std::string, ElementReference> elements;
  std::vector<CrossPairSpec> pairs;
  std::vector<CrossTarget> targets;
  LsqOptions lsq;
};

struct CrossFitRow {
  CrossTarget target;
  double model_start = 0.0;  // with the start cross terms (usually the bare alloy rule)
  double model = 0.0;        // after the fit
  double residual = 0.0;
};

struct CrossFitResult {
  std::map<std::pair<std::string, std::string>, CrossTerm> terms;
  std::vector<CrossFitRow> rows;
  double cost = 0.0;
  int evaluations = 0;
  bool converged = false;
  std::string message;
};

/// The named parameter of a cross term ("scale", "stretch", "density_at_<element>", "density_stretch"); a density
/// factor not yet set is created at 1. Throws std::invalid_argument for another name.
double& cross_parameter(CrossTerm& t, const std::string& name);

/// Throws std::invalid_argument naming file and entry. `recipe` is resolved relative to the file.
CrossFitSpec read_cross_fit_spec(const std::string& path);

/// Fits the spec's pairs on top of `base` (its elements and any existing corrections).
CrossFitResult fit_cross_terms(const ZhouAlloyModel& base, const CrossFitSpec& spec);

/// `base` with the fitted cross terms of `r` (the model whose terms cross_fit_file writes).
ZhouAlloyModel fitted_model(const ZhouAlloyModel& base, const CrossFitResult& r);

/// Markdown table: system, property, start value, fitted value, target, σ, residual, source.
std::string cross_fit_markdown(const CrossFitResult& r);

/// The result as a cross-term file with fit records.
CrossTermFile cross_fit_file(const CrossFitResult& r, const std::string& note);

}  // namespace nabridge::potentials
