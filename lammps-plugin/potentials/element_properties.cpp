#include "potentials/element_properties.h"

#include <cmath>
#include <stdexcept>

#include "optimize/lbfgs.h"
#include "potentials/eam_engine.h"
#include "potentials/material_properties.h"
#include "protocols/isolated_atom.h"

namespace nabridge::potentials {

const std::set<std::string>& element_property_names() {
  static const std::set<std::string> names = {
      "a0_A",      "Ec_eV", "B_GPa",         "C11_GPa",       "C12_GPa",       "C44_GPa",   "Cprime_GPa", "G_VRH_GPa",
      "E_VRH_GPa", "Ev_eV", "gamma100_J_m2", "gamma110_J_m2", "gamma111_J_m2", "dE_fcc_eV", "dE_bcc_eV"};
  return names;
}

void require_element_property(const std::string& name, const std::string& where) {
  if (element_property_names().count(name)) return;
  std::string known;
  for (const auto& n : element_property_names()) known += " " + n;
  throw std::invalid_argument(where + ": unknown property '" + name + "' (known:" + known + ")");
}

std::map<std::string, double> element_properties(const ZhouElement& e, const std::set<std::string>& wanted,
                                                 const ElementPropertyOptions& opt) {
  for (const auto& w : wanted) require_element_property(w, "element properties");
  ZhouAlloyModel model({e}, opt.cutoff_A);
  EamEngine engine(model);
  const double a_ref = model.lattice_constant_A(0);
  const auto build = element_lattice(e.symbol, e.lattice);
  const CubicLattice m = cubic_equilibrium(engine, build, a_ref);
  std::map<std::string, double> out;
  out["a0_A"] = m.a_A;
  out["Ec_eV"] = isolated_atom_energy_eV(engine, e.symbol) - m.energy_eV_per_atom;
  const Structure cell = build(m.a_A);
  auto want = [&](std::initializer_list<const char*> names) {
    for (const char* n : names)
      if (wanted.count(n)) return true;
    return false;
  };
  if (want({"B_GPa", "C11_GPa", "C12_GPa", "C44_GPa", "Cprime_GPa", "G_VRH_GPa", "E_VRH_GPa"})) {
    const CubicElastic c = cubic_elastic_constants(engine, cell, 1e-3);
    out["C11_GPa"] = c.C11_GPa;
    out["C12_GPa"] = c.C12_GPa;
    out["C44_GPa"] = c.C44_GPa;
    out["B_GPa"] = c.B_GPa();
    out["Cprime_GPa"] = c.Cprime_GPa();
    out["G_VRH_GPa"] = c.G_VRH_GPa();
    const double b = c.B_GPa(), g = c.G_VRH_GPa();
    out["E_VRH_GPa"] = 9 * b * g / (3 * b + g);
  }
  Lbfgs lbfgs(OptimizerOptions{1e-4, 3000, 0.1});
  if (want({"Ev_eV"}))
    out["Ev_eV"] = vacancy_formation_energy(engine, cell, opt.vacancy_reps, m.energy_eV_per_atom, opt.relax, &lbfgs);
  const std::pair<const char*, Eigen::Vector3i> facets[] = {
      {"gamma100_J_m2", {1, 0, 0}}, {"gamma110_J_m2", {1, 1, 0}}, {"gamma111_J_m2", {1, 1, 1}}};
  for (const auto& [name, hkl] : facets) {
    if (!wanted.count(name)) continue;
    SurfaceSpecOptions so;
    so.relax = opt.relax;
    so.min_thickness_A = opt.surface_thickness_A;
    so.vacuum_A = model.cutoff_A() + 4.0;
    out[name] = surface_energy_hkl(engine, cell, hkl, m.energy_eV_per_atom, so, &lbfgs).gamma_J_m2;
  }
  for (const std::string other : {"fcc", "bcc"}) {
    const std::string key = "dE_" + other + "_eV";
    if (!wanted.count(key)) continue;
    if (other == e.lattice) {
      out[key] = 0.0;
      continue;
    }
    // Same nearest-neighbour distance as a starting guess.
    const double nn = e.lattice == "bcc" ? m.a_A * std::sqrt(3.0) / 2 : m.a_A / std::sqrt(2.0);
    const double guess = other == "bcc" ? 2 * nn / std::sqrt(3.0) : nn * std::sqrt(2.0);
    const CubicLattice o = cubic_equilibrium(engine, element_lattice(e.symbol, other), guess);
    out[key] = o.energy_eV_per_atom - m.energy_eV_per_atom;
  }
  return out;
}

}  // namespace nabridge::potentials
