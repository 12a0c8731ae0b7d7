// The gnuplot front end: text becomes an inert single-quoted string; a figure is redrawn only
// when its script or data changed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

#include "../test_skip.h"
#include "nabridge/base/gnuplot.h"

using namespace nabridge;

namespace {
std::string read(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}
}  // namespace

TEST_CASE("gnuplot strings: quotes doubled, control characters blanked", "[core][gnuplot]") {
  CHECK(gnuplot_string("Cu'`touch x`\nplot") == "'Cu''`touch x` plot'");
}

TEST_CASE("gnuplot: a figure is redrawn only when its script or data changed", "[core][gnuplot]") {
  if (!gnuplot_available()) {
    testing::report_skipped("gnuplot not installed");
    return;
  }
  const auto dir = std::filesystem::temp_directory_path() / ("nabridge-test-gnuplot-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto data = dir / "curve.dat", script = dir / "curve.gp", png = dir / "curve.png";
  std::ofstream(data) << "0 0\n1 1\n";
  std::ofstream(script) << "set terminal " << gnuplot_png_terminal() << "\nset output " << gnuplot_string(png.string())
                        << "\nplot " << gnuplot_string(data.string()) << " with lines\n";
  REQUIRE(run_gnuplot_if_changed(script, {data}, png));
  REQUIRE(read(png).substr(1, 3) == "PNG");
  // Same script and data: gnuplot does not run (the marker put into the output stays).
  std::ofstream(png) << "marker";
  CHECK(run_gnuplot_if_changed(script, {data}, png));
  CHECK(read(png) == "marker");
  // New data: drawn again.
  std::ofstream(data) << "0 0\n1 2\n";
  CHECK(run_gnuplot_if_changed(script, {data}, png));
  CHECK(read(png).substr(1, 3) == "PNG");
  // A deleted output is drawn even with an unchanged digest.
  std::filesystem::remove(png);
  CHECK(run_gnuplot_if_changed(script, {data}, png));
  CHECK(std::filesystem::exists(png));
  std::filesystem::remove_all(dir);
}
