#include "commands/pes_command.h"

#include <fmt/format.h>

#include <limits>

#include "atom.h"
#include "core/pes_outputs.h"
#include "protocols/pes_map.h"

namespace nabridge {

void PesCommand::command(int narg, char** arg) {
  if (narg < 1) fail("syntax: nabridge/pes group-ID type T [grid nx ny] [keyword value ...]");
  const std::string slab_group = arg[0];
  PesOptions opt;
  std::string frozen_group, json_path, csv_path = "pes.csv", png_path;
  std::vector<std::string> elements;
  int adatom_type = 0;
  for (int i = 1; i < narg;) {
    const std::string key = arg[i];
    if (key == "type") adatom_type = parse_int(narg, arg, i, 1, atom->ntypes), i += 2;
    else if (key == "grid") {
      if (i + 2 >= narg) fail("grid: expects nx ny");
      opt.nx = parse_int(narg, arg, i, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
      opt.ny = parse_int(narg, arg, i + 1, std::numeric_limits<int>::min(), std::numeric_limits<int>::max());
      if (opt.nx < 2 || opt.ny < 2 || opt.nx > 200 || opt.ny > 200)
        fail(fmt::format("grid: {} x {} is outside [2, 200] x [2, 200]", opt.nx, opt.ny));
      i += 3;
    } else if (key == "height") opt.height_A = parse_double(narg, arg, i, kMinHeight_A, 10.0), i += 2;
    else if (key == "fmax") opt.relax.fmax_eV_A = parse_double(narg, arg, i, kMinFmax_eV_A, 10.0), i += 2;
    else if (key == "fix") frozen_group = parse_word(narg, arg, i), i += 2;
    else if (key == "csv") csv_path = parse_word(narg, arg, i), i += 2;
    else if (key == "png") png_path = parse_word(narg, arg, i), i += 2;
    else if (key == "file") json_path = parse_word(narg, arg, i), i += 2;
    else if (key == "elements") {
      while (++i < narg && is_element_word(arg[i])) elements.emplace_back(arg[i]);
    } else fail(fmt::format("unknown keyword '{}'", key));
  }
  const AdatomSlab setup = adatom_slab(adatom_type, slab_group, frozen_group, elements);
  opt.element = setup.adatom_element;
  PesMap map;
  run_on_host(setup.host, setup.types, [&](Engine& engine) { map = pes_map(engine, setup.slab, opt); });

  const bool plotted = write_pes_outputs(map, csv_path, png_path);
  const auto& saddle = map.grid[map.saddle];
  set_variable("nabridge_pes_barrier_eV", map.barrier_eV);
  log(fmt::format("{}: {}x{} grid, {} minima, saddle {:.5f} eV above the minimum at ({:.3f}, {:.3f}); {}{}{}\n", name_,
                  map.nx, map.ny, map.minima.size(), map.barrier_eV, saddle.x_A, saddle.y_A, csv_path,
                  plotted ? ", " + png_path : std::string(),
                  map.relax_converged ? "" : " (some relaxations NOT converged)"));
  if (!json_path.empty()) {
    nlohmann::json j{
        {"command", name_}, {"element", opt.element}, {"nx", map.nx}, {"ny", map.ny}, {"E_min_eV", map.E_min_eV},
        {"barrier_eV", map.barrier_eV}, {"csv", csv_path}, {"relax_converged", map.relax_converged},
        {"saddle", {{"x_A", saddle.x_A}, {"y_A", saddle.y_A}, {"z_A", saddle.z_A}, {"E_eV", saddle.energy_eV}}}};
    j["minima"] = nlohmann::json::array();
    for (std::size_t m : map.minima)
      j["minima"].push_back({{"x_A", map.grid[m].x_A}, {"y_A", map.grid[m].y_A}, {"z_A", map.grid[m].z_A},
                             {"E_eV", map.grid[m].energy_eV}});
    write_json(json_path, j);
  }
}

}  // namespace nabridge
