#include "potentials/cross_fit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <stdexcept>

#include "optimize/lbfgs.h"
#include "potentials/dft_shift.h"
#include "potentials/eam_engine.h"
#include "nabridge/base/toml_reader.h"

namespace nabridge::potentials {

namespace {
std::vector<CrossFitDftSource> read_dft_sources(const TomlReader& top) {
  std::vector<CrossFitDftSource> out;
  for (const auto& t : top.table_array("dft")) {
    t.allow_only({"set", "systems", "sigma", "reference", "shift"});
    CrossFitDftSource d;
    d.set = (std::filesystem::path(t.file()).parent_path() / t.string("set")).lexically_normal().string();
    d.systems = t.strings("systems");
    if (d.systems.empty()) t.fail("systems", "none given");
    d.sigma = t.number_or("sigma", d.sigma);
    if (!(d.sigma > 0)) t.fail("sigma", "must be > 0");
    d.reference = t.string_or("reference", d.reference);
    if (d.reference != "bulk" && d.reference != "atom") t.fail("reference", "'bulk' or 'atom'");
    d.shifts = read_dft_shifts(t, d.systems);
    out.push_back(d);
  }
  return out;
}

/// [elements.X]: the lattice and lattice-constant guess of each element's reference crystal.
std::map<std::string, ElementReference> read_element_references(const TomlReader& top) {
  std::map<std::string, ElementReference> out;
  const auto elements = top.required_table("elements");
  for (const auto& [key, node] : elements.raw()) {
    const std::string el(key.str());
    const auto t = elements.required_table(el);
    t.allow_only({"lattice", "a_guess_A"});
    ElementReference r{t.string("lattice"), t.number("a_guess_A")};
    if (r.lattice != "fcc" && r.lattice != "bcc") t.fail("lattice", "fcc or bcc");
    out[el] = r;
  }
  return out;
}

/// One [[pair]]: its two elements, free parameters with their prior widths, and start values.
CrossPairSpec read_cross_pair(const TomlReader& t) {
  const auto els = t.strings("elements");
  if (els.size() != 2 || els[0] == els[1]) t.fail("elements", "two different elements");
  CrossPairSpec p;
  p.a = els[0];
  p.b = els[1];
  const std::vector<std::string> parameters = {"scale", "stretch", "density_at_" + p.a, "density_at_" + p.b,
                                               "density_stretch"};
  std::set<std::string> keys = {"elements", "free", "prior_sigma"};
  for (const auto& q : parameters) keys.insert("start_" + q);
  t.allow_only(keys);
  p.free = t.strings("free");
  for (const auto& f : p.free)
    if (std::find(parameters.begin(), parameters.end(), f) == parameters.end())
      t.fail("free", "'" + f + "' is not one of scale, stretch, density_at_" + p.a + ", density_at_" + p.b +
                         ", density_stretch");
  p.prior_sigma = t.has("prior_sigma") ? t.numbers("prior_sigma") : std::vector<double>(p.free.size(), 0.0);
  if (p.prior_sigma.size() != p.free.size()) t.fail("prior_sigma", "one value per free parameter");
  for (const auto& q : parameters)
    if (const auto v = t.number_if("start_" + q)) {
      if (!(*v > 0)) t.fail("start_" + q, "must be > 0");
      cross_parameter(p.start, q) = *v;
    }
  return p;
}
}  // namespace

CrossFitSpec read_cross_fit_spec(const std::string& path) {
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  top.allow_only({"recipe", "elements", "pair", "target", "dft", "max_evaluations", "note"});
  CrossFitSpec s;
  s.file = path;
  s.recipe = (std::filesystem::path(path).parent_path() / top.string("recipe")).lexically_normal().string();
  s.lsq.max_evaluations = static_cast<int>(top.number_or("max_evaluations", 3000));
  s.elements = read_element_references(top);
  const auto pairs = top.table_array("pair");
  if (pairs.empty()) top.fail("pair", "[[pair]]: none given");
  for (const auto& t : pairs) s.pairs.push_back(read_cross_pair(t));
  s.dft = read_dft_sources(top);
  const auto targets = top.table_array("target");
  if (targets.empty() && s.dft.empty()) top.fail("target", "[[target]]: none given (and no [[dft]] set)");
  for (const auto& t : targets) {
    CrossTarget c = read_cross_target(t);
    for (const auto& e : c.species())
      if (!s.elements.count(e)) t.fail("", "element '" + e + "' has no [elements." + e + "] entry");
    s.targets.push_back(c);
  }
  return s;
}

double& cross_parameter(CrossTerm& t, const std::string& name) {
  if (name == "scale") return t.scale;
  if (name == "stretch") return t.stretch;
  if (name == "density_stretch") return t.density_stretch;
  const std::string density_prefix = "density_at_";
  if (name.rfind(density_prefix, 0) == 0)
    return t.density_at.try_emplace(name.substr(density_prefix.size()), 1.0).first->second;
  throw std::invalid_argument("cross term: no parameter '" + name + "'");
}

namespace {
/// One free parameter of the fit: which pair, which of its parameters.
struct FreeParameter {
  std::size_t pair;
  std::string name;
};

/// The fit's unknowns. Every free parameter is positive: the fit works on its logarithm.
struct FitVariables {
  std::vector<FreeParameter> parameters;
  Eigen::VectorXd log_start;        // log of each parameter's start value
  std::vector<double> prior_sigma;  // each parameter's prior width (0: no prior)
};

FitVariables fit_variables(const CrossFitSpec& spec) {
  FitVariables v;
  std::vector<double> log_start;
  for (std::size_t p = 0; p < spec.pairs.size(); ++p)
    for (std::size_t k = 0; k < spec.pairs[p].free.size(); ++k) {
      v.parameters.push_back({p, spec.pairs[p].free[k]});
      CrossTerm start = spec.pairs[p].start;
      log_start.push_back(std::log(cross_parameter(start, spec.pairs[p].free[k])));
      v.prior_sigma.push_back(spec.pairs[p].prior_sigma[k]);
    }
  v.log_start = Eigen::Map<const Eigen::VectorXd>(log_start.data(), static_cast<Eigen::Index>(log_start.size()));
  return v;
}

/// `base` with the spec's cross terms, the free parameters set to exp(x).
ZhouAlloyModel model_at(const ZhouAlloyModel& base, const CrossFitSpec& spec, const FitVariables& vars,
                        const Eigen::VectorXd& x) {
  ZhouAlloyModel m = base;
  std::vector<CrossTerm> terms;
  for (const auto& p : spec.pairs) terms.push_back(p.start);
  for (std::size_t i = 0; i < vars.parameters.size(); ++i)
    cross_parameter(terms[vars.parameters[i].pair], vars.parameters[i].name) =
        std::exp(x[static_cast<Eigen::Index>(i)]);
  for (std::size_t p = 0; p < spec.pairs.size(); ++p) m.set_cross(spec.pairs[p].a, spec.pairs[p].b, terms[p]);
  return m;
}

/// For each target, the free parameters it depends on: those of the pairs among its species.
std::vector<std::vector<std::size_t>> target_dependencies(const CrossFitSpec& spec, const FitVariables& vars) {
  std::vector<std::vector<std::size_t>> depends_on(spec.targets.size());
  for (std::size_t t = 0; t < spec.targets.size(); ++t) {
    const auto species = spec.targets[t].species();
    const auto has = [&](const std::string& e) {
      return std::find(species.begin(), species.end(), e) != species.end();
    };
    for (std::size_t i = 0; i < vars.parameters.size(); ++i) {
      const CrossPairSpec& pair = spec.pairs[vars.parameters[i].pair];
      if (has(pair.a) && has(pair.b)) depends_on[t].push_back(i);
    }
  }
  return depends_on;
}

ElementalGroundStates ground_states(const ZhouAlloyModel& base, const CrossFitSpec& spec) {
  std::vector<std::string> elements;
  for (const auto& [e, r] : spec.elements) elements.push_back(e);
  EamEngine engine(base);
  return elemental_ground_states(engine, spec.elements, elements);
}

/// The targets' model values at a point x of the fit, relaxed. In a finite-difference sweep most
/// targets see unchanged parameters (target_dependencies): each target keeps the values it
/// computed, keyed by its own parameters, and reuses them.
class TargetValues {
 public:
  TargetValues(const ZhouAlloyModel& base, const CrossFitSpec& spec, const FitVariables& vars)
      : base_(base), spec_(spec), vars_(vars), ground_(ground_states(base, spec)),
        depends_on_(target_dependencies(spec, vars)), computed_(spec.targets.size()) {}

  std::vector<double> operator()(const Eigen::VectorXd& x) {
    std::optional<ZhouAlloyModel> model;
    std::optional<EamEngine> engine;
    std::vector<double> v;
    for (std::size_t t = 0; t < spec_.targets.size(); ++t) {
      std::vector<double> key;
      for (std::size_t i : depends_on_[t]) key.push_back(x[static_cast<Eigen::Index>(i)]);
      if (const auto it = computed_[t].find(key); it != computed_[t].end()) {
        v.push_back(it->second);
        continue;
      }
      if (!engine) engine.emplace(model.emplace(model_at(base_, spec_, vars_, x)));
      v.push_back(evaluate_cross_target(*engine, spec_.targets[t], spec_.elements, ground_, true, &tight_));
      if (computed_[t].size() > 256) computed_[t].clear();  // bounded: old iterates are not revisited
      computed_[t].emplace(std::move(key), v.back());
    }
    return v;
  }

 private:
  const ZhouAlloyModel& base_;
  const CrossFitSpec& spec_;
  const FitVariables& vars_;
  const ElementalGroundStates ground_;  // computed once: the unlike pairs do not change the elements
  // Relaxed values inside the residual: the minimiser stops at |f| < 1e-5 eV/Å, so its energy
  // error (~|f|²/k, 1e-10 eV) is far below the Jacobian's differences (~1e-6 eV).
  Lbfgs tight_{OptimizerOptions{1e-5, 5000, 0.1}};
  const std::vector<std::vector<std::size_t>> depends_on_;
  std::vector<std::map<std::vector<double>, double>> computed_;
};

/// One residual per target, then one per parameter with a prior: (p/p_start − 1)/σ_prior.
int residual_count(const CrossFitSpec& spec, const FitVariables& vars) {
  return static_cast<int>(spec.targets.size()) + log_prior_count(vars.prior_sigma);
}

void fit_residuals(const CrossFitSpec& spec, const FitVariables& vars, const std::vector<double>& values,
                   const Eigen::VectorXd& x, Eigen::VectorXd& r) {
  int k = 0;
  for (std::size_t t = 0; t < spec.targets.size(); ++t, ++k) r[k] = spec.targets[t].residual(values[t]);
  log_prior_residuals(x, vars.log_start, vars.prior_sigma, r, k);
}

CrossFitResult fit_result(const CrossFitSpec& spec, const LsqResult& lsq, const ZhouAlloyModel& fitted,
                          const std::vector<double>& start_values, const std::vector<double>& final_values) {
  CrossFitResult res;
  res.cost = lsq.cost;
  res.evaluations = lsq.evaluations;
  res.converged = lsq.converged();
  res.message = lsq.message;
  for (const auto& p : spec.pairs) res.terms[{p.a, p.b}] = fitted.cross(p.a, p.b);
  for (std::size_t t = 0; t < spec.targets.size(); ++t)
    res.rows.push_back({spec.targets[t], start_values[t], final_values[t], spec.targets[t].residual(final_values[t])});
  return res;
}
}  // namespace

CrossFitResult fit_cross_terms(const ZhouAlloyModel& base, const CrossFitSpec& spec) {
  const FitVariables vars = fit_variables(spec);
  TargetValues values(base, spec, vars);
  const std::vector<double> start_values = values(vars.log_start);
  const ResidualFunction f = [&](const Eigen::VectorXd& x, Eigen::VectorXd& r) {
    fit_residuals(spec, vars, values(x), x, r);
  };
  const LsqResult lsq = levenberg_marquardt(f, vars.log_start, residual_count(spec, vars), spec.lsq);
  const ZhouAlloyModel fitted = model_at(base, spec, vars, lsq.x);
  return fit_result(spec, lsq, fitted, start_values, values(lsq.x));
}

ZhouAlloyModel fitted_model(const ZhouAlloyModel& base, const CrossFitResult& r) {
  ZhouAlloyModel m = base;
  for (const auto& [pair, term] : r.terms) m.set_cross(pair.first, pair.second, term);
  return m;
}

std::string cross_fit_markdown(const CrossFitResult& r) {
  std::string s =
      "| system | property | alloy rule | fitted | target | sigma | residual | source |\n"
      "|---|---|---|---|---|---|---|---|\n";
  for (const auto& row : r.rows)
    s += fmt::format("| {} | {} | {:.4g} | {:.4g} | {} | {:.3g} | {:+.3f} | {} |\n", row.target.system(),
                     row.target.kind, row.model_start, row.model, row.target.describe(), row.target.sigma, row.residual,
                     row.target.source);
  s += "\n| pair | scale | stretch | density factors | density stretch |\n|---|---|---|---|---|\n";
  for (const auto& [k, t] : r.terms) {
    std::string factors;
    for (const auto& [receiver, factor] : t.density_at)
      factors += fmt::format("{}at {}: {:.5f}", factors.empty() ? "" : ", ", receiver, factor);
    s += fmt::format("| {}-{} | {:.5f} | {:.5f} | {} | {:.5f} |\n", k.first, k.second, t.scale, t.stretch,
                     factors.empty() ? "1" : factors, t.density_stretch);
  }
  return s;
}

CrossTermFile cross_fit_file(const CrossFitResult& r, const std::string& note) {
  CrossTermFile f;
  f.note = note;
  f.pairs = r.terms;
  for (const auto& row : r.rows)
    f.fit.push_back({row.target.system(), row.target.kind, row.target.describe(), row.target.source, row.model,
                     row.target.sigma, row.residual});
  return f;
}

}  // namespace nabridge::potentials
