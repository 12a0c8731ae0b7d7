// A host the adatom tears (protocols/host_tear.h): past the tear bound, surface diffusion and
// adsorption work on the host held at its clean relaxed geometry, where the adatom's energy is
// known from a direct scan over the held host.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <limits>

#include "optimize/fire.h"
#include "protocols/adsorption.h"
#include "protocols/golden_section.h"
#include "protocols/host_tear.h"
#include "protocols/surface_diffusion.h"
#include "structure/prototypes.h"
#include "structure/slab.h"
#include "symmetry/sites.h"

using namespace nabridge;

namespace {

constexpr double kD_eV = 0.4, kAlpha_per_A = 1.4, kR0_A = 2.6, kCut_A = 4.0, kTether_eV_A2 = 0.5;

double plain_morse_eV(double r) { return kD_eV * (std::pow(1 - std::exp(-kAlpha_per_A * (r - kR0_A)), 2) - 1); }
double plain_morse_slope_eV_A(double r) {
  const double e = std::exp(-kAlpha_per_A * (r - kR0_A));
  return 2 * kD_eV * kAlpha_per_A * (1 - e) * e;
}

/// Shifted-force Morse: zero energy and force at kCut_A (well inside half the 4 x 4 cell, so one
/// image of each host atom interacts).
double morse_eV(double r) {
  return r < kCut_A ? plain_morse_eV(r) - plain_morse_eV(kCut_A) - (r - kCut_A) * plain_morse_slope_eV_A(kCut_A) : 0.0;
}
double morse_slope_eV_A(double r) {
  return r < kCut_A ? plain_morse_slope_eV_A(r) - plain_morse_slope_eV_A(kCut_A) : 0.0;
}

/// Host atoms tethered to the points they start at; the adatom (the atom after them) bonded to each
/// by the shifted-force Morse. The host relaxed alone sits on its tethers, force-free.
class TetheredHostMorseAdatom : public Engine {
 public:
  explicit TetheredHostMorseAdatom(Positions tethers_A) : tethers_(std::move(tethers_A)) {}
  std::string describe() const override { return "tethered host + Morse adatom"; }
  bool provides_virial() const override { return false; }

 protected:
  void compute(const Structure& s, Evaluation& out, bool) override {
    const Eigen::Index n_host = tethers_.cols();
    out.forces_eV_A.setZero(3, s.positions.cols());
    out.energy_eV = 0.0;
    for (Eigen::Index i = 0; i < n_host; ++i) {
      const Vec3 u = minimum_image(s, Vec3(s.positions.col(i) - tethers_.col(i)));
      out.energy_eV += 0.5 * kTether_eV_A2 * u.squaredNorm();
      out.forces_eV_A.col(i) -= kTether_eV_A2 * u;
    }
    if (s.positions.cols() == n_host) return;
    for (Eigen::Index i = 0; i < n_host; ++i) {
      const Vec3 d = minimum_image(s, Vec3(s.positions.col(n_host) - s.positions.col(i)));
      const double r = d.norm();
      out.energy_eV += morse_eV(r);
      const Vec3 f = -morse_slope_eV_A(r) * d / r;  // on the adatom
      out.forces_eV_A.col(n_host) += f;
      out.forces_eV_A.col(i) -= f;
    }
  }

 private:
  Positions tethers_;
};

/// fcc(100), 3 layers, 4 x 4, the bottom layer held.
Structure host_slab() {
  SlabSpec spec;
  spec.miller = {1, 0, 0};
  spec.layers = 3;
  spec.fixed_layers = 1;
  spec.repeat_a = 4;
  spec.repeat_b = 4;
  spec.vacuum_A = 12;
  return make_slab(bulk_fcc("Cu", 4.05), spec).structure;
}

/// The adatom's lowest energy above (x, y) over the held host, by a golden-section search in z:
/// the direct sum of the same pair over every host atom's nearest image.
double held_host_energy_eV(const Structure& host, double x, double y) {
  auto at = [&](double z) {
    double e = 0.0;
    for (Eigen::Index i = 0; i < host.positions.cols(); ++i) {
      Vec3 d = Vec3(x, y, z) - host.positions.col(i);
      for (int k = 0; k < 2; ++k) {  // orthogonal cell: the nearest image per axis
        const double L = host.cell(k, k);
        d(k) -= L * std::round(d(k) / L);
      }
      e += morse_eV(d.norm());
    }
    return e;
  };
  const double z_top = host.positions.row(2).maxCoeff();
  const GoldenSection g = golden_section_minimum(at, z_top + 0.5, z_top + 4.0, 1e-10, GoldenTie::kKeepUpper);
  return at(0.5 * (g.lo + g.hi));
}

SurfaceDiffusionOptions options(double tear_bound_A) {
  SurfaceDiffusionOptions opt;
  opt.height_A = 2.0;
  opt.neb.images = 5;
  opt.neb.fmax_eV_A = 1e-4;
  opt.relax.fmax_eV_A = 1e-5;
  opt.host_tear_bound_A = tear_bound_A;
  return opt;
}

}  // namespace

TEST_CASE("surface diffusion on a host the adatom tears: the hops on the held host, with the barrier of a direct scan",
          "[diffusion][host-tear]") {
  const Structure slab = host_slab();
  TetheredHostMorseAdatom engine(slab.positions);
  const SurfaceDiffusionResult free = surface_diffusion(engine, slab, options(std::nan("")));
  INFO(free.message);
  REQUIRE(free.complete);
  CHECK_FALSE(free.host_tear);

  // The free host's largest move in its bands, measured here from the band images themselves.
  double moved_A = 0.0;
  for (const auto& h : free.hops)
    for (const auto& image : h.neb.images)
      for (Eigen::Index i = 0; i < slab.positions.cols(); ++i)
        moved_A = std::max(moved_A, minimum_image(slab, Vec3(image.positions.col(i) - slab.positions.col(i))).norm());
  REQUIRE(moved_A > 0.05);  // the Morse pulls the host's atoms measurably

  SECTION("a bound above the largest move changes nothing") {
    const SurfaceDiffusionResult r = surface_diffusion(engine, slab, options(moved_A + 0.01));
    CHECK_FALSE(r.host_tear);
    CHECK(r.Ea_diff_eV == free.Ea_diff_eV);
    CHECK(r.message == free.message);
  }
  SECTION("a bound below it: the hops on the held host") {
    const SurfaceDiffusionResult r = surface_diffusion(engine, slab, options(0.5 * moved_A));
    INFO(r.message);
    REQUIRE(r.host_tear);
    CHECK(r.host_tear->moved_A == Approx(moved_A).epsilon(1e-9));
    CHECK(r.host_tear->free_Ea_eV == Approx(free.Ea_diff_eV).epsilon(1e-12));
    CHECK(r.message.rfind("host held at the clean slab's relaxed geometry (assumed): on the free host the band ", 0) ==
          0);
    REQUIRE(r.complete);
    REQUIRE(r.minima == std::vector<std::string>{"hollow"});
    // The free host's bands are kept, each saying why it is not used.
    REQUIRE(r.superseded_hops.size() == free.hops.size());
    for (std::size_t k = 0; k < free.hops.size(); ++k) {
      CHECK(r.superseded_hops[k].hop.neb.energy_eV == free.hops[k].neb.energy_eV);
      CHECK(r.superseded_hops[k].why == "on the free host, which the band " + r.host_tear->band + " tears");
    }
    // Every band image has the host exactly where it started (its tethers: the clean relaxed slab).
    for (const auto& h : r.hops)
      for (const auto& image : h.neb.images)
        CHECK((image.positions.leftCols(slab.positions.cols()) - slab.positions).cwiseAbs().maxCoeff() < 1e-12);
    // hollow -> hollow over the bridge on a square lattice: the barrier is E(bridge) − E(hollow),
    // each at its best height. The hollow lies above a second-layer atom; the bridge between two
    // neighbouring top-layer atoms.
    Eigen::Index top = 0, second = 0;
    const double z_top = slab.positions.row(2).maxCoeff();
    for (Eigen::Index i = 0; i < slab.positions.cols(); ++i) {
      if (std::abs(slab.positions(2, i) - z_top) < 0.1) top = i;
      if (std::abs(slab.positions(2, i) - (z_top - 4.05 / 2)) < 0.1) second = i;
    }
    Eigen::Index neighbour = -1;
    for (Eigen::Index i = 0; i < slab.positions.cols(); ++i)
      if (i != top && std::abs(slab.positions(2, i) - z_top) < 0.1 &&
          std::abs((slab.positions.col(i) - slab.positions.col(top)).norm() - 4.05 / std::sqrt(2.0)) < 1e-6)
        neighbour = i;
    REQUIRE(neighbour >= 0);
    const Vec3 bridge = 0.5 * (slab.positions.col(top) + slab.positions.col(neighbour));
    const double Ea_eV = held_host_energy_eV(slab, bridge.x(), bridge.y()) -
                         held_host_energy_eV(slab, slab.positions(0, second), slab.positions(1, second));
    CHECK(r.Ea_diff_eV == Approx(Ea_eV).epsilon(1e-4));
    CHECK(r.Ea_diff_eV != Approx(free.Ea_diff_eV).epsilon(1e-3));  // the free host's barrier differs
  }
}

TEST_CASE("adsorption on a host the adatom tears: the held host's E_bind of a direct scan, the free one beside it",
          "[adsorption][host-tear]") {
  const Structure slab = host_slab();
  TetheredHostMorseAdatom engine(slab.positions);
  AdsorptionOptions opt;
  opt.height_A = 2.0;
  OptimizerOptions fo;
  fo.fmax_eV_A = 1e-6;
  Fire fire(fo);
  opt.optimizer = &fire;
  const std::vector<AdsorptionSite> hollow = [&] {
    auto sites = find_adsorption_sites(slab);
    sites.erase(std::remove_if(sites.begin(), sites.end(), [](const AdsorptionSite& s) { return s.label != "hollow"; }),
                sites.end());
    return sites;
  }();
  REQUIRE(hollow.size() == 1);
  const AdsorptionSiteResult free = adsorption_scan(engine, slab, hollow, opt).sites.front();
  CHECK_FALSE(free.torn_host);
  std::vector<bool> guest(slab.size() + 1, false);
  guest.back() = true;
  const double moved_A = largest_host_displacement(free.structure, guest, slab).moved_A;
  REQUIRE(moved_A > 0.05);
  // The clean host sits on its tethers at zero energy, so E_bind is the adatom's energy itself.
  const double held_E_bind_eV = held_host_energy_eV(slab, hollow.front().position_A.x(), hollow.front().position_A.y());
  REQUIRE(held_E_bind_eV > free.E_bind_eV + 1e-3);  // the host's relaxation binds the adatom measurably more

  SECTION("past the bound: the held host's value, the free one kept") {
    opt.host_tear_bound_A = 0.5 * moved_A;
    const AdsorptionSiteResult r = adsorption_scan(engine, slab, hollow, opt).sites.front();
    REQUIRE(r.torn_host);
    CHECK(r.host_move.moved_A == Approx(moved_A).epsilon(1e-12));
    CHECK(r.torn_host->E_bind_free_eV == Approx(free.E_bind_eV).epsilon(1e-12));
    CHECK(r.E_bind_eV == Approx(held_E_bind_eV).epsilon(1e-7));
  }
  SECTION("within the bound: the free value") {
    opt.host_tear_bound_A = moved_A + 0.01;
    const AdsorptionSiteResult r = adsorption_scan(engine, slab, hollow, opt).sites.front();
    CHECK_FALSE(r.torn_host);
    CHECK(r.E_bind_eV == free.E_bind_eV);
  }
  SECTION("hold_host: the held host's value with no tear to report") {
    opt.hold_host = true;
    const AdsorptionSiteResult r = adsorption_scan(engine, slab, hollow, opt).sites.front();
    CHECK_FALSE(r.torn_host);
    CHECK(r.E_bind_eV == Approx(held_E_bind_eV).epsilon(1e-7));
  }
}
