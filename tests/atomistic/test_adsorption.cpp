#include <catch2/catch.hpp>

#include <cmath>

#include "engines/pair_engine.h"
#include "fcc_stack.h"
#include "protocols/adsorption.h"
#include "symmetry/site_images.h"

using namespace nabridge;
using namespace nabridge::testing;

namespace {
constexpr double kNn = 2.55;

/// Rigid 3-layer fcc(100) Cu slab (repeat × repeat surface cells, every atom frozen).
Structure rigid_slab(int repeat) {
  FccStackSpec p;
  p.facet = 100;
  p.nn_A = kNn;
  p.layers = 3;
  p.repeat = repeat;
  p.free = dof::kNone;
  return fcc_stack(p);
}

double top_z(const Structure& s) { return s.positions.row(2).maxCoeff(); }

/// The fcc(100) sites of the representative surface cell at the origin.
std::vector<AdsorptionSite> square_sites(const Structure& slab) {
  const double z = top_z(slab);
  return {
      {"top", Vec3(0, 0, z), 1, 1}, {"bridge", Vec3(kNn / 2, 0, z), 2, 2}, {"hollow", Vec3(kNn / 2, kNn / 2, z), 1, 4}};
}

/// Cu–Cu nearest-neighbour Morse (the slab) and a longer-ranged, shifted Na–Cu Morse (the
/// adatom): shifted so the energy the line searches see is continuous as atoms cross the cutoff.
MorseEngine na_on_cu() {
  MorseEngine m;
  m.set("Cu", "Cu", 0.35, 1.4, kNn, 0.5 * (1 + std::sqrt(2.0)) * kNn);
  m.set("Na", "Cu", 0.25, 1.3, 2.9, 9.0, /*shift=*/true);
  return m;
}
}  // namespace

TEST_CASE("Site copies under the slab symmetry match the multiplicities on fcc(100)", "[adsorption]") {
  for (int repeat : {1, 2}) {
    const Structure slab = rigid_slab(repeat);
    const auto sites = square_sites(slab);
    const auto copies = equivalent_site_positions(slab, sites);
    REQUIRE(copies.size() == 3);
    const int cells = repeat * repeat;
    CHECK(copies[0].size() == static_cast<std::size_t>(1 * cells));
    CHECK(copies[1].size() == static_cast<std::size_t>(2 * cells));
    CHECK(copies[2].size() == static_cast<std::size_t>(1 * cells));
    for (std::size_t k = 0; k < 3; ++k) {
      CHECK(copies[k].front() == sites[k].position_A);
      for (const Vec3& c : copies[k]) CHECK(c.z() == Approx(sites[k].position_A.z()).epsilon(1e-12));
    }
  }
}

TEST_CASE("Na on rigid fcc(100): hollow binds more than bridge more than top", "[adsorption]") {
  auto engine = na_on_cu();
  const Structure slab = rigid_slab(2);
  const auto sites = square_sites(slab);
  AdsorptionOptions opt;
  opt.fix_lateral = true;
  opt.height_A = 2.2;
  opt.mu_eV = -1.1;
  opt.e_isolated_eV = 0.3;
  OptimizerOptions oo;
  oo.fmax_eV_A = 1e-6;
  auto lbfgs = make_optimizer("lbfgs", oo);
  opt.optimizer = lbfgs.get();
  const auto res = adsorption_scan(engine, slab, sites, opt);

  REQUIRE(res.sites.size() == 3);
  CHECK(res.slab_energy_eV == Approx(engine.energy(slab)).epsilon(1e-14));
  for (std::size_t k = 0; k < 3; ++k) {
    const auto& r = res.sites[k];
    INFO(r.site.label);
    INFO("steps " << r.relax.steps << " fmax " << r.relax.fmax_eV_A << " calls " << r.relax.force_calls);
    REQUIRE(r.relax.converged);
    CHECK(r.final_position_A.x() == sites[k].position_A.x());  // held laterally
    CHECK(r.final_position_A.y() == sites[k].position_A.y());
    CHECK(r.moved_to.empty());
    CHECK(r.E_ads_eV == Approx(r.E_bind_eV - opt.mu_eV + opt.e_isolated_eV).epsilon(1e-12));
    // E_bind is the relaxed total energy minus slab and isolated-atom references.
    Structure with = slab;
    with.add_atom("Na", r.final_position_A);
    CHECK(r.E_bind_eV == Approx(engine.energy(with) - res.slab_energy_eV - opt.e_isolated_eV).epsilon(1e-12));
  }
  const double top = res.sites[0].E_bind_eV + opt.e_isolated_eV, bridge = res.sites[1].E_bind_eV + opt.e_isolated_eV,
               hollow = res.sites[2].E_bind_eV + opt.e_isolated_eV;
  CHECK(top < 0.0);
  CHECK(bridge < top);
  CHECK(hollow < bridge);
  CHECK(res.most_stable == 2);
  // The hollow adatom sits lower than the bridge one, which sits lower than the top one.
  CHECK(res.sites[2].final_position_A.z() < res.sites[1].final_position_A.z());
  CHECK(res.sites[1].final_position_A.z() < res.sites[0].final_position_A.z());
}

TEST_CASE("An adatom released off-site slides into the hollow copy it started next to", "[adsorption]") {
  auto engine = na_on_cu();
  const Structure slab = rigid_slab(2);
  auto sites = square_sites(slab);
  // Near the hollow at (1.5, 1.5) nn, which is not the listed representative at (0.5, 0.5) nn:
  // by plain distance to the listed sites the top site (image at (2, 2) nn) would be nearest.
  const Vec3 target(1.5 * kNn, 1.5 * kNn, top_z(slab));
  sites.push_back({"off", target + Vec3(0.6, 0.45, 0), 1, 1});
  AdsorptionOptions opt;
  opt.height_A = 2.0;
  const auto res = adsorption_scan(engine, slab, sites, opt);
  const auto& off = res.sites.back();
  REQUIRE(off.relax.converged);
  CHECK(off.moved_to == "hollow");
  CHECK(off.final_position_A.x() == Approx(target.x()).margin(1e-3));
  CHECK(off.final_position_A.y() == Approx(target.y()).margin(1e-3));
  CHECK(off.E_bind_eV == Approx(res.sites[2].E_bind_eV).margin(1e-6));
  // By default each site is also relaxed from 0.13 Å off it: the top and bridge starts (maxima
  // and saddles of this surface) then end in the hollow, with its energy.
  for (std::size_t k = 0; k < 2; ++k) {
    CHECK(res.sites[k].moved_to == "hollow");
    CHECK(res.sites[k].E_bind_eV == Approx(res.sites[2].E_bind_eV).margin(1e-6));
    CHECK(res.sites[k].symmetry_broken_gain_eV > 0.01);
  }
  CHECK(res.sites[2].moved_to.empty());
  CHECK(res.sites[2].symmetry_broken_gain_eV == 0.0);
  // Without that, the high-symmetry starts have no lateral force and stay put.
  opt.break_symmetry = false;
  const auto symmetric = adsorption_scan(engine, slab, sites, opt);
  for (std::size_t k = 0; k < 3; ++k) CHECK(symmetric.sites[k].moved_to.empty());
}

TEST_CASE("Unrelaxed adsorption energies are single-point energies at the site", "[adsorption]") {
  auto engine = na_on_cu();
  const Structure slab = rigid_slab(1);
  const auto sites = square_sites(slab);
  AdsorptionOptions opt;
  opt.relax = false;
  opt.height_A = 2.4;
  const auto res = adsorption_scan(engine, slab, sites, opt);
  for (std::size_t k = 0; k < 3; ++k) {
    const Vec3 start = sites[k].position_A + Vec3(0, 0, 2.4);
    CHECK(res.sites[k].final_position_A == start);
    CHECK(res.sites[k].relax.steps == 0);
    Structure with = slab;
    with.add_atom("Na", start);
    CHECK(res.sites[k].E_bind_eV == Approx(engine.energy(with) - engine.energy(slab)).epsilon(1e-12));
  }
}

TEST_CASE("adsorption_scan rejects an empty site list, empty element and empty slab", "[adsorption]") {
  auto engine = na_on_cu();
  const Structure slab = rigid_slab(1);
  AdsorptionOptions opt;
  CHECK_THROWS_WITH(adsorption_scan(engine, slab, {}, opt), Catch::Contains("site list is empty"));
  opt.element.clear();
  CHECK_THROWS_WITH(adsorption_scan(engine, slab, square_sites(slab), opt), Catch::Contains("'element'"));
  CHECK_THROWS_WITH(adsorption_scan(engine, Structure{}, square_sites(slab), AdsorptionOptions{}),
                    Catch::Contains("no atoms"));
}
