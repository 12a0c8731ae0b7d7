#include "potentials/ionic_fit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>

#include "nabridge/base/toml_reader.h"
#include "potentials/potential_library.h"

namespace nabridge::potentials {

namespace {
const std::string kPairCoeff = "pair_coeff";
const char* const kPoints = "E_bind@z";
const char* const kRelaxedHeight = "z_min";

// The line exists but has no number at the parameter's index (an error about `index`, not `pair`).
struct NoSuchNumber : std::invalid_argument {
  using std::invalid_argument::invalid_argument;
};

bool is_number(const std::string& s) {
  char* end = nullptr;
  std::strtod(s.c_str(), &end);
  return !s.empty() && *end == '\0';
}

// Where `pair` ("i j style" tokens) ends in pair_coeff line `t` (its words, with or without the
// keyword), or nullopt when the line does not start with it.
std::optional<std::size_t> after_pair(const std::vector<std::string>& t, const std::vector<std::string>& pair) {
  const std::size_t skip = !t.empty() && t.front() == kPairCoeff ? 1 : 0;
  if (t.size() < skip + pair.size() || !std::equal(pair.begin(), pair.end(), t.begin() + skip)) return std::nullopt;
  return skip + pair.size();
}

// Where parameter p sits in `lines`: the line and the token index of its value.
std::pair<std::size_t, std::size_t> locate(const std::vector<std::string>& lines, const IonicFitParameter& p) {
  std::optional<std::size_t> found;
  std::size_t first = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto end = after_pair(words(lines[i]), p.pair);
    if (!end) continue;
    if (found) throw std::invalid_argument("more than one pair_coeff line starts with '" + join(p.pair) + "'");
    found = i;
    first = *end;
  }
  if (!found) throw std::invalid_argument("no pair_coeff line starts with '" + join(p.pair) + "'");
  const auto t = words(lines[*found]);
  const std::size_t at = first + static_cast<std::size_t>(p.index);
  if (p.index < 0 || at >= t.size() || !is_number(t[at]))
    throw NoSuchNumber(fmt::format("'{}' has no number at index {} after its style ({} numbers)", lines[*found],
                                   p.index, t.size() - first));
  return {*found, at};
}

IonicFitParameter read_parameter(const TomlReader& t, const std::vector<std::string>& pair_coeff) {
  t.allow_only({"name", "pair", "index", "prior_sigma", "range", "start"});
  IonicFitParameter p;
  p.name = t.string("name");
  p.pair = words(t.string("pair"));
  if (p.pair.size() != 3) t.fail("pair", "three tokens \"i j style\" (e.g. \"3 4 morse\")");
  if (!t.has("index")) t.fail("index", "missing (which number after the style, from 0)");
  p.index = t.integer_in("index", 0, 0, 64);
  p.prior_sigma = t.number_in("prior_sigma", 0.0, 0.0, 1e6, false);
  const auto range = t.numbers("range");
  if (range.size() != 2 || !(range[0] > 0) || !(range[1] > range[0]))
    t.fail("range", "two numbers 0 < low < high (the parameter is fitted as a logarithm)");
  p.range_lo = range[0];
  p.range_hi = range[1];
  try {
    p.start = pair_coeff_parameter(pair_coeff, p);
  } catch (const NoSuchNumber& e) {
    t.fail("index", e.what());
  } catch (const std::invalid_argument& e) {
    t.fail("pair", e.what());
  }
  if (const auto v = t.number_if("start")) p.start = *v;
  if (!(p.start > 0)) t.fail(t.has("start") ? "start" : "pair", fmt::format("start value {} is not > 0", p.start));
  return p;
}

IonicFitDftSource read_dft_source(const TomlReader& t) {
  t.allow_only({"set", "systems", "quantities", "sigma", "sigma_z_A", "sigma_W_J_m2", "shift"});
  IonicFitDftSource d;
  d.set = (std::filesystem::path(t.file()).parent_path() / t.string("set")).lexically_normal().string();
  d.systems = t.strings("systems");
  if (d.systems.empty()) t.fail("systems", "none given");
  d.systems_where = t.where("systems");
  if (t.has("quantities")) {
    const auto quantities = t.strings("quantities");
    const auto count = [&](const char* q) { return std::count(quantities.begin(), quantities.end(), q); };
    if (count(kPoints) != 1 || count(kRelaxedHeight) > 1 ||
        count(kPoints) + count(kRelaxedHeight) != static_cast<long>(quantities.size()))
      t.fail("quantities", fmt::format("[\"{}\"] or [\"{}\", \"{}\"] (the points are always fitted)", kPoints, kPoints,
                                       kRelaxedHeight));
    d.fit_z_min = count(kRelaxedHeight) == 1;
  }
  d.sigma_eV = t.number_in("sigma", d.sigma_eV, 0.0, 100.0);
  if (d.fit_z_min != t.has("sigma_z_A"))
    t.fail("sigma_z_A", d.fit_z_min ? fmt::format("missing: the sigma (A) of each \"{}\" target", kRelaxedHeight)
                                    : fmt::format("given without \"{}\" in quantities", kRelaxedHeight));
  if (d.fit_z_min) d.sigma_z_A = t.number_in("sigma_z_A", 0.0, 0.0, 10.0);
  if (t.has("sigma_W_J_m2")) d.sigma_W_J_m2 = t.number_in("sigma_W_J_m2", 0.0, 0.0, 100.0);
  d.shifts = read_dft_shifts(t, d.systems);
  return d;
}

std::vector<std::string> pair_coeff_lines(const PotentialSpec& spec) {
  std::vector<std::string> lines;
  for (const auto& c : spec.commands)
    if (c.rfind(kPairCoeff + " ", 0) == 0) lines.push_back(c);
  return lines;
}

// The words of `spec`'s pair_style command after the keyword (empty when it has none).
std::vector<std::string> pair_style_words(const PotentialSpec& spec) {
  for (const auto& c : spec.commands)
    if (c.rfind("pair_style ", 0) == 0) return words(c.substr(11));
  return {};
}

// The spec's add_pair_style sub-styles: "style args...", each appended to the start's hybrid/overlay
// pair_style, none of them a style the start already has.
std::vector<std::string> read_added_pair_styles(const TomlReader& top, const PotentialSpec& start) {
  const auto styles = top.strings_or_empty("add_pair_style");
  if (styles.empty()) return styles;
  const auto start_style = pair_style_words(start);
  if (start_style.empty() || start_style.front() != "hybrid/overlay")
    top.fail("add_pair_style", fmt::format("the start's pair_style '{}' is not hybrid/overlay, which a sub-style "
                                           "is appended to",
                                           join(start_style)));
  for (const auto& style : styles) {
    const auto t = words(style);
    if (t.empty()) top.fail("add_pair_style", "an empty sub-style");
    if (std::find(start_style.begin(), start_style.end(), t.front()) != start_style.end())
      top.fail("add_pair_style", fmt::format("'{}' is already in the start's pair_style {}", t.front(),
                                             join(start_style)));
  }
  return styles;
}

// The spec's add_pair_coeff lines, checked against the start potential (with the added sub-styles):
// "i j style numbers" with a style of its pair_style and no line of the start (or an earlier added
// one) for that pair and style.
std::vector<std::string> read_added_pair_coeff(const TomlReader& top, const PotentialSpec& start) {
  const std::vector<std::string> sub_styles = pair_style_words(start);
  std::vector<std::string> known = pair_coeff_lines(start);
  std::vector<std::string> added;
  for (const auto& line : top.strings_or_empty("add_pair_coeff")) {
    const auto t = words(line);
    if (t.size() < 4 || !is_number(t[3]))
      top.fail("add_pair_coeff", "'" + line + "': expected \"i j style numbers...\"");
    if (std::find(sub_styles.begin(), sub_styles.end(), t[2]) == sub_styles.end())
      top.fail("add_pair_coeff",
               fmt::format("'{}': style '{}' is not in the start's pair_style {}", line, t[2], join(sub_styles)));
    const std::vector<std::string> pair(t.begin(), t.begin() + 3);
    if (std::any_of(known.begin(), known.end(),
                    [&](const std::string& existing) { return after_pair(words(existing), pair).has_value(); }))
      top.fail("add_pair_coeff",
               fmt::format("'{} {} {}' is already a pair_coeff line: fit its numbers with [[parameter]]", t[0], t[1],
                           t[2]));
    known.push_back(line);
    added.push_back(line);
  }
  return added;
}

PotentialSpec with_added_pair_coeff(PotentialSpec spec, const std::vector<std::string>& lines) {
  auto after_last = spec.commands.begin();
  for (auto it = spec.commands.begin(); it != spec.commands.end(); ++it)
    if (it->rfind(kPairCoeff + " ", 0) == 0) after_last = it + 1;
  std::vector<std::string> added;
  for (const auto& line : lines) added.push_back(kPairCoeff + " " + line);
  spec.commands.insert(after_last, added.begin(), added.end());
  return spec;
}
}  // namespace

double pair_coeff_parameter(const std::vector<std::string>& lines, const IonicFitParameter& p) {
  const auto [line, at] = locate(lines, p);
  return std::strtod(words(lines[line])[at].c_str(), nullptr);
}

std::vector<std::string> with_pair_coeff_parameters(std::vector<std::string> lines,
                                                    const std::vector<IonicFitParameter>& parameters,
                                                    const std::vector<double>& values) {
  for (std::size_t k = 0; k < parameters.size(); ++k) {
    const auto [line, at] = locate(lines, parameters[k]);
    auto t = words(lines[line]);
    t[at] = fmt::format("{:.9g}", values[k]);
    lines[line] = join(t);
  }
  return lines;
}

std::string with_added_pair_styles(std::string pair_style, const std::vector<std::string>& added) {
  for (const auto& style : added) pair_style += " " + style;
  return pair_style;
}

PotentialSpec with_added_terms(const PotentialSpec& start, const IonicFitSpec& fit) {
  PotentialSpec spec = start;
  for (auto& c : spec.commands)
    if (c.rfind("pair_style ", 0) == 0) c = with_added_pair_styles(c, fit.added_pair_styles);
  return with_added_pair_coeff(spec, fit.added_pair_coeff);
}

PotentialSpec with_pair_coeff_parameters(const PotentialSpec& spec, const std::vector<IonicFitParameter>& parameters,
                                         const std::vector<double>& values) {
  PotentialSpec out = spec;
  const auto lines = with_pair_coeff_parameters(pair_coeff_lines(spec), parameters, values);
  std::size_t next = 0;
  for (auto& c : out.commands)
    if (c.rfind(kPairCoeff + " ", 0) == 0) c = lines[next++];
  return out;
}

IonicFitSpec read_ionic_fit_spec(const std::string& path, const std::vector<std::string>& search_dirs) {
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  top.allow_only(
      {"potential", "id", "title", "max_evaluations", "add_pair_style", "add_pair_coeff", "form", "known_limits",
       "parameter", "dft"});
  IonicFitSpec s;
  s.file = path;
  const std::string potential = top.string("potential");
  const auto relative = std::filesystem::path(path).parent_path() / potential;
  PotentialSpec start;
  try {
    s.potential = find_potential(
        std::filesystem::path(potential).extension() == ".toml" ? relative.lexically_normal().string() : potential,
        search_dirs);
    start = load_potential(s.potential, search_dirs);
  } catch (const std::invalid_argument& e) {
    top.fail("potential", e.what());
  }
  s.id = top.string("id");
  if (s.id == start.id) top.fail("id", "the same id as the start potential (the refit needs its own)");
  s.title = top.string("title");
  if (top.has("form")) s.form = top.string("form");
  s.known_limits = top.strings_or_empty("known_limits");
  s.lsq.max_evaluations = top.integer_in("max_evaluations", 400, 1, 100000);
  s.added_pair_styles = read_added_pair_styles(top, start);
  s.added_pair_coeff = read_added_pair_coeff(top, with_added_terms(start, s));  // the added styles only, so far
  start = with_added_terms(start, s);
  const auto parameters = top.table_array("parameter");
  if (parameters.empty()) top.fail("parameter", "[[parameter]]: none given");
  const auto lines = pair_coeff_lines(start);
  for (const auto& t : parameters) {
    s.parameters.push_back(read_parameter(t, lines));
    for (std::size_t k = 0; k + 1 < s.parameters.size(); ++k)
      if (s.parameters[k].name == s.parameters.back().name) t.fail("name", "used by an earlier [[parameter]]");
  }
  for (const auto& t : top.table_array("dft")) s.dft.push_back(read_dft_source(t));
  if (s.dft.empty()) top.fail("dft", "[[dft]]: none given (the targets)");
  return s;
}

namespace {
double residual(const IonicFitTarget& t, double model) { return (model - t.value) / t.sigma; }
}  // namespace

IonicFitResult fit_ionic(const IonicFitSpec& spec, const PotentialSpec& start,
                         const std::vector<IonicFitTarget>& targets, const IonicModelValues& model_values) {
  const auto n = static_cast<Eigen::Index>(spec.parameters.size());
  Eigen::VectorXd log_start(n);
  std::vector<double> prior_sigma;
  for (Eigen::Index i = 0; i < n; ++i) {
    log_start[i] = std::log(spec.parameters[static_cast<std::size_t>(i)].start);
    prior_sigma.push_back(spec.parameters[static_cast<std::size_t>(i)].prior_sigma);
  }
  const auto values_at = [&](const Eigen::VectorXd& x) {
    std::vector<double> v;
    for (Eigen::Index i = 0; i < n; ++i) v.push_back(std::exp(x[i]));
    return v;
  };
  const auto model_at = [&](const Eigen::VectorXd& x) {
    const auto v = model_values(with_pair_coeff_parameters(start, spec.parameters, values_at(x)));
    if (v.size() != targets.size())
      throw std::logic_error(fmt::format("ionic fit: {} model values for {} targets", v.size(), targets.size()));
    return v;
  };
  const int m = static_cast<int>(targets.size()) + log_prior_count(prior_sigma);
  if (m < n)
    throw std::invalid_argument(fmt::format("{}: {} targets and {} priors for {} free parameters", spec.file,
                                            targets.size(), log_prior_count(prior_sigma), n));
  const ResidualFunction f = [&](const Eigen::VectorXd& x, Eigen::VectorXd& r) {
    const auto model = model_at(x);
    for (std::size_t t = 0; t < targets.size(); ++t) r[static_cast<Eigen::Index>(t)] = residual(targets[t], model[t]);
    log_prior_residuals(x, log_start, prior_sigma, r, static_cast<int>(targets.size()));
  };
  const std::vector<double> start_model = model_at(log_start);
  const LsqResult lsq = levenberg_marquardt(f, log_start, m, spec.lsq);
  IonicFitResult res;
  res.values = values_at(lsq.x);
  res.cost = lsq.cost;
  res.evaluations = lsq.evaluations;
  res.converged = lsq.converged();
  res.message = lsq.message;
  const std::vector<double> fitted_model = model_at(lsq.x);
  for (std::size_t t = 0; t < targets.size(); ++t)
    res.rows.push_back({targets[t], start_model[t], fitted_model[t], residual(targets[t], fitted_model[t])});
  for (std::size_t k = 0; k < spec.parameters.size(); ++k)
    if (res.values[k] < spec.parameters[k].range_lo || res.values[k] > spec.parameters[k].range_hi)
      res.outside_range.push_back(spec.parameters[k].name);
  return res;
}

std::string ionic_fit_markdown(const IonicFitSpec& spec, const IonicFitResult& r) {
  std::string md =
      "| system | site | quantity | reference | start | fitted | sigma | residual | unit |\n"
      "|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& row : r.rows)
    md += fmt::format("| {} | {} | {} | {:.3f} | {:.3f} | {:.3f} | {:.3g} | {:+.2f} | {} |\n", row.target.system,
                      row.target.site, row.target.quantity, row.target.value, row.start, row.model, row.target.sigma,
                      row.residual, row.target.unit);
  md += "\n| parameter | pair_coeff | index | start | fitted | range | prior sigma |\n|---|---|---|---|---|---|---|\n";
  for (std::size_t k = 0; k < spec.parameters.size(); ++k) {
    const auto& p = spec.parameters[k];
    const bool outside = r.values[k] < p.range_lo || r.values[k] > p.range_hi;
    md += fmt::format("| {} | {} | {} | {:.6g} | {:.6g}{} | [{:g}, {:g}] | {} |\n", p.name, join(p.pair), p.index,
                      p.start, r.values[k], outside ? " (outside the range)" : "", p.range_lo, p.range_hi,
                      p.prior_sigma > 0 ? fmt::format("{:g}", p.prior_sigma) : "none");
  }
  return md;
}

}  // namespace nabridge::potentials
