#include "potentials/stability.h"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "potentials/eam_engine.h"
#include "potentials/material_properties.h"
#include "protocols/cubic_lattice.h"
#include "structure/intermetallics.h"

namespace nabridge::potentials {

std::string StabilityStructure::system() const {
  if (!compound()) return elements.empty() ? std::string() : elements.front();
  const auto [na, nb] = intermetallic_formula(prototype);
  auto part = [](const std::string& e, int n) { return n == 1 ? e : e + std::to_string(n); };
  return part(elements[0], na) + part(elements[1], nb) + " (" + prototype + ")";
}

StabilityStructure parse_stability_compound(const std::string& text) {
  const auto bad = [&](const std::string& why) {
    return std::invalid_argument("stability compound '" + text + "': " + why +
                                 " (expected PROTOTYPE:A,B, e.g. B2:Na,Al, L12:Al,Na or C15:Na,Au)");
  };
  const auto colon = text.find(':');
  if (colon == std::string::npos) throw bad("no ':'");
  StabilityStructure s;
  s.prototype = text.substr(0, colon);
  try {
    intermetallic_formula(s.prototype);
  } catch (const std::invalid_argument& e) {
    throw bad(e.what());
  }
  const std::string rest = text.substr(colon + 1);
  const auto comma = rest.find(',');
  if (comma == std::string::npos) throw bad("two elements separated by ',' are needed");
  s.elements = {rest.substr(0, comma), rest.substr(comma + 1)};
  if (s.elements[0].empty() || s.elements[1].empty() || s.elements[1].find(',') != std::string::npos)
    throw bad("two elements separated by ',' are needed");
  if (s.elements[0] == s.elements[1]) throw bad("the two elements must differ");
  return s;
}

std::vector<StabilityStructure> target_compounds(const std::vector<CrossTarget>& targets) {
  std::vector<StabilityStructure> out;
  for (const auto& t : targets) {
    if (t.kind != "formation_energy" && t.kind != "lattice_constant") continue;
    StabilityStructure s{t.structure, t.elements};
    if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  }
  return out;
}

std::vector<std::string> StabilityReport::failures() const {
  if (!error.empty()) return {"not checked: " + error};
  return result.failures();
}

StabilityReport element_stability(Engine& engine, const std::string& element, const std::string& lattice, double a_A,
                                  const StabilityOptions& opt) {
  StabilityReport r;
  r.structure = {lattice, {element}};
  r.a_A = a_A;
  r.result = lattice_stability(engine, element_lattice(element, lattice)(a_A), opt);
  return r;
}

StabilityReport compound_stability(Engine& engine, const StabilityStructure& c,
                                   const std::map<std::string, ElementReference>& refs,
                                   const ElementalGroundStates& ground, const StabilityOptions& opt) {
  StabilityReport r;
  r.structure = c;
  const auto build = [&](double a) { return intermetallic(c.prototype, c.elements[0], c.elements[1], a); };
  try {
    const CubicLattice m =
        cubic_equilibrium(engine, build, compound_lattice_guess(c.prototype, c.elements, refs, ground));
    r.a_A = m.a_A;
  } catch (const std::runtime_error& e) {
    r.error = std::string("no zero-pressure lattice constant: ") + e.what();
    return r;
  }
  r.result = lattice_stability(engine, build(r.a_A), opt);
  if (ground.e_eV.count(c.elements[0]) && ground.e_eV.count(c.elements[1]) && r.result.random) {
    const auto [na, nb] = intermetallic_formula(c.prototype);
    const double mu = (na * ground.e_eV.at(c.elements[0]) + nb * ground.e_eV.at(c.elements[1])) / (na + nb);
    r.e_form_ideal_eV = r.result.random->e_ideal_eV_per_atom - mu;
    r.e_form_relaxed_eV = *r.e_form_ideal_eV + 1e-3 * r.result.random->dE_min_meV();
  }
  return r;
}

std::vector<StabilityReport> cross_fit_stability(const ZhouAlloyModel& model, const CrossFitSpec& spec,
                                                 const StabilityOptions& opt) {
  EamEngine engine(model);
  std::vector<std::string> elements;
  for (const auto& [e, r] : spec.elements) elements.push_back(e);
  const ElementalGroundStates ground = elemental_ground_states(engine, spec.elements, elements);
  std::vector<StabilityReport> out;
  for (const auto& e : elements)
    out.push_back(element_stability(engine, e, spec.elements.at(e).lattice, ground.a_A.at(e), opt));
  for (const auto& c : target_compounds(spec.targets)) {
    if (!spec.elements.count(c.elements[0]) || !spec.elements.count(c.elements[1])) continue;
    out.push_back(compound_stability(engine, c, spec.elements, ground, opt));
  }
  return out;
}

std::string stability_markdown(const std::vector<StabilityReport>& reports) {
  std::string s =
      "| system | a (Å) | C11 | C12 | C44 (GPa, relaxed ions) | "
      "Born criteria | random displacements: ΔE (meV/atom) | "
      "E_form ideal → relaxed (eV/atom) | verdict "
      "|\n|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : reports) {
    if (!r.error.empty()) {
      s += fmt::format("| {} | — | — | — | — | — | — | — | not checked: {} |\n", r.structure.system(), r.error);
      continue;
    }
    const auto& c = r.result.elastic;
    std::string born;
    for (const auto& b : r.result.born)
      if (!b.met) born += (born.empty() ? "" : "; ") + b.name + " violated";
    std::string random = "—";
    if (r.result.random)
      random = fmt::format("{:+.3f} ({} atoms{}; {:.3g} Å rms, strain {:.2g})", r.result.random->dE_min_meV(),
                           r.result.random->natoms, r.result.random->dE_cell_meV ? ", cell relaxed" : "",
                           r.result.random->rms_shift_A, r.result.random->max_strain);
    std::string verdict = r.stable() ? "stable" : "UNSTABLE";
    if (r.result.random && r.result.random->shallow()) verdict += " (shallow distortion below the threshold)";
    const std::string e_form =
        r.e_form_ideal_eV ? fmt::format("{:+.4f} → {:+.4f}", *r.e_form_ideal_eV, *r.e_form_relaxed_eV) : "—";
    s += fmt::format("| {} | {:.4f} | {:.2f} | {:.2f} | {:.2f} | {} | {} | {} | {} |\n", r.structure.system(), r.a_A,
                     c.C11_GPa, c.C12_GPa, c.C44_GPa, born.empty() ? "met" : born, random, e_form, verdict);
  }
  return s;
}

std::vector<std::string> stability_warnings(const std::vector<StabilityReport>& reports) {
  std::vector<std::string> out;
  for (const auto& r : reports) {
    const std::string name = r.structure.system() + (r.structure.compound() ? "" : " (" + r.structure.prototype + ")");
    if (!r.error.empty()) {
      out.push_back("WARNING: " + name + ": stability not checked (" + r.error + ")");
      continue;
    }
    for (const auto& f : r.result.failures()) out.push_back("WARNING: " + name + " is not stable: " + f);
  }
  return out;
}

}  // namespace nabridge::potentials
