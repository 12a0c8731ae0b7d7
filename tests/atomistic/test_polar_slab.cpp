// The polarised perovskite (001) slab (structure/polar_slab.h) from a hand-made P4mm cell with
// known displacements: layer stacking, stoichiometry, P down as the mirror of P up, the BO2
// off-centring profile equal to the cell's, and a slab whose polarisation relaxed away refused
// with one message; and what the host of the polarised slab may do while Na adsorbs
// (protocols/polar_surface.h).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "optimize/fire.h"
#include "protocols/polar_surface.h"
#include "structure/polar_slab.h"

using namespace nabridge;

namespace {

// a = 4, c = 4.1; Ti 0.15 Å and the equatorial O 0.05 Å... above their cubic sites: off-centring
// d0 = z(Ti) − z(O_eq) = 2.05 + 0.15 − (2.05 − 0.05) = 0.20 Å.
Structure p4mm_cell() {
  Structure s;
  s.cell = Vec3(4.0, 4.0, 4.1).asDiagonal();
  s.add_atom("Ba", {0.0, 0.0, 0.0});
  s.add_atom("Ti", {2.0, 2.0, 2.20});
  s.add_atom("O", {2.0, 2.0, 0.02});
  s.add_atom("O", {2.0, 0.0, 2.0});
  s.add_atom("O", {0.0, 2.0, 2.0});
  return s;
}

/// Host atoms tethered to where they start (k_tether); the adatom (the last atom, if it is Na)
/// held near a plane above the slab (k_z about z_Na) and attracted by every host atom through a
/// Gaussian −ε exp(−r²/2σ²). Without the adatom the host sits at its tether points, force-free.
class TetheredHostAdatom : public Engine {
 public:
  TetheredHostAdatom(Positions host_A, double z_Na_A) : host_(std::move(host_A)), z_Na_(z_Na_A) {}
  std::string describe() const override { return "tethered host + Gaussian adatom"; }
  bool provides_virial() const override { return false; }

 protected:
  void compute(const Structure& s, Evaluation& out, bool) override {
    constexpr double k_tether = 2.0, k_z = 1.0, eps = 0.3, sigma = 1.5;
    const Eigen::Index n_host = host_.cols();
    out.forces_eV_A.setZero(3, s.positions.cols());
    out.energy_eV = 0.0;
    for (Eigen::Index i = 0; i < n_host; ++i) {
      const Vec3 u = s.positions.col(i) - host_.col(i);
      out.energy_eV += 0.5 * k_tether * u.squaredNorm();
      out.forces_eV_A.col(i) -= k_tether * u;
    }
    if (s.positions.cols() == n_host) return;
    const Eigen::Index na = n_host;
    const double dz = s.positions(2, na) - z_Na_;
    out.energy_eV += 0.5 * k_z * dz * dz;
    out.forces_eV_A(2, na) -= k_z * dz;
    for (Eigen::Index i = 0; i < n_host; ++i) {
      const Vec3 r = minimum_image(s, s.positions.col(na) - s.positions.col(i));
      const double e = -eps * std::exp(-r.squaredNorm() / (2 * sigma * sigma));
      out.energy_eV += e;
      const Vec3 f_na = e * r / (sigma * sigma);  // −dE/dr_Na
      out.forces_eV_A.col(na) += f_na;
      out.forces_eV_A.col(i) -= f_na;
    }
  }

 private:
  Positions host_;
  double z_Na_;
};

/// Three bilayers, the bottom one clamped, 2 x 2, 12 Å of vacuum.
PolarSlabSpec three_bilayers_2x2() {
  PolarSlabSpec spec;
  spec.cells = 3;
  spec.fixed_cells = 1;
  spec.repeat = 2;
  spec.vacuum_A = 12.0;
  return spec;
}

struct HostRun {
  Structure slab;
  PolarSurfaceResult result;
};

HostRun adsorb(PolarSurfaceOptions::Host host) {
  const PolarSlabSpec spec = three_bilayers_2x2();
  const Structure slab = polar_perovskite_slab(p4mm_cell(), "Ba", "Ti", spec);
  TetheredHostAdatom engine(slab.positions, slab.positions.row(2).maxCoeff() + 1.8);
  PolarSurfaceOptions po;
  po.d0_A = bo2_polar_distortion_A(slab, "Ti", "O").front();
  po.fixed_cells = spec.fixed_cells;
  po.host = host;
  po.relax.fmax_eV_A = 1e-4;
  po.adsorption.height_A = 1.8;
  OptimizerOptions fo;
  fo.fmax_eV_A = 1e-4;
  Fire fire(fo);
  po.adsorption.optimizer = &fire;
  po.hops = false;
  return {slab, polar_surface_adsorption(engine, slab, po)};
}

}  // namespace

TEST_CASE("polar perovskite slab: stacking, P up and P down, off-centring profile", "[polar-slab]") {
  PolarSlabSpec spec = three_bilayers_2x2();
  const Structure up = polar_perovskite_slab(p4mm_cell(), "Ba", "Ti", spec);
  CHECK(up.size() == 3 * 4 * 5);
  CHECK(std::count(up.species.begin(), up.species.end(), "O") == 3 * 4 * 3);
  CHECK(up.cell(2, 2) == Approx(3 * 4.1 + 12.0));
  CHECK(std::count(up.free_dofs.begin(), up.free_dofs.end(), dof::kNone) == 20);  // the bottom bilayer
  // BaO at the bottom, TiO2 on top: the highest atoms are Ti and O of the BO2 layer.
  const Eigen::Index top = [&] { Eigen::Index k; up.positions.row(2).maxCoeff(&k); return k; }();
  CHECK((up.species[static_cast<std::size_t>(top)] == "Ti" || up.species[static_cast<std::size_t>(top)] == "O"));
  for (double d : bo2_polar_distortion_A(up, "Ti", "O")) CHECK(d == Approx(0.20).margin(1e-12));

  spec.p_up = false;
  const Structure down = polar_perovskite_slab(p4mm_cell(), "Ba", "Ti", spec);
  for (double d : bo2_polar_distortion_A(down, "Ti", "O")) CHECK(d == Approx(-0.20).margin(1e-12));
  // Mirror image: the same layer spacings reversed within each bilayer (Ti 2.20 Å above Ba in P
  // up, 4.1 − 2.20 = 1.90 Å in P down).
  auto height = [](const Structure& s, const std::string& el) {
    double z = 1e9;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s.species[i] == el) z = std::min(z, s.positions(2, static_cast<Eigen::Index>(i)));
    return z;
  };
  CHECK(height(up, "Ti") - height(up, "Ba") == Approx(2.20));
  CHECK(height(down, "Ti") - height(down, "Ba") == Approx(1.90));
}

TEST_CASE("polar slab: a polarisation that relaxed away is refused, not passed on", "[polar-slab]") {
  CHECK_NOTHROW(require_polar_slab({0.20, 0.15, -0.05}, 0.20, 1, 0.5, "BaTiO3 P up"));  // surface layer not judged
  CHECK_THROWS_WITH(require_polar_slab({-0.20, 0.09, -0.06}, -0.20, 1, 0.5, "BaTiO3 P down"),
                    Catch::Contains("BaTiO3 P down: the polarisation relaxed away in the slab: BO2 layer 1") &&
                        Catch::Contains("-45 %"));
  CHECK_THROWS_WITH(require_polar_slab({0.20, 0.15}, 0.20, 1, 0.5, "thin"), Catch::Contains("no free BO2 layer below the top one"));
  CHECK_THROWS_AS(polar_perovskite_slab(p4mm_cell(), "Sr", "Ti", PolarSlabSpec{}), std::invalid_argument);
}

// A "relaxed" host moves along z only, the clean slab's own constraint (relax_polar_slab), a
// "frozen_relaxed_surface" host not at all, and the hop network inherits the same constraint: on
// an analytic energy whose adatom pulls every host atom towards it (also sideways), so any lateral
// freedom left to the host would show.
TEST_CASE("polar surface: a relaxed host follows the adatom along z only, a frozen one not at all", "[polar-slab]") {
  const HostRun relaxed = adsorb(PolarSurfaceOptions::Host::relaxed);
  const HostRun frozen = adsorb(PolarSurfaceOptions::Host::frozen_relaxed_surface);
  const Eigen::Index n_host = relaxed.slab.positions.cols();
  // The slab the hop network starts from carries the constraint: every host atom at most free in z.
  for (auto d : relaxed.result.adsorption.slab.free_dofs) CHECK((d & ~dof::kZ) == 0);
  for (auto d : frozen.result.adsorption.slab.free_dofs) CHECK(d == dof::kNone);
  REQUIRE(relaxed.result.adsorption.sites.size() == frozen.result.adsorption.sites.size());
  REQUIRE(relaxed.result.adsorption.sites.size() >= 3);  // p4mm TiO2 face: top-Ti, top-O, hollows, bridges
  for (std::size_t k = 0; k < relaxed.result.adsorption.sites.size(); ++k) {
    const auto& r = relaxed.result.adsorption.sites[k];
    const auto& f = frozen.result.adsorption.sites[k];
    INFO("site " << r.site.label);
    const Positions shift_relaxed = r.structure.positions.leftCols(n_host) - relaxed.slab.positions;
    const Positions shift_frozen = f.structure.positions.leftCols(n_host) - frozen.slab.positions;
    CHECK(shift_relaxed.topRows(2).cwiseAbs().maxCoeff() == 0.0);  // in-plane: not a bit
    CHECK(shift_relaxed.row(2).cwiseAbs().maxCoeff() > 1e-3);      // along z: pulled up towards Na
    CHECK(shift_frozen.cwiseAbs().maxCoeff() == 0.0);
    // The host's z relaxation can only lower the energy of the same start.
    CHECK(r.E_bind_eV < f.E_bind_eV);
  }
}
