#include <catch2/catch.hpp>

#include <cmath>
#include <map>

#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

namespace {
double area_per_layer_atom(const Slab& slab) {
  const int layers = static_cast<int>(slab.layer_z_A.size());
  return slab.structure.area_A2() / (static_cast<double>(slab.structure.size()) / layers);
}

void check_lammps_orientation(const Structure& s) {
  CHECK(std::abs(s.cell(1, 0)) < 1e-12);  // a ∥ x
  CHECK(std::abs(s.cell(2, 0)) < 1e-12);
  CHECK(std::abs(s.cell(2, 1)) < 1e-12);  // b in the xy plane
  CHECK(s.cell(1, 1) > 0);
  CHECK(std::abs(s.cell(0, 2)) < 1e-12);  // c ∥ z
  CHECK(std::abs(s.cell(1, 2)) < 1e-12);
  CHECK(std::abs(s.cell(0, 1)) <= 0.5 * s.cell(0, 0) + 1e-9);  // LAMMPS tilt limit
}

double min_distance(const Structure& s) {
  double best = 1e300;
  for (Eigen::Index i = 0; i < s.positions.cols(); ++i)
    for (Eigen::Index j = i + 1; j < s.positions.cols(); ++j)
      best = std::min(best, minimum_image(s, s.positions.col(j) - s.positions.col(i)).norm());
  return best;
}
}  // namespace

TEST_CASE("fcc slabs have the analytic area per atom and layer spacing", "[slab]") {
  const double a = 4.05;
  const Structure al = bulk_fcc("Al", a);
  struct Case { Eigen::Vector3i hkl; double area, spacing; };
  for (const Case& c : {Case{{1, 1, 1}, std::sqrt(3.0) / 4 * a * a, a / std::sqrt(3.0)},
                        Case{{1, 0, 0}, a * a / 2, a / 2},
                        Case{{1, 1, 0}, a * a / std::sqrt(2.0), a / (2 * std::sqrt(2.0))}}) {
    SlabSpec spec;
    spec.miller = c.hkl;
    spec.layers = 6;
    spec.fixed_layers = 2;
    const Slab slab = make_slab(al, spec);
    INFO("hkl " << c.hkl.transpose());
    CHECK(slab.layer_z_A.size() == 6);
    CHECK(slab.interlayer_spacing_A == Approx(c.spacing).epsilon(1e-10));
    check_lammps_orientation(slab.structure);
    CHECK(min_distance(slab.structure) == Approx(a / std::sqrt(2.0)).epsilon(1e-9));
    CHECK(slab.structure.count_frozen() == slab.structure.size() / 3);
    CHECK(area_per_layer_atom(slab) == Approx(c.area).epsilon(1e-10));
  }
}

TEST_CASE("bcc(110) has area sqrt(2)/2 a^2 per atom and one atom per layer", "[slab]") {
  const double a = 4.225;
  SlabSpec spec;
  spec.miller = {1, 1, 0};
  spec.layers = 5;
  const Slab slab = make_slab(bulk_bcc("Na", a), spec);
  CHECK(slab.structure.size() == 5);
  CHECK(area_per_layer_atom(slab) == Approx(std::sqrt(2.0) / 2 * a * a).epsilon(1e-10));
  CHECK(slab.interlayer_spacing_A == Approx(a / std::sqrt(2.0)).epsilon(1e-10));
}

TEST_CASE("perovskite (001) offers TiO2 and BaO terminations, symmetric for odd layer counts", "[slab]") {
  const Structure bto = bulk_perovskite("Ba", "Ti", "O", 4.0);
  for (const std::string term : {"TiO2", "BaO"}) {
    SlabSpec spec;
    spec.miller = {0, 0, 1};
    spec.layers = 7;
    spec.termination = term;
    const Slab slab = make_slab(bto, spec);
    CHECK(slab.terminations == std::vector<std::string>{"BaO", "TiO2"});
    std::map<std::string, int> top, bottom;
    for (std::size_t i = 0; i < slab.structure.size(); ++i) {
      if (slab.layer_of_atom[i] == 0) ++bottom[slab.structure.species[i]];
      if (slab.layer_of_atom[i] == 6) ++top[slab.structure.species[i]];
    }
    CHECK(top == bottom);
    CHECK(top.at(term == "TiO2" ? "Ti" : "Ba") == 1);
    CHECK(top.at("O") == (term == "TiO2" ? 2 : 1));
  }
  SlabSpec bad;
  bad.miller = {0, 0, 1};
  bad.termination = "SrO";
  CHECK_THROWS_WITH(make_slab(bto, bad), Catch::Contains("termination") && Catch::Contains("TiO2"));
}

TEST_CASE("rock-salt (001) layers are charge neutral", "[slab]") {
  SlabSpec spec;
  spec.miller = {0, 0, 1};
  spec.layers = 4;
  const Slab slab = make_slab(bulk_rocksalt("Na", "I", 6.47), spec);
  CHECK(slab.terminations == std::vector<std::string>{"NaI"});
  std::map<int, int> balance;
  for (std::size_t i = 0; i < slab.structure.size(); ++i)
    balance[slab.layer_of_atom[i]] += slab.structure.species[i] == "Na" ? 1 : -1;
  for (const auto& [layer, q] : balance) CHECK(q == 0);
}

TEST_CASE("in-plane repeats multiply atoms and area, bad input names the field", "[slab]") {
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = 3;
  const Slab one = make_slab(bulk_fcc("Cu", 3.615), spec);
  spec.repeat_a = 3;
  spec.repeat_b = 2;
  const Slab six = make_slab(bulk_fcc("Cu", 3.615), spec);
  CHECK(six.structure.size() == 6 * one.structure.size());
  CHECK(six.structure.area_A2() == Approx(6 * one.structure.area_A2()));
  for (std::size_t i = 1; i < six.layer_of_atom.size(); ++i) CHECK(six.layer_of_atom[i - 1] <= six.layer_of_atom[i]);
  spec.fixed_layers = 3;
  CHECK_THROWS_WITH(make_slab(bulk_fcc("Cu", 3.615), spec), Catch::Contains("fixed_layers"));
  CHECK_THROWS_WITH(bulk_prototype("hcp", {"Mg"}, 3.2), Catch::Contains("prototype"));
}

TEST_CASE("the requested termination is the top layer even when the slab cannot be symmetric", "[slab]") {
  const Structure bto = bulk_perovskite("Ba", "Ti", "O", 4.0);
  for (const std::string term : {"TiO2", "BaO"}) {
    SlabSpec spec;
    spec.miller = {0, 0, 1};
    spec.layers = 6;
    spec.termination = term;
    const Slab slab = make_slab(bto, spec);
    bool has_cation = false;
    for (std::size_t i = 0; i < slab.structure.size(); ++i)
      if (slab.layer_of_atom[i] == 5)
        has_cation = has_cation || slab.structure.species[i] == (term == "TiO2" ? "Ti" : "Ba");
    CHECK(has_cation);
  }
}
