// Na on the polarised TiO2-terminated BaTiO3(001) slab of batio3-vielma through ShellEngine
// (protocols/polar_surface.h). Fast checks on a 1×1, three-bilayer slab in open circuit: P up
// keeps its polarisation below the surface, P down reverses in the free layers and is refused
// (the model's BaO/TiO2 layers carry ∓0.424 e per cell, which adds −0.216 C/m² to P in this
// stacking: P down faces −0.465 C/m² of unscreened bound charge); with the electrode-screening
// field both directions stay polarised. The hidden case [.polar-na] is
// the measurement of docs/ferroelectric.md §5 (2×2 slab, adsorption and hops; minutes).
#include <catch2/catch.hpp>

#include <cmath>
#include <iostream>

#include "engine/shell_bulk.h"
#include "engine/shell_engine.h"
#include "lammps_packages.h"
#include "optimize/fire.h"
#include "protocols/isolated_atom.h"
#include "protocols/polar_surface.h"
#include "shipped_potential.h"
#include "structure/polar_slab.h"

using namespace nabridge;

namespace {

struct PolarCase {
  PotentialSpec model;
  ShellPerovskite bulk;
};

const PolarCase& polar_case() {
  static const PolarCase c = [] {
    PolarCase p;
    p.model = testing::load_shipped_potential("batio3-vielma").spec;
    p.bulk = relax_shell_perovskite(p.model, {"Ba", "Ti", "O"}, 4.0, 1, +0.1);
    return p;
  }();
  return c;
}

/// The uniform field on the slab's ions that cancels its open-circuit depolarising field,
/// +(P_s + P_stack)/ε0 (V/Å), P_stack = (q_Ti + 2 q_O)/(2a²) of the BaO-bottom/TiO2-top stacking.
double screening_field_V_A(const ShellPerovskite& bulk, bool p_up) {
  const double P_stack = (3.072 - 2 * 1.748) / (2 * bulk.a_A * bulk.a_A) * 16.021766;  // e/Å² -> C/m²
  return ((p_up ? 1.0 : -1.0) * bulk.P_C_m2.z() + P_stack) / 8.8541878128e-12 * 1e-10;
}

/// The clean slab relaxed in open circuit (with the screening field if asked); its off-centring profile.
std::vector<double> relaxed_profile(bool p_up, double& d0, bool screened = false) {
  const PolarCase& c = polar_case();
  PolarSlabSpec spec;
  spec.cells = 3;
  spec.repeat = 1;
  spec.p_up = p_up;
  Structure slab = polar_perovskite_slab(c.bulk.unit, "Ba", "Ti", spec);
  d0 = bo2_polar_distortion_A(slab, "Ti", "O").front();
  ShellEngineOptions eo;
  eo.open_circuit_slab = true;
  if (screened) eo.host_field_V_A = screening_field_V_A(c.bulk, p_up);
  ShellEngine engine(c.model, eo);
  OptimizerOptions fo;
  fo.fmax_eV_A = 5e-3;
  Fire fire(fo);
  REQUIRE(fire.minimize(engine, slab).converged);
  return bo2_polar_distortion_A(slab, "Ti", "O");
}

}  // namespace

TEST_CASE("Polar BaTiO3(001) slab, open circuit: P up survives below the surface", "[shell][polar-surface]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  double d0 = 0.0;
  const std::vector<double> d = relaxed_profile(true, d0);
  WARN("P up, open circuit: d0 = " << d0 << " A, BO2 off-centring " << d[0] << " " << d[1] << " " << d[2]);
  CHECK(d0 > 0.1);
  CHECK_NOTHROW(require_polar_slab(d, d0, 1, 0.5, "P up"));
}

TEST_CASE("Polar BaTiO3(001) slab, open circuit: P down relaxes away and is refused", "[shell][polar-surface]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  double d0 = 0.0;
  const std::vector<double> d = relaxed_profile(false, d0);
  WARN("P down, open circuit: d0 = " << d0 << " A, BO2 off-centring " << d[0] << " " << d[1] << " " << d[2]);
  CHECK(d0 < -0.1);
  CHECK_THROWS_WITH(require_polar_slab(d, d0, 1, 0.5, "P down"),
                    Catch::Contains("the polarisation relaxed away in the slab"));
}

TEST_CASE("Polar BaTiO3(001) slab, electrode-screened field: P up keeps more of its polarisation",
          "[shell][polar-surface]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  double d0 = 0.0;
  const std::vector<double> d = relaxed_profile(true, d0, true);
  WARN("P up, screened (" << screening_field_V_A(polar_case().bulk, true) << " V/A): BO2 off-centring " << d[0] << " "
                          << d[1] << " " << d[2]);
  CHECK(screening_field_V_A(polar_case().bulk, true) == Approx(0.385).margin(0.002));  // (0.2497 − 0.2156) C/m² / ε0
  CHECK_NOTHROW(require_polar_slab(d, d0, 1, 0.8, "P up, screened"));
}

TEST_CASE("Polar BaTiO3(001) slab, electrode-screened field: P down stays polarised", "[shell][polar-surface]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  // −(P_s + |P_stack|)/ε0 = −5.25 V/Å on the ions: the P-down slab that reverses in open circuit
  // keeps (and below the surface exceeds) the bulk off-centring once its bound charge is screened.
  double d0 = 0.0;
  CHECK(screening_field_V_A(polar_case().bulk, false) == Approx(-5.25).margin(0.01));
  const std::vector<double> d = relaxed_profile(false, d0, true);
  WARN("P down, screened (" << screening_field_V_A(polar_case().bulk, false) << " V/A): BO2 off-centring " << d[0]
                            << " " << d[1] << " " << d[2]);
  CHECK_NOTHROW(require_polar_slab(d, d0, 1, 0.8, "P down, screened"));
}

TEST_CASE("Na on polarised BaTiO3(001): adsorption and hops, P up and P down (measurement)", "[.polar-na]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  const PolarCase& c = polar_case();
  const char* env_cells = std::getenv("NABRIDGE_POLAR_CELLS");
  // NABRIDGE_POLAR_CASE: "up", "down", "up-clamped", "down-clamped", "up-field", "down-field"; NABRIDGE_POLAR_NO_HOPS:
  // adsorption only.
  const char* env_case = std::getenv("NABRIDGE_POLAR_CASE");
  const std::string which = env_case ? env_case : "up";
  PolarSlabSpec spec;
  spec.cells = env_cells ? std::atoi(env_cells) : 3;
  spec.fixed_cells = 1;
  spec.repeat = 2;
  spec.p_up = which.rfind("up", 0) == 0;
  const Structure slab = polar_perovskite_slab(c.bulk.unit, "Ba", "Ti", spec);
  ShellEngineOptions eo;
  eo.open_circuit_slab = true;
  if (which.find("field") != std::string::npos) eo.host_field_V_A = screening_field_V_A(c.bulk, spec.p_up);
  ShellEngine engine(c.model, eo);
  PolarSurfaceOptions po;
  po.d0_A = bo2_polar_distortion_A(slab, "Ti", "O").front();
  po.fixed_cells = spec.fixed_cells;
  if (which.find("clamped") != std::string::npos) po.host = PolarSurfaceOptions::Host::clamped_bulk;
  po.relax.fmax_eV_A = 5e-3;
  po.adsorption.height_A = 2.0;
  po.adsorption.e_isolated_eV = isolated_atom_energy_eV(engine, "Na");
  OptimizerOptions fo;
  fo.fmax_eV_A = 5e-3;
  Fire fire(fo);
  po.adsorption.optimizer = &fire;
  po.hops = !std::getenv("NABRIDGE_POLAR_NO_HOPS");
  po.diffusion.height_A = 2.0;
  po.diffusion.relax.fmax_eV_A = 5e-3;
  po.diffusion.neb.images = 5;
  po.diffusion.neb.fmax_eV_A = 1e-2;
  const PolarSurfaceResult r = polar_surface_adsorption(engine, slab, po);
  std::cout << "case " << which << ": " << slab.size() << " atoms, field " << eo.host_field_V_A << " V/A, d0 "
            << po.d0_A << " A, d:";
  for (double d : r.d_A) std::cout << " " << d;
  std::cout << "\n";
  for (const auto& s : r.adsorption.sites) {
    // Nearest O core (minimum image in-plane): the Na adatom is the last atom.
    double dNaO = 1e9;
    const Vec3 na = s.structure.positions.col(static_cast<Eigen::Index>(s.structure.size() - 1));
    for (std::size_t i = 0; i < s.structure.size(); ++i)
      if (s.structure.species[i] == "O") {
        Vec3 f = s.structure.cell.inverse() * (s.structure.positions.col(static_cast<Eigen::Index>(i)) - na);
        f.x() -= std::round(f.x()), f.y() -= std::round(f.y());
        dNaO = std::min(dNaO, (s.structure.cell * f).norm());
      }
    std::cout << "  site " << s.site.label << " -> " << s.landed_label() << ": E_bind " << s.E_bind_eV << " eV, z "
              << s.final_position_A.z() << ", Na-O " << dNaO << " A\n";
  }
  if (r.diffusion) {
    for (const auto& h : r.diffusion->hops)
      std::cout << "  hop " << h.from << " -> " << h.to << ": " << h.neb.barrier_eV << " eV (converged "
                << h.neb.converged << ")\n";
    std::cout << "  Ea_diff " << r.diffusion->Ea_diff_eV << " eV, complete " << r.diffusion->complete << ", "
              << r.diffusion->message << "\n";
  }
  std::cout << "  force calls " << engine.force_calls() << std::endl;
}
