#include "engines/cp2k_output.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace nabridge {

namespace {

bool contains(const std::string& line, const char* what) { return line.find(what) != std::string::npos; }

std::string trim(std::string s) {
  const auto b = s.find_first_not_of(" \t*");
  if (b == std::string::npos) return {};
  const auto e = s.find_last_not_of(" \t*");
  return s.substr(b, e - b + 1);
}

// Reads the rows "<atom> <kind> <element> fx fy fz" after an ATOMIC FORCES header.
Positions read_force_block(std::istringstream& in) {
  std::vector<Vec3> rows;
  for (std::string line; std::getline(in, line);) {
    if (contains(line, "SUM OF ATOMIC FORCES")) break;
    std::istringstream row(line);
    int atom = 0, kind = 0;
    std::string element;
    Vec3 f;
    if (row >> atom >> kind >> element >> f.x() >> f.y() >> f.z()) rows.push_back(f);
  }
  Positions forces(3, static_cast<Eigen::Index>(rows.size()));
  for (std::size_t i = 0; i < rows.size(); ++i) forces.col(static_cast<Eigen::Index>(i)) = rows[i];
  return forces;
}

// CP2K's abort box: the message sits to the right of an ASCII-art figure, one line per row,
// between "[ABORT]" and the closing row of stars; the last row names the source file.
std::string read_abort_box(std::istringstream& in) {
  std::string message;
  for (std::string line; std::getline(in, line);) {
    if (line.find("*****") != std::string::npos) break;
    // The figure occupies the first 12 columns (" *  \___/   ").
    std::string text = trim(line.size() > 12 ? line.substr(12) : std::string());
    if (text.empty()) continue;
    if (!message.empty()) message += ' ';
    message += text;
  }
  return message;
}

int last_integer_before(const std::string& line, const char* word) {
  const auto pos = line.find(word);
  std::istringstream in(line.substr(0, pos));
  int value = 0;
  for (std::string t; in >> t;) {
    try {
      value = std::stoi(t);
    } catch (const std::exception&) {
    }
  }
  return value;
}

}  // namespace

Cp2kOutput parse_cp2k_output(const std::string& text) {
  Cp2kOutput out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (contains(line, "CP2K| version string:")) {
      out.version = trim(line.substr(line.find(':') + 1));
    } else if (contains(line, "ENERGY| Total FORCE_EVAL")) {
      out.energy_Ha = std::stod(line.substr(line.rfind(':') + 1));
    } else if (contains(line, "ATOMIC FORCES in [a.u.]")) {
      out.forces_Ha_bohr = read_force_block(in);
    } else if (contains(line, "SCF run converged in")) {
      out.scf_steps += last_integer_before(line, "steps");
      ++out.scf_runs;
    } else if (contains(line, "SCF run NOT converged")) {
      out.scf_failed = true;
    } else if (contains(line, "GEOMETRY OPTIMIZATION COMPLETED")) {
      out.geo_opt_converged = true;
    } else if (contains(line, "MAXIMUM NUMBER OF OPTIMIZATION STEPS REACHED")) {
      out.geo_opt_max_iter = true;
    } else if (contains(line, "PROGRAM ENDED AT")) {
      out.ended = true;
    } else if (contains(line, "[ABORT]")) {
      out.abort_message = read_abort_box(in);
    }
  }
  return out;
}

Positions last_xyz_frame(const std::string& text, std::size_t atoms) {
  std::istringstream in(text);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  // Frames are "<N>\n<comment>\n<N atom lines>"; walk them and keep the last complete one.
  std::optional<std::size_t> last;
  for (std::size_t i = 0; i < lines.size();) {
    std::size_t n = 0;
    try {
      n = std::stoul(trim(lines[i]));
    } catch (const std::exception&) {
      break;
    }
    if (n != atoms || i + 2 + n > lines.size()) break;
    last = i + 2;
    i += 2 + n;
  }
  if (!last)
    throw std::runtime_error("cp2k: the trajectory has no complete frame of " + std::to_string(atoms) + " atoms");
  Positions r(3, static_cast<Eigen::Index>(atoms));
  for (std::size_t a = 0; a < atoms; ++a) {
    std::istringstream row(lines[*last + a]);
    std::string element;
    Vec3 p;
    if (!(row >> element >> p.x() >> p.y() >> p.z()))
      throw std::runtime_error("cp2k: unreadable trajectory line '" + lines[*last + a] + "'");
    r.col(static_cast<Eigen::Index>(a)) = p;
  }
  return r;
}

}  // namespace nabridge
