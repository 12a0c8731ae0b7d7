#include <catch2/catch.hpp>

#include <cmath>

#include "engines/pair_engine.h"
#include "model_surfaces.h"
#include "protocols/golden_section.h"
#include "protocols/htst.h"
#include "protocols/surface_diffusion.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

TEST_CASE("network diffusion tensor: square lattice gives D = Γ a²", "[diffusion]") {
  // One state, four hops of length a: D = (1/2d) Σ λ² Γ = Γ a² in 2D.
  const double a = 3.0, rate = 1e9;
  std::vector<HopEdge> edges{{0, 0, Vec3(a, 0, 0), rate}, {0, 0, Vec3(-a, 0, 0), rate},
                             {0, 0, Vec3(0, a, 0), rate}, {0, 0, Vec3(0, -a, 0), rate}};
  const Eigen::Matrix2d D = network_diffusion_tensor({0.0}, edges, 300);
  CHECK(D(0, 0) == Approx(rate * a * a * 1e-20));
  CHECK(D(1, 1) == Approx(rate * a * a * 1e-20));
  CHECK(std::abs(D(0, 1)) < 1e-30);
}

TEST_CASE("network diffusion tensor: two alternating states (honeycomb) match the renewal result", "[diffusion]") {
  // States A, B of a honeycomb; three hops of length λ from each at rates kf (A→B), kr (B→A).
  // Exact: D = (λ²/4)·3·2·kf·kr/(kf+kr) for the isotropic 2D walk.
  const double lambda = 1.65, kf = 2e9, kr = 5e8;
  const double kT = kBoltzmann_eV_K * 300;
  const double dE = -kT * std::log(kf / kr);  // E_B − E_A consistent with detailed balance πA kf = πB kr
  std::vector<HopEdge> edges;
  for (int k = 0; k < 3; ++k) {
    const double ang = 2 * M_PI * k / 3.0;
    const Vec3 v(lambda * std::cos(ang), lambda * std::sin(ang), 0);
    edges.push_back({0, 1, v, kf});
    edges.push_back({1, 0, -v, kr});
  }
  const Eigen::Matrix2d D = network_diffusion_tensor({0.0, dE}, edges, 300);
  const double expected = lambda * lambda / 4 * 6 * kf * kr / (kf + kr) * 1e-20;
  CHECK(D(0, 0) == Approx(expected).epsilon(1e-9));
  CHECK(D(1, 1) == Approx(expected).epsilon(1e-9));
}

TEST_CASE("network diffusion tensor: a 1D chain of hops does not diffuse in 2D", "[diffusion]") {
  std::vector<HopEdge> edges{{0, 0, Vec3(2, 0, 0), 1e9}, {0, 0, Vec3(-2, 0, 0), 1e9}};
  Eigen::SelfAdjointEigenSolver<Eigen::Matrix2d> eig(network_diffusion_tensor({0.0}, edges, 300));
  CHECK(eig.eigenvalues()[0] == Approx(0.0).margin(1e-30));
  CHECK(eig.eigenvalues()[1] > 0);
}

TEST_CASE("LJ adatom on a rigid fcc(100) slab: hollow minima, one hop, Arrhenius barrier", "[diffusion]") {
  SlabSpec spec;
  spec.miller = {1, 0, 0};
  spec.layers = 3;
  spec.repeat_a = 3;
  spec.repeat_b = 3;
  spec.vacuum_A = 12;
  Structure slab = make_slab(bulk_fcc("Al", 4.05), spec).structure;
  for (auto& f : slab.free_dofs) f = dof::kNone;
  LennardJonesEngine lj;
  lj.set("Al", "Al", 0.2, 2.6, 6.0, true);
  lj.set("Al", "Na", 0.1, 3.0, 7.0, true);
  SurfaceDiffusionOptions opt;
  opt.T_K = 300;
  opt.neb.images = 5;
  opt.neb.fmax_eV_A = 1e-4;
  opt.relax.fmax_eV_A = 1e-5;
  const auto r = surface_diffusion(lj, slab, opt);
  INFO(r.message);
  REQUIRE(r.complete);
  REQUIRE(r.minima == std::vector<std::string>{"hollow"});
  // The other sites classified by their normal modes: the bridge is the saddle, top a maximum.
  CHECK(r.unstable == std::vector<std::string>{"top->2 imaginary modes", "bridge->1 imaginary mode"});
  REQUIRE(r.hops.size() == 1);
  const auto& hop = r.hops[0];
  CHECK(hop.length_A == Approx(4.05 / std::sqrt(2.0)).epsilon(1e-9));
  // One site type, symmetric hops: the effective barrier is the hop barrier (the prefactor is
  // temperature independent), and D = Γ λ² with four hops.
  CHECK(r.Ea_diff_eV == Approx(hop.neb.barrier_eV).epsilon(1e-6));
  CHECK(r.D_s_m2_s ==
        Approx(hop_rate_Hz(hop.nu_Hz, hop.neb.barrier_eV, 300) * hop.length_A * hop.length_A * 1e-20).epsilon(1e-6));
  CHECK(r.D_min_m2_s == Approx(r.D_max_m2_s).epsilon(1e-9));
  CHECK(hop.nu_Hz > 1e11);
  CHECK(hop.nu_Hz < 1e14);
}

namespace {

/// An adatom over a frozen fcc(111) slab, its energy a periodic sum of lateral Gaussians on the
/// triangular lattice of the top layer (nearest-neighbour vectors a1, a2 at 60°: hollows at
/// (a1 + a2)/3 and 2(a1 + a2)/3, bridges at a1/2, a2/2, (a1 + a2)/2): a deep well on
/// every top atom, shallower wells on both hollows, a bump on every bridge; ½ k_z (z − z0)² holds
/// the height. Tops, fcc and hcp are minima; the straight path between the two hollows crosses
/// the bump, while the way round through the top between them is low.
class WalledHollows : public Engine {
 public:
  WalledHollows(const Vec3& a1_A, const Vec3& a2_A, const Vec3& top_A, double height_A)
      : a1_(a1_A), a2_(a2_A), top_(top_A), z0_(top_A.z() + height_A) {}
  std::string describe() const override { return "walled hollows"; }
  bool provides_virial() const override { return false; }
  static constexpr double kTop_eV = 0.6, kTopSigma_A = 0.5;
  static constexpr double kHollow_eV = 0.3, kHollowSigma_A = 0.35;
  static constexpr double kBridge_eV = 0.5, kBridgeSigma_A = 0.3;
  static constexpr double kKz_eV_A2 = 1.0;

 protected:
  void compute(const Structure& s, Evaluation& out, bool) override {
    const auto ad = static_cast<Eigen::Index>(s.size() - 1);
    const Vec3 r = s.positions.col(ad);
    out.energy_eV = 0.5 * kKz_eV_A2 * (r.z() - z0_) * (r.z() - z0_);
    out.forces_eV_A.setZero(3, s.positions.cols());
    out.forces_eV_A(2, ad) = -kKz_eV_A2 * (r.z() - z0_);
    // Every lattice point within two cells of the nearest one: the dropped tails are < 1e-20 eV.
    Eigen::Matrix2d basis;
    basis << a1_.x(), a2_.x(), a1_.y(), a2_.y();
    const Eigen::Vector2d f = basis.inverse() * Eigen::Vector2d(r.x() - top_.x(), r.y() - top_.y());
    const struct { double u, v, a_eV, sigma_A; } centres[] = {
        {0, 0, -kTop_eV, kTopSigma_A},           {1 / 3.0, 1 / 3.0, -kHollow_eV, kHollowSigma_A},
        {2 / 3.0, 2 / 3.0, -kHollow_eV, kHollowSigma_A}, {0.5, 0, kBridge_eV, kBridgeSigma_A},
        {0, 0.5, kBridge_eV, kBridgeSigma_A},    {0.5, 0.5, kBridge_eV, kBridgeSigma_A}};
    for (const auto& c : centres)
      for (int i = -2; i <= 2; ++i)
        for (int j = -2; j <= 2; ++j) {
          const double du = f.x() - c.u - std::round(f.x() - c.u) - i, dv = f.y() - c.v - std::round(f.y() - c.v) - j;
          const Vec3 d = du * a1_ + dv * a2_;
          testing::add_lateral_gaussian(d.x(), d.y(), c.a_eV, c.sigma_A, ad, out);
        }
  }

 private:
  Vec3 a1_, a2_, top_;
  double z0_;
};

}  // namespace

TEST_CASE("surface diffusion: a hop whose band swings through a known minimum is two hops through it",
          "[diffusion]") {
  // The fcc->hcp band starts straight across the bridge bump, a second-order saddle (a maximum
  // between the two tops beside it); stepped off that ridge it falls through a top, below both
  // ends, which relaxes onto a top: fcc->hcp is top->fcc plus top->hcp, both in the network, so
  // it is left out and its band kept as the evidence.
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = 3;
  spec.repeat_a = spec.repeat_b = 4;
  Structure slab = make_slab(bulk_fcc("Al", 4.05), spec).structure;
  for (auto& f : slab.free_dofs) f = dof::kNone;
  Eigen::Index top = 0;
  for (Eigen::Index i = 0; i < slab.positions.cols(); ++i)
    if (slab.positions(2, i) > slab.positions(2, top) + 1e-6) top = i;
  const Vec3 top_A = slab.positions.col(top);
  const double height_A = 2.0;
  const Vec3 a1_A = slab.cell.col(0) / spec.repeat_a, a2_at_120_or_60_A = slab.cell.col(1) / spec.repeat_b;
  const Vec3 a2_A = a1_A.dot(a2_at_120_or_60_A) < 0 ? a1_A + a2_at_120_or_60_A : a2_at_120_or_60_A;
  REQUIRE(a1_A.dot(a2_A) == Approx(0.5 * a1_A.squaredNorm()));
  WalledHollows engine(a1_A, a2_A, top_A, height_A);
  SurfaceDiffusionOptions opt;
  opt.height_A = height_A;
  opt.neb.images = 7;
  opt.neb.fmax_eV_A = 1e-4;
  opt.relax.fmax_eV_A = 1e-5;
  const auto r = surface_diffusion(engine, slab, opt);
  INFO(r.message);
  REQUIRE(r.complete);
  CHECK(r.minima == std::vector<std::string>{"top", "fcc", "hcp"});
  REQUIRE(r.hops.size() == 2);
  for (const auto& h : r.hops) CHECK(h.from + h.to != "fcchcp");
  REQUIRE(r.superseded_hops.size() == 1);
  const SurfaceHop& left_out = r.superseded_hops[0].hop;
  CHECK(left_out.from == "fcc");
  CHECK(left_out.to == "hcp");
  CHECK(r.superseded_hops[0].why == "not an elementary hop: its band runs through the top minimum");
  CHECK(left_out.neb.below_ends_image > 0);
  CHECK_THAT(r.message, Catch::Contains("fcc->hcp is not an elementary hop: its band runs through the top minimum"));

  // The top->hollow saddle lies on the mirror line from a top to a hollow: the highest point along
  // it, by golden-section search. The adatom rests on the tops, so Ea is that saddle above the top.
  const Vec3 to_hollow = (a1_A + a2_A) / 3;
  auto energy_along = [&](double t) {
    Structure s = slab;
    s.add_atom("Na", top_A + t * to_hollow + Vec3(0, 0, height_A));
    return engine.energy(s);
  };
  const GoldenSection ridge =
      golden_section_minimum([&](double t) { return -energy_along(t); }, 0.1, 0.9, 1e-10, GoldenTie::kKeepUpper);
  const double barrier_eV = energy_along(0.5 * (ridge.lo + ridge.hi)) - energy_along(0);
  for (const auto& h : r.hops) CHECK(h.neb.barrier_eV == Approx(barrier_eV).epsilon(1e-4));
  CHECK(r.Ea_diff_eV == Approx(barrier_eV).epsilon(1e-3));
}
