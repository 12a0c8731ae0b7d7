#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "structure/io.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

TEST_CASE("extended XYZ round trip keeps cell, pbc, species, positions and constraints", "[io]") {
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = 4;
  spec.fixed_layers = 2;
  Structure s = make_slab(bulk_fcc("Au", 4.078), spec).structure;
  s.pbc[2] = false;
  REQUIRE(s.size() == 4);  // 1x1 cell, one atom per layer
  s.free_dofs.back() = dof::kZ;  // a partly constrained atom (the top one; the bottom two are fixed)
  const auto path = (std::filesystem::temp_directory_path() / "nabridge_io_test.xyz").string();
  write_extxyz(path, s, "Au(111) test");
  const Structure r = read_extxyz(path);
  CHECK(r.size() == s.size());
  CHECK(r.species == s.species);
  CHECK(r.free_dofs == s.free_dofs);
  CHECK(r.pbc == s.pbc);
  CHECK((r.cell - s.cell).cwiseAbs().maxCoeff() < 1e-9);
  CHECK((r.positions - s.positions).cwiseAbs().maxCoeff() < 1e-9);
  CHECK_THROWS_WITH(read_extxyz("/nonexistent.xyz"), Catch::Contains("/nonexistent.xyz"));
}

TEST_CASE("LAMMPS data files declare the triclinic tilt and every atom", "[io]") {
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = 3;
  const Structure s = make_slab(bulk_fcc("Al", 4.05), spec).structure;
  const auto path = (std::filesystem::temp_directory_path() / "nabridge_io_test.data").string();
  write_lammps_data(path, s, {"Al", "Na"});
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("3 atoms") != std::string::npos);
  CHECK(text.find("2 atom types") != std::string::npos);
  CHECK(text.find("xy xz yz") != std::string::npos);
  CHECK(text.find("22.99") != std::string::npos);
  CHECK_THROWS_WITH(write_lammps_data(path, s, {"Na"}), Catch::Contains("'Al' has no atom type"));
}

TEST_CASE("extended XYZ: species with a role keep it in their own column and the element in species", "[io]") {
  Structure s = bulk_rocksalt("Na", "I", 6.455);
  s.add_atom("Na:metal", Vec3(0.0, 0.0, 3.1));
  const auto path = (std::filesystem::temp_directory_path() / "nabridge_io_roles.xyz").string();
  write_extxyz(path, s);
  std::ifstream in(path);
  std::string count, header, first, line;
  std::getline(in, count);
  std::getline(in, header);
  CHECK(header.find("Properties=species:S:1:pos:R:3:move_mask:L:3:nabridge_species:S:1 ") != std::string::npos);
  std::getline(in, first);
  for (std::string l; std::getline(in, l);) line = l;
  // Readers that know elements only (ASE, OVITO) see a Na atom; the last column names the species.
  CHECK(first.rfind("Na ", 0) == 0);
  CHECK(first.substr(first.size() - 3) == " Na");
  CHECK(line.rfind("Na ", 0) == 0);
  CHECK(line.substr(line.size() - 9) == " Na:metal");
  const Structure r = read_extxyz(path);
  CHECK(r.species == s.species);
  // Without roles the file keeps its plain columns.
  write_extxyz(path, bulk_rocksalt("Na", "I", 6.455));
  std::ifstream plain(path);
  std::getline(plain, count);
  std::getline(plain, header);
  CHECK(header.find("nabridge_species") == std::string::npos);
}
