#include <catch2/catch.hpp>

#include <cmath>

#include "engines/pair_engine.h"
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
