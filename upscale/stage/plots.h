#pragma once
// The figures of the upscaling stage: line plots and heat maps written as data + script and
// rendered to PNG (pngcairo, or png when cairo is missing) and SVG through the one gnuplot front
// end (nabridge/base/gnuplot.h). Without gnuplot the data files are still written, with a warning.
#include <cstdio>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace nabridge::upscale {

struct PlotSeries {
  std::string title;
  std::vector<std::pair<double, double>> xy;
};

struct LinePlot {
  std::string name;  // file stem
  std::string title, xlabel, ylabel;
  bool logx = false, logy = false;
  std::string style = "linespoints";
  std::vector<PlotSeries> series;
};

struct MapPlot {
  std::string name, title, cblabel;
  int nx = 0, ny = 0;
  double cell_nm = 1;
  std::vector<double> values;  // row-major, ny rows of nx
};

/// Writes NAME.dat/NAME.gp for every plot into dir and renders NAME.png and NAME.svg. Returns
/// the number of figures rendered (0 when gnuplot is missing, said on `warnings`).
int render_plots(const std::filesystem::path& dir, const std::vector<LinePlot>& lines, const std::vector<MapPlot>& maps,
                 std::FILE* warnings);

}  // namespace nabridge::upscale
