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
    throw std::invalid_argument("lammps data: '" + path +
                                "': the cell is not in LAMMPS orientation (a along x, b in xy)");
  auto out = fmt::output_file(path);
  out.print("LAMMPS data file written by NaBridge\n\n{} atoms\n{} atom types\n\n", s.size(), type_elements.size());
  out.print("0 {:.12f} xlo xhi\n0 {:.12f} ylo yhi\n0 {:.12f} zlo zhi\n", c(0, 0), c(1, 1), c(2, 2));
  if (std::abs(c(0, 1)) > 1e-12 || std::abs(c(0, 2)) > 1e-12 || std::abs(c(1, 2)) > 1e-12)
    out.print("{:.12f} {:.12f} {:.12f} xy xz yz\n", c(0, 1), c(0, 2), c(1, 2));
  out.print("\nMasses\n\n");
  for (std::size_t t = 0; t < type_elements.size(); ++t)
    out.print("{} {:.6f}  # {}\n", t + 1, atomic_mass_amu(element_of(type_elements[t])), type_elements[t]);
  out.print("\nAtoms  # atomic\n\n");
  Structure wrapped = s;
  wrapped.wrap();
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto it = std::find(type_elements.begin(), type_elements.end(), s.species[i]);
    if (it == type_elements.end())
      throw std::invalid_argument("lammps data: '" + path + "': species '" + s.species[i] + "' has no atom type");
    const Vec3 r = wrapped.positions.col(static_cast<Eigen::Index>(i));
    out.print("{} {} {:.12f} {:.12f} {:.12f}\n", i + 1, it - type_elements.begin() + 1, r.x(), r.y(), r.z());
  }
}

namespace {

/// A value for the comment line: quoted, without quotes or control characters of its own.
std::string xyz_value(const std::string& v) {
  std::string out = "\"";
  for (const char c : v) out += (c == '"' || static_cast<unsigned char>(c) < 0x20) ? '\'' : c;
  return out + "\"";
}

}  // namespace

void write_extxyz_frames(const std::string& path, const std::vector<XyzFrame>& frames) {
  auto out = fmt::output_file(path);
  for (const auto& f : frames) {
    const Structure& s = f.structure;
    s.validate();
    if (f.forces_eV_A && f.forces_eV_A->cols() != static_cast<Eigen::Index>(s.size()))
      throw std::invalid_argument("extxyz: '" + path + "': forces for a different number of atoms");
    const Mat3& c = s.cell;
    // The species column holds elements (what ASE and OVITO read); species with a role
    // ("Na:metal") go in a column of their own, written only when there are any.
    const bool with_roles = std::any_of(s.species.begin(), s.species.end(),
                                        [](const std::string& sp) { return element_of(sp) != sp; });
    std::string keys;
    if (f.energy_eV) keys += fmt::format(" energy={:.10f}", *f.energy_eV);
    for (const auto& [k, v] : f.info) keys += " " + k + "=" + xyz_value(v);
    out.print(
        "{}\nLattice=\"{:.10f} {:.10f} {:.10f} {:.10f} {:.10f} {:.10f} {:.10f} {:.10f} {:.10f}\" "
        "Properties=species:S:1:pos:R:3:move_mask:L:3{}{} pbc=\"{} {} {}\"{}\n",
        s.size(), c(0, 0), c(1, 0), c(2, 0), c(0, 1), c(1, 1), c(2, 1), c(0, 2), c(1, 2), c(2, 2),
        f.forces_eV_A ? ":forces:R:3" : "", with_roles ? ":nabridge_species:S:1" : "", s.pbc[0] ? "T" : "F",
        s.pbc[1] ? "T" : "F", s.pbc[2] ? "T" : "F", keys);
    for (std::size_t i = 0; i < s.size(); ++i) {
      const Vec3 r = s.positions.col(static_cast<Eigen::Index>(i));
      const auto free = s.free_dofs[i];
      out.print("{:<3} {:16.10f} {:16.10f} {:16.10f} {} {} {}", element_of(s.species[i]), r.x(), r.y(), r.z(),
                free & dof::kX ? 'T' : 'F', free & dof::kY ? 'T' : 'F', free & dof::kZ ? 'T' : 'F');
      if (f.forces_eV_A) {
        const Vec3 g = f.forces_eV_A->col(static_cast<Eigen::Index>(i));
        out.print(" {:16.10f} {:16.10f} {:16.10f}", g.x(), g.y(), g.z());
      }
      if (with_roles) out.print(" {}", s.species[i]);
      out.print("\n");
    }
  }
}

void write_extxyz(const std::string& path, const Structure& s, const std::string& comment) {
  XyzFrame f{s, std::nullopt, std::nullopt, {}};
  if (!comment.empty()) f.info.emplace_back("comment", comment);
  write_extxyz_frames(path, {f});
}

namespace {

/// One column group of the Properties spec ("pos:R:3"): name, type letter, count.
struct XyzColumn {
  std::string name;
  char type = 'R';
  int count = 1;
};

std::vector<XyzColumn> xyz_columns(const std::string& header, const std::string& path) {
  std::smatch m;
  if (!std::regex_search(header, m, std::regex("Properties=([^ ]+)")))
    return {{"species", 'S', 1}, {"pos", 'R', 3}};  // plain XYZ with a Lattice
  std::vector<std::string> parts;
  std::istringstream spec(m[1].str());
  for (std::string p; std::getline(spec, p, ':');) parts.push_back(p);
  if (parts.size() % 3 != 0)
    throw std::invalid_argument("extxyz: '" + path + "': Properties is not name:type:count triples");
  std::vector<XyzColumn> cols;
  for (std::size_t k = 0; k < parts.size(); k += 3)
    cols.push_back({parts[k], parts[k + 1].at(0), std::stoi(parts[k + 2])});
  return cols;
}

bool xyz_true(const std::string& w) { return w == "T" || w == "True" || w == "true" || w == "1"; }

}  // namespace

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
  // Columns by the Properties spec, so files ASE writes with extra arrays (masses, forces, tags)
  // between the positions and the mask read as well as NaBridge's own.
  const auto cols = xyz_columns(line, path);
  for (std::size_t i = 0; i < n; ++i) {
    if (!std::getline(in, line))
      throw std::invalid_argument(fmt::format("extxyz: '{}': expected {} atoms, found {}", path, n, i));
    std::istringstream row(line);
    std::string element, species_with_role;
    Vec3 r = Vec3::Zero();
    int mask = dof::kAll;
    for (const auto& c : cols)
      for (int k = 0; k < c.count; ++k) {
        std::string w;
        if (!(row >> w))
          throw std::invalid_argument(fmt::format("extxyz: '{}': atom line {} has too few columns", path, i + 1));
        if (c.name == "species") element = w;
        else if (c.name == "nabridge_species") species_with_role = w;
        else if (c.name == "pos" && k < 3) r[k] = std::stod(w);
        else if (c.name == "move_mask" && c.type == 'I') mask = std::stoi(w);  // NaBridge's older files: dof bits
        else if (c.name == "move_mask" && c.count == 1) mask = xyz_true(w) ? dof::kAll : dof::kNone;
        else if (c.name == "move_mask" && !xyz_true(w)) mask &= ~(1 << k);
      }
    if (element.empty())
      throw std::invalid_argument(fmt::format("extxyz: '{}': atom line {} has no species", path, i + 1));
    s.add_atom(species_with_role.empty() ? element : species_with_role, r, static_cast<std::uint8_t>(mask));
  }
  return s;
}

}  // namespace nabridge
