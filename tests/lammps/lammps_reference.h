#pragma once
// An independent reference: a plain LAMMPS instance driven only by input commands and
// `run 0`, the way a hand-written script computes energy and forces.
#include <fmt/format.h>

#include <array>
#include <string>
#include <vector>

#include "core/elements.h"
#include "core/potential_spec.h"
#include "core/structure.h"
#include "commands/register.h"
#include "lammps.h"
#include "library.h"

namespace nabridge::testing {

class RunZeroReference {
 public:
  /// `newton_pair` "on" or "off": set before the box, since LAMMPS does not rebuild its neighbour
  /// lists when it changes between runs. NaBridge's pair styles are registered, as in every LAMMPS
  /// NaBridge opens; nothing else of NaBridge runs.
  RunZeroReference(const PotentialSpec& pot, const Structure& s, const std::string& newton_pair = "on") {
    int initialised = 0;
    MPI_Initialized(&initialised);
    if (!initialised) MPI_Init(nullptr, nullptr);
    const char* args[] = {"ref", "-log", "none", "-screen", "none", "-nocite"};
    lmp_ = new LAMMPS_NS::LAMMPS(6, const_cast<char**>(args), MPI_COMM_SELF);
    register_pair_styles(lmp_);
    cmd("units metal");
    cmd("newton " + newton_pair + " on");
    cmd("atom_style atomic");
    cmd("atom_modify map array sort 0 0");
    for (const auto& line : pot.init_commands) cmd(line);  // e.g. kim init, before the box
    cmd(fmt::format("boundary {} {} {}", s.pbc[0] ? "p" : "s", s.pbc[1] ? "p" : "s", s.pbc[2] ? "p" : "s"));
    // Test cells are already in LAMMPS orientation (upper triangular).
    const Mat3& c = s.cell;
    cmd(fmt::format("region box prism 0 {:.17g} 0 {:.17g} 0 {:.17g} {:.17g} {:.17g} {:.17g} units box", c(0, 0),
                    c(1, 1), c(2, 2), c(0, 1), c(0, 2), c(1, 2)));
    cmd(fmt::format("create_box {} box", pot.elements.size()));
    for (std::size_t t = 0; t < pot.elements.size(); ++t)
      cmd(fmt::format("mass {} {}", t + 1, atomic_mass_amu(pot.elements[t])));
    Structure w = s;
    w.wrap();
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto type = std::find(pot.elements.begin(), pot.elements.end(), s.species[i]) - pot.elements.begin() + 1;
      const Vec3 r = w.positions.col(static_cast<Eigen::Index>(i));
      cmd(fmt::format("create_atoms {} single {:.17g} {:.17g} {:.17g} units box remap yes", type, r.x(), r.y(), r.z()));
    }
    for (const auto& line : pot.commands) cmd(line);
    cmd("thermo_style custom step pe pxx pzz pxy");
    if (static_cast<std::size_t>(lammps_get_natoms(lmp_)) != s.size())
      throw std::runtime_error("reference: LAMMPS created " + std::to_string(lammps_get_natoms(lmp_)) + " atoms");
  }
  ~RunZeroReference() { delete lmp_; }

  /// Energy (eV) and forces (eV/Å) of positions r via `run 0`.
  double run0(const Positions& r, Positions& forces) {
    std::vector<double> x(r.data(), r.data() + r.size());
    lammps_scatter_atoms(lmp_, const_cast<char*>("x"), 1, 3, x.data());
    cmd("run 0");
    forces.resize(3, r.cols());
    lammps_gather_atoms(lmp_, const_cast<char*>("f"), 1, 3, forces.data());
    return lammps_get_thermo(lmp_, "pe");
  }

  /// Pressure components (bar) pxx, pzz, pxy of the last run0.
  std::array<double, 3> pressure_xx_zz_xy_bar() const {
    return {lammps_get_thermo(lmp_, "pxx"), lammps_get_thermo(lmp_, "pzz"), lammps_get_thermo(lmp_, "pxy")};
  }

 private:
  void cmd(const std::string& line) { lammps_command(lmp_, line.c_str()); }
  LAMMPS_NS::LAMMPS* lmp_ = nullptr;
};

}  // namespace nabridge::testing
