#include "core/pes_outputs.h"

#include <fmt/format.h>
#include <fmt/os.h>

#include "nabridge/base/gnuplot.h"

namespace nabridge {

bool write_pes_outputs(const PesMap& map, const std::string& csv_path, const std::string& png_path) {
  {
    auto csv = fmt::output_file(csv_path);
    csv.print("x_A,y_A,z_A,E_eV,dE_eV\n");
    for (int j = 0; j < map.ny; ++j) {
      for (int i = 0; i < map.nx; ++i) {
        const auto& p = map.grid[static_cast<std::size_t>(j * map.nx + i)];
        csv.print("{:.6f},{:.6f},{:.6f},{:.8f},{:.8f}\n", p.x_A, p.y_A, p.z_A, p.energy_eV, p.energy_eV - map.E_min_eV);
      }
    }
  }
  if (png_path.empty() || !gnuplot_available()) return false;
  const std::string script = png_path + ".gp";
  {
    auto gp = fmt::output_file(script);
    gp.print("set terminal {} noenhanced size 800,700\nset output {}\nset datafile separator ','\n",
             gnuplot_png_terminal(), gnuplot_string(png_path));
    gp.print("set title 'adatom PES (E - E_min, eV); saddle {:.4f} eV'\nset xlabel 'x (A)'\nset ylabel 'y (A)'\n",
             map.barrier_eV);
    gp.print(
        "set size ratio -1\nset palette rgbformulae 33,13,10\n"
        "plot {} every ::1 using 1:2:5 with points pt 5 ps 2.5 palette notitle\n",
        gnuplot_string(csv_path));
  }
  return run_gnuplot(script);
}

}  // namespace nabridge
