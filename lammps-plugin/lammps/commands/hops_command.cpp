#include "commands/hops_command.h"

#include <fmt/format.h>

#include "atom.h"
#include "protocols/surface_diffusion.h"

namespace nabridge {

void HopsCommand::command(int narg, char** arg) {
  if (narg < 1) fail("syntax: nabridge/hops group-ID type T [keyword value ...]");
  const std::string slab_group = arg[0];
  SurfaceDiffusionOptions opt;
  std::string frozen_group, json_path;
  std::vector<std::string> elements;
  int adatom_type = 0;
  for (int i = 1; i < narg;) {
    const std::string key = arg[i];
    if (key == "type") adatom_type = parse_int(narg, arg, i, 1, atom->ntypes), i += 2;
    else if (key == "temp") opt.T_K = parse_double(narg, arg, i, 1.0, 5000.0), i += 2;
    else if (key == "height") opt.height_A = parse_double(narg, arg, i, kMinHeight_A, 10.0), i += 2;
    else if (key == "images") opt.neb.images = parse_int(narg, arg, i, 1, 64), i += 2;
    else if (key == "fmax") opt.neb.fmax_eV_A = parse_double(narg, arg, i, kMinFmax_eV_A, 10.0), i += 2;
    else if (key == "radius") opt.hessian_radius_A = parse_double(narg, arg, i, 1.0, 30.0), i += 2;
    else if (key == "fix") frozen_group = parse_word(narg, arg, i), i += 2;
    else if (key == "file") json_path = parse_word(narg, arg, i), i += 2;
    else if (key == "elements") {
      while (++i < narg && is_element_word(arg[i])) elements.emplace_back(arg[i]);
    } else fail(fmt::format("unknown keyword '{}'", key));
  }
  if (!(opt.T_K > 0)) fail("temp: must be > 0 K");
  if (opt.neb.images < 1) fail("images: must be >= 1");
  const AdatomSlab setup = adatom_slab(adatom_type, slab_group, frozen_group, elements);
  opt.element = setup.adatom_element;
  SurfaceDiffusionResult r;
  run_on_host(setup.host, setup.types, [&](Engine& engine) { r = surface_diffusion(engine, setup.slab, opt); });

  set_variable("nabridge_Ea_diff_eV", r.Ea_diff_eV);
  set_variable("nabridge_D_s_m2_s", r.D_s_m2_s);
  set_variable("nabridge_nu0_Hz", r.nu0_Hz);
  set_variable("nabridge_hops_complete", r.complete ? 1.0 : 0.0);
  // Joined by hand: fmt::join lives in different headers across the fmt versions LAMMPS bundles.
  std::string minima;
  for (const auto& m : r.minima) minima += (minima.empty() ? "" : ", ") + m;
  log(fmt::format("{}: {} minima ({}), {} hops at {} K{}\n", name_, r.minima.size(), minima, r.hops.size(),
                  r.T_K, r.complete ? "" : "; INCOMPLETE: " + r.message));
  for (const auto& h : r.hops)
    log(fmt::format("  {:>10} -> {:<10} {:6.3f} A  Ea {:.4f} eV (reverse {:.4f})  nu {:.3e} Hz{}\n", h.from, h.to,
                    h.length_A, h.neb.barrier_eV, h.neb.reverse_barrier_eV, h.nu_Hz,
                    h.neb.converged ? "" : "  NEB NOT converged"));
  if (r.complete)
    log(fmt::format("  Ea_diff = {:.4f} eV, D_s = {:.4e} m^2/s (min {:.4e}, max {:.4e})\n", r.Ea_diff_eV, r.D_s_m2_s,
                    r.D_min_m2_s, r.D_max_m2_s));
  if (!json_path.empty()) {
    nlohmann::json j{{"command", name_},           {"element", opt.element},         {"temperature_K", r.T_K},
                     {"minima", r.minima},         {"unstable_sites", r.unstable},   {"complete", r.complete},
                     {"message", r.message},       {"Ea_diff_eV", r.Ea_diff_eV},     {"nu0_Hz", r.nu0_Hz},
                     {"D_s_m2_s", r.D_s_m2_s},     {"D_min_m2_s", r.D_min_m2_s},     {"D_max_m2_s", r.D_max_m2_s}};
    j["hops"] = nlohmann::json::array();
    for (const auto& h : r.hops) {
      nlohmann::json path = nlohmann::json::array();
      for (std::size_t k = 0; k < h.neb.energy_eV.size(); ++k)
        path.push_back({h.neb.reaction_coordinate_A[k], h.neb.energy_eV[k] - h.neb.energy_eV.front()});
      j["hops"].push_back({{"from", h.from}, {"to", h.to}, {"length_A", h.length_A}, {"barrier_eV", h.neb.barrier_eV},
                           {"reverse_barrier_eV", h.neb.reverse_barrier_eV}, {"dE_eV", h.neb.dE_eV},
                           {"converged", h.neb.converged}, {"force_calls", h.neb.force_calls},
                           {"iterations", h.neb.iterations}, {"nu_Hz", h.nu_Hz}, {"nu_valid", h.nu_valid},
                           {"channels", h.channels}, {"path", path}});
    }
    write_json(json_path, j);
  }
}

}  // namespace nabridge
