#include "potentials/cross_properties.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>
#include <stdexcept>

#include "potentials/material_properties.h"
#include "protocols/adsorption.h"
#include "protocols/common.h"
#include "protocols/isolated_atom.h"
#include "structure/intermetallics.h"
#include "structure/slab.h"
#include "symmetry/sites.h"

namespace nabridge::potentials {

std::vector<std::string> CrossTarget::species() const {
  if (kind == "solution_energy") return {host, solute};
  if (kind == "adsorption_energy" || kind == "binding_energy" || kind == "film_binding_energy")
    return {substrate, adsorbate};
  return elements;
}

std::string CrossTarget::system() const {
  if (kind == "solution_energy") return solute + " in " + host;
  if (kind == "binding_energy" || kind == "film_binding_energy") return label;
  if (kind == "adsorption_energy") {
    std::string f;
    for (int h : facet) f += std::to_string(h);
    return adsorbate + " on " + substrate + "(" + f + ")" + (site == "min" ? "" : " " + site);
  }
  const auto [na, nb] = intermetallic_formula(structure);
  auto part = [](const std::string& e, int n) { return n == 1 ? e : e + std::to_string(n); };
  return part(elements[0], na) + part(elements[1], nb) + " (" + structure + ")";
}

CrossTarget read_cross_target(const TomlReader& t) {
  CrossTarget c;
  static_cast<Target&>(c) = read_target(t, {"kind", "structure", "elements", "host", "solute", "substrate", "adsorbate",
                                            "site", "reference", "facet", "a_guess_A", "reps"});
  c.kind = t.string("kind");
  c.property = c.kind;
  if (c.kind == "formation_energy" || c.kind == "lattice_constant") {
    c.structure = t.string("structure");
    try {
      intermetallic_formula(c.structure);
    } catch (const std::invalid_argument& e) {
      t.fail("structure", e.what());
    }
    c.elements = t.strings("elements");
    if (c.elements.size() != 2 || c.elements[0] == c.elements[1])
      t.fail("elements", "needs two different elements [A, B]");
    c.a_guess_A = t.number_or("a_guess_A", 0.0);
  } else if (c.kind == "solution_energy") {
    c.host = t.string("host");
    c.solute = t.string("solute");
    c.reps = static_cast<int>(t.number_or("reps", 3));
    if (c.reps < 2) t.fail("reps", "must be >= 2");
  } else if (c.kind == "adsorption_energy") {
    c.substrate = t.string("substrate");
    c.adsorbate = t.string("adsorbate");
    c.site = t.string_or("site", "min");
    c.reference = t.string_or("reference", "bulk");
    if (c.reference != "bulk" && c.reference != "atom") t.fail("reference", "'bulk' or 'atom'");
    for (double v : t.numbers("facet")) c.facet.push_back(static_cast<int>(v));
    if (c.facet.size() != 3) t.fail("facet", "needs three Miller indices");
  } else {
    t.fail("kind", "'" + c.kind + "' is not formation_energy, lattice_constant, solution_energy or adsorption_energy");
  }
  return c;
}

ElementalGroundStates elemental_ground_states(Engine& engine, const std::map<std::string, ElementReference>& refs,
                                              const std::vector<std::string>& elements) {
  ElementalGroundStates g;
  for (const auto& e : elements) {
    auto it = refs.find(e);
    if (it == refs.end()) throw std::invalid_argument("cross targets: no reference lattice for element '" + e + "'");
    const CubicLattice m = cubic_equilibrium(engine, element_lattice(e, it->second.lattice), it->second.a_guess_A);
    g.e_eV[e] = m.energy_eV_per_atom;
    g.a_A[e] = m.a_A;
  }
  return g;
}

double compound_lattice_guess(const std::string& prototype, const std::vector<std::string>& elements,
                              const std::map<std::string, ElementReference>& refs, const ElementalGroundStates& g) {
  // Volume per atom averaged from the elements, then the prototype's atoms per cell.
  auto vol = [&](const std::string& e) {
    const double a = g.a_A.at(e);
    return refs.at(e).lattice == "bcc" ? a * a * a / 2 : a * a * a / 4;
  };
  const auto [na, nb] = intermetallic_formula(prototype);
  const double v = (na * vol(elements[0]) + nb * vol(elements[1])) / (na + nb);
  const double n_cell = static_cast<double>(intermetallic(prototype, elements[0], elements[1], 1.0).size());
  return std::cbrt(v * n_cell);
}

namespace {
double compound_guess(const CrossTarget& t, const ElementalGroundStates& g,
                      const std::map<std::string, ElementReference>& refs) {
  if (t.a_guess_A > 0) return t.a_guess_A;
  return compound_lattice_guess(t.structure, t.elements, refs, g);
}
}  // namespace

double evaluate_cross_target(Engine& engine, const CrossTarget& t, const std::map<std::string, ElementReference>& refs,
                             const ElementalGroundStates& g, bool relax, Optimizer* optimizer) {
  if (t.kind == "formation_energy" || t.kind == "lattice_constant") {
    const auto build = [&](double a) { return intermetallic(t.structure, t.elements[0], t.elements[1], a); };
    const CubicLattice m = cubic_equilibrium(engine, build, compound_guess(t, g, refs));
    if (t.kind == "lattice_constant") return m.a_A;
    const auto [na, nb] = intermetallic_formula(t.structure);
    return m.energy_eV_per_atom - (na * g.e_eV.at(t.elements[0]) + nb * g.e_eV.at(t.elements[1])) / (na + nb);
  }
  if (t.kind == "solution_energy") {
    const Structure cell = element_lattice(t.host, refs.at(t.host).lattice)(g.a_A.at(t.host));
    Structure s = repeat(cell, t.reps, t.reps, t.reps);
    s.species[0] = t.solute;
    double e = engine.energy(s);
    if (relax) e = relax_structure(engine, s, optimizer).energy_eV;
    return e - static_cast<double>(s.size() - 1) * g.e_eV.at(t.host) - g.e_eV.at(t.solute);
  }
  if (t.kind == "binding_energy") {
    const double mu_eV = t.reference == "bulk" ? g.e_eV.at(t.adsorbate) : isolated_atom_energy_eV(engine, t.adsorbate);
    return engine.energy(t.adsorbed) - engine.energy(t.clean) - mu_eV;
  }
  if (t.kind == "film_binding_energy")
    return (engine.energy(t.adsorbed) - engine.energy(t.clean) - engine.energy(t.film)) /
           static_cast<double>(t.film.size());
  // adsorption_energy
  const Structure cell = element_lattice(t.substrate, refs.at(t.substrate).lattice)(g.a_A.at(t.substrate));
  SlabSpec spec;
  spec.miller = Eigen::Vector3i(t.facet[0], t.facet[1], t.facet[2]);
  spec.layers = 5;
  spec.fixed_layers = 2;
  spec.vacuum_A = 20.0;
  spec.repeat_a = spec.repeat_b = 3;
  const Slab slab = make_slab(cell, spec);
  std::vector<AdsorptionSite> sites = find_adsorption_sites(slab.structure);
  if (t.site != "min") {
    sites.erase(std::remove_if(sites.begin(), sites.end(), [&](const AdsorptionSite& s) { return s.label != t.site; }),
                sites.end());
    if (sites.empty())
      throw std::invalid_argument("adsorption target " + t.system() + ": no site labelled '" + t.site + "'");
  }
  AdsorptionOptions ao;
  ao.element = t.adsorbate;
  ao.relax = true;
  ao.optimizer = optimizer;
  ao.e_isolated_eV = isolated_atom_energy_eV(engine, t.adsorbate);
  ao.mu_eV = t.reference == "bulk" ? g.e_eV.at(t.adsorbate) : ao.e_isolated_eV;
  const AdsorptionResult r = adsorption_scan(engine, slab.structure, sites, ao);
  double best = std::numeric_limits<double>::infinity();
  for (const auto& s : r.sites) best = std::min(best, s.E_ads_eV);
  return best;
}

}  // namespace nabridge::potentials
