// The long-range barrier on an analytic surface with a known saddle: an adatom over a square
// lattice whose every lattice point is split into four shallow minima (a flat multiple well), so
// the rate-limiting step is the path to the next cell.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "core/elements.h"
#include "model_surfaces.h"
#include "protocols/adsorption.h"
#include "protocols/golden_section.h"
#include "protocols/htst.h"
#include "protocols/long_range_barrier.h"
#include "protocols/surface_diffusion.h"
#include "structure/prototypes.h"
#include "structure/slab.h"
#include "symmetry/sites.h"

using namespace nabridge;
using nabridge::testing::add_lateral_gaussian;
using nabridge::testing::SplitWellAdatom;

namespace {

constexpr double kA_eV = 0.1, kB_eV = 0.04, kKz_eV_A2 = 1.0, kHeight_A = 2.0;

/// Frozen fcc(100) slab, 4 × 4 surface cells of period a/√2, and the top atom the PES is centred on.
struct SquareSurface {
  Structure slab;
  Vec3 top_A;
  double period_A;
};

SquareSurface square_surface() {
  SlabSpec spec;
  spec.miller = {1, 0, 0};
  spec.layers = 3;
  spec.repeat_a = spec.repeat_b = 4;
  SquareSurface s;
  s.slab = make_slab(bulk_fcc("Al", 4.0), spec).structure;
  for (auto& f : s.slab.free_dofs) f = dof::kNone;
  Eigen::Index top = 0;
  for (Eigen::Index i = 0; i < s.slab.positions.cols(); ++i)
    if (s.slab.positions(2, i) > s.slab.positions(2, top) + 1e-6) top = i;
  s.top_A = s.slab.positions.col(top);
  s.period_A = 4.0 / std::sqrt(2.0);
  return s;
}

/// Bands and relaxations converged tightly enough for the analytic barriers' 1e-4 tolerances.
SurfaceDiffusionOptions tight_diffusion_options() {
  SurfaceDiffusionOptions opt;
  opt.height_A = kHeight_A;
  opt.neb.fmax_eV_A = 1e-4;
  opt.relax.fmax_eV_A = 1e-5;
  return opt;
}

}  // namespace

TEST_CASE("long-range barrier: split-well surface, saddle, Vineyard prefactor and D_s in closed form", "[diffusion]") {
  const SquareSurface sq = square_surface();
  SplitWellAdatom engine(sq.period_A, sq.top_A + Vec3(0, 0, kHeight_A), kA_eV, kB_eV, kKz_eV_A2);
  const double u = engine.u_star_A();
  REQUIRE(2 * u < 1.0);  // minima closer than SurfaceDiffusionOptions::min_hop_A: a flat multiple well
  Structure minimum = sq.slab;
  minimum.add_atom("Na", sq.top_A + Vec3(u, u, kHeight_A));
  LongRangeBarrierOptions opt;
  opt.neb.images = 9;
  opt.neb.fmax_eV_A = 1e-4;
  const LongRangeBarrier r = long_range_barrier(engine, sq.slab, minimum, opt);
  INFO(r.message);
  REQUIRE(r.converged);
  CHECK(r.jumps == 4);
  CHECK(r.lattice_vector_A.norm() == Approx(sq.period_A).epsilon(1e-9));
  CHECK(r.Ea_eV == Approx(engine.barrier_eV()).epsilon(1e-4));  // 0.21125 eV
  // The climbing image sits on the saddle half a period along the jump, at the minimum's offset across it.
  const Vec3 jump = r.lattice_vector_A.normalized(), across(-jump.y(), jump.x(), 0.0);
  const Vec3 d = r.neb.saddle_A - (sq.top_A + Vec3(u, u, kHeight_A));
  CHECK(std::abs(d.dot(jump)) == Approx(sq.period_A / 2 - u).margin(1e-3));
  CHECK(d.dot(across) == Approx(0.0).margin(1e-3));
  REQUIRE(r.vineyard);
  const double nu_Hz = std::sqrt(engine.curvature_eV_A2() / atomic_mass_amu("Na") * 1.602176634e-19 / (1e-20 * 1.66053906660e-27)) / (2 * M_PI);
  CHECK(r.nu_Hz == Approx(nu_Hz).epsilon(1e-3));
  const double lambda_m = sq.period_A * 1e-10;
  CHECK(r.D_s_m2_s == Approx(lambda_m * lambda_m * hop_rate_Hz(nu_Hz, engine.barrier_eV(), 300)).epsilon(2e-3));
}

TEST_CASE("long-range barrier: a supercell too small for a unique image is refused", "[diffusion]") {
  const SquareSurface sq = square_surface();
  SlabSpec spec;
  spec.miller = {1, 0, 0};
  spec.layers = 3;
  spec.repeat_a = spec.repeat_b = 2;
  const Structure small = make_slab(bulk_fcc("Al", 4.0), spec).structure;
  Structure minimum = small;
  minimum.add_atom("Na", sq.top_A + Vec3(0.3, 0.3, kHeight_A));
  SplitWellAdatom engine(sq.period_A, sq.top_A + Vec3(0, 0, kHeight_A), kA_eV, kB_eV, kKz_eV_A2);
  CHECK_THROWS_WITH(long_range_barrier(engine, small, minimum, {}), Catch::Contains("wider than two surface lattice vectors"));
}

TEST_CASE("surface diffusion on a flat multiple well reports the long-range barrier", "[diffusion]") {
  const SquareSurface sq = square_surface();
  SplitWellAdatom engine(sq.period_A, sq.top_A + Vec3(0, 0, kHeight_A), kA_eV, kB_eV, kKz_eV_A2);
  const SurfaceDiffusionOptions opt = tight_diffusion_options();
  const auto r = surface_diffusion(engine, sq.slab, opt);
  INFO(r.message);
  REQUIRE(r.complete);
  // No high-symmetry site is a minimum; the four minima split around each top site are one class.
  CHECK(r.minima == std::vector<std::string>{"low-1"});
  CHECK_THAT(r.message, Catch::Contains("flat multiple well") && Catch::Contains("long-range barrier") &&
                            Catch::Contains("not a site-to-site hop"));
  REQUIRE(r.hops.size() == 1);
  CHECK(r.hops[0].length_A == Approx(sq.period_A).epsilon(1e-9));
  CHECK(r.Ea_diff_eV == Approx(engine.barrier_eV()).epsilon(1e-3));
  CHECK(r.D_min_m2_s == Approx(r.D_max_m2_s));
  CHECK(r.D_s_m2_s == Approx(std::pow(sq.period_A * 1e-10, 2) * hop_rate_Hz(r.nu0_Hz, r.Ea_diff_eV, opt.T_K)).epsilon(1e-9));
}

TEST_CASE("surface diffusion: a lower state on a site is the surface reconstructing only where the host can move", "[diffusion]") {
  // A split well 0.078 Å across each top site (u* = 0.055 Å): the minima count as on the top site,
  // whose symmetric state is a saddle. The analytic PES puts no force on the slab, so the verdict
  // is only what the slab's free atoms allow: a held host cannot have reconstructed.
  SquareSurface sq = square_surface();
  SplitWellAdatom engine(sq.period_A, sq.top_A + Vec3(0, 0, kHeight_A), 0.1588, kB_eV, kKz_eV_A2);
  REQUIRE(std::sqrt(2.0) * engine.u_star_A() < 0.1);
  SurfaceDiffusionOptions opt;
  opt.height_A = kHeight_A;
  opt.relax.fmax_eV_A = 1e-5;
  // The split minima 0.078 Å apart are closer than the default min_hop_A: the flat-well verdict
  // (the long-range barrier) follows the states' note, and both are kept.
  const auto flat_well = surface_diffusion(engine, sq.slab, opt);
  CHECK_THAT(flat_well.message,
             Catch::StartsWith("low-1: on the top site, where the symmetric state is not a minimum: the host's atoms are "
                               "held, so the adatom alone settles off the symmetric position") &&
                 Catch::Contains("; the adatom's minima") && Catch::Contains("a flat multiple well: Ea is the long-range barrier"));
  CHECK_THAT(flat_well.message, !Catch::Contains("; ;"));
  opt.min_hop_A = 0.05;  // hops between the split minima, not the flat-well verdict
  const auto held = surface_diffusion(engine, sq.slab, opt);
  CHECK_THAT(held.message, Catch::Contains("low-1: on the top site, where the symmetric state is not a minimum: the host's atoms are held, "
                                           "so the adatom alone settles off the symmetric position"));
  CHECK_THAT(held.message, !Catch::Contains("reconstruct"));
  CHECK_THAT(held.message, !Catch::EndsWith(" ") && !Catch::EndsWith(";") && !Catch::Contains("; ;"));
  // A host held at its in-plane positions (a polarised slab, protocols/polar_surface.h) cannot
  // have reconstructed either.
  for (auto& f : sq.slab.free_dofs) f = dof::kZ;
  const auto along_z = surface_diffusion(engine, sq.slab, opt);
  CHECK_THAT(along_z.message, Catch::Contains("low-1: on the top site, where the symmetric state is not a minimum: the host's atoms move "
                                              "along z only"));
  CHECK_THAT(along_z.message, !Catch::Contains("reconstruct"));
  for (auto& f : sq.slab.free_dofs) f = dof::kAll;
  const auto free = surface_diffusion(engine, sq.slab, opt);
  CHECK_THAT(free.message, Catch::Contains("low-1: on the top site, where the symmetric state is not a minimum: the surface reconstructs "
                                           "around the adatom"));
}

namespace {

/// The split well plus a narrow Gaussian well (σ 0.05 Å, 1 eV deep) exactly where the free
/// relaxation from one site starts (kOffSiteStart_A off it): that relaxation falls in, while the
/// ring search for off-site minima, which starts 0.45 Å from every site, never feels it.
class SplitWellWithPit : public SplitWellAdatom {
 public:
  SplitWellWithPit(const SplitWellAdatom& surface, const Vec3& pit_A) : SplitWellAdatom(surface), pit_A_(pit_A) {}

 protected:
  void compute(const Structure& s, Evaluation& out, bool want_virial) override {
    SplitWellAdatom::compute(s, out, want_virial);
    const auto ad = static_cast<Eigen::Index>(s.size() - 1);
    add_lateral_gaussian(s.positions(0, ad) - pit_A_.x(), s.positions(1, ad) - pit_A_.y(), -1.0, 0.05, ad, out);
  }

 private:
  Vec3 pit_A_;
};

}  // namespace

TEST_CASE("surface diffusion: a lower state no hop reaches is reported after the states found before it",
          "[diffusion]") {
  // The surface of the test above (low-1 split 0.078 Å across each top site) with a pit where the
  // free relaxation from the hollow site starts: it ends 0.38 eV below low-1, so no barrier is
  // claimed, and the note on low-1 written before that verdict must survive it.
  const SquareSurface sq = square_surface();
  const SplitWellAdatom surface(sq.period_A, sq.top_A + Vec3(0, 0, kHeight_A), 0.1588, kB_eV, kKz_eV_A2);
  SurfaceDiffusionOptions opt;
  opt.height_A = kHeight_A;
  opt.relax.fmax_eV_A = 1e-5;
  opt.min_hop_A = 0.05;
  const auto sites = find_adsorption_sites(sq.slab, opt.sites);
  const auto hollow = std::find_if(sites.begin(), sites.end(), [](const auto& s) { return s.label == "hollow"; });
  REQUIRE(hollow != sites.end());
  SplitWellWithPit engine(surface, hollow->position_A + kOffSiteStart_A);
  const auto r = surface_diffusion(engine, sq.slab, opt);
  INFO(r.message);
  CHECK_FALSE(r.complete);
  CHECK(r.hops.empty());
  CHECK_THAT(r.message, Catch::StartsWith("low-1: on the top site, where the symmetric state is not a minimum: the "
                                          "host's atoms are held"));
  CHECK_THAT(r.message, Catch::Contains("; the lowest adatom state is not a high-symmetry site: relaxing from hollow "
                                        "ends "));
}

namespace {

/// Tops of the square surface as minima (A > 0, B = 0: f(u) = −A cos 2πu/p), each ringed by four
/// Gaussian pits (depth w, width σ) p/4 from it along ±x and ±y, deeper than the top: on the
/// straight hop between two tops and off every start the search of the sites uses (the symmetric
/// relaxations on the sites and the free one 0.13 Å off them). The slab atoms feel no force.
class TopsWithPits : public SplitWellAdatom {
 public:
  TopsWithPits(double period_A, const Vec3& top_A, double A_eV, double depth_eV, double sigma_A, double k_z_eV_A2)
      : SplitWellAdatom(period_A, top_A, A_eV, 0.0, k_z_eV_A2), p_(period_A), top_(top_A), w_(depth_eV),
        sigma_(sigma_A) {}

 protected:
  void compute(const Structure& s, Evaluation& out, bool want_virial) override {
    SplitWellAdatom::compute(s, out, want_virial);
    const auto ad = static_cast<Eigen::Index>(s.size() - 1);
    // Relative to the nearest top; the pits of the eight tops around it are summed too.
    const double x = std::remainder(s.positions(0, ad) - top_.x(), p_);
    const double y = std::remainder(s.positions(1, ad) - top_.y(), p_);
    const double q = p_ / 4, offsets[4][2] = {{q, 0}, {-q, 0}, {0, q}, {0, -q}};
    for (int i = -1; i <= 1; ++i)
      for (int j = -1; j <= 1; ++j)
        for (const auto& o : offsets) add_lateral_gaussian(x - i * p_ - o[0], y - j * p_ - o[1], -w_, sigma_, ad, out);
  }

 private:
  double p_;
  Vec3 top_;
  double w_, sigma_;
};

}  // namespace

TEST_CASE("surface diffusion: a hop band through a deeper state descends to it and takes its long-range barrier",
          "[diffusion]") {
  // The search of the sites finds the top as the only minimum (E = −2A); the band to the next top
  // falls into the pits on its way (E ≈ −A − w). Relaxed, the pit is the adatom's state, and the
  // way to the next cell from it crosses the bridge, a first-order saddle by symmetry at
  // E = f(p/2) + f(0) = 0 (the pits' tails there are below 1e-5 eV but counted).
  const SquareSurface sq = square_surface();
  constexpr double kTopA_eV = 0.2, kPit_eV = 0.3, kSigma_A = 0.15;
  TopsWithPits engine(sq.period_A, sq.top_A + Vec3(0, 0, kHeight_A), kTopA_eV, kPit_eV, kSigma_A, kKz_eV_A2);
  auto energy_at = [&](double x, double y) {
    Structure s = sq.slab;
    s.add_atom("Na", sq.top_A + Vec3(x, y, kHeight_A));
    return engine.energy(s);
  };
  // The pit's minimum lies on the x axis by symmetry, within 0.2 Å of the pit's centre (the top's
  // slope shifts it by ~0.03 Å): golden-section search along it.
  const GoldenSection pit = golden_section_minimum([&](double x) { return energy_at(x, 0); },
                                                   sq.period_A / 4 - 0.2, sq.period_A / 4 + 0.2, 1e-10,
                                                   GoldenTie::kKeepUpper);
  const double pit_eV = energy_at(0.5 * (pit.lo + pit.hi), 0), saddle_eV = energy_at(sq.period_A / 2, 0);
  REQUIRE(pit_eV < energy_at(0, 0) - 0.05);  // the pit is well below the top

  const SurfaceDiffusionOptions opt = tight_diffusion_options();
  const auto r = surface_diffusion(engine, sq.slab, opt);
  INFO(r.message);
  REQUIRE(r.complete);
  CHECK(r.minima == std::vector<std::string>{"top", "deeper-1"});
  REQUIRE(r.minimum_energy_eV.size() == 2);
  CHECK(r.minimum_energy_eV[0] == Approx(energy_at(0, 0)).margin(1e-8));
  CHECK(r.minimum_energy_eV[1] == Approx(pit_eV).margin(1e-7));
  CHECK_THAT(r.message, Catch::Contains("NEB top->top not converged") &&
                            Catch::Contains("deeper-1: the band top->top image ") &&
                            Catch::Contains("Ea is the long-range barrier"));
  REQUIRE(r.hops.size() == 1);
  CHECK(r.hops[0].from == "deeper-1");
  CHECK(r.hops[0].length_A == Approx(sq.period_A).epsilon(1e-9));
  // The band that found the pit is kept, with why it is not used.
  REQUIRE(r.superseded_hops.size() == 1);
  CHECK(r.superseded_hops[0].hop.from == "top");
  CHECK(r.superseded_hops[0].hop.neb.below_ends_image > 0);
  CHECK(r.superseded_hops[0].why == "replaced by the long-range barrier from deeper-1");
  CHECK(r.Ea_diff_eV == Approx(saddle_eV - pit_eV).epsilon(1e-4));
}
