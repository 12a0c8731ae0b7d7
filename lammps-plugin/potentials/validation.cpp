#include "potentials/validation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <set>
#include <stdexcept>

#include "optimize/lbfgs.h"
#include "potentials/cross_fit.h"
#include "potentials/material_properties.h"
#include "nabridge/base/csv.h"
#include "nabridge/base/toml_reader.h"
#include "protocols/isolated_atom.h"

namespace nabridge::potentials {

namespace {
struct RefValue {
  double value = 0.0;
  std::string source;
  bool verified = false;
};

struct ElementRef {
  std::string lattice;
  std::map<std::string, RefValue> values;  // a0_A, Ec_eV, Ev_eV, gamma_J_m2, B_GPa
};

std::map<std::string, ElementRef> read_reference(const std::string& path) {
  const toml::table doc = parse_toml_file(path);
  const TomlReader top(path, doc, "");
  std::map<std::string, ElementRef> out;
  for (const auto& [key, node] : doc) {
    const std::string el(key.str());
    const auto t = top.required_table(el);
    ElementRef r;
    r.lattice = t.string("lattice");
    for (const auto& [k, v] : t.raw()) {
      const std::string name(k.str());
      if (name == "lattice") continue;
      if (!v.is_table()) t.fail(name, "expected { value, source, verified }");
      const auto vt = t.required_table(name);
      vt.allow_only({"value", "source", "verified"});
      r.values[name] = {vt.number("value"), vt.string("source"), vt.boolean_or("verified", false)};
    }
    out[el] = r;
  }
  return out;
}

ValidationRow row(const std::string& system, const std::string& property, const std::string& unit, double model,
                  const RefValue* ref, const std::string& note = "") {
  ValidationRow r{system, property, unit, model, std::nullopt, "—", "", "—", true};
  if (ref) {
    r.reference = ref->value;
    r.reference_text = fmt::format("{:.4g}", ref->value);
    r.source = ref->source + (ref->verified ? "" : " (unverified)") + note;
    r.deviation = fmt::format("{:+.1f} %", 100.0 * (model - ref->value) / ref->value);
  }
  return r;
}

/// The stability rows of one structure: C11, C12, C44 (against `ref` values C11_GPa, ... where
/// given), the three Born criteria and the random-displacement energy; within = criterion met.
void append_stability_rows(std::vector<ValidationRow>& rows, const StabilityReport& r,
                           const std::function<const RefValue*(const std::string&)>& ref) {
  const std::string system = r.structure.system();
  if (!r.error.empty()) {
    rows.push_back({system, "stability", "", std::numeric_limits<double>::quiet_NaN(), std::nullopt, "—", "",
                    "not checked: " + r.error, false});
    return;
  }
  const auto& c = r.result.elastic;
  const std::string how = fmt::format(" ({}, a = {:.4f} Å)", c.relaxed_ions ? "relaxed ions" : "clamped ions", r.a_A);
  const std::pair<std::string, double> constants[] = {{"C11", c.C11_GPa}, {"C12", c.C12_GPa}, {"C44", c.C44_GPa}};
  for (const auto& [name, value] : constants)
    rows.push_back(row(system, "elastic constant " + name + how, "GPa", value, ref(name + "_GPa")));
  for (const auto& b : r.result.born)
    rows.push_back({system, "stability: Born " + b.name, "GPa", b.value_GPa, std::nullopt, "> 0",
                    "Born & Huang (1954); Mouhat & Coudert, PRB 90, 224104 (2014)", b.met ? "stable" : "UNSTABLE",
                    b.met});
  if (const auto& rd = r.result.random) {
    const bool ok = !rd->unstable;
    ValidationRow v{system, "stability: random displacements, E(relaxed) − E(ideal)", "meV/atom", rd->dE_min_meV(),
                    std::nullopt, fmt::format(">= -{:g}", rd->threshold_meV),
                    fmt::format("{} atoms ({}×{}×{} cells) moved {:g} Å at random, relaxed{}{}", rd->natoms, rd->reps,
                                rd->reps, rd->reps, rd->amplitude_A,
                                rd->dE_cell_meV ? " with the cell" : " at the ideal cell",
                                rd->converged ? "" : " (relaxation not converged)"),
                    ok ? "stable" : "UNSTABLE", ok};
    const std::string where = fmt::format("atoms {:.3g} Å rms from their sites, cell strain {:.2g}", rd->rms_shift_A,
                                          rd->max_strain);
    if (rd->unstable) v.deviation = "UNSTABLE: " + where;
    if (rd->shallow()) v.deviation = "stable by the threshold; shallow distortion: " + where;
    rows.push_back(v);
  }
  if (r.e_form_ideal_eV)
    rows.push_back({system, "formation energy after the random-displacement relaxation", "eV/atom",
                    *r.e_form_relaxed_eV, std::nullopt, "—", "vs the elements at their zero-pressure lattices (informative)",
                    fmt::format("ideal crystal {:+.4f}", *r.e_form_ideal_eV), true});
}

/// What the parts of one validation share: its inputs, the optimiser, the rows so far, and what
/// the elements' part leaves for the others (their lattices and zero-pressure ground states, the
/// compounds' lattice guesses).
struct ValidationContext {
  const ValidationSubject& subject;
  const EngineFactory& make_engine;
  const ValidationOptions& opt;
  Lbfgs lbfgs{OptimizerOptions{1e-4, 5000, 0.1}};
  std::map<std::string, ElementReference> lattices;
  ElementalGroundStates ground;
  std::vector<ValidationRow> rows;

  void say(const std::string& s) const {
    if (opt.progress) opt.progress(s);
  }
};

/// An element without an entry in the reference data: an error when it was asked for by name; in a
/// whole-potential run (e.g. the I of an ionic model) a row saying it is not validated here.
void append_unreferenced_element(ValidationContext& v, const std::string& el) {
  if (!v.opt.elements.empty())
    throw std::invalid_argument(v.subject.reference_data + ": no reference entry [" + el + "]");
  v.say("skipping " + el + ": no elemental reference entry");
  v.rows.push_back(
      {el, "not validated as an element", "", std::numeric_limits<double>::quiet_NaN(), std::nullopt, "—",
       "no entry [" + el + "] in " + v.subject.reference_data + "; compound properties: the potential's VALIDATION.md",
       "—", true});
}

/// One element against its reference: lattice constant, cohesive energy, bulk modulus, relaxed
/// vacancy and (100), (110), (111) surface energies, then its stability rows.
void append_element_rows(ValidationContext& v, const std::string& el, const ElementRef& ref) {
  const ValidationOptions& opt = v.opt;
  auto get = [&](const std::string& k) -> const RefValue* {
    auto it = ref.values.find(k);
    return it == ref.values.end() ? nullptr : &it->second;
  };
  const RefValue* a_ref = get("a0_A");
  if (!a_ref)
    throw std::invalid_argument(v.subject.reference_data + ": " + el +
                                ".a0_A: missing (the lattice search starts there)");
  v.lattices[el] = {ref.lattice, a_ref->value};
  v.say("validating " + el);
  auto engine = v.make_engine(subset_potential(v.subject.full, {el}));
  const auto build = element_lattice(el, ref.lattice);
  const CubicLattice lm = cubic_equilibrium(*engine, build, a_ref->value);
  const double ec = isolated_atom_energy_eV(*engine, el) - lm.energy_eV_per_atom;
  const Structure cell = build(lm.a_A);
  v.ground.a_A[el] = lm.a_A;
  v.ground.e_eV[el] = lm.energy_eV_per_atom;
  v.rows.push_back(row(el, "lattice constant a0", "Å", lm.a_A, a_ref));
  v.rows.push_back(row(el, "cohesive energy Ec", "eV/atom", ec, get("Ec_eV")));
  if (get("B_GPa")) {
    const CubicElastic c = cubic_elastic_constants(*engine, cell, 1e-3);
    v.rows.push_back(row(el, "bulk modulus B", "GPa", c.B_GPa(), get("B_GPa")));
  }
  const int reps = ref.lattice == "bcc" ? opt.vacancy_reps_bcc : opt.vacancy_reps_fcc;
  const double ev = vacancy_formation_energy(*engine, cell, reps, lm.energy_eV_per_atom, true, &v.lbfgs);
  v.rows.push_back(row(el, "vacancy formation Ev (relaxed)", "eV", ev, get("Ev_eV")));
  for (const Eigen::Vector3i hkl : {Eigen::Vector3i(1, 0, 0), Eigen::Vector3i(1, 1, 0), Eigen::Vector3i(1, 1, 1)}) {
    SurfaceSpecOptions so;
    so.min_thickness_A = opt.surface_thickness_A;
    so.vacuum_A = 20.0;
    const SurfaceResult s = surface_energy_hkl(*engine, cell, hkl, lm.energy_eV_per_atom, so, &v.lbfgs);
    v.rows.push_back(row(el, "surface energy " + miller_label(hkl) + " (relaxed)", "J/m²", s.gamma_J_m2,
                         get("gamma_J_m2"), "; isotropic average"));
  }
  if (opt.stability) {
    v.say("stability of " + el + " (" + ref.lattice + ")");
    append_stability_rows(v.rows, element_stability(*engine, el, ref.lattice, lm.a_A, opt.stability_options), get);
  }
}

/// A cross-term fit target recomputed: against its value within 2 σ, or against its bound.
ValidationRow cross_target_row(const CrossTarget& t, double v) {
  const std::string unit = t.kind == "lattice_constant" ? "Å" : (t.kind == "formation_energy" ? "eV/atom" : "eV");
  ValidationRow r{t.system(), t.kind + " (fit target)", unit, v, t.value, t.describe(), t.source, "", true};
  if (t.value) {
    r.deviation = fmt::format("{:+.3f} {} ({:+.1f} σ)", v - *t.value, unit, (v - *t.value) / t.sigma);
    r.within = std::abs(v - *t.value) <= 2 * t.sigma;
  } else {
    const double res = t.residual(v) * t.sigma;
    r.within = res == 0.0;
    r.deviation = r.within ? "bound met" : fmt::format("violated by {:.3f} {}", std::abs(res), unit);
  }
  return r;
}

/// Every target of the cross-fit spec among the validated `elements`; the spec's compounds join
/// `compounds` (for their stability) and its element lattices fill those not validated here.
void append_cross_target_rows(ValidationContext& v, const std::vector<std::string>& elements,
                              std::vector<StabilityStructure>& compounds) {
  const CrossFitSpec spec = read_cross_fit_spec(v.subject.cross_fit_spec);
  for (const auto& c : target_compounds(spec.targets))
    if (std::find(compounds.begin(), compounds.end(), c) == compounds.end()) compounds.push_back(c);
  const std::set<std::string> have(elements.begin(), elements.end());
  std::vector<std::string> all;
  for (const auto& [e, r] : spec.elements) {
    if (have.count(e)) all.push_back(e);
    if (!v.lattices.count(e)) v.lattices[e] = r;
  }
  if (all.empty()) return;
  v.say("validating cross-term targets");
  auto engine = v.make_engine(subset_potential(v.subject.full, all));
  const ElementalGroundStates ground = elemental_ground_states(*engine, v.lattices, all);
  for (const auto& t : spec.targets) {
    bool covered = true;
    for (const auto& e : t.species()) covered = covered && have.count(e);
    if (!covered) continue;
    v.rows.push_back(cross_target_row(t, evaluate_cross_target(*engine, t, v.lattices, ground, true, &v.lbfgs)));
  }
}

/// The stability rows of each compound whose elements were validated (their lattices give the
/// compound's volume guess).
void append_compound_stability_rows(ValidationContext& v, const std::vector<StabilityStructure>& compounds) {
  for (const auto& c : compounds) {
    if (!v.ground.a_A.count(c.elements[0]) || !v.ground.a_A.count(c.elements[1])) {
      v.say("skipping the stability of " + c.system() + ": an element of it is not validated here");
      continue;
    }
    v.say("stability of " + c.system());
    auto engine = v.make_engine(subset_potential(v.subject.full, c.elements));
    const auto no_reference = [](const std::string&) -> const RefValue* { return nullptr; };
    append_stability_rows(v.rows, compound_stability(*engine, c, v.lattices, v.ground, v.opt.stability_options),
                          no_reference);
  }
}
}  // namespace

#ifndef NABRIDGE_DEFAULT_REFERENCE_DATA
#define NABRIDGE_DEFAULT_REFERENCE_DATA ""
#endif

std::string default_reference_data() { return NABRIDGE_DEFAULT_REFERENCE_DATA; }

ValidationSubject validation_subject(const std::string& metadata_path, const std::vector<std::string>& search_dirs) {
  const PotentialMetadata m = read_potential_metadata(metadata_path);
  ValidationSubject s;
  s.id = m.id;
  s.title = m.title;
  s.fidelity = m.fidelity;
  s.full = load_potential(metadata_path, search_dirs);
  s.reference_data = m.reference_data.empty() ? default_reference_data() : m.reference_data;
  s.cross_fit_spec = m.cross_fit_spec;
  return s;
}

std::vector<ValidationRow> validate_potential(const ValidationSubject& subject, const EngineFactory& make_engine,
                                              const ValidationOptions& opt) {
  if (subject.reference_data.empty())
    throw std::invalid_argument("validation of '" + subject.id + "': no reference data file");
  const auto refs = read_reference(subject.reference_data);
  const std::vector<std::string> elements = opt.elements.empty() ? subject.full.elements : opt.elements;
  ValidationContext v{subject, make_engine, opt};
  for (const auto& el : elements) {
    const auto it = refs.find(el);
    if (it == refs.end())
      append_unreferenced_element(v, el);
    else
      append_element_rows(v, el, it->second);
  }
  std::vector<StabilityStructure> compounds = opt.stability_compounds;
  if (opt.cross_terms && !subject.cross_fit_spec.empty()) append_cross_target_rows(v, elements, compounds);
  if (opt.stability) append_compound_stability_rows(v, compounds);
  return v.rows;
}

std::string validation_markdown(const std::vector<ValidationRow>& rows, const ValidationSubject& m,
                                const std::string& engine) {
  std::string s = fmt::format(
      "### {} — validation\n\n{}\n\nFidelity grade: {}. Computed by `nabridge potential validate {}` "
      "({}); 0 K, relaxed defects and surfaces.\n\n",
      m.id, m.title, m.fidelity.empty() ? "—" : m.fidelity, m.id, engine);
  s += "| system | property | unit | model | reference | deviation | source |\n|---|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    s += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", r.system, r.property, r.unit,
                     std::isnan(r.model) ? "—" : fmt::format("{:.4g}", r.model), r.reference_text, r.deviation,
                     r.source.empty() ? "—" : r.source);
  return s;
}

std::string validation_csv(const std::vector<ValidationRow>& rows) {
  std::string s = "system,property,unit,model,reference,deviation,within,source\n";
  for (const auto& r : rows)
    s += fmt::format("{},{},{},{:.8g},{},{},{},{}\n", csv_field(r.system),
                     csv_field(r.property), csv_field(r.unit), r.model, csv_field(r.reference_text),
                     csv_field(r.deviation), r.within ? "yes" : "no", csv_field(r.source));
  return s;
}

}  // namespace nabridge::potentials
