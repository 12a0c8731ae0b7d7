#include "workflow/tasks/polar_slab_task.h"

#include <fmt/format.h>

#include <cmath>

#include "structure/polar_slab.h"
#include "workflow/potential_json.h"

namespace nabridge::workflow {

namespace {

/// The polarization task's relaxed five-atom cell (P along +z).
Structure unit_cell(const nlohmann::json& pol) {
  Structure unit;
  unit.cell = Vec3(pol.at("a_A").get<double>(), pol.at("a_A").get<double>(), pol.at("c_A").get<double>()).asDiagonal();
  const auto& u = pol.at("unit_cell");
  for (std::size_t k = 0; k < u.at("species").size(); ++k) {
    const auto& x = u.at("positions_A").at(k);
    unit.add_atom(u.at("species").at(k).get<std::string>(),
                  Vec3(x.at(0).get<double>(), x.at(1).get<double>(), x.at(2).get<double>()));
  }
  return unit;
}

}  // namespace

std::string polar_host_text(PolarSurfaceOptions::Host host) {
  using Host = PolarSurfaceOptions::Host;
  if (host == Host::relaxed)
    return "relaxed along z with the adatom, as the clean surface (the P4mm bulk's in-plane positions kept; shells relaxed; no "
           "lateral ionic relaxation around Na)";
  if (host == Host::clamped_bulk)
    return "clamped at the polar bulk (cores frozen, shells relaxed; the polarisation imposed)";
  return "clean surface relaxed along z (the P4mm bulk's in-plane positions kept), then frozen for the adatom (shells relaxed; no "
         "ionic relaxation around Na)";
}

PolarSlabSetup polar_slab_setup(const TaskContext& ctx) {
  const auto& p = ctx.params;
  const auto& pol = ctx.input("polarization");
  PolarSlabSetup s;
  s.model = potential_from_json(p.at("potential"));
  const auto els = p.at("elements").get<std::vector<std::string>>();
  const std::string &A = els.at(0), &B = els.at(1), &O = els.at(2);
  const bool up = p.at("direction") == "up";

  PolarSlabSpec spec;
  spec.cells = s.bilayers = p.at("bilayers");
  spec.fixed_cells = s.fixed_bilayers = p.at("fixed_bilayers");
  spec.repeat = 1;
  spec.vacuum_A = p.at("vacuum_A");
  spec.p_up = up;
  s.cell = polar_perovskite_slab(unit_cell(pol), A, B, spec);

  s.P_z_C_m2 = (up ? 1.0 : -1.0) * std::abs(pol.at("P_C_m2").at(2).get<double>());
  s.screen = screening_field(s.model, B, O, pol.at("a_A").get<double>(), s.P_z_C_m2);
  const bool screened = p.at("electrode_screened");
  s.engine.open_circuit_slab = true;
  s.engine.shell_ftol_eV_A = p.at("shell_ftol_eV_A");
  s.engine.host_field_V_A = screened ? s.screen.field_V_A : 0.0;

  s.host.B = B;
  s.host.O = O;
  s.host.d0_A = bo2_polar_distortion_A(s.cell, B, O).front();
  s.host.fixed_cells = spec.fixed_cells;
  s.host.host = polar_surface_host(p.at("host"));
  s.host.relax.fmax_eV_A = p.at("fmax_eV_A");

  s.direction = up ? "up: P out of the " + B + O + "2 surface" : "down: P into the " + B + O + "2 surface";
  s.field =
      screened
          ? fmt::format(
                "electrode-screened: uniform {:+.3f} V/A on the slab's ions cancels the depolarising field of the bulk-terminated "
                "slab (P_s {:+.4f} + stacking {:+.4f} C/m2)",
                s.screen.field_V_A, s.P_z_C_m2, s.screen.P_stack_C_m2)
          : fmt::format(
                "open circuit: full depolarising field of P_s {:+.4f} + stacking {:+.4f} C/m2 in the slab, none outside",
                s.P_z_C_m2, s.screen.P_stack_C_m2);
  return s;
}

}  // namespace nabridge::workflow
