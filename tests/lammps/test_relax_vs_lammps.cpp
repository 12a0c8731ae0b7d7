// Cross-check of the optimisers and the surface-energy protocol against LAMMPS's own minimiser:
// the same LJ fcc(100) slab (bottom layer fixed) relaxed by `lmp` (min_style cg, pair lj/cut)
// and by FIRE / L-BFGS over the analytic LennardJonesEngine must reach the same energy and
// geometry. Runs the `lmp` of the LAMMPS NaBridge is built against in a subprocess.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "../atomistic/fcc_stack.h"
#include "lmp_executable.h"
#include "optimize/optimizer.h"
#include "subprocess.h"

using namespace nabridge;
using namespace nabridge::testing;

namespace {

constexpr double kEps = 0.4, kNn = 2.55;

struct LammpsRelaxed {
  double energy_eV;
  Positions positions;
};

/// Writes s (orthogonal cell) as a LAMMPS data file, relaxes it with `lmp`, reads back the
/// final energy and positions (dump sorted by atom id).
LammpsRelaxed relax_with_lmp(const Structure& s, double sigma, double rc, const std::filesystem::path& dir) {
  std::filesystem::create_directories(dir);
  {
    std::ofstream data(dir / "slab.data");
    data.precision(17);
    data << "slab\n\n" << s.size() << " atoms\n1 atom types\n\n"
         << "0 " << s.cell(0, 0) << " xlo xhi\n0 " << s.cell(1, 1) << " ylo yhi\n0 " << s.cell(2, 2) << " zlo zhi\n\n"
         << "Masses\n\n1 63.546\n\nAtoms # atomic\n\n";
    for (std::size_t i = 0; i < s.size(); ++i) {
      const auto c = s.positions.col(static_cast<Eigen::Index>(i));
      data << i + 1 << " 1 " << c.x() << ' ' << c.y() << ' ' << c.z() << '\n';
    }
  }
  std::ostringstream frozen;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.free_dofs[i] == dof::kNone) frozen << ' ' << i + 1;
  {
    std::ofstream in(dir / "in.relax");
    in.precision(17);
    in << "units metal\natom_style atomic\nboundary p p p\nread_data slab.data\n"
       << "pair_style lj/cut " << rc << "\npair_coeff 1 1 " << kEps << ' ' << sigma << '\n'
       << "group bottom id" << frozen.str() << "\nfix hold bottom setforce 0.0 0.0 0.0\n"
       << "thermo_modify norm no\nmin_style cg\nminimize 0.0 1.0e-10 20000 200000\n"
       << "variable e equal pe\nprint \"NABRIDGE_ENERGY ${e}\"\n"
       << "write_dump all custom final.dump id x y z modify sort id format float %.17g\n";
  }
  REQUIRE(testing::run_process({testing::lmp_exe(), "-in", "in.relax", "-log", "none", "-screen", "screen.txt"}, dir)
              .status == 0);

  LammpsRelaxed out{0.0, Positions(3, static_cast<Eigen::Index>(s.size()))};
  std::ifstream screen(dir / "screen.txt");
  const std::regex energy_line(R"(NABRIDGE_ENERGY (\S+))");
  std::string line;
  bool found = false;
  std::smatch m;
  while (std::getline(screen, line))
    if (std::regex_search(line, m, energy_line)) out.energy_eV = std::stod(m[1]), found = true;
  REQUIRE(found);
  std::ifstream dump(dir / "final.dump");
  for (int k = 0; k < 9; ++k) std::getline(dump, line);  // header
  for (std::size_t i = 0; i < s.size(); ++i) {
    int id;
    dump >> id;
    for (int c = 0; c < 3; ++c) dump >> out.positions(c, id - 1);
  }
  REQUIRE(dump.good());
  return out;
}

}  // namespace

TEST_CASE("FIRE and L-BFGS reach the LAMMPS cg minimum of an LJ fcc(100) slab", "[lammps][optimize]") {
  auto lj = three_shell_lennard_jones(kEps, kNn);
  FccStackSpec p;
  p.nn_A = kNn;
  p.facet = 100;
  p.layers = 5;
  p.vacuum_A = 15.0;
  Structure slab = fcc_stack(p);
  for (std::size_t i = 0; i < 4; ++i) slab.free_dofs[i] = dof::kNone;
  // Break the mirror symmetry a little so the minimisers have real work in every direction.
  for (Eigen::Index i = 4; i < slab.positions.cols(); ++i)
    slab.positions.col(i) += 0.05 * Vec3(std::sin(1.0 * i), std::cos(2.0 * i), std::sin(3.0 * i));

  const double sigma = kNn / std::pow(2.0, 1.0 / 6.0), rc = 1.8 * kNn;
  const auto ref = relax_with_lmp(slab, sigma, rc, std::filesystem::path(NABRIDGE_BINARY_DIR) / "test_relax_vs_lammps");
  CHECK(lj.energy(slab) > ref.energy_eV + 0.01);  // the start is not already relaxed

  for (const std::string name : {"fire", "lbfgs"}) {
    SECTION(name) {
      Structure s = slab;
      OptimizerOptions o;
      o.fmax_eV_A = 1e-6;
      o.max_steps = 20000;
      const auto res = make_optimizer(name, o)->minimize(lj, s);
      REQUIRE(res.converged);
      CHECK(res.energy_eV == Approx(ref.energy_eV).margin(1e-8));
      Positions d = s.positions - ref.positions;
      for (Eigen::Index i = 0; i < d.cols(); ++i) d.col(i) = minimum_image(s, d.col(i));
      CHECK(max_atom_norm(d) < 1e-5);
    }
  }
}
