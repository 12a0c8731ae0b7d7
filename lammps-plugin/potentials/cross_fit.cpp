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
#include "potentials/eam_engine.h"
#include "nabridge/base/toml_reader.h"

namespace nabridge::potentials {

namespace {
std::vector<CrossFitDftShift> read_dft_shifts(const TomlReader& dft, const std::vector<std::string>& systems) {
  std::vector<CrossFitDftShift> out;
  for (const auto& t : dft.table_array("shift")) {
    t.allow_only({"system", "converged", "config"});
    CrossFitDftShift s{t.string("system"), t.string("converged"), t.string("config")};
    if (std::find(systems.begin(), systems.end(), s.system) == systems.end()) t.fail("system", "not one of this [[dft]]'s systems");
    if (s.converged == s.system) t.fail("converged", "the same system as `system`");
    out.push_back(s);
  }
  return out;
}

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
  const std::vector<std::string> parameters = {"scale", "stretch", "density_at_" + p.a, "density_at_" + p.b};
  std::set<std::string> keys = {"elements", "free", "prior_sigma"};
  for (const auto& q : parameters) keys.insert("start_" + q);
  t.allow_only(keys);
  p.free = t.strings("free");
  for (const auto& f : p.free)
    if (std::find(parameters.begin(), parameters.end(), f) == parameters.end())
      t.fail("free", "'" + f + "' is not one of scale, stretch, density_at_" + p.a + ", density_at_" + p.b);
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
  const std::string density_prefix = "density_at_";
  if (name.rfind(density_prefix, 0) == 0) return t.density_at.try_emplace(name.substr(density_prefix.size()), 1.0).first->second;
  throw std::invalid_argument("cross term: no parameter '" + name + "'");
}

namespace {
struct FreeParameter {
  std::size_t pair;
  std::string name;
};
}  // namespace

CrossFitResult fit_cross_terms(const ZhouAlloyModel& base, const CrossFitSpec& spec) {
  // Every free parameter is positive: the fit works on its logarithm.
  std::vector<FreeParameter> free;
  Eigen::VectorXd x0(0);
  std::vector<double> prior;
  for (std::size_t p = 0; p < spec.pairs.size(); ++p)
    for (std::size_t k = 0; k < spec.pairs[p].free.size(); ++k) {
      free.push_back({p, spec.pairs[p].free[k]});
      CrossTerm start = spec.pairs[p].start;
      x0.conservativeResize(x0.size() + 1);
      x0[x0.size() - 1] = std::log(cross_parameter(start, spec.pairs[p].free[k]));
      prior.push_back(spec.pairs[p].prior_sigma[k]);
    }
  auto model_at = [&](const Eigen::VectorXd& x) {
    ZhouAlloyModel m = base;
    std::vector<CrossTerm> terms;
    for (const auto& p : spec.pairs) terms.push_back(p.start);
    for (std::size_t i = 0; i < free.size(); ++i) cross_parameter(terms[free[i].pair], free[i].name) = std::exp(x[i]);
    for (std::size_t p = 0; p < spec.pairs.size(); ++p) m.set_cross(spec.pairs[p].a, spec.pairs[p].b, terms[p]);
    return m;
  };

  std::vector<std::string> elements;
  for (const auto& [e, r] : spec.elements) elements.push_back(e);
  // Elemental references do not depend on the unlike pairs: compute once.
  EamEngine base_engine(base);
  const ElementalGroundStates ground = elemental_ground_states(base_engine, spec.elements, elements);
  Lbfgs tight(OptimizerOptions{1e-5, 5000, 0.1});  // see the residual below

  // A target depends only on the free parameters of the pairs among its species. In a
  // finite-difference sweep most targets therefore see unchanged parameters: each target keeps
  // the values it computed, keyed by its own parameters, and reuses them.
  std::vector<std::vector<std::size_t>> depends_on(spec.targets.size());
  for (std::size_t t = 0; t < spec.targets.size(); ++t) {
    const auto species = spec.targets[t].species();
    const auto has = [&](const std::string& e) { return std::find(species.begin(), species.end(), e) != species.end(); };
    for (std::size_t i = 0; i < free.size(); ++i)
      if (has(spec.pairs[free[i].pair].a) && has(spec.pairs[free[i].pair].b)) depends_on[t].push_back(i);
  }
  std::vector<std::map<std::vector<double>, double>> computed(spec.targets.size());
  auto evaluate_all = [&](const Eigen::VectorXd& x) {
    std::optional<ZhouAlloyModel> model;
    std::optional<EamEngine> engine;
    std::vector<double> v;
    for (std::size_t t = 0; t < spec.targets.size(); ++t) {
      std::vector<double> key;
      for (std::size_t i : depends_on[t]) key.push_back(x[static_cast<Eigen::Index>(i)]);
      if (const auto it = computed[t].find(key); it != computed[t].end()) {
        v.push_back(it->second);
        continue;
      }
      if (!engine) engine.emplace(model.emplace(model_at(x)));
      v.push_back(evaluate_cross_target(*engine, spec.targets[t], spec.elements, ground, true, &tight));
      if (computed[t].size() > 256) computed[t].clear();  // bounded: old iterates are not revisited
      computed[t].emplace(std::move(key), v.back());
    }
    return v;
  };

  int nprior = 0;
  for (double s : prior) nprior += s > 0;
  const int m = static_cast<int>(spec.targets.size()) + nprior;
  CrossFitResult res;
  const std::vector<double> start_values = evaluate_all(x0);
  // Relaxed values inside the residual: the minimiser stops at |f| < 1e-5 eV/Å, so its energy
  // error (~|f|²/k, 1e-10 eV) is far below the Jacobian's differences (~1e-6 eV).
  ResidualFunction f = [&](const Eigen::VectorXd& xx, Eigen::VectorXd& r) {
    const auto v = evaluate_all(xx);
    int k = 0;
    for (std::size_t t = 0; t < spec.targets.size(); ++t, ++k) r[k] = spec.targets[t].residual(v[t]);
    for (std::size_t i = 0; i < prior.size(); ++i)
      if (prior[i] > 0) r[k++] = std::expm1(xx[i] - x0[i]) / prior[i];
  };
  const LsqResult lsq = levenberg_marquardt(f, x0, m, spec.lsq);
  const Eigen::VectorXd x = lsq.x;
  res.cost = lsq.cost;
  res.evaluations = lsq.evaluations;
  res.converged = lsq.converged();
  res.message = lsq.message;
  const ZhouAlloyModel final_model = model_at(x);
  for (const auto& p : spec.pairs) res.terms[{p.a, p.b}] = final_model.cross(p.a, p.b);
  const auto final_values = evaluate_all(x);
  for (std::size_t t = 0; t < spec.targets.size(); ++t)
    res.rows.push_back({spec.targets[t], start_values[t], final_values[t], spec.targets[t].residual(final_values[t])});
  return res;
}

std::string cross_fit_markdown(const CrossFitResult& r) {
  std::string s = "| system | property | alloy rule | fitted | target | sigma | residual | source |\n|---|---|---|---|---|---|---|---|\n";
  for (const auto& row : r.rows)
    s += fmt::format("| {} | {} | {:.4g} | {:.4g} | {} | {:.3g} | {:+.3f} | {} |\n", row.target.system(), row.target.kind,
                     row.model_start, row.model, row.target.describe(), row.target.sigma, row.residual, row.target.source);
  s += "\n| pair | scale | stretch | density factors |\n|---|---|---|---|\n";
  for (const auto& [k, t] : r.terms) {
    std::string factors;
    for (const auto& [receiver, factor] : t.density_at) factors += fmt::format("{}at {}: {:.5f}", factors.empty() ? "" : ", ", receiver, factor);
    s += fmt::format("| {}-{} | {:.5f} | {:.5f} | {} |\n", k.first, k.second, t.scale, t.stretch, factors.empty() ? "1" : factors);
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
