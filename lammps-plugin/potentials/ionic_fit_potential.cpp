#include "potentials/ionic_fit_potential.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

#include "nabridge/base/atomic_file.h"
#include "nabridge/base/toml_reader.h"
#include "potentials/potential_library.h"

namespace nabridge::potentials {

namespace fs = std::filesystem;

namespace {

toml::array string_array(const std::vector<std::string>& v) {
  toml::array a;
  for (const auto& s : v) a.push_back(s);
  return a;
}

std::vector<std::string> strings_of(const toml::array& a) {
  std::vector<std::string> v;
  for (const auto& n : a) v.push_back(n.value<std::string>().value_or(""));
  return v;
}

// The start's pair_style of table `t` with the spec's added sub-styles, and its pair_coeff array (`key`
// in messages) with the spec's added lines and the fitted values. A line that reads a file of the
// start's own folder (${here}) cannot move to another folder: an error naming the file.
void refit_lines(toml::table& t, const std::string& key, const std::string& metadata, const IonicFitSpec& spec,
                 const std::vector<double>& values) {
  if (!spec.added_pair_styles.empty())
    t.insert_or_assign("pair_style",
                       with_added_pair_styles(t["pair_style"].value<std::string>().value_or(""), spec.added_pair_styles));
  auto* lines = t["pair_coeff"].as_array();
  if (!lines) throw std::invalid_argument(metadata + ": " + key + ": missing");
  auto v = strings_of(*lines);
  v.insert(v.end(), spec.added_pair_coeff.begin(), spec.added_pair_coeff.end());
  for (const auto& line : v)
    if (line.find("${here}") != std::string::npos)
      throw std::invalid_argument(metadata + ": " + key + ": '" + line +
                                  "' reads a file of the potential's folder (${here}); fit-ionic writes only "
                                  "potential.toml");
  try {
    *lines = string_array(with_pair_coeff_parameters(v, spec.parameters, values));
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(metadata + ": " + key + ": " + e.what());
  }
}

// A path of the start's metadata relative to its folder, made relative to the new folder.
void rebase(toml::table* t, const std::string& key, const fs::path& from, const fs::path& to) {
  if (!t) return;
  if (const auto s = (*t)[key].value<std::string>())
    t->insert_or_assign(key, fs::relative((from / *s).lexically_normal(), to).string());
}

// The error of the rows in `unit` (the points in eV, the relaxed heights in A, the film points in
// J/m2): their count, RMS
// after the fit and at the start, and the largest after the fit.
struct UnitErrors {
  int count = 0;
  double rms_fitted = 0.0, rms_start = 0.0, max_fitted = 0.0;
};

UnitErrors errors_in(const IonicFitResult& r, const std::string& unit) {
  UnitErrors e;
  for (const auto& row : r.rows) {
    if (row.target.unit != unit) continue;
    ++e.count;
    e.rms_fitted += std::pow(row.model - row.target.value, 2);
    e.rms_start += std::pow(row.start - row.target.value, 2);
    e.max_fitted = std::max(e.max_fitted, std::abs(row.model - row.target.value));
  }
  if (e.count == 0) return e;
  e.rms_fitted = std::sqrt(e.rms_fitted / e.count);
  e.rms_start = std::sqrt(e.rms_start / e.count);
  return e;
}

// The systems with at least one fitted point, in target order.
std::string fitted_systems(const IonicFitResult& r) {
  std::vector<std::string> names;
  for (const auto& row : r.rows)
    if (std::find(names.begin(), names.end(), row.target.system) == names.end()) names.push_back(row.target.system);
  std::string s;
  for (const auto& name : names) s += (s.empty() ? "" : ", ") + name;
  return s;
}

// What the fitted model has beyond the start's pair terms, for its fidelity.
std::string added_terms_text(const IonicFitSpec& spec) {
  if (spec.added_pair_coeff.empty()) return "";
  std::string styles;
  for (const auto& s : spec.added_pair_styles) styles += (styles.empty() ? "" : ", ") + words(s).front();
  return styles.empty() ? ", plus the pair terms the fit added (see [metadata.fit])"
                        : ", plus the pair terms the fit added, with the sub-style(s) " + styles +
                              " (see [metadata.fit])";
}

// [metadata] of the refit: the start's, with its own id and title, the fit's record and an honest
// fidelity (the start's, then what the refit reaches on its targets).
void refit_metadata(toml::table& meta, const IonicFitSpec& spec, const IonicFitResult& r, const std::string& start_id,
                    const std::string& command, const fs::path& out_dir) {
  const std::string start_fidelity = meta["fidelity"].value<std::string>().value_or("not stated");
  meta.insert_or_assign("id", spec.id);
  meta.insert_or_assign("title", spec.title);
  if (!spec.form.empty()) meta.insert_or_assign("form", spec.form);
  if (!spec.known_limits.empty()) meta.insert_or_assign("known_limits", string_array(spec.known_limits));
  const UnitErrors points = errors_in(r, "eV"), heights = errors_in(r, "A"), films = errors_in(r, "J/m2");
  std::string other_targets_text =
      heights.count == 0 ? ""
                         : fmt::format(
                               "; to {} relaxed adatom height(s) z_min: RMS error {:.3f} A (start {:.3f} A), "
                               "max {:.3f} A",
                               heights.count, heights.rms_fitted, heights.rms_start, heights.max_fitted);
  if (films.count > 0)
    other_targets_text += fmt::format(
        "; to {} Na film adhesion point(s) W_ad@z: RMS error {:.3f} J/m2 (start {:.3f} J/m2), max {:.3f} J/m2",
        films.count, films.rms_fitted, films.rms_start, films.max_fitted);
  meta.insert_or_assign(
      "fidelity",
      fmt::format("Na on the host: {} parameter(s) refitted to {} PBE E_bind point(s) at the DFT geometries of {}: "
                  "RMS error {:.3f} eV (start {:.3f} eV), max {:.3f} eV{}{}; properties the fit did not see only as "
                  "far as `nabridge potential validate` and `dft-validate` show. The rest as the start potential {}, "
                  "whose pair terms the fit left unchanged{} (its fidelity: \"{}\")",
                  spec.parameters.size(), points.count, fitted_systems(r), points.rms_fitted, points.rms_start,
                  points.max_fitted, other_targets_text,
                  r.outside_range.empty() ? "" : "; parameters outside their plausible range: see [metadata.fit]",
                  start_id, added_terms_text(spec),
                  start_fidelity));
  toml::table fit;
  fit.insert("command", command);
  // Relative to the refit's folder, as its other paths: the folder moves with the repository.
  fit.insert("spec", fs::relative(fs::absolute(spec.file).lexically_normal(), out_dir).string());
  fit.insert("start_potential", start_id);
  if (!spec.added_pair_styles.empty()) fit.insert("added_pair_style", string_array(spec.added_pair_styles));
  if (!spec.added_pair_coeff.empty()) fit.insert("added_pair_coeff", string_array(spec.added_pair_coeff));
  fit.insert("converged", r.converged);
  fit.insert("optimiser", fmt::format("Levenberg-Marquardt on log parameters: {} ({} evaluations, cost {:.6g})",
                                      r.message, r.evaluations, r.cost));
  toml::array parameters;
  for (std::size_t k = 0; k < spec.parameters.size(); ++k) {
    const auto& p = spec.parameters[k];
    toml::table t;
    t.insert("name", p.name);
    t.insert("pair_coeff", fmt::format("{} {} {}", p.pair[0], p.pair[1], p.pair[2]));
    t.insert("index", p.index);
    t.insert("start", p.start);
    t.insert("fitted", r.values[k]);
    t.insert("range", toml::array{p.range_lo, p.range_hi});
    t.insert("within_range", r.values[k] >= p.range_lo && r.values[k] <= p.range_hi);
    t.insert("prior_sigma", p.prior_sigma);
    parameters.push_back(t);
  }
  fit.insert("parameter", parameters);
  meta.insert_or_assign("fit", fit);
  toml::array records;
  for (const auto& row : r.rows) {
    toml::table t;
    t.insert("system", row.target.system);
    t.insert("site", row.target.site);
    t.insert("quantity", row.target.quantity);
    t.insert("reference", row.target.value);
    t.insert("start", row.start);
    t.insert("model", row.model);
    t.insert("sigma", row.target.sigma);
    t.insert("unit", row.target.unit);
    t.insert("source", row.target.source);
    records.push_back(t);
  }
  meta.insert_or_assign("fitted_targets", records);
}

}  // namespace

void write_ionic_refit(const IonicFitSpec& spec, const IonicFitResult& r, const std::string& start_id,
                       const fs::path& out, const std::string& command) {
  const fs::path start_dir = fs::absolute(spec.potential).parent_path();
  const fs::path out_dir = fs::absolute(out).lexically_normal();
  toml::table doc = parse_toml_file(spec.potential);
  refit_lines(doc, "pair_coeff", spec.potential, spec, r.values);
  auto* meta = doc["metadata"].as_table();
  if (!meta) throw std::invalid_argument(spec.potential + ": no [metadata] table");
  if (auto* ewald = meta->get_as<toml::table>("ewald_reference"))
    refit_lines(*ewald, "metadata.ewald_reference.pair_coeff", spec.potential, spec, r.values);
  rebase(meta, "reference_data", start_dir, out_dir);
  rebase(meta->get_as<toml::table>("validation"), "reference_data", start_dir, out_dir);
  refit_metadata(*meta, spec, r, start_id, command, out_dir);
  fs::create_directories(out_dir);
  std::ostringstream text;
  text << "# " << spec.id << ": " << start_id << " with refitted pair_coeff parameters, written by `" << command
       << "`.\n# Edit the spec and refit, not this file. The fit and its residuals: [metadata.fit], "
          "[[metadata.fitted_targets]], FIT.md.\n"
       << toml::toml_formatter{doc} << "\n";
  write_file_atomically(out_dir / "potential.toml", text.str());
  write_file_atomically(
      out_dir / "FIT.md",
      fmt::format("# {}\n\n{}: {}\n\n`{}`\n\n{}\nLevenberg-Marquardt: {} ({} evaluations, cost {:.6g})\n", spec.id,
                  start_id, spec.title, command, ionic_fit_markdown(spec, r), r.message, r.evaluations, r.cost));
}

}  // namespace nabridge::potentials
