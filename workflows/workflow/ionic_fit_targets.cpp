#include "workflow/ionic_fit_targets.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

namespace nabridge::workflow {

namespace {
bool is_point(const DftValidationRow& r) { return r.quantity.rfind("E_bind@", 0) == 0; }

std::string result_file(const IonicDftSource& d, const DftValidationRow& r) {
  // "E_bind@z1.50" of site "hollow-O4" is the calculation "hollow-O4_z1.50" (dft_reference.h).
  return (d.set.dir / r.system / (r.site + "_" + r.quantity.substr(r.quantity.find('@') + 1) + ".json"))
      .lexically_normal()
      .string();
}
}  // namespace

std::vector<DftValidationRow> ionic_fit_rows(Engine& engine, const std::vector<std::string>& elements,
                                             const IonicDftSource& data) {
  // dft_validation over the named systems only: the copy of the set keeps just them (the
  // references they name are looked up in `done`, not in the set).
  DftReferenceSet named = data.set;
  named.systems.clear();
  for (const auto& name : data.source.systems) {
    const auto it = std::find_if(data.set.systems.begin(), data.set.systems.end(),
                                 [&](const DftSystem& s) { return s.name == name; });
    if (it == data.set.systems.end())
      throw std::invalid_argument(
          fmt::format("{}: no system '{}' in {}", data.source.systems_where, name, data.set.file.string()));
    if (it->kind != DftSystemKind::kAdsorption)
      throw std::invalid_argument(fmt::format("{}: '{}' is not an adsorption system of {}", data.source.systems_where,
                                              name, data.set.file.string()));
    named.systems.push_back(*it);
  }
  auto rows = dft_validation(engine, elements, named, data.done);
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const DftValidationRow& r) { return !is_point(r); }),
             rows.end());
  return rows;
}

std::vector<potentials::IonicFitTarget> ionic_fit_targets(Engine& engine, const std::vector<std::string>& elements,
                                                          const std::vector<IonicDftSource>& data) {
  std::vector<potentials::IonicFitTarget> targets;
  for (const auto& d : data) {
    for (const auto& r : ionic_fit_rows(engine, elements, d))
      targets.push_back({r.system, r.site, r.quantity, r.dft, d.source.sigma_eV, r.unit,
                         "NaBridge DFT reference: " + result_file(d, r)});
  }
  // A system without a finished point yet adds none (the points land one by one); no point at all
  // is an error.
  if (targets.empty() && !data.empty())
    throw std::invalid_argument(fmt::format(
        "{}: no system has a finished point the potential's elements cover (its clean slab, the adsorbate's atom "
        "and bulk and at least one height must be computed: `nabridge dft reference`)",
        data.front().source.systems_where));
  return targets;
}

potentials::IonicModelValues ionic_model_values(const std::vector<IonicDftSource>& data,
                                                const std::vector<potentials::IonicFitTarget>& targets,
                                                const EngineFactory& factory) {
  return [&data, &targets, factory](const PotentialSpec& spec) {
    const auto engine = factory(spec);
    std::vector<double> values;
    for (const auto& d : data)
      for (const auto& r : ionic_fit_rows(*engine, spec.elements, d)) {
        const auto& t = targets.at(values.size());
        if (r.system != t.system || r.site != t.site || r.quantity != t.quantity)
          throw std::logic_error(fmt::format("ionic fit: row {} {} {} where target {} {} {} was", r.system, r.site,
                                             r.quantity, t.system, t.site, t.quantity));
        values.push_back(r.potential);
      }
    return values;
  };
}

}  // namespace nabridge::workflow
