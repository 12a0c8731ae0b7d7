#include "potentials/fit_targets.h"

#include <fmt/format.h>

#include <stdexcept>

#include "potentials/toml_fields.h"

namespace nabridge::potentials {

double Target::residual(double model) const {
  if (value) return (model - *value) / sigma;
  if (min && model < *min) return (model - *min) / sigma;
  if (max && model > *max) return (model - *max) / sigma;
  return 0.0;
}

std::string Target::describe() const {
  if (value) return fmt::format("{:.6g}", *value);
  if (min && max) return fmt::format("in [{:.6g}, {:.6g}]", *min, *max);
  if (min) return fmt::format(">= {:.6g}", *min);
  return fmt::format("<= {:.6g}", *max);
}

Target read_target(const toml::table& t, const std::string& file, const std::string& where, const std::set<std::string>& extra) {
  std::set<std::string> known = {"property", "value", "sigma", "min", "max", "source", "note"};
  known.insert(extra.begin(), extra.end());
  tomlf::check_keys(t, known, file, where);
  Target g;
  g.property = tomlf::optional_string(t, "property", file, where).value_or("");
  g.value = tomlf::optional_number(t, "value", file, where);
  g.min = tomlf::optional_number(t, "min", file, where);
  g.max = tomlf::optional_number(t, "max", file, where);
  g.sigma = tomlf::number(t, "sigma", file, where);
  g.source = tomlf::string(t, "source", file, where);
  g.note = tomlf::optional_string(t, "note", file, where).value_or("");
  if (!(g.sigma > 0)) throw std::invalid_argument(fmt::format("{}: {}.sigma: must be > 0", file, where));
  if (g.value && (g.min || g.max))
    throw std::invalid_argument(fmt::format("{}: {}: give either 'value' or 'min'/'max', not both", file, where));
  if (!g.value && !g.min && !g.max)
    throw std::invalid_argument(fmt::format("{}: {}: needs 'value' or a bound 'min'/'max'", file, where));
  if (g.min && g.max && *g.min > *g.max) throw std::invalid_argument(fmt::format("{}: {}: min > max", file, where));
  return g;
}

}  // namespace nabridge::potentials
