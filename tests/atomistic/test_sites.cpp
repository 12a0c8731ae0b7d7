#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <map>

#include "structure/prototypes.h"
#include "structure/slab.h"
#include "symmetry/sites.h"

using namespace nabridge;

namespace {
Slab slab_of(const Structure& bulk, Eigen::Vector3i hkl, const std::string& termination = "", int layers = 6) {
  SlabSpec spec;
  spec.miller = hkl;
  spec.layers = layers;
  spec.termination = termination;
  return make_slab(bulk, spec);
}

std::map<std::string, int> labels(const std::vector<AdsorptionSite>& sites) {
  std::map<std::string, int> m;
  for (const auto& s : sites) m[s.label] = s.multiplicity;
  return m;
}

const AdsorptionSite& site(const std::vector<AdsorptionSite>& sites, const std::string& label) {
  auto it = std::find_if(sites.begin(), sites.end(), [&](const AdsorptionSite& s) { return s.label == label; });
  REQUIRE(it != sites.end());
  return *it;
}

std::size_t index_of(const std::vector<AdsorptionSite>& sites, const std::string& label) {
  return static_cast<std::size_t>(&site(sites, label) - sites.data());
}
}  // namespace

TEST_CASE("fcc(111): top, bridge, fcc and hcp hollows at their analytic positions", "[sites]") {
  const double a = 4.05;
  const Slab slab = slab_of(bulk_fcc("Al", a), {1, 1, 1});
  const auto sites = find_adsorption_sites(slab.structure);
  CHECK(labels(sites) == std::map<std::string, int>{{"top", 1}, {"bridge", 3}, {"fcc", 1}, {"hcp", 1}});
  // Relative to the top atom: hollows are a/√6 away laterally, bridges a/(2√2).
  const Vec3 top = site(sites, "top").position_A;
  const Structure& s = slab.structure;
  auto lateral = [&](const Vec3& p) {
    Vec3 d = p - top;
    d.z() = 0;
    Structure plane = s;
    plane.pbc[2] = false;
    return minimum_image(plane, d).norm();
  };
  CHECK(lateral(site(sites, "fcc").position_A) == Approx(a / std::sqrt(6.0)).epsilon(1e-9));
  CHECK(lateral(site(sites, "hcp").position_A) == Approx(a / std::sqrt(6.0)).epsilon(1e-9));
  CHECK(lateral(site(sites, "bridge").position_A) == Approx(a / (2 * std::sqrt(2.0))).epsilon(1e-9));
  // hcp sits over a second-layer atom, fcc over a third-layer one.
  const double z2 = slab.layer_z_A[4];
  bool hcp_over_second = false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (slab.layer_of_atom[i] == 4) {
      Vec3 d = s.positions.col(static_cast<Eigen::Index>(i)) - site(sites, "hcp").position_A;
      d.z() = 0;
      Structure plane = s;
      plane.pbc[2] = false;
      hcp_over_second = hcp_over_second || minimum_image(plane, d).norm() < 1e-6;
    }
  CHECK(z2 < top.z());
  CHECK(hcp_over_second);
}

TEST_CASE("fcc(100), fcc(110), bcc(100), bcc(110) site sets", "[sites]") {
  CHECK(labels(find_adsorption_sites(slab_of(bulk_fcc("Cu", 3.615), {1, 0, 0}).structure)) ==
        std::map<std::string, int>{{"top", 1}, {"bridge", 2}, {"hollow", 1}});
  CHECK(labels(find_adsorption_sites(slab_of(bulk_fcc("Cu", 3.615), {1, 1, 0}).structure)) ==
        std::map<std::string, int>{{"top", 1}, {"short-bridge", 1}, {"long-bridge", 1}, {"hollow", 1}});
  CHECK(labels(find_adsorption_sites(slab_of(bulk_bcc("Na", 4.225), {1, 0, 0}).structure)) ==
        std::map<std::string, int>{{"top", 1}, {"bridge", 2}, {"hollow", 1}});
  const auto bcc110 = labels(find_adsorption_sites(slab_of(bulk_bcc("Na", 4.225), {1, 1, 0}).structure));
  CHECK(bcc110.size() == 4);
  CHECK(bcc110.count("top") == 1);
  CHECK(bcc110.count("long-bridge") == 1);
  CHECK(bcc110.count("short-bridge") == 1);
  CHECK(bcc110.count("threefold") == 1);
}

TEST_CASE("perovskite (001) sites of the TiO2 and BaO terminations", "[sites]") {
  const Structure bto = bulk_perovskite("Ba", "Ti", "O", 4.0);
  const auto tio2 = labels(find_adsorption_sites(slab_of(bto, {0, 0, 1}, "TiO2", 5).structure));
  CHECK(tio2 == std::map<std::string, int>{
                    {"top-Ti", 1}, {"top-O", 2}, {"bridge-O-Ti", 4}, {"hollow-O2Ti", 4}, {"hollow-O4", 1}});
  const auto bao = labels(find_adsorption_sites(slab_of(bto, {0, 0, 1}, "BaO", 5).structure));
  CHECK(bao == std::map<std::string, int>{{"top-Ba", 1}, {"top-O", 1}, {"bridge-Ba-O", 4}, {"hollow-Ba2O2", 2}});
}

TEST_CASE("nearest hops: fcc<->hcp on fcc(111), hollow<->hollow on fcc(100)", "[sites]") {
  const double a = 4.05;
  const Structure s111 = slab_of(bulk_fcc("Al", a), {1, 1, 1}).structure;
  const auto sites111 = find_adsorption_sites(s111);
  const auto hops111 = find_hops(s111, sites111, {index_of(sites111, "fcc"), index_of(sites111, "hcp")});
  REQUIRE(hops111.size() == 1);
  CHECK(hops111[0].length_A == Approx(a / std::sqrt(6.0)).epsilon(1e-9));
  CHECK(hops111[0].from != hops111[0].to);

  const Structure s100 = slab_of(bulk_fcc("Al", a), {1, 0, 0}).structure;
  const auto sites100 = find_adsorption_sites(s100);
  const auto hops100 = find_hops(s100, sites100, {index_of(sites100, "hollow")});
  REQUIRE(hops100.size() == 1);
  CHECK(hops100[0].length_A == Approx(a / std::sqrt(2.0)).epsilon(1e-9));
  CHECK((hops100[0].end_A - hops100[0].start_A).norm() == Approx(a / std::sqrt(2.0)).epsilon(1e-9));
  CHECK_THROWS_WITH(find_hops(s100, sites100, {99}), Catch::Contains("99"));
}
