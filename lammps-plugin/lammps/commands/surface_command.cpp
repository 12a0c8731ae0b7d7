#include "commands/surface_command.h"

#include <fmt/format.h>

#include <cmath>

#include "protocols/surface_energy.h"

namespace nabridge {

void SurfaceCommand::command(int narg, char** arg) {
  if (narg < 1) fail("missing slab group (syntax: nabridge/surface group-ID ebulk E [keyword value ...])");
  const std::string slab_group = arg[0];
  SurfaceEnergyOptions opt;
  OptimizerOptions min_opt;
  std::string min_style = "fire", frozen_group, json_path;
  std::vector<std::string> elements;
  for (int i = 1; i < narg;) {
    const std::string key = arg[i];
    if (parse_minimizer_keyword(narg, arg, i, min_opt, min_style)) continue;
    if (key == "ebulk") {
      opt.ebulk_eV_per_atom = parse_double(narg, arg, i, -100.0, 0.0);
      if (!(opt.ebulk_eV_per_atom < 0)) fail("ebulk: must be < 0 eV (the energy per atom of a bound crystal)");
      i += 2;
    } else if (key == "relax") opt.relax = parse_yes_no(narg, arg, i), i += 2;
    else if (key == "fix") frozen_group = parse_word(narg, arg, i), i += 2;
    else if (key == "file") json_path = parse_word(narg, arg, i), i += 2;
    else if (key == "elements") {
      while (++i < narg && is_element_word(arg[i])) elements.emplace_back(arg[i]);
    } else fail(fmt::format("unknown keyword '{}'", key));
  }
  if (std::isnan(opt.ebulk_eV_per_atom)) fail("ebulk: missing (the bulk energy per atom, eV, is required)");
  const int slab_bit = group_bit(slab_group, "group");
  const int frozen_bit = frozen_group.empty() ? 0 : group_bit(frozen_group, "fix");
  require_slab(slab_bit, "group");
  const auto types = type_elements(elements);

  const HostSnapshot host = save_host();
  const Structure slab = structure_of_group(slab_bit, frozen_bit, types);
  SurfaceEnergyResult r;
  run_on_host(host, types, [&](Engine& engine) {
    const auto optimizer = make_optimizer(min_style, min_opt);
    opt.optimizer = optimizer.get();
    r = surface_energy(engine, slab, opt);
  });

  set_variable("nabridge_gamma_J_m2", r.gamma_J_m2);
  set_variable("nabridge_gamma_unrelaxed_J_m2", r.gamma_unrelaxed_J_m2);
  set_variable("nabridge_area_A2", r.area_A2);
  set_variable("nabridge_energy_eV", r.energy_eV);
  log(fmt::format("{}: gamma = {:.6f} J/m^2 (unrelaxed {:.6f}), area {:.4f} A^2, {} atoms, E = {:.8f} eV{}\n", name_,
                  r.gamma_J_m2, r.gamma_unrelaxed_J_m2, r.area_A2, r.natoms, r.energy_eV,
                  opt.relax ? fmt::format(", relaxed in {} steps ({})", r.relax.steps,
                                          r.relax.converged ? "converged" : "NOT converged")
                            : std::string()));
  if (!json_path.empty()) {
    write_json(json_path, {{"command", name_},
                           {"gamma_J_m2", r.gamma_J_m2},
                           {"gamma_unrelaxed_J_m2", r.gamma_unrelaxed_J_m2},
                           {"area_A2", r.area_A2},
                           {"energy_eV", r.energy_eV},
                           {"natoms", r.natoms},
                           {"ebulk_eV_per_atom", opt.ebulk_eV_per_atom},
                           {"relaxed", opt.relax},
                           {"relax_converged", r.relax.converged},
                           {"relax_steps", r.relax.steps}});
  }
}

}  // namespace nabridge
