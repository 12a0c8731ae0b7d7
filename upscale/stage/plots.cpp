#include "stage/plots.h"

#include <fmt/format.h>

#include "nabridge/base/gnuplot.h"

#include <cstdio>
#include <fstream>

namespace nabridge::upscale {

namespace fs = std::filesystem;

namespace {

const char* const kHeader = "set termoption noenhanced\n";

bool run_script(const fs::path& script, const std::string& body, const fs::path& stem) {
  std::ofstream(script) << fmt::format("set terminal {} size 900,760\nset output {}\n{}\nset terminal svg size 900,760 noenhanced\nset output {}\nreplot\n",
                                       gnuplot_png_terminal(), gnuplot_string(stem.string() + ".png"), body,
                                       gnuplot_string(stem.string() + ".svg"));
  return run_gnuplot(script, stem.string() + ".log");
}

}  // namespace

int render_plots(const fs::path& dir, const std::vector<LinePlot>& lines, const std::vector<MapPlot>& maps, std::FILE* warnings) {
  fs::create_directories(dir);
  for (const auto& p : lines) {
    std::ofstream d(dir / (p.name + ".dat"));
    for (const auto& s : p.series) {
      d << "# " << s.title << '\n';
      for (const auto& [x, y] : s.xy) d << fmt::format("{:.10g} {:.10g}\n", x, y);
      d << "\n\n";
    }
  }
  for (const auto& m : maps) {
    std::ofstream d(dir / (m.name + ".dat"));
    for (int y = 0; y < m.ny; ++y) {
      for (int x = 0; x < m.nx; ++x) d << fmt::format("{}{:.6g}", x ? " " : "", m.values[static_cast<std::size_t>(y) * m.nx + x]);
      d << '\n';
    }
  }
  if (!gnuplot_available()) {
    std::fprintf(warnings, "warning: gnuplot not found: plots skipped (their data files are in %s)\n", dir.string().c_str());
    return 0;
  }
  int drawn = 0;
  for (const auto& p : lines) {
    std::string plots;
    int block = 0;
    for (const auto& s : p.series) {
      if (!s.xy.empty())
        plots += fmt::format("{}{} index {} with {} title {}", plots.empty() ? "" : ", ", gnuplot_string((dir / (p.name + ".dat")).string()), block,
                             p.style, gnuplot_string(s.title));
      ++block;
    }
    if (plots.empty()) continue;
    const std::string body = fmt::format("{}set title {}\nset xlabel {}\nset ylabel {}\nset key below vertical maxcols 1 font \",8\"\nset for [k=9:64] linetype k dashtype int((k-1)/8)+1\nset grid\n{}{}plot {}\n",
                                         kHeader, gnuplot_string(p.title), gnuplot_string(p.xlabel), gnuplot_string(p.ylabel),
                                         p.logx ? "set logscale x\n" : "", p.logy ? "set logscale y\n" : "", plots);
    drawn += run_script(dir / (p.name + ".gp"), body, dir / p.name);
  }
  for (const auto& m : maps) {
    const std::string body = fmt::format(
        "{}set title {}\nset xlabel 'x (nm)'\nset ylabel 'y (nm)'\nset cblabel {}\nset size ratio -1\nset palette rgb 33,13,10\n"
        "set xrange [0:{}]\nset yrange [0:{}]\nplot {} matrix using (($1+0.5)*{}):(($2+0.5)*{}):3 with image notitle\n",
        kHeader, gnuplot_string(m.title), gnuplot_string(m.cblabel), m.nx * m.cell_nm, m.ny * m.cell_nm,
        gnuplot_string((dir / (m.name + ".dat")).string()), m.cell_nm, m.cell_nm);
    drawn += run_script(dir / (m.name + ".gp"), body, dir / m.name);
  }
  return drawn;
}

}  // namespace nabridge::upscale
