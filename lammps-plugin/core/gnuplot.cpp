#include "core/gnuplot.h"

#include "core/subprocess.h"

namespace nabridge {

bool gnuplot_available() {
  static const bool found = !find_program("gnuplot").empty();
  return found;
}

const std::string& gnuplot_png_terminal() {
  static const std::string terminal =
      gnuplot_available() && run_program({"gnuplot", "-e", "set terminal pngcairo"}).exit_code == 0 ? "pngcairo" : "png";
  return terminal;
}

std::string gnuplot_string(const std::string& text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += "''";
    else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) out += ' ';
    else out += c;
  }
  return out + "'";
}

bool run_gnuplot(const std::filesystem::path& script, const std::filesystem::path& log_file) {
  if (!gnuplot_available()) return false;
  return run_program({"gnuplot", script.string()}, log_file).exit_code == 0;
}

}  // namespace nabridge
