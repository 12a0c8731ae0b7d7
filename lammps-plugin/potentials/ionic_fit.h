#pragma once
// Refitting chosen pair_coeff parameters of a pair-wise (rigid-ion) potential to reference values
// (a NaBridge feature, `nabridge potential fit-ionic`): e.g. the Na–O Morse of batio3-pedone to the
// NaBridge PBE adsorption and Na-film points of Na on BaTiO3(001). Levenberg–Marquardt on the logarithms of
// the parameters with Tikhonov priors around their start values (least_squares.h, shared with the
// cross-term fit); the model values come from a callback (the workflow layer evaluates the
// DFT geometries, workflow/ionic_fit_targets.h).
//
// Spec (TOML, e.g. data/potentials/ionic_fit_batio3-pedone.toml):
//   potential = "batio3-pedone"       the potential to start from (id, or a potential.toml path
//                                     relative to the spec)
//   id = "batio3-pedone-nadft"        the refitted potential's id;  title = "..."
//   max_evaluations = 400             (optional) residual evaluations of the fit
//   add_pair_style = ["nabridge/morse/bondorder 5.5"]   (optional) sub-styles appended to the start's
//       hybrid/overlay pair_style (and its Ewald twin's), for a form of term the start lacks, e.g. a
//       Na–O bond that weakens with the Na's own Na neighbours (docs/styles/); none may be a style
//       the start already has.
//   add_pair_coeff = ["2 4 morse 0.01 1.5 3.0"]   (optional) pair terms the start lacks, added
//       after its pair_coeff lines (and its Ewald twin's) for the fit and the refit; their numbers
//       are the start values of the parameters that name them. The style must be one of the
//       start's pair_style or an added one; a pair the start already has with that style is
//       fitted, not added.
//   form = "...", known_limits = ["...", ...]   (optional) the refit's [metadata] form and
//       known_limits in place of the start's, when the added terms make the start's untrue (e.g. "Na–Ba
//       interact only through Coulomb" once a Na–Ba term is added).
//   [[parameter]] name = "D0_NaO", pair = "3 4 morse", index = 0, prior_sigma = 1.0,
//                 range = [0.005, 1.0]
//       pair: the leading "i j style" tokens of the one pair_coeff line it belongs to; index: which
//       number after the style (0-based); prior_sigma: width of the prior (p/p_start − 1)/σ (0: no
//       prior); range: the physically plausible values (a fit that ends outside is flagged, not
//       clipped); start = value (optional): the start instead of the potential's value.
//   [[dft]] set = "../reference/dft/reference.toml", systems = ["BaTiO3-TiO2"], sigma = 0.05
//       every finished E_bind@z point (vs the isolated atom, in the DFT geometry) of those
//       adsorption systems is a target of weight 1/sigma (eV).
//   quantities = ["E_bind@z", "z_min"], sigma_z_A = 0.05   (optional in [[dft]]; default
//       ["E_bind@z"], the points are always fitted): "z_min" adds the DFT z_min of every site
//       with a binding curve (the parabola minimum of its points) as a target of weight
//       1/sigma_z_A (Å), against the candidate's relaxed adatom height on the frozen DFT slab: a
//       height search per site and evaluation.
//   sigma_W_J_m2 = 0.05   (in [[dft]]; required when systems names a film system) every finished
//       W_ad@z point of a named film system (a Na layer at a fixed height over the frozen slab) is
//       a target of weight 1/sigma_W_J_m2 (J/m²).
//   [[dft.shift]] system = "BaTiO3-TiO2", converged = "BaTiO3-TiO2-k221", config = "hollow-O4_z1.50"
//       (optional, repeatable) a convergence correction added to every E_bind@z point of an
//       adsorption system (potentials/dft_shift.h; z_min targets are unchanged by it, a film
//       system takes none).
#include <functional>
#include <string>
#include <vector>

#include "core/potential_spec.h"
#include "potentials/dft_shift.h"
#include "potentials/least_squares.h"

namespace nabridge::potentials {

struct IonicFitParameter {
  std::string name;
  std::vector<std::string> pair;  // leading tokens of its pair_coeff line: "3", "4", "morse"
  int index = 0;                  // the index-th number after the style
  double start = 0.0;
  double prior_sigma = 0.0;  // 0: no prior
  double range_lo = 0.0, range_hi = 0.0;
};

struct IonicFitDftSource {
  std::string set;  // reference description, resolved relative to the spec
  std::vector<std::string> systems;
  bool fit_z_min = false;     // "z_min" in quantities: the relaxed height of every site with a curve
  double sigma_eV = 0.05;     // per E_bind@z point
  double sigma_z_A = 0.0;     // per z_min (given exactly when fit_z_min)
  double sigma_W_J_m2 = 0.0;  // per W_ad@z point of a film system (0: not given; a film system needs it)
  std::vector<DftShift> shifts;  // [[dft.shift]]
  std::string systems_where;  // "file:line: dft[k].systems", for an error about a system
};

struct IonicFitSpec {
  std::string file;
  std::string potential;  // metadata path of the start potential
  std::string id, title;
  std::vector<std::string> added_pair_styles;  // "style args...", appended to the start's pair_style
  std::vector<std::string> added_pair_coeff;   // "i j style numbers...", without the keyword
  std::string form;                            // the refit's [metadata] form; empty: the start's
  std::vector<std::string> known_limits;       // the refit's known_limits; empty: the start's
  std::vector<IonicFitParameter> parameters;
  std::vector<IonicFitDftSource> dft;
  LsqOptions lsq;
};

/// A hybrid/overlay pair_style (with or without the leading keyword) with the fit's added sub-styles
/// appended, in order.
std::string with_added_pair_styles(std::string pair_style, const std::vector<std::string>& added);

/// `start` with the fit's added sub-styles appended to its pair_style and "pair_coeff <line>" for each
/// of its added lines after its last pair_coeff command.
PotentialSpec with_added_terms(const PotentialSpec& start, const IonicFitSpec& fit);

/// Reads and checks the spec: the start potential (found in `search_dirs` or as a path relative
/// to the spec) must have exactly one pair_coeff line per parameter's `pair`, with a number at
/// `index`. std::invalid_argument naming the file, line and key.
IonicFitSpec read_ionic_fit_spec(const std::string& path, const std::vector<std::string>& search_dirs);

/// The value of `p` in `lines` (pair_coeff lines, with or without the leading keyword).
/// std::invalid_argument when no line or more than one starts with p.pair, or p.index is not a
/// number of that line.
double pair_coeff_parameter(const std::vector<std::string>& lines, const IonicFitParameter& p);

/// `lines` with each parameter set to its value (same errors as pair_coeff_parameter); every
/// other token is kept as written.
std::vector<std::string> with_pair_coeff_parameters(std::vector<std::string> lines,
                                                    const std::vector<IonicFitParameter>& parameters,
                                                    const std::vector<double>& values);

/// The potential with the parameters set (its "pair_coeff ..." commands rewritten).
PotentialSpec with_pair_coeff_parameters(const PotentialSpec& spec, const std::vector<IonicFitParameter>& parameters,
                                         const std::vector<double>& values);

struct IonicFitTarget {
  std::string system, site, quantity;  // as in dft_validation.csv: "E_bind@z1.50", "z_min"
  double value = 0.0, sigma = 0.0;
  std::string unit, source;
};

/// The model's value of every target, in order, for a candidate potential.
using IonicModelValues = std::function<std::vector<double>(const PotentialSpec&)>;

struct IonicFitRow {
  IonicFitTarget target;
  double start = 0.0, model = 0.0, residual = 0.0;  // residual = (model − value)/σ after the fit
};

struct IonicFitResult {
  std::vector<double> values;  // fitted, one per spec parameter
  std::vector<IonicFitRow> rows;
  double cost = 0.0;  // ½ Σ r², priors included
  int evaluations = 0;
  bool converged = false;
  std::string message;
  std::vector<std::string> outside_range;  // names of the parameters that ended outside their range
};

/// Fits the spec's parameters of `start` to the targets. Throws std::invalid_argument when there
/// are fewer targets and priors than parameters.
IonicFitResult fit_ionic(const IonicFitSpec& spec, const PotentialSpec& start,
                         const std::vector<IonicFitTarget>& targets, const IonicModelValues& model_values);

/// Markdown: the targets (reference, start, fitted, σ, residual), then the parameters (start,
/// fitted, range, prior).
std::string ionic_fit_markdown(const IonicFitSpec& spec, const IonicFitResult& r);

}  // namespace nabridge::potentials
