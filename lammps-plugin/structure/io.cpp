#include "structure/io.h"

#include <fmt/format.h>
#include <fmt/os.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

#include "core/elements.h"

namespace nabridge {

void write_lammps_data(const std::string& path, const Structure& s, const std::vector<std::string>& type_elements) {
  s.validate();
  const Mat3& c = s.cell;
  if (std::abs(c(1, 0)) > 1e-10 || std::abs(c(2, 0)) > 1e-10 || std::abs(c(2, 1)) > 1e-10)
    throw std::invalid_argument("lammps data: '" + path + "': the cell is not in LAMMPS orientation (a along x, b in xy)");
  auto out = fmt::output_file(path);
  out.print("LAMMPS data file written by NaBridge\n\n{} atoms\n{} atom types\n\n", s.size(), type_elements.size());
  out.print("0 {:.12f} xlo xhi\n0 {:.12f} ylo yhi\n0 {:.12f} zlo zhi\n", c(0, 0), c(1, 1), c(2, 2));
  if (std::abs(c(0, 1)) > 1e-12 || std::abs(c(0, 2)) > 1e-12 || std::abs(c(1, 2)) > 1e-12)
    out.print("{:.12f} {:.12f} {:.12f} xy xz yz\n", c(0, 1), c(0, 2), c(1, 2));
  out.print("\nMasses\n\n");
  for (std::size_t t = 0; t < type_elements.size(); ++t)
    out.print("{} {:.6f}  # {}\n", t + 1, atomic_mass_amu(type_elements[t]), type_elements[t]);
  out.print("\nAtoms  # atomic\n\n");
  Structure wrapped = s;
  wrapped.wrap();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto it = std::find(type_elements.begin(), type_elements.end(), s.species[i]);
    if (it == type_elements.end())
      throw std::invalid_argument("lammps data: '" + path + "': element '" + s.species[i] + "' has no atom type");
    const Vec3 r = wrapped.positions.col(static_cast<Eigen::Index>(i));
    out.print("{} {} {:.12f} {:.12f} {:.12f}\n", i + 1, it - type_elements.begin() + 1, r.x(), r.y(), r.z());
  }
}

void write_extxyz(const std::string& path, const Structure& s, const std::string& comment) {
  s.validate();
  auto out = fmt::output_file(path);
  const Mat3& c = s.cell;
  out.print("{}\nLattice=\"{:.10f} {:.10f} {:.10f} {:.10f} {:.10f} {:.10f} {:.10f} {:.10f} {:.10f}\" "
            "Properties=species:S:1:pos:R:3:move_mask:I:1 pbc=\"{} {} {}\"{}{}\n",
            s.size(), c(0, 0), c(1, 0), c(2, 0), c(0, 1), c(1, 1), c(2, 1), c(0, 2), c(1, 2), c(2, 2),
            s.pbc[0] ? "T" : "F", s.pbc[1] ? "T" : "F", s.pbc[2] ? "T" : "F", comment.empty() ? "" : " comment=",
            comment.empty() ? "" : "\"" + comment + "\"");
  for (std::size_t i = 0; i < s.size(); ++i) {
    const Vec3 r = s.positions.col(static_cast<Eigen::Index>(i));
    out.print("{:<3} {:16.10f} {:16.10f} {:16.10f} {}\n", s.species[i], r.x(), r.y(), r.z(), static_cast<int>(s.free_dofs[i]));
  }
}

Structure read_extxyz(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::invalid_argument("extxyz: cannot read '" + path + "'");
  std::string line;
  std::size_t n = 0;
  if (!std::getline(in, line) || !(std::istringstream(line) >> n))
    throw std::invalid_argument("extxyz: '" + path + "': line 1 must hold the atom count");
  std::getline(in, line);
  Structure s;
  std::smatch m;
  if (!std::regex_search(line, m, std::regex("Lattice=\"([^\"]*)\"")))
    throw std::invalid_argument("extxyz: '" + path + "': line 2 has no Lattice=\"...\"");
  std::istringstream lat(m[1].str());
  for (int col = 0; col < 3; ++col)
    for (int row = 0; row < 3; ++row)
      if (!(lat >> s.cell(row, col))) throw std::invalid_argument("extxyz: '" + path + "': Lattice needs 9 numbers");
  if (std::regex_search(line, m, std::regex("pbc=\"([TF]) ([TF]) ([TF])\"")))
    for (int k = 0; k < 3; ++k) s.pbc[static_cast<std::size_t>(k)] = m[k + 1].str() == "T";
  const bool has_mask = line.find("move_mask") != std::string::npos;
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::getline(in, line)) throw std::invalid_argument(fmt::format("extxyz: '{}': expected {} atoms, found {}", path, n, i));
    std::istringstream row(line);
    std::string element;
    Vec3 r;
    int mask = dof::kAll;
    if (!(row >> element >> r.x() >> r.y() >> r.z()) || (has_mask && !(row >> mask)))
      throw std::invalid_argument(fmt::format("extxyz: '{}': atom line {} is malformed", path, i + 1));
    s.add_atom(element, r, static_cast<std::uint8_t>(mask));
  }
  return s;
}

}  // namespace nabridge
