#include "nabridge/base/gnuplot.h"

#include <fmt/format.h>

#include <fstream>

#include "nabridge/base/digest.h"
#include "nabridge/base/read_file.h"
#include "nabridge/base/subprocess.h"

namespace nabridge {

bool gnuplot_available() {
  static const bool found = !find_program("gnuplot").empty();
  return found;
}

const std::string& gnuplot_png_terminal() {
  static const std::string terminal =
      gnuplot_available() && run_program({"gnuplot", "-e", "set terminal pngcairo"}).exit_code == 0 ? "pngcairo"
                                                                                                    : "png";
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

bool run_gnuplot_if_changed(const std::filesystem::path& script, const std::vector<std::filesystem::path>& data,
                            const std::filesystem::path& output) {
  std::uint64_t h = fnv1a_64(read_file_or_empty(script));
  for (const auto& d : data) h = fnv1a_64(read_file_or_empty(d), h);
  const std::string digest = fmt::format("{:016x}", h);
  const std::filesystem::path stamp = output.string() + ".digest";
  if (std::filesystem::exists(output) && read_file_or_empty(stamp) == digest) return true;
  if (!run_gnuplot(script)) return false;
  std::ofstream(stamp) << digest;
  return true;
}

}  // namespace nabridge
