// bulk: lattice constant(s) and energy per atom of a substrate (corundum: also c and the internal
// coordinates); na_bulk: the same for bcc Na plus its cohesive energy, atomic volume and the
// surface energy of one facet (gamma_Na).
#include <fmt/format.h>

#include <cmath>

#include "optimize/fire.h"
#include "protocols/cell_relax.h"
#include "protocols/cubic_lattice.h"
#include "structure/intermetallics.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "workflow/tasks/task_common.h"
#include "workflow/tasks/tasks.h"

namespace nabridge::workflow {

namespace {

/// Corundum: a, c and the internal coordinates relaxed together (positions by FIRE, the cell axes
/// to zero stress); the internal coordinates travel with the result so slabs are cut from the
/// same relaxed crystal whose energy is their reference.
nlohmann::json relaxed_corundum(Engine& engine, const nlohmann::json& p) {
  const auto elements = p.at("elements").get<std::vector<std::string>>();
  const Structure start = bulk_prototype("corundum", elements, p.at("a_A"), p.at("c_A"));
  OptimizerOptions fo;
  fo.fmax_eV_A = 1e-5;
  fo.max_steps = 20000;
  Fire fire(fo);
  CellRelaxOptions co;
  co.optimizer = &fire;
  co.stiffness_GPa = kCorundumStiffness_GPa;
  const CellRelaxResult r = relax_cell_axes(engine, start, co);
  if (!r.converged)
    throw std::runtime_error(
        fmt::format("bulk: corundum cell relaxation did not converge in {} cycles (residual stress {:.2e} GPa)",
                    r.cycles, r.max_stress_GPa));
  const CorundumInternal in = corundum_internal(r.structure);
  return {{"prototype", "corundum"}, {"elements", elements}, {"a_A", r.structure.cell(0, 0)},
          {"c_A", r.structure.cell(2, 2)}, {"internal", {in.z_cation, in.x_anion}},
          {"e_bulk_eV_per_atom", r.energy_eV / static_cast<double>(r.structure.size())},
          {"lattice_relaxed", true}};
}

/// Lattice constant (relaxed or as given) and energy per atom of one bulk description.
nlohmann::json relaxed_bulk(Engine& engine, const nlohmann::json& p) {
  const std::string prototype = p.at("prototype");
  if (prototype == "corundum" && p.at("relax_lattice").get<bool>()) return relaxed_corundum(engine, p);
  const auto elements = p.at("elements").get<std::vector<std::string>>();
  const double a0 = p.at("a_A"), c0 = p.at("c_A");
  const double c_over_a = c0 > 0 ? c0 / a0 : 0.0;
  double a = a0, e = 0;
  if (p.at("relax_lattice").get<bool>()) {
    // Cell vectors scaled together (c/a kept): the root of the pressure is the minimum of E(a).
    const CubicLattice m = cubic_equilibrium(
        engine, [&](double a_A) { return bulk_prototype(prototype, elements, a_A, c_over_a * a_A); }, a0);
    a = m.a_A, e = m.energy_eV_per_atom;
  } else {
    const Structure s = bulk_prototype(prototype, elements, a0, c0);
    e = engine.energy(s) / static_cast<double>(s.size());
  }
  return {{"prototype", prototype}, {"elements", elements}, {"a_A", a}, {"c_A", c_over_a * a},
          {"e_bulk_eV_per_atom", e}, {"lattice_relaxed", p.at("relax_lattice")}};
}

/// An alloying coating's alloy Na_x M: its formation energy per atom vs bcc Na and the coating
/// element M in its own lattice, each at its zero-pressure lattice constant with the potential
/// (a cubic intermetallic has no free internal coordinates), and the Na per coating atom. A given
/// formation energy (no prototype) is carried as not computed.
nlohmann::json alloy_formation(Engine& engine, const nlohmann::json& alloy, const nlohmann::json& coating) {
  nlohmann::json out{{"phase", alloy.at("phase")}, {"source", alloy.at("source")}};
  const std::string prototype = alloy.at("prototype");
  if (prototype.empty()) {
    out["formation_eV_per_atom"] = alloy.at("formation_eV_per_atom");
    out["na_per_coating_atom"] = alloy.at("na_per_coating_atom");
    out["computed"] = false;
    return out;
  }
  const std::string m = coating.at("elements").at(0);
  const CubicLattice na = cubic_equilibrium(engine, "bcc", {"Na"}, 4.23);
  const CubicLattice host =
      cubic_equilibrium(engine, coating.at("prototype").get<std::string>(), {m}, coating.at("a_A").get<double>());
  const auto [n_na, n_m] = intermetallic_formula(prototype);
  const double host_cell_atoms =
      static_cast<double>(bulk_prototype(coating.at("prototype").get<std::string>(), {m}, host.a_A, 0.0).size());
  const double v_atom =
      (n_na * na.a_A * na.a_A * na.a_A / 2 + n_m * host.a_A * host.a_A * host.a_A / host_cell_atoms) / (n_na + n_m);
  const double n_cell = static_cast<double>(intermetallic(prototype, "Na", m, 1.0).size());
  const double a_guess = alloy.at("a_A").get<double>() > 0 ? alloy.at("a_A").get<double>() : std::cbrt(v_atom * n_cell);
  const CubicLattice comp = cubic_equilibrium(
      engine, [&](double a) { return intermetallic(prototype, "Na", m, a); }, a_guess);
  const double e_form =
      comp.energy_eV_per_atom - (n_na * na.energy_eV_per_atom + n_m * host.energy_eV_per_atom) / (n_na + n_m);
  out["prototype"] = prototype;
  out["a_alloy_A"] = comp.a_A;
  out["e_alloy_eV_per_atom"] = comp.energy_eV_per_atom;
  out["e_Na_bcc_eV_per_atom"] = na.energy_eV_per_atom;
  out["e_coating_eV_per_atom"] = host.energy_eV_per_atom;
  out["formation_eV_per_atom"] = e_form;
  out["na_per_coating_atom"] = static_cast<double>(n_na) / n_m;
  out["computed"] = true;
  return out;
}

}  // namespace

nlohmann::json run_bulk_task(const TaskContext& ctx) {
  auto engine = ctx.engine(ctx.params.at("potential"));
  nlohmann::json r = relaxed_bulk(*engine, ctx.params);
  if (ctx.params.contains("coating")) {
    const auto& c = ctx.params.at("coating");
    r["coating"] = relaxed_bulk(*engine, c);
    r["coating"]["layers"] = c.at("layers");
    r["coating"]["termination"] = c.at("termination");
    if (c.contains("alloy")) r["coating"]["alloy"] = alloy_formation(*engine, c.at("alloy"), c);
  }
  return r;
}

nlohmann::json run_na_bulk_task(const TaskContext& ctx) {
  auto engine = ctx.engine(ctx.params.at("potential"));
  return na_bulk_properties(*engine, ctx.params, metallic_na_species(ctx.params));
}

nlohmann::json na_bulk_properties(Engine& engine, const nlohmann::json& p, const std::string& na_species) {
  const CubicLattice na = cubic_equilibrium(engine, "bcc", {na_species}, p.at("a_guess_A").get<double>());
  const double a = na.a_A, e = na.energy_eV_per_atom;
  const double e_iso = isolated_atom_energy_eV(engine, na_species);
  nlohmann::json bulk{{"prototype", "bcc"}, {"elements", {na_species}}, {"a_A", a}, {"c_A", 0.0}};
  const Slab slab = make_task_slab(p, bulk, 0);
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = e;
  OptimizerOptions fo;
  fo.fmax_eV_A = p.at("slab").at("fmax_eV_A");
  Fire fire(fo);
  opt.optimizer = &fire;
  const SurfaceEnergyResult gamma = surface_energy(engine, slab.structure, opt);
  bulk["e_bulk_eV_per_atom"] = e;
  bulk["E_isolated_eV"] = e_iso;
  bulk["E_coh_eV"] = e_iso - e;
  bulk["omega_A3"] = a * a * a / 2.0;
  bulk["facet"] = p.at("facet");
  bulk["gamma_Na_J_m2"] = gamma.gamma_J_m2;
  bulk["gamma_Na_unrelaxed_J_m2"] = gamma.gamma_unrelaxed_J_m2;
  bulk["surface_relax_converged"] = gamma.relax.converged;
  return bulk;
}

}  // namespace nabridge::workflow
