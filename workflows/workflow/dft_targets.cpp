#include "workflow/dft_targets.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <functional>
#include <limits>
#include <set>
#include <stdexcept>
#include <utility>

#include "nabridge/base/constants.h"
#include "nabridge/base/csv.h"
#include "optimize/optimizer.h"
#include "protocols/isolated_atom.h"
#include "protocols/overlayer_height.h"
#include "protocols/surface_energy.h"
#include "protocols/cubic_lattice.h"
#include "workflow/dft_validation_parts.h"

namespace nabridge::workflow {

namespace {

const DftSystem& find_system(const DftReferenceSet& set, const std::string& name) {
  if (const DftSystem* sys = find_dft_system(set, name)) return *sys;
  throw std::invalid_argument(set.file.string() + ": no system '" + name + "'");
}

double per_atom(const DftOutcome& o) { return o.energy_eV / static_cast<double>(o.structure.size()); }

std::string point_label(const DftSystem& sys, const DftCalculation& c) {
  return fmt::format("{} on {} {} z={:.2f}", sys.adsorbate, sys.name, c.site, c.overlayer_height_A);
}

// The potential's zero-pressure state of DFT system `system`'s cell scaled uniformly (its lattice
// constant is the first cell vector's length): the root of the pressure, or for an engine without
// a virial (ShellEngine) the minimum of the energy along the same scaling, the same state. A
// potential without one (Na⁺ ions alone in a rigid-ion model's bcc Na) is a std::runtime_error
// naming the system.
CubicLattice model_cubic_equilibrium(Engine& engine, const std::string& system, const DftOutcome& cell) {
  const double a_ref = cell.structure.cell.col(0).norm();
  const CubicBuilder scaled = [&](double a_A) {
    Structure s = cell.structure;
    s.cell *= a_A / a_ref;
    s.positions *= a_A / a_ref;
    return s;
  };
  try {
    if (!engine.provides_virial()) return cubic_energy_minimum(engine, scaled, a_ref);
    return cubic_equilibrium(engine, scaled, a_ref);
  } catch (const std::runtime_error& e) {
    throw std::runtime_error("DFT system '" + system +
                             "': the potential has no zero-pressure state of its cell: " + e.what());
  }
}

// The potential's energy per atom of a reference bulk: the DFT cell scaled isotropically to
// the potential's own zero pressure (the DFT lattice constant is the start).
double model_bulk_energy_per_atom(Engine& engine, const std::string& system, const DftOutcome& bulk) {
  return model_cubic_equilibrium(engine, system, bulk).energy_eV_per_atom;
}

// The DFT value of (system, site, quantity) in the reference's summary, or nullptr.
using DftValueLookup = std::function<const double*(const std::string&, const std::string&, const std::string&)>;

// A row that needs an elemental bulk reference, completed from the potential's bulk energy per atom
// of that reference (dft_validation's guard: NaN with the reason when the potential has no bulk state).
using BulkRow =
    std::function<DftValidationRow(DftValidationRow, const std::string&, const std::function<double(double)>&)>;

// The potential's W (J/m²) of the film relaxed from the start of the DFT relaxation
// ("film_relaxed": the film's atoms free, the substrate frozen, the DFT protocol) by FIRE to
// 1e-3 eV/Å; NaN when the relaxation does not converge.
double relaxed_film_W_J_m2(Engine& engine, const DftSystem& sys, double apart_eV) {
  const auto* c = relaxed_film_calculation(sys);
  if (!c) return std::numeric_limits<double>::quiet_NaN();
  Structure s = c->structure;
  OptimizerOptions opt;
  opt.max_steps = 5000;
  opt.max_step_A = 0.1;
  const auto relaxed = make_optimizer("fire", opt)->minimize(engine, s);
  if (!relaxed.converged) return std::numeric_limits<double>::quiet_NaN();
  return (apart_eV - relaxed.energy_eV) * kEvPerA2_to_J_per_m2 / sys.interface_area_A2;
}

// A surface system: the potential's γ on the same frozen slab against the same bulk cell (the DFT
// lattice constant: a fixed-geometry comparison, like the points). A potential without a bulk state
// of the crystal (a core–shell model's Na: rigid ions, no metal) has no γ of it either: `bulk_row`
// gives the row NaN with the reason.
void append_surface_row(Engine& engine, const std::vector<std::string>& elements, const DftSystem& sys,
                        const DftOutcomes& done, const DftValueLookup& dft_value, const BulkRow& bulk_row,
                        std::vector<DftValidationRow>& rows) {
  const double* v = dft_value(sys.name, "", "gamma");
  const auto* slab = find_dft_outcome(done, sys.name, "slab");
  const auto* bulk = find_dft_outcome(done, sys.bulk_reference, "bulk");
  if (!v || !slab || !bulk || !covers(elements, slab->structure.elements())) return;
  const DftValidationRow row{sys.name, sys.facet, "", "gamma", *v, std::numeric_limits<double>::quiet_NaN(), "J/m2"};
  rows.push_back(bulk_row(row, sys.bulk_reference, [&](double) {
    const double bulk_eV_per_atom = engine.energy(bulk->structure) / static_cast<double>(bulk->structure.size());
    return symmetric_slab_gamma_J_m2(engine.energy(slab->structure), slab->structure.size(), bulk_eV_per_atom,
                                     slab->structure.area_A2());
  }));
}

// A film system: W at every DFT film height and at the DFT's relaxed film, each in the DFT
// geometry ("W_ad@z2.80", "W_ad@relaxed"), W_ad and the
// height at the potential's own minimum with the film moved rigidly along z over the frozen
// substrate (the DFT protocol; NaN when the potential has no minimum between 1 and 6 A), and the
// relaxed film's W where the DFT has one.
void append_film_rows(Engine& engine, const std::vector<std::string>& elements, const DftSystem& sys,
                      const DftOutcomes& done, const DftValueLookup& dft_value, std::vector<DftValidationRow>& rows) {
  const auto points = film_points(engine, elements, sys, done);
  if (!points) return;
  rows.insert(rows.end(), points->rows.begin(), points->rows.end());
  const double eV_to_J_m2 = kEvPerA2_to_J_per_m2 / sys.interface_area_A2;
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  double w_J_m2 = kNaN, z_A = kNaN;
  const auto scan = finished_scan_points(sys, done);
  try {
    if (!scan.empty()) {  // the rigid film, moved from a scan point (the relaxed film is not flat)
      const auto& a_point = find_dft_outcome(done, sys.name, scan.back()->config)->structure;
      const auto h = minimise_overlayer_height(engine, a_point, sys.first_film_atom, sys.top_layer_z_A, 1.0, 6.0);
      w_J_m2 = (points->apart_eV - h.energy_eV) * eV_to_J_m2;
      z_A = h.height_A;
    }
  } catch (const std::runtime_error&) {
    // no minimum between 1 and 6 A: the potential has no value (NaN, reported as such)
  }
  const std::string& label = sys.calculations.back().site;
  if (const double* v = dft_value(sys.name, label, "W_ad"))
    rows.push_back({sys.name, sys.facet, label, "W_ad", *v, w_J_m2, "J/m2"});
  if (const double* v = dft_value(sys.name, label, "z_min"))
    rows.push_back({sys.name, sys.facet, label, "z_min", *v, z_A, "A"});
  if (const double* v = dft_value(sys.name, label, "W_ad_relaxed"))
    rows.push_back(
        {sys.name, sys.facet, label, "W_ad_relaxed", *v, relaxed_film_W_J_m2(engine, sys, points->apart_eV), "J/m2"});
}

}  // namespace

namespace {

std::string result_file(const DftReferenceSet& set, const std::string& system, const std::string& config) {
  return (set.dir / system / (config + ".json")).lexically_normal().string();
}

// E(slab+adatom) − E(slab) of one configuration of a system (the adsorbate reference cancels in
// a shift); throws naming the set, system and configuration when either is not finished.
double adsorbed_minus_clean_eV(const DftReferenceSet& set, const DftOutcomes& done, const std::string& system,
                               const std::string& config) {
  const auto* point = find_dft_outcome(done, system, config);
  const auto* clean = find_dft_outcome(done, system, "clean");
  if (!point || !clean)
    throw std::invalid_argument(
        set.file.string() + ": system '" + system + "': '" + config +
        "' or its clean slab has no finished calculation (needed by a [[dft.shift]]; run `nabridge dft reference`)");
  return point->energy_eV - clean->energy_eV;
}

}  // namespace

std::pair<double, std::string> convergence_shift(const DftReferenceSet& set, const DftOutcomes& done,
                                                 const std::vector<potentials::DftShift>& shifts,
                                                 const std::string& system) {
  double total_eV = 0.0;
  std::string described;
  for (const auto& shift : shifts) {
    if (shift.system != system) continue;
    const double d_eV = adsorbed_minus_clean_eV(set, done, shift.converged, shift.config) -
                        adsorbed_minus_clean_eV(set, done, shift.system, shift.config);
    total_eV += d_eV;
    described +=
        fmt::format("; shifted by {:+.4f} eV ({} − {} at {})", d_eV, shift.converged, shift.system, shift.config);
  }
  return {total_eV, described};
}

namespace {

void append_binding_targets(const DftReferenceSet& set, const DftSystem& sys, const DftOutcomes& done,
                            const potentials::CrossFitDftSource& source,
                            std::vector<potentials::CrossTarget>& targets) {
  const std::string where = set.file.string() + ": system '" + sys.name + "'";
  const auto* clean = find_dft_outcome(done, sys.name, "clean");
  const auto* mu = source.reference == "bulk" ? find_dft_outcome(done, sys.bulk_reference, "bulk")
                                              : find_dft_outcome(done, sys.atom_reference, "atom");
  if (!clean || !mu)
    throw std::invalid_argument(where + ": the clean slab or the " + source.reference +
                                " reference has no finished calculation (run `nabridge dft reference`)");
  const auto substrate = clean->structure.elements();
  if (substrate.size() != 1) throw std::invalid_argument(where + ": substrate is not a single element");
  const double mu_eV = source.reference == "bulk" ? per_atom(*mu) : mu->energy_eV;
  const auto [shift_eV, shift_described] = convergence_shift(set, done, source.shifts, sys.name);
  for (const auto* c : finished_scan_points(sys, done)) {
    const auto& o = *find_dft_outcome(done, sys.name, c->config);
    potentials::CrossTarget t;
    t.kind = t.property = "binding_energy";
    t.substrate = substrate.front();
    t.adsorbate = sys.adsorbate;
    t.reference = source.reference;
    t.site = c->site;
    t.value = o.energy_eV - clean->energy_eV - mu_eV + shift_eV;
    t.sigma = source.sigma;
    t.adsorbed = o.structure;
    t.clean = clean->structure;
    t.label = point_label(sys, *c);
    t.source = "NaBridge DFT reference (CP2K, " + c->settings.functional +
               "): " + result_file(set, sys.name, c->config) + shift_described;
    targets.push_back(std::move(t));
  }
}

void append_formation_target(const DftReferenceSet& set, const DftSystem& sys, const DftOutcomes& done,
                             const potentials::CrossFitDftSource& source,
                             std::vector<potentials::CrossTarget>& targets) {
  const auto e_form = dft_formation_energy(sys, done);
  if (!e_form)
    throw std::invalid_argument(
        set.file.string() + ": system '" + sys.name +
        "': the compound or its element references have no finished calculation (run `nabridge dft reference`), "
        "or its lattice scan does not bracket a minimum (extend a_scan_A)");
  potentials::CrossTarget t;
  t.kind = t.property = "formation_energy";
  t.structure = sys.prototype;
  t.elements = sys.elements;
  t.value = *e_form;
  t.sigma = source.sigma;
  t.source = "NaBridge DFT reference (CP2K, " + sys.calculations.front().settings.functional + "): " +
             result_file(set, sys.name, sys.calculations.front().config) +
             (sys.calculations.size() > 1 ? " and the rest of its lattice scan" : "") + " with its element references";
  targets.push_back(std::move(t));
}

// One film_binding_energy target per finished film height: (E(film on substrate) − E(substrate)
// − E(film)) per film atom, in the DFT geometries. Convergence shifts are measured on adatoms and
// do not carry over to a film: a shift naming a film system is an error.
void append_film_targets(const DftReferenceSet& set, const DftSystem& sys, const DftOutcomes& done,
                         const potentials::CrossFitDftSource& source, std::vector<potentials::CrossTarget>& targets) {
  const std::string where = set.file.string() + ": system '" + sys.name + "'";
  for (const auto& shift : source.shifts)
    if (shift.system == sys.name)
      throw std::invalid_argument(where + ": a [[dft.shift]] applies to adsorption systems, not to a film");
  const auto* clean = find_dft_outcome(done, sys.name, "clean");
  const auto* film = find_dft_outcome(done, sys.name, "film");
  if (!clean || !film)
    throw std::invalid_argument(
        where + ": the substrate or the film alone has no finished calculation (run `nabridge dft reference`)");
  const auto substrate = clean->structure.elements();
  const auto film_elements = film->structure.elements();
  if (substrate.size() != 1 || film_elements.size() != 1)
    throw std::invalid_argument(where + ": substrate and film must each be a single element");
  for (const auto* c : finished_scan_points(sys, done)) {
    const auto& o = *find_dft_outcome(done, sys.name, c->config);
    potentials::CrossTarget t;
    t.kind = t.property = "film_binding_energy";
    t.substrate = substrate.front();
    t.adsorbate = film_elements.front();
    t.site = c->site;
    t.value = (o.energy_eV - clean->energy_eV - film->energy_eV) / static_cast<double>(film->structure.size());
    t.sigma = source.sigma;
    t.adsorbed = o.structure;
    t.clean = clean->structure;
    t.film = film->structure;
    t.label = fmt::format("{} film on {} z={:.2f}", c->site, sys.name, c->overlayer_height_A);
    t.source = "NaBridge DFT reference (CP2K, " + c->settings.functional + "): " +
               result_file(set, sys.name, c->config) + " with its substrate and film alone";
    targets.push_back(std::move(t));
  }
}

}  // namespace

std::vector<potentials::CrossTarget> dft_fit_targets(const DftReferenceSet& set, const DftOutcomes& done,
                                                     const potentials::CrossFitDftSource& source) {
  std::vector<potentials::CrossTarget> targets;
  for (const auto& name : source.systems) {
    const DftSystem& sys = find_system(set, name);
    if (sys.kind == DftSystemKind::kAdsorption) append_binding_targets(set, sys, done, source, targets);
    else if (sys.kind == DftSystemKind::kCompound) append_formation_target(set, sys, done, source, targets);
    else if (sys.kind == DftSystemKind::kFilm) append_film_targets(set, sys, done, source, targets);
    else
      throw std::invalid_argument(set.file.string() + ": system '" + name +
                                  "' is neither an adsorption system, a compound nor a film");
  }
  return targets;
}

std::vector<DftValidationRow> dft_validation(Engine& engine, const std::vector<std::string>& elements,
                                             const DftReferenceSet& set, const DftOutcomes& done) {
  std::map<std::tuple<std::string, std::string, std::string>, double> reference;
  for (const auto& r : dft_summary(set, done)) reference[{r.system, r.site, r.quantity}] = r.value;
  const DftValueLookup dft_value = [&](const std::string& system, const std::string& site,
                                       const std::string& q) -> const double* {
    const auto it = reference.find({system, site, q});
    return it == reference.end() ? nullptr : &it->second;
  };
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  std::vector<DftValidationRow> rows;
  std::map<std::string, double> atom_eV, bulk_eV;  // the potential's references, by DFT system name
  std::map<std::string, std::string> bulk_missing;  // a reference bulk the potential has no state of: why
  const auto model_atom = [&](const std::string& ref) {
    if (!atom_eV.count(ref))
      atom_eV[ref] = isolated_atom_energy_eV(engine, find_dft_outcome(done, ref, "atom")->structure.species.front());
    return atom_eV[ref];
  };
  const auto model_bulk = [&](const std::string& ref) {
    if (!bulk_eV.count(ref))
      bulk_eV[ref] = model_bulk_energy_per_atom(engine, ref, *find_dft_outcome(done, ref, "bulk"));
    return bulk_eV[ref];
  };
  // A row that needs an elemental bulk reference (E_coh, E_ads_vs_bulk): NaN with the reason when
  // the potential has no zero-pressure state of it (a core–shell model's Na rigid ions have only
  // Coulomb Na–Na: no metal), so the rows that do not need it are still computed.
  const BulkRow bulk_row = [&](DftValidationRow row, const std::string& ref,
                               const std::function<double(double)>& value) {
    if (!bulk_missing.count(ref)) {
      try {
        row.potential = value(model_bulk(ref));
        return row;
      } catch (const std::runtime_error& e) {
        bulk_missing[ref] = e.what();
      }
    }
    row.potential = kNaN;
    row.note = bulk_missing[ref];
    return row;
  };
  for (const auto& sys : set.systems) {
    if (sys.kind == DftSystemKind::kCompound) {
      const auto* compound = finished_cell(sys, done);
      const double* v = dft_value(sys.name, "", "E_form");
      if (!compound || !v || !covers(elements, sys.elements)) continue;
      // The DFT definition with the potential's energies: every cell at its own zero pressure.
      std::map<std::string, double> mu;
      for (const auto& ref : sys.element_references)
        mu[find_dft_outcome(done, ref, "bulk")->structure.species.front()] = model_bulk(ref);
      const CubicLattice model = model_cubic_equilibrium(engine, sys.name, *compound);
      const double e_compound = model.energy_eV_per_atom * static_cast<double>(compound->structure.size());
      rows.push_back(
          {sys.name, "", "", "E_form", *v, formation_energy_per_atom(compound->structure, e_compound, mu), "eV/atom"});
      if (const double* a = dft_value(sys.name, "", "a_min"))
        rows.push_back({sys.name, "", "", "a_min", *a, model.a_A, "A"});
      continue;
    }
    if (sys.kind == DftSystemKind::kBulk) {
      // A lattice scan: the potential's zero-pressure lattice constant against the DFT minimum.
      if (const double* a = dft_value(sys.name, "", "a_min")) {
        const auto* cell = finished_cell(sys, done);
        if (covers(elements, cell->structure.elements()))
          rows.push_back({sys.name, "", "", "a_min", *a, model_cubic_equilibrium(engine, sys.name, *cell).a_A, "A"});
        continue;
      }
      const auto* bulk = find_dft_outcome(done, sys.name, "bulk");
      if (!bulk || !covers(elements, bulk->structure.elements())) continue;
      for (const auto& other : set.systems)
        if (const double* v = dft_value(sys.name, other.name, "E_coh"))
          rows.push_back(bulk_row({sys.name, "", other.name, "E_coh", *v, kNaN, "eV/atom"}, sys.name,
                                  [&](double bulk) { return model_atom(other.name) - bulk; }));
      continue;
    }
    if (sys.kind == DftSystemKind::kFilm) {
      append_film_rows(engine, elements, sys, done, dft_value, rows);
      continue;
    }
    if (sys.kind == DftSystemKind::kSurface) {
      append_surface_row(engine, elements, sys, done, dft_value, bulk_row, rows);
      continue;
    }
    if (sys.kind != DftSystemKind::kAdsorption) continue;
    const auto points = adsorption_points(engine, elements, sys, done, model_atom);
    if (!points) continue;
    std::set<std::string> sites_done;
    for (std::size_t i = 0; i < points->rows.size(); ++i) {
      const std::string& site = points->rows[i].site;
      rows.push_back(points->rows[i]);
      if (!sites_done.insert(site).second) continue;
      // The site's relaxed values: the adatom height minimised on the frozen DFT slab.
      double e_min = kNaN, z_min = kNaN;
      try {
        const auto h = relaxed_adatom(engine, sys, *points->geometries[i]);
        e_min = h.energy_eV - points->clean_eV;
        z_min = h.height_A;
      } catch (const std::runtime_error&) {
        // no minimum between 1 and 5 A: the potential has no value (NaN, reported as such)
      }
      if (const double* v = dft_value(sys.name, site, "E_bind"))
        rows.push_back({sys.name, sys.facet, site, "E_bind", *v, e_min - points->atom_eV, "eV"});
      if (const double* v = dft_value(sys.name, site, "E_ads_vs_bulk"))
        rows.push_back(bulk_row({sys.name, sys.facet, site, "E_ads_vs_bulk", *v, kNaN, "eV"}, sys.bulk_reference,
                                [&](double mu_bulk) { return e_min - mu_bulk; }));
      if (const double* v = dft_value(sys.name, site, "z_min"))
        rows.push_back({sys.name, sys.facet, site, "z_min", *v, z_min, "A"});
    }
  }
  return rows;
}

namespace {
const char* const kDftValidationHeader = "system,facet,site,quantity,dft,potential,unit";

// A number field of dft_validation.csv; "nan" (the potential has no value) parses to NaN.
double csv_number(const std::string& field, const std::string& where) {
  char* end = nullptr;
  const double v = std::strtod(field.c_str(), &end);
  if (field.empty() || *end != '\0') throw std::invalid_argument(where + ": '" + field + "' is not a number");
  return v;
}
}  // namespace

std::string dft_validation_csv(const std::vector<DftValidationRow>& rows) {
  std::string csv = std::string(kDftValidationHeader) + "\n";
  for (const auto& r : rows)
    csv += csv_row({r.system, r.facet, r.site, r.quantity, fmt::format("{:.4f}", r.dft),
                    fmt::format("{:.4f}", r.potential), r.unit});
  return csv;
}

std::vector<DftValidationRow> read_dft_validation_csv(const std::filesystem::path& file) {
  const std::vector<CsvRecord> records = read_csv_file(file);
  if (records.empty() || csv_row(records.front().fields) != std::string(kDftValidationHeader) + "\n")
    throw std::invalid_argument(fmt::format("{}:{}: header is not '{}'", file.string(),
                                            records.empty() ? 1 : records.front().line, kDftValidationHeader));
  std::vector<DftValidationRow> rows;
  for (auto r = records.begin() + 1; r != records.end(); ++r) {
    const std::string where = fmt::format("{}:{}", file.string(), r->line);
    const auto& f = r->fields;
    if (f.size() != 7)
      throw std::invalid_argument(fmt::format("{}: {} fields, expected 7 ({})", where, f.size(), kDftValidationHeader));
    rows.push_back(
        {f[0], f[1], f[2], f[3], csv_number(f[4], where + ": dft"), csv_number(f[5], where + ": potential"), f[6]});
  }
  return rows;
}

namespace {
// "E_bind@z2.70", "W_ad@z2.80" and the like are one quantity each in the error table: the
// fixed-geometry points.
std::string quantity_class(const std::string& q) {
  if (q.rfind("E_bind@", 0) == 0) return "E_bind at DFT heights";
  if (q == "W_ad@relaxed") return "W_ad at the DFT's relaxed film";
  if (q.rfind("W_ad@", 0) == 0) return "W_ad at DFT heights";
  return q;
}

// The site with the lowest E_bind@z value, over the points of one system, in DFT or the potential.
std::string most_stable_site(const std::vector<DftValidationRow>& rows, const std::string& system, bool dft) {
  std::string best;
  double e_best = std::numeric_limits<double>::infinity();
  for (const auto& r : rows)
    if (r.system == system && r.quantity.rfind("E_bind@", 0) == 0 && (dft ? r.dft : r.potential) < e_best) {
      e_best = dft ? r.dft : r.potential;
      best = r.site;
    }
  return best;
}
}  // namespace

std::string dft_error_table_markdown(const std::vector<DftValidationRow>& rows) {
  struct Errors {
    int n = 0, missing = 0;
    double sum = 0.0, max = 0.0;
    std::string unit;
  };
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>, Errors> errors;
  for (const auto& r : rows) {
    const auto key = std::make_pair(r.system, quantity_class(r.quantity));
    if (!errors.count(key)) order.push_back(key);
    auto& e = errors[key];
    e.unit = r.unit;
    if (std::isnan(r.potential)) {
      ++e.missing;
      continue;
    }
    ++e.n;
    e.sum += std::abs(r.potential - r.dft);
    e.max = std::max(e.max, std::abs(r.potential - r.dft));
  }
  std::string md =
      "| system | quantity | values | mean abs. error | max abs. error | unit |\n|---|---|---|---|---|---|\n";
  for (const auto& key : order) {
    const auto& e = errors[key];
    md += fmt::format("| {} | {} | {}{} | {} | {} | {} |\n", key.first, key.second, e.n,
                      e.missing ? fmt::format(" (+{} without a minimum)", e.missing) : "",
                      e.n ? fmt::format("{:.3f}", e.sum / e.n) : "n/a", e.n ? fmt::format("{:.3f}", e.max) : "n/a",
                      e.unit);
  }
  return md;
}

std::string dft_validation_markdown(const std::vector<DftValidationRow>& rows, const std::string& potential_id,
                                    const std::string& engine) {
  std::string md =
      fmt::format("Potential `{}` against the NaBridge DFT reference (`data/reference/dft`); engine: {}.\n\n",
                  potential_id, engine);
  md += dft_error_table_markdown(rows);
  std::vector<std::string> systems;
  for (const auto& r : rows)
    if (r.quantity.rfind("E_bind@", 0) == 0 && std::find(systems.begin(), systems.end(), r.system) == systems.end())
      systems.push_back(r.system);
  if (!systems.empty()) {
    md += "\n| system | most stable site (DFT) | most stable site (potential) |\n|---|---|---|\n";
    for (const auto& s : systems)
      md += fmt::format("| {} | {} | {} |\n", s, most_stable_site(rows, s, true), most_stable_site(rows, s, false));
  }
  md += "\n| system | site | quantity | DFT | potential | unit |\n|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    md += fmt::format("| {} | {} | {} | {:.3f} | {} | {} |\n", r.system, r.site, r.quantity, r.dft,
                      std::isnan(r.potential) ? std::string("n/a") : fmt::format("{:.3f}", r.potential), r.unit);
  std::string skipped;
  for (const auto& r : rows)
    if (!r.note.empty()) skipped += fmt::format("- {} {} {}: {}\n", r.system, r.site, r.quantity, r.note);
  if (!skipped.empty()) md += "\nRows without a value, and why:\n\n" + skipped;
  return md;
}

}  // namespace nabridge::workflow
