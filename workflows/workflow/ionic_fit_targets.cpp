#include "workflow/ionic_fit_targets.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "protocols/isolated_atom.h"
#include "workflow/dft_validation_parts.h"

namespace nabridge::workflow {

namespace {

const char* const kRelaxedHeight = "z_min";

// The DFT z_min of the sites the fit has a z_min target of, by (system, site).
using DftHeights = std::map<std::pair<std::string, std::string>, double>;

// One row of the fit and where its DFT value comes from.
struct FitRow {
  DftValidationRow row;
  std::string source;
};

std::string result_file_source(const IonicDftSource& d, const DftCalculation& c) {
  return "NaBridge DFT reference: " + (d.set.dir / c.system / (c.config + ".json")).lexically_normal().string();
}

// The fit's rows of one source, the potential's values by `engine`: per named system, E_bind@z of
// every finished point, then z_min of every site `dft_z_min` has a value for
// (source.fit_z_min), the height searched from the site's first point; W_ad@z of every finished
// height of a film system, and W_ad@relaxed at its relaxed film.
std::vector<FitRow> ionic_fit_rows(Engine& engine, const std::vector<std::string>& elements,
                                   const IonicDftSource& data, const DftHeights& dft_z_min_A) {
  std::map<std::string, double> atom_eV;  // the potential's isolated atom, by DFT system name
  const auto model_atom = [&](const std::string& ref) {
    if (!atom_eV.count(ref))
      atom_eV[ref] =
          isolated_atom_energy_eV(engine, find_dft_outcome(data.done, ref, "atom")->structure.species.front());
    return atom_eV[ref];
  };
  std::vector<FitRow> rows;
  // A convergence shift moves the DFT side of every point (E_bind@z; never the heights).
  const auto add_points = [&](const std::vector<DftValidationRow>& points,
                              const std::vector<const DftCalculation*>& calculations, double shift_eV,
                              const std::string& shift_described) {
    for (std::size_t i = 0; i < points.size(); ++i) {
      DftValidationRow point = points[i];
      point.dft += shift_eV;
      rows.push_back({point, result_file_source(data, *calculations[i]) + shift_described});
    }
  };
  for (const auto& name : data.source.systems) {
    const DftSystem* sys = find_dft_system(data.set, name);
    if (!sys)
      throw std::invalid_argument(
          fmt::format("{}: no system '{}' in {}", data.source.systems_where, name, data.set.file.string()));
    if (sys->kind == DftSystemKind::kFilm) {
      if (data.source.sigma_W_J_m2 <= 0.0)
        throw std::invalid_argument(fmt::format(
            "{}: '{}' is a film system of {}: its W_ad@z points need sigma_W_J_m2 (J/m2) in the same [[dft]] table",
            data.source.systems_where, name, data.set.file.string()));
      for (const auto& shift : data.source.shifts)
        if (shift.system == name)
          throw std::invalid_argument(fmt::format("{}: '{}' is a film system of {}: a [[dft.shift]] applies to "
                                                  "adsorption systems only",
                                                  data.source.systems_where, name, data.set.file.string()));
      if (const auto film = film_points(engine, elements, *sys, data.done))
        add_points(film->rows, film->calculations, 0.0, "");
      continue;
    }
    if (sys->kind != DftSystemKind::kAdsorption)
      throw std::invalid_argument(fmt::format("{}: '{}' is neither an adsorption nor a film system of {}",
                                              data.source.systems_where, name, data.set.file.string()));
    const auto points = adsorption_points(engine, elements, *sys, data.done, model_atom);
    if (!points) continue;
    const auto [shift_eV, shift_described] = convergence_shift(data.set, data.done, data.source.shifts, name);
    add_points(points->rows, points->calculations, shift_eV, shift_described);
    if (!data.source.fit_z_min) continue;
    std::set<std::string> sites_done;
    for (std::size_t i = 0; i < points->rows.size(); ++i) {
      const auto& p = points->rows[i];
      const auto z_dft = dft_z_min_A.find({p.system, p.site});
      if (z_dft == dft_z_min_A.end() || !sites_done.insert(p.site).second) continue;
      try {
        rows.push_back({{p.system, p.facet, p.site, kRelaxedHeight, z_dft->second,
                         relaxed_adatom_height_A(engine, *sys, *points->geometries[i]), "A"},
                        fmt::format("NaBridge DFT reference: the parabola minimum of the binding curve {}/{}_z*.json",
                                    (data.set.dir / p.system).lexically_normal().string(), p.site)});
      } catch (const std::runtime_error& e) {
        throw std::runtime_error(
            fmt::format("ionic fit: {} {}: the potential has no relaxed adatom height for the z_min target: {}",
                        p.system, p.site, e.what()));
      }
    }
  }
  return rows;
}

double sigma_of(const potentials::IonicFitDftSource& source, const DftValidationRow& r) {
  if (r.quantity == kRelaxedHeight) return source.sigma_z_A;
  if (r.unit == "J/m2") return source.sigma_W_J_m2;
  return source.sigma_eV;
}

}  // namespace

std::vector<potentials::IonicFitTarget> ionic_fit_targets(Engine& engine, const std::vector<std::string>& elements,
                                                          const std::vector<IonicDftSource>& data) {
  std::vector<potentials::IonicFitTarget> targets;
  for (const auto& d : data) {
    DftHeights z_min_A;  // every site's with a binding curve
    if (d.source.fit_z_min)
      for (const auto& r : dft_summary(d.set, d.done))
        if (r.quantity == kRelaxedHeight) z_min_A[{r.system, r.site}] = r.value;
    for (const auto& [r, source] : ionic_fit_rows(engine, elements, d, z_min_A))
      targets.push_back({r.system, r.site, r.quantity, r.dft, sigma_of(d.source, r), r.unit, source});
  }
  // A system without a finished point yet adds none (the points land one by one); no target at
  // all is an error.
  if (targets.empty() && !data.empty())
    throw std::invalid_argument(fmt::format(
        "{}: no system has a finished point the potential's elements cover (its clean slab, the adsorbate's atom "
        "and bulk and at least one height must be computed: `nabridge dft reference`; a z_min target also needs a "
        "binding curve of three heights)",
        data.front().source.systems_where));
  return targets;
}

potentials::IonicModelValues ionic_model_values(const std::vector<IonicDftSource>& data,
                                                const std::vector<potentials::IonicFitTarget>& targets,
                                                const EngineFactory& factory) {
  // The sites with a z_min target: the candidate's height search runs for these alone.
  DftHeights z_min_A;
  for (const auto& t : targets)
    if (t.quantity == kRelaxedHeight) z_min_A[{t.system, t.site}] = t.value;
  return [&data, &targets, factory, z_min_A](const PotentialSpec& spec) {
    const auto engine = factory(spec);
    std::vector<double> values;
    for (const auto& d : data)
      for (const auto& [r, source] : ionic_fit_rows(*engine, spec.elements, d, z_min_A)) {
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
