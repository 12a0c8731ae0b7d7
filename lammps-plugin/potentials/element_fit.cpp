#include "potentials/element_fit.h"

#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <set>
#include <stdexcept>

#include "potentials/element_properties.h"
#include "nabridge/base/toml_reader.h"
#include "potentials/zhou_params.h"

namespace nabridge::potentials {

namespace {
const std::set<std::string> kLogParams = {"re", "fe", "rhoe", "A", "B", "alpha", "beta", "kappa", "lambda", "eta"};

/// Σ_j f(r_j) at a site of the fcc/bcc lattice with nearest-neighbour distance re.
double lattice_density(const ZhouElement& e, double cutoff) {
  const bool bcc = e.lattice == "bcc";
  const double a = bcc ? 2 * e.re_A / std::sqrt(3.0) : std::sqrt(2.0) * e.re_A;
  const std::vector<Eigen::Vector3d> basis =
      bcc ? std::vector<Eigen::Vector3d>{{0, 0, 0}, {0.5, 0.5, 0.5}}
          : std::vector<Eigen::Vector3d>{{0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0}};
  const int n = static_cast<int>(std::ceil(cutoff / a)) + 1;
  double rho = 0.0;
  for (int i = -n; i <= n; ++i)
    for (int j = -n; j <= n; ++j)
      for (int k = -n; k <= n; ++k)
        for (const auto& b : basis) {
          const double r = a * (Eigen::Vector3d(i, j, k) + b).norm();
          if (r > 1e-9 && r < cutoff) rho += e.density(r);
        }
  return rho;
}
}  // namespace

double& zhou_parameter(ZhouElement& e, const std::string& name) {
  if (name == "re") return e.re_A;
  if (name == "fe") return e.fe;
  if (name == "rhoe") return e.rhoe;
  if (name == "A") return e.A_eV;
  if (name == "B") return e.B_eV;
  if (name == "alpha") return e.alpha;
  if (name == "beta") return e.beta;
  if (name == "kappa") return e.kappa;
  if (name == "lambda") return e.lambda;
  if (name == "F0") return e.F_eV[0];
  if (name == "F1") return e.F_eV[1];
  if (name == "F2") return e.F_eV[2];
  if (name == "F3") return e.F_eV[3];
  if (name == "F3_above") return e.F3_above_eV;
  if (name == "eta") return e.eta;
  if (name == "Fn2") return e.Fn_eV[2];
  throw std::invalid_argument(
      "zhou parameter '" + name +
      "' is not fittable (re fe rhoe A B alpha beta kappa lambda F0 F1 F2 F3 F3_above eta Fn2)");
}

void apply_zhou_construction(ZhouElement& e, bool derive_rhoe, bool tie_F3, double cutoff_A) {
  if (tie_F3) e.F3_above_eV = e.F_eV[3];
  if (derive_rhoe) {
    const double rc = cutoff_A > 0 ? cutoff_A : std::sqrt(5.0) * e.re_A;
    e.rhoe = lattice_density(e, rc);
  }
  zhou_complete_embedding(e);
}

ElementFitSpec read_element_fit_spec(const std::string& path) {
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  top.allow_only({"element", "start", "free", "derive_rhoe", "prior_sigma", "outer_iterations", "vacancy_reps",
                  "cutoff_A", "citation", "target", "max_evaluations", "note"});
  ElementFitSpec s;
  s.file = path;
  const std::string element = top.string("element");
  const auto dir = std::filesystem::path(path).parent_path();
  s.start_file = (dir / top.string("start")).lexically_normal().string();
  s.start = read_zhou_parameters(s.start_file).get(element);
  s.free = top.strings("free");
  for (const auto& f : s.free) {
    try {
      zhou_parameter(s.start, f);
    } catch (const std::invalid_argument& e) {
      top.fail("free", e.what());
    }
  }
  if (s.free.empty()) top.fail("free", "empty");
  s.derive_rhoe = top.boolean_or("derive_rhoe", true);
  s.prior_sigma = top.number_or("prior_sigma", 0.5);
  s.outer_iterations = static_cast<int>(top.number_or("outer_iterations", 3));
  s.vacancy_reps = static_cast<int>(top.number_or("vacancy_reps", 4));
  s.cutoff_A = top.number_or("cutoff_A", 0.0);
  s.citation = top.string_or("citation", "");
  s.lsq.max_evaluations = static_cast<int>(top.number_or("max_evaluations", 6000));
  const auto targets = top.table_array("target");
  if (targets.empty()) top.fail("target", "[[target]]: none given");
  for (const auto& t : targets) {
    Target g = read_target(t);
    if (g.property.empty()) t.fail("property", "missing");
    require_element_property(g.property, t.file() + ": " + t.path());
    s.targets.push_back(g);
  }
  if (s.outer_iterations < 1) top.fail("outer_iterations", "must be >= 1");
  return s;
}

namespace {
struct Mapper {
  const ElementFitSpec& spec;
  bool tie_F3;
  Eigen::VectorXd encode(ZhouElement e) const {
    Eigen::VectorXd x(spec.free.size());
    for (std::size_t i = 0; i < spec.free.size(); ++i) {
      const double v = zhou_parameter(e, spec.free[i]);
      x[i] = kLogParams.count(spec.free[i]) ? std::log(v) : v;
    }
    return x;
  }
  ZhouElement decode(const Eigen::VectorXd& x) const {
    ZhouElement e = spec.start;
    for (std::size_t i = 0; i < spec.free.size(); ++i)
      zhou_parameter(e, spec.free[i]) = kLogParams.count(spec.free[i]) ? std::exp(x[i]) : x[i];
    apply_zhou_construction(e, spec.derive_rhoe, tie_F3, spec.cutoff_A);
    return e;
  }
};

std::set<std::string> wanted(const ElementFitSpec& s) {
  std::set<std::string> w;
  for (const auto& t : s.targets) w.insert(t.property);
  return w;
}
}  // namespace

ElementFitResult fit_element(const ElementFitSpec& spec) {
  bool tie_F3 = true;
  for (const auto& f : spec.free)
    if (f == "F3_above") tie_F3 = false;
  const Mapper map{spec, tie_F3};
  const std::set<std::string> props = wanted(spec);
  const bool needs_relax = props.count("Ev_eV") || props.count("gamma100_J_m2") || props.count("gamma110_J_m2") ||
                           props.count("gamma111_J_m2");
  ElementPropertyOptions unrelaxed;
  unrelaxed.relax = false;
  unrelaxed.vacancy_reps = spec.vacancy_reps;
  unrelaxed.cutoff_A = spec.cutoff_A;
  ElementPropertyOptions relaxed = unrelaxed;
  relaxed.relax = true;

  const Eigen::VectorXd x_start = map.encode(spec.start);
  std::vector<double> prior_scale(spec.free.size());
  for (std::size_t i = 0; i < spec.free.size(); ++i)
    prior_scale[i] = kLogParams.count(spec.free[i]) ? 1.0 : std::max(std::abs(x_start[i]), 0.1);

  const int m = static_cast<int>(spec.targets.size() + (spec.prior_sigma > 0 ? spec.free.size() : 0));
  std::map<std::string, double> correction;  // relaxed − unrelaxed, per property
  Eigen::VectorXd x = x_start;
  ElementFitResult res;
  for (int outer = 0; outer < spec.outer_iterations; ++outer) {
    if (needs_relax) {
      const ZhouElement e = map.decode(x);
      const auto rel = element_properties(e, props, relaxed);
      const auto unr = element_properties(e, props, unrelaxed);
      for (const auto& p : props) correction[p] = rel.at(p) - unr.at(p);
    }
    ResidualFunction f = [&](const Eigen::VectorXd& xx, Eigen::VectorXd& r) {
      const ZhouElement e = map.decode(xx);
      const auto v = element_properties(e, props, unrelaxed);
      int k = 0;
      for (const auto& t : spec.targets) {
        const auto c = correction.find(t.property);
        r[k++] = t.residual(v.at(t.property) + (c == correction.end() ? 0.0 : c->second));
      }
      if (spec.prior_sigma > 0)
        for (std::size_t i = 0; i < spec.free.size(); ++i)
          r[k++] = (xx[i] - x_start[i]) / (spec.prior_sigma * prior_scale[i]);
    };
    const LsqResult lsq = levenberg_marquardt(f, x, m, spec.lsq);
    x = lsq.x;
    res.cost = lsq.cost;
    res.evaluations += lsq.evaluations;
    res.converged = lsq.converged();
    res.message = lsq.message;
  }
  res.fitted = map.decode(x);
  const auto final_props = element_properties(res.fitted, props, relaxed);
  for (const auto& t : spec.targets) {
    const double v = final_props.at(t.property);
    res.rows.push_back({t, v, t.residual(v)});
  }
  return res;
}

std::string element_fit_markdown(const ElementFitResult& r) {
  std::string s = "| property | model | target | sigma | residual | source |\n|---|---|---|---|---|---|\n";
  for (const auto& row : r.rows)
    s += fmt::format("| {} | {:.5g} | {} | {:.3g} | {:+.3f} | {} |\n", row.target.property, row.model,
                     row.target.describe(), row.target.sigma, row.residual, row.target.source);
  return s;
}

}  // namespace nabridge::potentials
