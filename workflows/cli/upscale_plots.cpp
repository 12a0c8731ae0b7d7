#include "cli/upscale_plots.h"

#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

namespace nabridge::cli {

namespace fs = std::filesystem;

namespace {

bool have_gnuplot() { return std::system("command -v gnuplot > /dev/null 2>&1") == 0; }

std::string png_terminal() {
  static const std::string t =
      std::system("gnuplot -e 'set terminal pngcairo' > /dev/null 2>&1") == 0 ? "pngcairo size 900,760" : "png size 900,760";
  return t;
}

/// gnuplot double-quoted string (backslash escapes; a newline in the text breaks the line).
std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\', out += c;
    else if (c == '\n') out += "\\n";
    else out += c;
  }
  return out + "\"";
}

const char* const kHeader = "set termoption noenhanced\n";

bool run_script(const fs::path& script, const std::string& body, const fs::path& stem) {
  std::ofstream(script) << fmt::format("set terminal {}\nset output {}\n{}\nset terminal svg size 900,760 noenhanced\nset output {}\nreplot\n",
                                       png_terminal(), quoted(stem.string() + ".png"), body, quoted(stem.string() + ".svg"));
  return std::system(fmt::format("gnuplot {} > {} 2>&1", quoted(script.string()), quoted(stem.string() + ".log")).c_str()) == 0;
}

}  // namespace

int render_plots(const fs::path& dir, const std::vector<LinePlot>& lines, const std::vector<MapPlot>& maps) {
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
  if (!have_gnuplot()) {
    std::fprintf(stderr, "warning: gnuplot not found: plots skipped (their data files are in %s)\n", dir.string().c_str());
    return 0;
  }
  int drawn = 0;
  for (const auto& p : lines) {
    std::string plots;
    int block = 0;
    for (const auto& s : p.series) {
      if (!s.xy.empty())
        plots += fmt::format("{}{} index {} with {} title {}", plots.empty() ? "" : ", ", quoted((dir / (p.name + ".dat")).string()), block,
                             p.style, quoted(s.title));
      ++block;
    }
    if (plots.empty()) continue;
    const std::string body = fmt::format("{}set title {}\nset xlabel {}\nset ylabel {}\nset key below vertical maxcols 1 font \",8\"\nset for [k=9:64] linetype k dashtype int((k-1)/8)+1\nset grid\n{}{}plot {}\n",
                                         kHeader, quoted(p.title), quoted(p.xlabel), quoted(p.ylabel),
                                         p.logx ? "set logscale x\n" : "", p.logy ? "set logscale y\n" : "", plots);
    drawn += run_script(dir / (p.name + ".gp"), body, dir / p.name);
  }
  for (const auto& m : maps) {
    const std::string body = fmt::format(
        "{}set title {}\nset xlabel 'x (nm)'\nset ylabel 'y (nm)'\nset cblabel {}\nset size ratio -1\nset palette rgb 33,13,10\n"
        "set xrange [0:{}]\nset yrange [0:{}]\nplot {} matrix using (($1+0.5)*{}):(($2+0.5)*{}):3 with image notitle\n",
        kHeader, quoted(m.title), quoted(m.cblabel), m.nx * m.cell_nm, m.ny * m.cell_nm,
        quoted((dir / (m.name + ".dat")).string()), m.cell_nm, m.cell_nm);
    drawn += run_script(dir / (m.name + ".gp"), body, dir / m.name);
  }
  return drawn;
}

}  // namespace nabridge::cli
