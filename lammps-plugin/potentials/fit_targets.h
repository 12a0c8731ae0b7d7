#pragma once
// Fit targets shared by the element and cross-term fits: a reference value with its uncertainty
// (σ sets the weight: residual = (model − value)/σ), or a one-sided bound (min and/or max: the
// residual is the violation/σ and zero inside), each with its source.
#include <optional>
#include <set>
#include <string>

#include "nabridge/base/toml_reader.h"

namespace nabridge::potentials {

struct Target {
  std::string property;
  std::optional<double> value, min, max;
  double sigma = 1.0;
  std::string source, note;

  /// Weighted residual of a model value.
  double residual(double model) const;
  /// "4.225", ">= 0.001", "<= -0.1", "in [a, b]".
  std::string describe() const;
};

/// Reads property (optional)/value/sigma/min/max/source/note plus any keys in `extra` (checked by caller).
/// Errors name the file and the table's path (e.g. "target[3]").
Target read_target(const TomlReader& t, const std::set<std::string>& extra = {});

}  // namespace nabridge::potentials
