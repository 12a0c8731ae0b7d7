#include "workflow/dft_validation_parts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "nabridge/base/constants.h"

namespace nabridge::workflow {

std::vector<const DftCalculation*> finished_scan_points(const DftSystem& sys, const DftOutcomes& done) {
  std::vector<const DftCalculation*> points;
  for (const auto& c : sys.calculations)
    if (!c.site.empty() && c.overlayer_height_A > 0 && find_dft_outcome(done, sys.name, c.config)) points.push_back(&c);
  return points;
}

const DftCalculation* relaxed_film_calculation(const DftSystem& sys) {
  const auto c = std::find_if(sys.calculations.begin(), sys.calculations.end(),
                              [](const DftCalculation& x) { return x.config == kRelaxedFilmConfig; });
  return c == sys.calculations.end() ? nullptr : &*c;
}

bool covers(const std::vector<std::string>& elements, const std::vector<std::string>& needed) {
  return std::all_of(needed.begin(), needed.end(), [&](const std::string& e) {
    return std::find(elements.begin(), elements.end(), e) != elements.end();
  });
}

std::optional<AdsorptionPoints> adsorption_points(Engine& engine, const std::vector<std::string>& elements,
                                                  const DftSystem& sys, const DftOutcomes& done,
                                                  const std::function<double(const std::string&)>& atom_eV) {
  const auto* clean = find_dft_outcome(done, sys.name, "clean");
  const auto* atom = find_dft_outcome(done, sys.atom_reference, "atom");
  if (!clean || !atom || !find_dft_outcome(done, sys.bulk_reference, "bulk")) return std::nullopt;
  if (!covers(elements, clean->structure.elements()) || !covers(elements, {sys.adsorbate})) return std::nullopt;
  AdsorptionPoints p;
  p.clean_eV = engine.energy(clean->structure);
  p.atom_eV = atom_eV(sys.atom_reference);
  for (const auto* c : finished_scan_points(sys, done)) {
    const auto* o = find_dft_outcome(done, sys.name, c->config);
    p.rows.push_back({sys.name, sys.facet, c->site, fmt::format("E_bind@z{:.2f}", c->overlayer_height_A),
                      o->energy_eV - clean->energy_eV - atom->energy_eV,
                      engine.energy(o->structure) - p.clean_eV - p.atom_eV, "eV"});
    p.calculations.push_back(c);
    p.geometries.push_back(o);
  }
  return p;
}

std::optional<FilmPoints> film_points(Engine& engine, const std::vector<std::string>& elements, const DftSystem& sys,
                                      const DftOutcomes& done) {
  const auto* clean = find_dft_outcome(done, sys.name, "clean");
  const auto* film = find_dft_outcome(done, sys.name, "film");
  if (!clean || !film) return std::nullopt;
  if (!covers(elements, clean->structure.elements()) || !covers(elements, film->structure.elements()))
    return std::nullopt;
  auto points = finished_scan_points(sys, done);
  const auto* relaxed = relaxed_film_calculation(sys);
  if (relaxed && find_dft_outcome(done, sys.name, relaxed->config)) points.push_back(relaxed);
  if (points.empty()) return std::nullopt;
  const double eV_to_J_m2 = kEvPerA2_to_J_per_m2 / sys.interface_area_A2;
  const double apart_dft_eV = clean->energy_eV + film->energy_eV;
  FilmPoints p;
  p.apart_eV = engine.energy(clean->structure) + engine.energy(film->structure);
  for (const auto* c : points) {
    const auto* o = find_dft_outcome(done, sys.name, c->config);
    const std::string quantity =
        c->config == kRelaxedFilmConfig ? "W_ad@relaxed" : fmt::format("W_ad@z{:.2f}", c->overlayer_height_A);
    p.rows.push_back({sys.name, sys.facet, c->site, quantity, (apart_dft_eV - o->energy_eV) * eV_to_J_m2,
                      (p.apart_eV - engine.energy(o->structure)) * eV_to_J_m2, "J/m2"});
    p.calculations.push_back(c);
    p.geometries.push_back(o);
  }
  return p;
}

OverlayerHeight relaxed_adatom(Engine& engine, const DftSystem& sys, const DftOutcome& point) {
  const std::size_t adatom = point.structure.size() - 1;
  const double dft_height_A = point.structure.positions(2, static_cast<Eigen::Index>(adatom)) - sys.top_layer_z_A;
  // From 1 Å below the DFT point: a model's Na may sit lower than PBE's (in the O4 hollow of
  // BaTiO3(001) PBE has 1.28 Å and fitted candidates < 1 Å), but further down the adatom enters the
  // ions' cores, where a core–shell model's shells run away and LAMMPS stops. The floor is
  // rounded down to the 0.1 Å scan grid the DFT heights lie on.
  const double lowest_A = std::max(kLowestAdatomHeight_A, std::floor((dft_height_A - 1.0) * 10.0 + 1e-6) / 10.0);
  return minimise_overlayer_height(engine, point.structure, adatom, sys.top_layer_z_A, lowest_A, 5.0);
}

double relaxed_adatom_height_A(Engine& engine, const DftSystem& sys, const DftOutcome& point) {
  const double h0_A = relaxed_adatom(engine, sys, point).height_A;
  Structure s = point.structure;
  const auto adatom = static_cast<Eigen::Index>(s.size() - 1);
  // dE/dh = −F_z of the adatom: negative below the minimum, positive above.
  const auto slope = [&](double h_A) {
    s.positions(2, adatom) = sys.top_layer_z_A + h_A;
    return -engine.evaluate(s).forces_eV_A(2, adatom);
  };
  // A bracket of the root around the golden-section height (within 1e-4 Å of the minimum), widened
  // up to the height scan's 0.1 Å step.
  double half_A = 1e-3, lo_A = 0.0, hi_A = 0.0, g_lo = 0.0, g_hi = 0.0;
  for (;; half_A *= 10.0) {
    if (half_A > 0.1)
      throw std::runtime_error(fmt::format(
          "relaxed adatom height: the z force on the adatom does not change sign within 0.1 A of its energy "
          "minimum at {:.4f} A",
          h0_A));
    lo_A = h0_A - half_A, hi_A = h0_A + half_A;
    g_lo = slope(lo_A), g_hi = slope(hi_A);
    if (g_lo <= 0.0 && g_hi >= 0.0) break;
  }
  // Illinois regula falsi: the bracket always shrinks, so it ends on a force with noise in it (a
  // core–shell engine's shells relaxed to a tolerance) as well, where the secant method can wander.
  constexpr double kTol_A = 1e-9;
  constexpr int kMaxSteps = 200;
  double h_A = h0_A;
  int replaced = 0;  // the end the last step replaced (−1 low, +1 high): replaced twice, the other's slope halves
  for (int step = 0; step < kMaxSteps; ++step) {
    if (g_lo == 0.0) return lo_A;
    if (g_hi == 0.0) return hi_A;
    const double next_A = (lo_A * g_hi - hi_A * g_lo) / (g_hi - g_lo);
    if (std::abs(next_A - h_A) <= kTol_A || hi_A - lo_A <= kTol_A) return next_A;
    h_A = next_A;
    const double g = slope(h_A);
    if (g < 0.0) {
      lo_A = h_A, g_lo = g;
      if (replaced == -1) g_hi *= 0.5;
      replaced = -1;
    } else {
      hi_A = h_A, g_hi = g;
      if (replaced == 1) g_lo *= 0.5;
      replaced = 1;
    }
  }
  throw std::runtime_error(
      fmt::format("relaxed adatom height: no root of the z force to {} A in {} steps", kTol_A, kMaxSteps));
}

}  // namespace nabridge::workflow
