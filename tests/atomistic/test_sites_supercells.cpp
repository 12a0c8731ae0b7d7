// One surface in many cells: its primitive cell, NaBridge supercells, ASE-built slabs (files in
// tests/data written by make_ase_slabs.py with Debian's python3-ase), skewed and non-reduced
// supercells and rotated cells must give the same site classes with multiplicities scaled by
// the number of primitive cells; and bad slabs one clear error.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <map>
#include <set>
#include <string>

#include "structure/io.h"
#include "structure/prototypes.h"
#include "structure/slab.h"
#include "surface_supercells.h"
#include "symmetry/site_images.h"
#include "symmetry/sites.h"

using namespace nabridge;
using nabridge::testing::orthogonal_fcc111;
using nabridge::testing::rotated_about_z;
using nabridge::testing::supercell;

namespace {

using SiteTable = std::map<std::string, int>;  // label -> multiplicity

Structure slab_of(const Structure& bulk, Eigen::Vector3i hkl, const std::string& termination = "", int layers = 4) {
  SlabSpec spec;
  spec.miller = hkl;
  spec.layers = layers;
  spec.termination = termination;
  return make_slab(bulk, spec).structure;
}

Structure ase_slab(const std::string& name) {
  return read_extxyz(std::string(NABRIDGE_TEST_DATA_DIR) + "/" + name + ".extxyz");
}

SiteTable table(const Structure& slab) {
  SiteTable t;
  for (const auto& s : find_adsorption_sites(slab)) t[s.label] = s.multiplicity;
  return t;
}

/// The per-primitive-cell table scaled to `cells` primitive cells.
SiteTable times(SiteTable t, int cells) {
  for (auto& [label, m] : t) m *= cells;
  return t;
}

std::size_t index_of(const std::vector<AdsorptionSite>& sites, const std::string& label) {
  for (std::size_t k = 0; k < sites.size(); ++k)
    if (sites[k].label == label) return k;
  FAIL("no site " << label);
  return 0;
}

Eigen::Matrix2i matrix(int a, int b, int c, int d) {
  Eigen::Matrix2i M;
  M << a, b, c, d;
  return M;
}

}  // namespace

TEST_CASE("fcc(111) in every cell: top : bridge : fcc : hcp = 1 : 3 : 1 : 1 per surface atom", "[sites]") {
  const Structure primitive = slab_of(bulk_fcc("Al", 4.05), {1, 1, 1});
  const SiteTable per_cell{{"top", 1}, {"bridge", 3}, {"fcc", 1}, {"hcp", 1}};
  CHECK(table(primitive) == per_cell);
  CHECK(table(supercell(primitive, matrix(4, 0, 0, 4))) == times(per_cell, 16));
  CHECK(table(supercell(primitive, matrix(3, 0, 0, 5))) == times(per_cell, 15));
  CHECK(table(supercell(primitive, matrix(2, 1, 1, 3))) == times(per_cell, 5));    // skewed
  CHECK(table(supercell(primitive, matrix(1, 5, 0, 3))) == times(per_cell, 3));    // far from reduced
  CHECK(table(orthogonal_fcc111(primitive, 4, 4)) == times(per_cell, 16));
  CHECK(table(orthogonal_fcc111(primitive, 6, 6)) == times(per_cell, 36));
  CHECK(table(rotated_about_z(orthogonal_fcc111(primitive, 4, 4), 17)) == times(per_cell, 16));
  // Built by ASE: fcc111('Al', size=(n, m, 4), orthogonal=True | False, vacuum=10).
  CHECK(table(ase_slab("ase_al111_ortho_4x4x4")) == times(per_cell, 16));
  CHECK(table(ase_slab("ase_al111_ortho_6x6x4")) == SiteTable{{"top", 36}, {"bridge", 108}, {"fcc", 36}, {"hcp", 36}});
  CHECK(table(ase_slab("ase_al111_3x5x4")) == times(per_cell, 15));
  CHECK(table(ase_slab("ase_al111_ortho_4x4x4_rot17")) == times(per_cell, 16));
}

TEST_CASE("fcc(100) and bcc(110) in every cell", "[sites]") {
  const Structure cu100 = slab_of(bulk_fcc("Cu", 3.615), {1, 0, 0});
  const SiteTable cu{{"top", 1}, {"bridge", 2}, {"hollow", 1}};
  CHECK(table(cu100) == cu);
  CHECK(table(supercell(cu100, matrix(4, 0, 0, 4))) == times(cu, 16));
  CHECK(table(supercell(cu100, matrix(1, 1, -1, 1))) == times(cu, 2));  // √2 × √2 R45°
  CHECK(table(rotated_about_z(supercell(cu100, matrix(3, 0, 0, 5)), 17)) == times(cu, 15));
  CHECK(table(ase_slab("ase_cu100_3x5x4")) == times(cu, 15));

  const Structure na110 = slab_of(bulk_bcc("Na", 4.225), {1, 1, 0});
  const SiteTable na{{"top", 1}, {"short-bridge", 2}, {"long-bridge", 1}, {"threefold", 2}};
  CHECK(table(na110) == na);
  CHECK(table(supercell(na110, matrix(6, 0, 0, 6))) == times(na, 36));
  CHECK(table(supercell(na110, matrix(3, 1, 0, 5))) == times(na, 15));
  CHECK(table(ase_slab("ase_na110_ortho_4x4x4")) == times(na, 16));
  CHECK(table(ase_slab("ase_na110_3x5x4")) == times(na, 15));
  CHECK(table(rotated_about_z(ase_slab("ase_na110_3x5x4"), 17)) == times(na, 15));
}

TEST_CASE("BaTiO3(001), both terminations, in every cell", "[sites]") {
  const Structure bto = bulk_perovskite("Ba", "Ti", "O", 4.0);
  const Structure tio2 = slab_of(bto, {0, 0, 1}, "TiO2", 5), bao = slab_of(bto, {0, 0, 1}, "BaO", 5);
  const SiteTable t{{"top-Ti", 1}, {"top-O", 2}, {"bridge-O-Ti", 4}, {"hollow-O2Ti", 4}, {"hollow-O4", 1}};
  const SiteTable b{{"top-Ba", 1}, {"top-O", 1}, {"bridge-Ba-O", 4}, {"hollow-Ba2O2", 2}};
  for (const auto& [slab, per_cell] : {std::pair{tio2, t}, std::pair{bao, b}}) {
    CHECK(table(slab) == per_cell);
    CHECK(table(supercell(slab, matrix(4, 0, 0, 4))) == times(per_cell, 16));
    CHECK(table(supercell(slab, matrix(3, 0, 0, 5))) == times(per_cell, 15));
    CHECK(table(supercell(slab, matrix(1, 1, -1, 1))) == times(per_cell, 2));
    CHECK(table(rotated_about_z(supercell(slab, matrix(2, 1, -1, 2)), 17)) == times(per_cell, 5));
  }
}

namespace {

/// The element and depth below the site of the first slab atom straight under it (lateral
/// distance < 0.1 Å), or {"", 0} if none.
std::pair<std::string, double> first_atom_below(const Structure& slab, const Vec3& site_A) {
  std::pair<std::string, double> first{"", 0.0};
  for (Eigen::Index i = 0; i < slab.positions.cols(); ++i) {
    const Vec3 d = minimum_image(slab, Vec3(slab.positions.col(i) - site_A));
    if (std::hypot(d.x(), d.y()) < 0.1 && d.z() < -0.1 && (first.first.empty() || -d.z() < first.second))
      first = {slab.species[static_cast<std::size_t>(i)], -d.z()};
  }
  return first;
}

}  // namespace

TEST_CASE("alpha-Al2O3(0001): the two threefold hollows keep their labels in every cell", "[sites]") {
  // Both hollows of the top Al layer lie over no second-layer (O3) atom, so both read "fcc"; the
  // numeric suffix must name the same hollow in every cell (it was the order of positions in the
  // cell, and swapped between the campaign's 2x2 and 3x3 cells). With the cation at (0, 0, z) the
  // top Al sits at 2/3 - z of c; straight under "fcc" the first atom is the Al at z - 1/6,
  // (5/6 - 2z) c down, under "fcc-2" the Al at 1/2 - z, c/6 down.
  const double c_A = 12.991, z = CorundumInternal{}.z_cation;
  SlabSpec spec;
  spec.miller = {0, 0, 1};
  spec.layers = 9;
  spec.termination = "Al";
  const Structure slab = make_slab(bulk_corundum("Al", "O", 4.759, c_A), spec).structure;
  const std::map<std::string, std::pair<std::string, double>> expected = {
      {"fcc", {"Al", (5.0 / 6 - 2 * z) * c_A}}, {"fcc-2", {"Al", c_A / 6}}};
  for (const Structure& cell : {slab, supercell(slab, matrix(2, 0, 0, 2)), supercell(slab, matrix(3, 0, 0, 3)),
                                supercell(slab, matrix(4, 0, 0, 4)), supercell(slab, matrix(2, 1, -1, 2)),
                                rotated_about_z(supercell(slab, matrix(3, 0, 0, 2)), 17)}) {
    std::set<std::string> hollows;
    for (const auto& s : find_adsorption_sites(cell)) {
      if (!expected.count(s.label)) continue;
      INFO(s.label << " in a cell of " << cell.size() << " atoms");
      hollows.insert(s.label);
      const auto below = first_atom_below(cell, s.position_A);
      CHECK(below.first == expected.at(s.label).first);
      CHECK(below.second == Approx(expected.at(s.label).second).margin(1e-6));
    }
    CHECK(hollows.size() == 2);
  }
}

TEST_CASE("site copies and hops do not depend on the cell", "[sites]") {
  const double a = 4.05;
  const Structure ase = ase_slab("ase_al111_ortho_6x6x4");
  const auto sites = find_adsorption_sites(ase);
  const auto copies = equivalent_site_positions(ase, sites);
  for (std::size_t k = 0; k < sites.size(); ++k) {
    CHECK(copies[k].size() == static_cast<std::size_t>(sites[k].multiplicity));
    CHECK((copies[k].front() - sites[k].position_A).norm() == 0.0);
  }
  const auto hops = find_hops(ase, sites, {index_of(sites, "fcc"), index_of(sites, "hcp")});
  REQUIRE(hops.size() == 1);
  CHECK(hops[0].length_A == Approx(a / std::sqrt(6.0)).epsilon(1e-9));

  const Structure cu = ase_slab("ase_cu100_3x5x4");
  const auto cu_sites = find_adsorption_sites(cu);
  const auto cu_hops = find_hops(cu, cu_sites, {index_of(cu_sites, "hollow")});
  REQUIRE(cu_hops.size() == 1);
  CHECK(cu_hops[0].length_A == Approx(3.615 / std::sqrt(2.0)).epsilon(1e-9));
}

TEST_CASE("bad slabs: no vacuum, a top layer that is not flat, a cell that breaks the periodicity", "[sites]") {
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = 6;
  spec.vacuum_A = 0.0;
  const Structure bulk_like = make_slab(bulk_fcc("Al", 4.05), spec).structure;
  CHECK_THROWS_WITH(find_adsorption_sites(bulk_like), Catch::Contains("sites: the slab has no vacuum"));

  Structure rough = ase_slab("ase_al111_ortho_4x4x4");
  Eigen::Index top = 0;
  for (Eigen::Index i = 0; i < rough.positions.cols(); ++i)
    if (rough.positions(2, i) > rough.positions(2, top)) top = i;
  rough.positions(2, top) -= 0.45;
  CHECK_THROWS_WITH(find_adsorption_sites(rough), Catch::Contains("sites: the top layer is not flat"));

  Structure broken = ase_slab("ase_al111_ortho_4x4x4");
  broken.cell(0, 0) += 1.4;  // one column of atoms too few for the cell's length
  CHECK_THROWS_WITH(find_adsorption_sites(broken),
                    Catch::Contains("sites: the supercell breaks the surface periodicity"));
}

TEST_CASE("slabs with less symmetry: a top-layer vacancy, relaxation noise", "[sites]") {
  auto total = [](const SiteTable& t, const std::string& kind) {  // "bridge" counts short- and long-bridge
    int n = 0;
    for (const auto& [label, m] : t) n += label.find(kind) != std::string::npos ? m : 0;
    return n;
  };
  // A vacancy is a defect, not a cell that breaks the periodicity: the sites around it split
  // into classes by the vacancy's own threefold symmetry; the 15 top sites remain.
  Structure vacancy = ase_slab("ase_al111_ortho_6x6x4");
  Eigen::Index top = 0;
  for (Eigen::Index i = 0; i < vacancy.positions.cols(); ++i)
    if (vacancy.positions(2, i) > vacancy.positions(2, top) + 1e-6) top = i;
  vacancy.remove_atom(static_cast<std::size_t>(top));
  const SiteTable v = table(vacancy);
  CHECK(total(v, "top") == 35);
  CHECK(v.size() > 4);

  // Every atom moved by up to 0.01 Å (a relaxed slab): no symmetry left, every site its own class
  // (bridges of slightly different lengths become short- and long-bridges), the counts per
  // surface atom unchanged.
  Structure noisy = ase_slab("ase_al111_ortho_6x6x4");
  std::srand(7);
  for (Eigen::Index i = 0; i < noisy.positions.cols(); ++i)
    for (int k = 0; k < 3; ++k) noisy.positions(k, i) += 0.01 * (2.0 * std::rand() / RAND_MAX - 1.0);
  const SiteTable n = table(noisy);
  CHECK(total(n, "top") == 36);
  CHECK(total(n, "bridge") == 108);
  CHECK(total(n, "threefold") == 72);
  CHECK(n.size() == 36 + 108 + 72);
}
