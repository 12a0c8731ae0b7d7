#include <catch2/catch.hpp>

#include <cmath>

#include "structure/interface.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

namespace {

constexpr double kAl = 4.05;

Structure fcc_slab(const std::string& element, double a, Eigen::Vector3i hkl, int layers, int fixed = 0) {
  SlabSpec spec;
  spec.miller = hkl;
  spec.layers = layers;
  spec.fixed_layers = fixed;
  spec.vacuum_A = 10.0;
  return make_slab(bulk_fcc(element, a), spec).structure;
}

Mat2 inplane(const Structure& s) { return s.cell.topLeftCorner<2, 2>(); }

/// Shortest distance between atoms of s that satisfy `pick`, periodic images included (an
/// atom's own in-plane image is min(|a|, |b|) for the reduced cells built here).
template <class Pick>
double min_distance(const Structure& s, Pick pick) {
  double best = 1e300;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (pick(i)) best = std::min(s.cell.col(0).norm(), s.cell.col(1).norm());
  for (std::size_t i = 0; i < s.size(); ++i)
    for (std::size_t j = i + 1; j < s.size(); ++j)
      if (pick(i) && pick(j))
        best = std::min(best, minimum_image(s, s.positions.col(static_cast<Eigen::Index>(j)) -
                                                   s.positions.col(static_cast<Eigen::Index>(i))).norm());
  return best;
}

void check_lammps_orientation(const Structure& s) {
  CHECK(s.cell(1, 0) == 0.0);
  CHECK(s.cell(2, 0) == 0.0);
  CHECK(s.cell(2, 1) == 0.0);
  CHECK(s.cell(1, 1) > 0);
  CHECK(std::abs(s.cell(0, 1)) <= 0.5 * s.cell(0, 0) + 1e-9);
}

}  // namespace

TEST_CASE("Gauss reduction gives a short right-handed basis and the integer change of basis", "[interface]") {
  Mat2 L;
  L << 1.0, 0.5, 0.0, std::sqrt(3.0) / 2;  // hexagonal, reduced already (|a·b| = |a|²/2)
  Mat2i U;
  CHECK(reduce_basis_2d(L, &U).isApprox(L));
  CHECK(U == Mat2i::Identity());
  Mat2i skew;
  skew << 2, 7, 1, 4;  // det 1: a long, skewed basis of the same lattice
  const Mat2 B = L * skew.cast<double>();
  const Mat2 R = reduce_basis_2d(B, &U);
  CHECK(R.isApprox(B * U.cast<double>()));
  CHECK(U.determinant() == 1);
  CHECK(R.col(0).norm() == Approx(1.0));
  CHECK(R.col(1).norm() == Approx(1.0));
  CHECK(R.determinant() > 0);
  CHECK(std::abs(R.col(0).dot(R.col(1))) <= 0.5 + 1e-12);
}

TEST_CASE("Identical lattices match 1x1 with zero strain and keep the substrate in place", "[interface]") {
  const Structure sub = fcc_slab("Al", kAl, {1, 1, 1}, 6, 2), film = fcc_slab("Al", kAl, {1, 1, 1}, 3);
  InterfaceOptions opt;
  opt.separation_A = 2.2;
  opt.vacuum_A = 12.0;
  const Interface itf = build_interface(sub, film, opt);
  const LatticeMatch& m = itf.match;
  CHECK(m.substrate_index == 1);
  CHECK(m.film_index == 1);
  CHECK(m.substrate_matrix == Mat2i::Identity());
  CHECK(m.film_matrix == Mat2i::Identity());
  CHECK(m.film_rotation_deg == Approx(0.0).margin(1e-9));
  for (const Strain2D& e : {m.mismatch, m.film_strain, m.substrate_strain}) {
    CHECK(e.xx == Approx(0.0).margin(1e-12));
    CHECK(e.yy == Approx(0.0).margin(1e-12));
    CHECK(e.xy == Approx(0.0).margin(1e-12));
    CHECK(e.max_principal == Approx(0.0).margin(1e-12));
  }
  CHECK(m.cell.isApprox(inplane(sub), 1e-12));
  REQUIRE(itf.structure.size() == 9);
  CHECK(itf.substrate_atoms == 6);
  CHECK(itf.film_atoms == 3);
  CHECK(itf.structure.count_frozen() == 2);  // the substrate's fixed layers stay fixed
  // Substrate atoms: the input slab translated along z only.
  const double dz = itf.structure.positions(2, 0) - sub.positions(2, 0);
  for (Eigen::Index i = 0; i < 6; ++i) {
    CHECK((itf.structure.positions.col(i).head<2>() - sub.positions.col(i).head<2>()).norm() < 1e-12);
    CHECK(itf.structure.positions(2, i) - sub.positions(2, i) == Approx(dz).epsilon(1e-12));
  }
  CHECK(itf.separation_A == Approx(2.2).epsilon(1e-12));
  CHECK(itf.in_film == std::vector<bool>{false, false, false, false, false, false, true, true, true});
}

TEST_CASE("fcc(111) under a film with a sqrt(3)-larger lattice: sqrt3 x sqrt3 R30 substrate cell, no strain",
          "[interface]") {
  const Structure sub = fcc_slab("Al", kAl, {1, 1, 1}, 3);
  const Structure film = fcc_slab("Cu", kAl * std::sqrt(3.0), {1, 1, 1}, 3);
  InterfaceOptions opt;
  opt.separation_A = 2.5;
  opt.vacuum_A = 12.0;
  const Interface itf = build_interface(sub, film, opt);
  const LatticeMatch& m = itf.match;
  CHECK(m.substrate_index == 3);
  CHECK(m.film_index == 1);
  Mat2i hnf;
  hnf << 3, 1, 0, 1;  // {3 a1, a1 + a2}: the √3×√3 R30° sublattice of a 60° hexagonal lattice
  CHECK(m.substrate_hnf == hnf);
  CHECK(m.film_hnf == Mat2i::Identity());
  CHECK(std::abs(m.film_rotation_deg) == Approx(30.0).epsilon(1e-10));
  CHECK(m.mismatch.max_principal == Approx(0.0).margin(1e-12));
  CHECK(m.film_strain.max_principal == Approx(0.0).margin(1e-12));
  CHECK(m.substrate_area_A2 == Approx(3 * sub.area_A2()).epsilon(1e-12));
  CHECK(m.film_area_A2 == Approx(film.area_A2()).epsilon(1e-12));
  const double nn = kAl / std::sqrt(2.0);
  CHECK(m.cell.col(0).norm() == Approx(std::sqrt(3.0) * nn).epsilon(1e-12));
  CHECK(m.cell.col(1).norm() == Approx(std::sqrt(3.0) * nn).epsilon(1e-12));
  CHECK(itf.structure.size() == 3 * 3 + 3);
  check_lammps_orientation(itf.structure);
  const auto& in_film = itf.in_film;
  CHECK(min_distance(itf.structure, [&](std::size_t i) { return !in_film[i]; }) == Approx(nn).epsilon(1e-10));
  CHECK(min_distance(itf.structure, [&](std::size_t i) { return in_film[i]; }) ==
        Approx(std::sqrt(3.0) * nn).epsilon(1e-10));
}

TEST_CASE("A film with a 2% larger lattice is compressed by exactly 2%, or split between the sides", "[interface]") {
  const double a_film = kAl / 0.98;  // the substrate is 0.98 × the film: strain −0.02 on the film
  const Structure sub = fcc_slab("Al", kAl, {1, 0, 0}, 4), film = fcc_slab("Cu", a_film, {1, 0, 0}, 4);
  InterfaceOptions opt;
  opt.separation_A = 2.0;
  opt.vacuum_A = 12.0;
  SECTION("all on the film (default)") {
    const Interface itf = build_interface(sub, film, opt);
    const LatticeMatch& m = itf.match;
    CHECK(m.substrate_index == 1);
    CHECK(m.film_index == 1);
    CHECK(m.film_strain.xx == Approx(-0.02).epsilon(1e-12));
    CHECK(m.film_strain.yy == Approx(-0.02).epsilon(1e-12));
    CHECK(m.film_strain.xy == Approx(0.0).margin(1e-12));
    CHECK(m.film_strain.max_principal == Approx(-0.02).epsilon(1e-12));
    CHECK(m.film_strain.areal == Approx(0.98 * 0.98 - 1).epsilon(1e-12));
    CHECK(m.substrate_strain.max_principal == Approx(0.0).margin(1e-12));
    CHECK(m.mismatch.max_principal == Approx(-0.02).epsilon(1e-12));
    // Geometry: the film's in-plane neighbours are 2% closer; the cell is the substrate's.
    CHECK(m.cell.isApprox(inplane(sub), 1e-12));
    const auto& in_film = itf.in_film;
    CHECK(min_distance(itf.structure, [&](std::size_t i) { return in_film[i]; }) ==
          Approx(0.98 * a_film / std::sqrt(2.0)).epsilon(1e-10));
  }
  SECTION("half on each side") {
    opt.match.film_strain_fraction = 0.5;
    const Interface itf = build_interface(sub, film, opt);
    const LatticeMatch& m = itf.match;
    CHECK(m.film_strain.max_principal == Approx(-0.01).epsilon(1e-12));
    CHECK(m.substrate_strain.xx == Approx(0.5 * (1 / 0.98 - 1)).epsilon(1e-12));
    CHECK(m.substrate_strain.yy == Approx(0.5 * (1 / 0.98 - 1)).epsilon(1e-12));
    CHECK(m.mismatch.max_principal == Approx(-0.02).epsilon(1e-12));
    // Both lattices end at the mean lattice constant.
    CHECK(m.cell.col(0).norm() == Approx(0.5 * (kAl + a_film) / std::sqrt(2.0)).epsilon(1e-12));
    const auto& in_film = itf.in_film;  // in-plane neighbours: the shortest film distance
    CHECK(min_distance(itf.structure, [&](std::size_t i) { return in_film[i]; }) ==
          Approx(0.5 * (kAl + a_film) / std::sqrt(2.0)).epsilon(1e-10));
  }
}

TEST_CASE("Anisotropic mismatch is reported per component in the interface frame", "[interface]") {
  Mat2 square, rect;
  square << 4.0, 0.0, 0.0, 4.0;
  rect << 4.08, 0.0, 0.0, 3.96;  // shorter b: its reduced basis starts along y
  LatticeMatchOptions o;
  const LatticeMatch m = match_lattices(square, rect, o);
  CHECK(m.substrate_index == 1);
  CHECK(m.film_index == 1);
  CHECK(m.film_rotation_deg == Approx(0.0).margin(1e-9));
  CHECK(m.film_strain.xx == Approx(4.0 / 4.08 - 1).epsilon(1e-12));
  CHECK(m.film_strain.yy == Approx(4.0 / 3.96 - 1).epsilon(1e-12));
  CHECK(m.film_strain.xy == Approx(0.0).margin(1e-12));
  CHECK(m.film_strain.max_principal == Approx(4.0 / 4.08 - 1).epsilon(1e-12));  // the larger magnitude
  CHECK((rect * m.film_matrix.cast<double>()).isApprox(m.film_deformation.inverse() * m.cell, 1e-12));
}

TEST_CASE("Na bcc(110) films on Al fcc(111) and (100): a match within 5%, strain consistent with the geometry",
          "[interface]") {
  const double a_Na = 4.225;
  SlabSpec fs;
  fs.miller = {1, 1, 0};
  fs.layers = 3;
  fs.vacuum_A = 10.0;
  const Slab na = make_slab(bulk_bcc("Na", a_Na), fs);
  for (const Eigen::Vector3i hkl : {Eigen::Vector3i(1, 1, 1), Eigen::Vector3i(1, 0, 0)}) {
    const Structure sub = fcc_slab("Al", kAl, hkl, 4, 1);
    InterfaceOptions opt;
    opt.separation_A = 2.5;
    const Interface itf = build_interface(sub, na.structure, opt);
    const LatticeMatch& m = itf.match;
    INFO("Al" << hkl.transpose() << ": substrate index " << m.substrate_index << ", film index " << m.film_index
              << ", strain " << m.film_strain.max_principal << ", rotation " << m.film_rotation_deg);
    CHECK(std::abs(m.film_strain.max_principal) <= 0.05 + 1e-12);
    CHECK(itf.structure.size() <= 400);
    CHECK(itf.structure.size() == m.substrate_index * sub.size() + m.film_index * na.structure.size());
    check_lammps_orientation(itf.structure);
    // The strained film covers the interface cell: area per film cell = (1 + areal) × unstrained.
    CHECK(itf.structure.area_A2() / m.film_index ==
          Approx(na.structure.area_A2() * (1 + m.film_strain.areal)).epsilon(1e-10));
    CHECK(itf.structure.area_A2() == Approx(m.substrate_area_A2).epsilon(1e-10));  // substrate unstrained
    // Neighbour distances within the bottom film layer stretch between the principal strains.
    const double e1 = m.film_strain.max_principal, e2 = m.film_strain.xx + m.film_strain.yy - e1;
    double z_bottom = 1e300;
    for (std::size_t i = 0; i < itf.structure.size(); ++i)
      if (itf.in_film[i]) z_bottom = std::min(z_bottom, itf.structure.positions(2, static_cast<Eigen::Index>(i)));
    const double nn = a_Na * std::sqrt(3.0) / 2, d = min_distance(itf.structure, [&](std::size_t i) {
      return itf.in_film[i] && itf.structure.positions(2, static_cast<Eigen::Index>(i)) < z_bottom + 1e-6;
    });
    CHECK(d >= nn * (1 + std::min(e1, e2)) - 1e-9);
    CHECK(d <= nn * (1 + std::max(e1, e2)) + 1e-9);
    CHECK(itf.separation_A == Approx(2.5).epsilon(1e-12));
    // Independent reconstruction: the deformation of the film's matched supercell onto the cell.
    const Mat2 D = m.cell * (inplane(na.structure) * m.film_matrix.cast<double>()).inverse();
    const Strain2D e = strain_of_deformation(D);
    CHECK(e.xx == Approx(m.film_strain.xx).margin(1e-12));
    CHECK(e.yy == Approx(m.film_strain.yy).margin(1e-12));
    CHECK(e.xy == Approx(m.film_strain.xy).margin(1e-12));
  }
}

TEST_CASE("The registry shift moves only the film, periodically in the interface cell", "[interface]") {
  const Structure sub = fcc_slab("Al", kAl, {1, 1, 1}, 3), film = fcc_slab("Al", kAl, {1, 1, 1}, 3);
  InterfaceOptions opt;
  const Interface itf = build_interface(sub, film, opt);
  const Eigen::Vector2d t = itf.match.cell.col(0);  // a full lattice vector: same structure
  const Structure same = shift_film(itf, t);
  for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(same.size()); ++i)
    CHECK((same.positions.col(i) - itf.structure.positions.col(i)).norm() == Approx(0.0).margin(1e-9));
  const Structure moved = shift_film(itf, Eigen::Vector2d(0.3, 0.1));
  for (Eigen::Index i = 0; i < 3; ++i) CHECK((moved.positions.col(i) - itf.structure.positions.col(i)).norm() < 1e-12);
  const Vec3 d = minimum_image(moved, moved.positions.col(4) - itf.structure.positions.col(4));
  CHECK(d.isApprox(Vec3(0.3, 0.1, 0.0), 1e-9));
}

TEST_CASE("build_interface rejects bad input with the field named", "[interface]") {
  const Structure sub = fcc_slab("Al", kAl, {1, 1, 1}, 3);
  const Structure film = fcc_slab("Cu", kAl * 1.1, {1, 0, 0}, 3);
  InterfaceOptions opt;
  opt.match.max_strain = 0.001;
  opt.match.max_atoms = 40;
  CHECK_THROWS_WITH(build_interface(sub, film, opt), Catch::Contains("'max_strain'") && Catch::Contains("'max_atoms'"));
  opt = InterfaceOptions{};
  opt.match.film_strain_fraction = 1.5;
  CHECK_THROWS_WITH(build_interface(sub, film, opt), Catch::Contains("'film_strain_fraction'"));
  opt = InterfaceOptions{};
  opt.separation_A = 0.0;
  CHECK_THROWS_WITH(build_interface(sub, film, opt), Catch::Contains("'separation_A'"));
  opt = InterfaceOptions{};
  opt.match.max_atoms = 0;
  CHECK_THROWS_WITH(build_interface(sub, film, opt), Catch::Contains("'max_area_A2/max_atoms'"));
  Structure tilted = sub;
  tilted.cell(0, 2) = 1.0;
  CHECK_THROWS_WITH(build_interface(tilted, film, InterfaceOptions{}), Catch::Contains("'substrate'"));
  Structure open = film;
  open.pbc[1] = false;
  CHECK_THROWS_WITH(build_interface(sub, open, InterfaceOptions{}), Catch::Contains("'film'"));
  Mat2 left;
  left << 1, 0, 0, -1;
  CHECK_THROWS_WITH(match_lattices(left, Mat2::Identity(), LatticeMatchOptions{}), Catch::Contains("left-handed"));
}
