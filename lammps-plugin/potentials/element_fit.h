#pragma once
// Fits the parameters of one element in the Zhou–Johnson–Wadley form to targets (lattice
// constant, cohesive energy, elastic moduli, vacancy and surface energies, lattice stability)
// by Levenberg–Marquardt, evaluating every target with the analytic EamEngine.
//
// Construction kept from Zhou et al. (PRB 69, 144113): F1 = 0 unless freed; ρe is the density
// of the reference lattice at nearest-neighbour distance re (derive_rhoe); Fn0, Fn1 (value and
// slope continuity at 0.85 ρe), Fn3 (F(0) = 0), ρs and Fe (continuity at 1.15 ρe) follow from
// the free coefficients (zhou_complete_embedding); F3_above = F3 unless F3_above is free.
// Positive parameters (re, A, B, α, β, κ, λ, η) are fitted as logarithms.
// Relaxation energies of the vacancy and surfaces are not smooth in the parameters (they come
// from a minimiser), so each LM run fits unrelaxed values plus a relaxation correction held
// fixed; the correction is recomputed between runs (`outer_iterations`).
// A Tikhonov prior (θ − θ_start)/(prior_sigma·max(|θ_start|, 0.1)) keeps under-determined
// directions at the starting values.
#include <map>
#include <string>
#include <vector>

#include "potentials/fit_targets.h"
#include "potentials/least_squares.h"
#include "potentials/zhou_eam.h"

namespace nabridge::potentials {

struct ElementFitSpec {
  std::string file;                 // where the spec came from (for messages)
  ZhouElement start;
  std::vector<std::string> free;    // names: re fe rhoe A B alpha beta kappa lambda F0 F1 F2 F3 F3_above eta Fn2
  bool derive_rhoe = true;
  double prior_sigma = 0.5;         // 0: no prior
  int outer_iterations = 3;
  int vacancy_reps = 4;
  double cutoff_A = 0.0;
  std::vector<Target> targets;
  std::string start_file, citation;
  LsqOptions lsq;
};

struct ElementFitRow {
  Target target;
  double model = 0.0;
  double residual = 0.0;
};

struct ElementFitResult {
  ZhouElement fitted;
  std::vector<ElementFitRow> rows;  // final, relaxed properties
  double cost = 0.0;                // ½ Σ r² of the last LM run (targets + prior)
  int evaluations = 0;
  bool converged = false;
  std::string message;
};

/// Reads a fit spec (TOML, see data/potentials/na_fit.toml). Paths inside are relative to the file.
ElementFitSpec read_element_fit_spec(const std::string& path);

/// The parameter with this name (std::invalid_argument for an unknown name).
double& zhou_parameter(ZhouElement& e, const std::string& name);

/// Applies the construction rules above to a parameter set (ρe, Fn*, ρs, Fe).
void apply_zhou_construction(ZhouElement& e, bool derive_rhoe, bool tie_F3, double cutoff_A);

ElementFitResult fit_element(const ElementFitSpec& spec);

/// Markdown table of a fit's rows (property, model, target, σ, residual, source).
std::string element_fit_markdown(const ElementFitResult& r);

}  // namespace nabridge::potentials
