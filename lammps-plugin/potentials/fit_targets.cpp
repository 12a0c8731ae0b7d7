#include "potentials/fit_targets.h"

#include <fmt/format.h>

#include <stdexcept>


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

Target read_target(const TomlReader& t, const std::set<std::string>& extra) {
  std::set<std::string> known = {"property", "value", "sigma", "min", "max", "source", "note"};
  known.insert(extra.begin(), extra.end());
  t.allow_only(known);
  Target g;
  g.property = t.string_or("property", "");
  g.value = t.number_if("value");
  g.min = t.number_if("min");
  g.max = t.number_if("max");
  g.sigma = t.number("sigma");
  g.source = t.string("source");
  g.note = t.string_or("note", "");
  if (!(g.sigma > 0)) t.fail("sigma", "must be > 0");
  if (g.value && (g.min || g.max)) t.fail("", "give either 'value' or 'min'/'max', not both");
  if (!g.value && !g.min && !g.max) t.fail("", "needs 'value' or a bound 'min'/'max'");
  if (g.min && g.max && *g.min > *g.max) t.fail("", "min > max");
  return g;
}

}  // namespace nabridge::potentials
