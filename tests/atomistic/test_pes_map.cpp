#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "engines/pair_engine.h"
#include "protocols/neb.h"
#include "core/pes_outputs.h"
#include "protocols/pes_map.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

TEST_CASE("PES map of an LJ adatom on rigid fcc(100): hollow minimum, bridge saddle = NEB barrier", "[pes]") {
  SlabSpec spec;
  spec.miller = {1, 0, 0};
  spec.layers = 3;
  spec.vacuum_A = 12;
  Structure slab = make_slab(bulk_fcc("Al", 4.05), spec).structure;  // 1 atom per layer
  for (auto& f : slab.free_dofs) f = dof::kNone;
  LennardJonesEngine lj;
  lj.set("Al", "Al", 0.2, 2.6, 6.0, true);
  lj.set("Al", "Na", 0.1, 3.0, 7.0, true);
  PesOptions opt;
  opt.nx = opt.ny = 8;  // contains the top (0,0), bridges (1/2,0) and hollow (1/2,1/2)
  opt.relax.fmax_eV_A = 1e-6;
  const PesMap map = pes_map(lj, slab, opt);
  REQUIRE(map.relax_converged);
  REQUIRE(map.minima.size() == 1);
  // The lone minimum is the hollow, the saddle a bridge.
  const auto& top_atom = slab.positions.col(slab.positions.cols() - 1);
  auto frac = [&](const PesPoint& p) {
    return slab.to_fractional(Vec3(p.x_A, p.y_A, 0) - Vec3(top_atom.x(), top_atom.y(), 0));
  };
  Vec3 fm = frac(map.grid[map.minima[0]]), fs = frac(map.grid[map.saddle]);
  for (Vec3* f : {&fm, &fs})
    for (int k = 0; k < 2; ++k) (*f)[k] -= std::floor((*f)[k] + 1e-9);
  CHECK(fm.x() == Approx(0.5).margin(1e-9));
  CHECK(fm.y() == Approx(0.5).margin(1e-9));
  CHECK(((std::abs(fs.x() - 0.5) < 1e-9 && std::abs(fs.y()) < 1e-9) ||
         (std::abs(fs.y() - 0.5) < 1e-9 && std::abs(fs.x()) < 1e-9)));

  // The same hop by NEB on a 2x2 cell (hollow to the neighbouring hollow).
  spec.repeat_a = spec.repeat_b = 2;
  Structure big = make_slab(bulk_fcc("Al", 4.05), spec).structure;
  for (auto& f : big.free_dofs) f = dof::kNone;
  const Vec3 top = big.positions.col(big.positions.cols() - 1);
  const Vec3 h1 = top + 0.25 * (big.cell.col(0) + big.cell.col(1)) + Vec3(0, 0, 2.0);
  Structure a = big, b = big;
  a.add_atom("Na", h1);
  b.add_atom("Na", h1 + 0.5 * big.cell.col(0));
  NebOptions nopt;
  nopt.images = 5;
  nopt.fmax_eV_A = 1e-5;
  nopt.endpoint_fmax_eV_A = 1e-6;
  const NebResult neb = run_neb(lj, a, b, nopt);
  REQUIRE(neb.converged);
  CHECK(map.barrier_eV == Approx(neb.barrier_eV).margin(1e-5));

  const auto dir = std::filesystem::temp_directory_path();
  write_pes_outputs(map, (dir / "pes.csv").string(), "");
  std::ifstream csv(dir / "pes.csv");
  std::string header;
  std::getline(csv, header);
  CHECK(header == "x_A,y_A,z_A,E_eV,dE_eV");
  int rows = 0;
  for (std::string line; std::getline(csv, line);) ++rows;
  CHECK(rows == 64);
}
