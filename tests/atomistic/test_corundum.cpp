// Corundum (alpha-Al2O3) bulk cell and its (0001) slabs: the bulk against the experimental
// structure (Lewis, Schwarzenbach & Flack, Acta Cryst. A 38, 733 (1982): a = 4.7602, c = 12.9933 Å,
// Al–O 3 × 1.855 and 3 × 1.972 Å; Al–Al across the shared octahedron face (2z − 1/2) c = 2.655 Å),
// and the Al-terminated (0001) slab NaBridge uses as the native oxide of Al: stoichiometric,
// symmetric, with no dipole normal to the surface.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

namespace {

constexpr double kA_A = 4.7602, kC_A = 12.9933;
const std::map<std::string, double> kFormalCharges{{"Al", 3.0}, {"O", -2.0}};

std::vector<double> distances_from(const Structure& s, std::size_t i, const std::string& element) {
  std::vector<double> d;
  for (std::size_t j = 0; j < s.size(); ++j)
    if (j != i && s.species[j] == element)
      d.push_back(minimum_image(
                      s, s.positions.col(static_cast<Eigen::Index>(j)) - s.positions.col(static_cast<Eigen::Index>(i)))
                      .norm());
  std::sort(d.begin(), d.end());
  return d;
}

Slab corundum_0001(int layers, int repeat = 1) {
  SlabSpec spec;
  spec.miller = {0, 0, 1};
  spec.layers = layers;
  spec.termination = "Al";
  spec.repeat_a = spec.repeat_b = repeat;
  spec.vacuum_A = 15.0;
  return make_slab(bulk_corundum("Al", "O", kA_A, kC_A), spec);
}

std::map<std::string, int> count(const Structure& s) {
  std::map<std::string, int> n;
  for (const auto& e : s.species) ++n[e];
  return n;
}

}  // namespace

TEST_CASE("corundum cell: 12 Al + 18 O with the experimental Al–O and Al–Al distances", "[corundum]") {
  const Structure s = bulk_corundum("Al", "O", kA_A, kC_A);
  CHECK(count(s) == std::map<std::string, int>{{"Al", 12}, {"O", 18}});
  CHECK(s.volume_A3() == Approx(0.5 * std::sqrt(3.0) * kA_A * kA_A * kC_A).epsilon(1e-12));
  for (std::size_t i = 0; i < 12; ++i) {
    const auto d = distances_from(s, i, "O");  // every Al: an octahedron of 3 short and 3 long bonds
    CHECK(d[0] == Approx(1.855).margin(0.003));
    CHECK(d[2] == Approx(1.855).margin(0.003));
    CHECK(d[3] == Approx(1.972).margin(0.003));
    CHECK(d[5] == Approx(1.972).margin(0.003));
    CHECK(d[6] > 3.2);
    CHECK(distances_from(s, i, "Al")[0] == Approx(2.655).margin(0.002));
  }
  CHECK(bulk_prototype("corundum", {"Al", "O"}, kA_A, kC_A).positions == s.positions);
  CHECK_THROWS_WITH(bulk_prototype("corundum", {"Al", "O"}, kA_A, 0.0), Catch::Contains("c_A"));
  CHECK_THROWS_WITH(bulk_prototype("corundum", {"Al", "O"}, kA_A, kC_A, {0.35}), Catch::Contains("internal"));
}

TEST_CASE("corundum internal coordinates survive a rigid translation and round-trip", "[corundum]") {
  Structure s = bulk_corundum("Al", "O", kA_A, kC_A, {0.3601, 0.2987});
  s.positions.colwise() += Vec3(0.37, -1.1, 5.3);
  s.wrap();
  const CorundumInternal in = corundum_internal(s);
  CHECK(in.z_cation == Approx(0.3601).margin(1e-12));
  CHECK(in.x_anion == Approx(0.2987).margin(1e-12));
  CHECK_THROWS_WITH(bulk_corundum("Al", "O", kA_A, kC_A, {0.2, 0.3}), Catch::Contains("z_cation"));
}

TEST_CASE("corundum (0001), Al-terminated: stoichiometric, symmetric, no dipole for 3n layers", "[corundum][slab]") {
  for (int units : {3, 6}) {
    const int layers = 3 * units;  // Al–O3–Al units
    const Slab slab = corundum_0001(layers, 2);
    INFO(layers << " layers");
    std::vector<std::string> terms = slab.terminations;
    std::sort(terms.begin(), terms.end());
    CHECK(terms == std::vector<std::string>{"Al", "O"});
    CHECK(count(slab.structure) == std::map<std::string, int>{{"Al", 2 * units * 4}, {"O", 3 * units * 4}});
    CHECK(slab.structure.area_A2() == Approx(4 * 0.5 * std::sqrt(3.0) * kA_A * kA_A).epsilon(1e-12));
    REQUIRE(static_cast<int>(slab.layer_z_A.size()) == layers);
    // Layer compositions read the same from both ends (Al, O3, Al, Al, O3, Al, ...), single-Al outer layers.
    std::vector<std::map<std::string, int>> per_layer(layers);
    for (std::size_t i = 0; i < slab.structure.size(); ++i)
      ++per_layer[slab.layer_of_atom[i]][slab.structure.species[i]];
    CHECK(per_layer.front() == std::map<std::string, int>{{"Al", 4}});
    for (int l = 0; l < layers; ++l) {
      CHECK(per_layer[l] == per_layer[layers - 1 - l]);
      CHECK(slab.layer_z_A[l] + slab.layer_z_A[layers - 1 - l] ==
            Approx(slab.layer_z_A.front() + slab.layer_z_A.back()).margin(1e-9));
    }
    // Inter-layer spacings: Al–O3 0.84 Å inside a unit, Al–Al 0.48 Å between units.
    CHECK(slab.layer_z_A[1] - slab.layer_z_A[0] == Approx((0.25 - (1.0 / 3 - (0.5 - 0.35216))) * kC_A).margin(1e-9));
    for (const auto& charges : {kFormalCharges, std::map<std::string, double>{{"Al", 1.8}, {"O", -1.2}}}) {
      const SlabPolarity p = slab_polarity(slab.structure, charges);
      CHECK(p.net_charge_e == Approx(0.0).margin(1e-9));
      CHECK(p.dipole_eA == Approx(0.0).margin(1e-9));
    }
  }
}

TEST_CASE("corundum (0001) with a layer count that breaks the Al–O3–Al units is charged and polar",
          "[corundum][slab]") {
  const Slab slab = corundum_0001(10);  // Al O3 Al Al O3 Al Al O3 Al Al: Al7O9
  CHECK(count(slab.structure) == std::map<std::string, int>{{"Al", 7}, {"O", 9}});
  const SlabPolarity p = slab_polarity(slab.structure, kFormalCharges);
  CHECK(p.net_charge_e == Approx(3.0).margin(1e-12));
  CHECK(std::abs(p.dipole_eA) > 1.0);
  CHECK_THROWS_WITH(slab_polarity(slab.structure, {{"Al", 3.0}}),
                    Catch::Contains("charges_e") && Catch::Contains("'O'"));
}
