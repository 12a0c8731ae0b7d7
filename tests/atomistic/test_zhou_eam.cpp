// Zhou–Johnson–Wadley EAM: analytic functions, the setfl generator against Debian's tabulated
// files, the analytic engine's forces and virial, parameter-file errors.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>

#include "potentials/eam_engine.h"
#include "potentials/setfl.h"
#include "potentials/zhou_params.h"
#include "structure/prototypes.h"

using namespace nabridge;
using namespace nabridge::potentials;

namespace {
const std::string kSrc = NABRIDGE_SOURCE_DIR;
const std::string kDebian = "/usr/share/lammps/potentials/";

std::filesystem::path scratch(const std::string& name) {
  auto dir = std::filesystem::path(NABRIDGE_BINARY_DIR) / "test-scratch" / name;
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

/// Energy per atom of the fcc lattice at a (analytic engine, 4-atom cell).
double fcc_energy(EamEngine& engine, const std::string& el, double a) { return engine.energy(bulk_fcc(el, a)) / 4.0; }
}  // namespace

TEST_CASE("Generated Zhou 2001 tables equal Debian's Al_zhou and Cu_zhou setfl files", "[potentials][zhou]") {
  // lammps-data is a dependency (scripts/install-deps.sh): its absence is a failure, not a skip.
  REQUIRE(std::filesystem::exists(kDebian + "Al_zhou.eam.alloy"));
  const auto params = read_zhou_parameters(kSrc + "/potentials/zhou2001/zhou2001.toml");
  for (const std::string el : {"Al", "Cu"}) {
    const Setfl deb = read_setfl(kDebian + el + "_zhou.eam.alloy");
    ZhouAlloyModel model({params.get(el)}, deb.grid.cutoff_A);
    const Setfl gen = tabulate(model, deb.grid, {"a", "b", "c"});
    double dF = 0, drho = 0, dz = 0;
    for (int k = 0; k < deb.grid.nrho; ++k) dF = std::max(dF, std::abs(gen.elements[0].F[k] - deb.elements[0].F[k]));
    for (int k = 0; k < deb.grid.nr; ++k) {
      if (k * deb.grid.dr < 0.5) continue;  // Zhou's tables are not meaningful inside 0.5 Å
      drho = std::max(drho, std::abs(gen.elements[0].rho[0][k] - deb.elements[0].rho[0][k]));
      dz = std::max(dz, std::abs(gen.rphi(0, 0)[k] - deb.rphi(0, 0)[k]));
    }
    INFO(el << ": max |dF| " << dF << " |drho| " << drho << " |d(r phi)| " << dz);
    CHECK(dF < 1e-10);
    CHECK(drho < 1e-10);
    CHECK(dz < 1e-10);
  }
}

TEST_CASE("Zhou 2004 Al, Cu, Au: fcc minimum at sqrt(2) re with the paper's cohesive energies", "[potentials][zhou]") {
  const auto params = read_zhou_parameters(kSrc + "/potentials/zhou2004/zhou2004.toml");
  // Ec the 2004 parameters were built for (fe = Ec / Omega^(1/3), PRB 69, 144113).
  const std::map<std::string, double> ec = {{"Al", 3.58}, {"Cu", 3.54}, {"Au", 3.93}};
  for (const auto& [el, e_coh] : ec) {
    const ZhouElement& z = params.get(el);
    // Zhou's default cutoff √5·re falls exactly on the 5th fcc shell at a = √2·re, where the
    // tabulated energy has a tiny step; 2.8·re keeps every shell of the check clear of it.
    ZhouAlloyModel model({z}, 2.8 * z.re_A);
    EamEngine engine(model);
    const double a0 = std::sqrt(2.0) * z.re_A;
    const double e0 = fcc_energy(engine, el, a0);
    INFO(el);
    CHECK(-e0 == Approx(e_coh).margin(2e-3));
    CHECK(std::abs(z.fe - e_coh / std::cbrt(a0 * a0 * a0 / 4.0)) < 2e-3);
    // a0 is the minimum: the symmetric difference quotient vanishes to O(h²) there.
    const double h = 1e-4;
    const double slope = (fcc_energy(engine, el, a0 + h) - fcc_energy(engine, el, a0 - h)) / (2 * h);
    CHECK(std::abs(slope) < 2e-3);
  }
}

TEST_CASE("Zhou functions: derivatives, embedding continuity and the completion rule", "[potentials][zhou]") {
  const auto params = read_zhou_parameters(kSrc + "/potentials/zhou2004/zhou2004.toml");
  for (const auto& [el, z] : params.elements) {
    for (double r : {1.7, 2.4, 2.9, 3.6, 4.7, 5.5}) {
      double d = 0, dp = 0;
      const double h = 1e-6;
      z.density(r, &d);
      z.pair(r, &dp);
      CHECK(d == Approx((z.density(r + h) - z.density(r - h)) / (2 * h)).epsilon(1e-6).margin(1e-9));
      CHECK(dp == Approx((z.pair(r + h) - z.pair(r - h)) / (2 * h)).epsilon(1e-6).margin(1e-9));
    }
    for (double f : {0.3, 0.85, 0.95, 1.0, 1.15, 1.6}) {
      const double rho = f * z.rhoe, h = 1e-7 * z.rhoe;
      const double below = z.embedding(rho - h), above = z.embedding(rho + h);
      CHECK(above - below == Approx(0.0).margin(1e-5));  // continuous at the branch points
      double d = 0;
      z.embedding(rho + 2 * h, &d);
      CHECK(d == Approx((z.embedding(rho + 3 * h) - z.embedding(rho + h)) / (2 * h)).epsilon(1e-4).margin(1e-7));
    }
    // Re-deriving Fn0, Fn1, Fn3, rhos, Fe from F0..F3, eta, Fn2 reproduces the published values.
    ZhouElement c = z;
    zhou_complete_embedding(c);
    INFO(el);
    CHECK(c.Fn_eV[0] == Approx(z.Fn_eV[0]).margin(2e-6));
    CHECK(c.Fn_eV[1] == Approx(z.Fn_eV[1]).margin(2e-6));
    CHECK(c.Fn_eV[3] == Approx(z.Fn_eV[3]).margin(3e-6));
    CHECK(c.rhos == Approx(z.rhos).epsilon(1e-5));
    CHECK(c.Fe_eV == Approx(z.Fe_eV).epsilon(1e-5));
  }
}

TEST_CASE("Zhou alloy rule and cross-term corrections", "[potentials][zhou]") {
  const auto params = read_zhou_parameters(kSrc + "/potentials/zhou2004/zhou2004.toml");
  const auto& al = params.get("Al");
  const auto& cu = params.get("Cu");
  ZhouAlloyModel model({al, cu});
  for (double r : {2.3, 2.7, 3.4}) {
    const double expect =
        0.5 * (cu.density(r) / al.density(r) * al.pair(r) + al.density(r) / cu.density(r) * cu.pair(r));
    CHECK(model.pair(0, 1, r) == Approx(expect).epsilon(1e-14));
    CHECK(model.pair(1, 0, r) == Approx(expect).epsilon(1e-14));
    double d = 0;
    model.pair(0, 1, r, &d);
    CHECK(d == Approx((model.pair(0, 1, r + 1e-6) - model.pair(0, 1, r - 1e-6)) / 2e-6).epsilon(1e-6));
  }
  model.set_cross("Cu", "Al", {0.8, 1.1});
  CHECK(model.pair(0, 1, 2.9) == Approx(0.8 * zhou_cross_pair(al, cu, 2.9 / 1.1)).epsilon(1e-14));
  CHECK(model.pair(0, 0, 2.9) == Approx(al.pair(2.9)).epsilon(1e-14));
  CHECK_THROWS_WITH(model.set_cross("Al", "Al", {}), Catch::Contains("two different elements"));
  CHECK_THROWS_WITH(model.set_cross("Al", "Na", {}), Catch::Contains("'Na'"));

  // Density factors: Cu's density at an Al atom ×0.6, Al's at a Cu atom ×1.5; like pairs and the
  // donor's own function otherwise unchanged, and only then does the model need eam/fs.
  CHECK_FALSE(model.density_depends_on_receiver());
  model.set_cross("Al", "Cu", {1.0, 1.0, {{"Al", 0.6}, {"Cu", 1.5}}});
  CHECK(model.density_depends_on_receiver());
  CHECK(model.density(1, 0, 2.9) == Approx(0.6 * cu.density(2.9)).epsilon(1e-14));
  CHECK(model.density(0, 1, 2.9) == Approx(1.5 * al.density(2.9)).epsilon(1e-14));
  CHECK(model.density(0, 0, 2.9) == Approx(al.density(2.9)).epsilon(1e-14));
  CHECK(model.density(1, 1, 2.9) == Approx(cu.density(2.9)).epsilon(1e-14));
  double d = 0;
  model.density(1, 0, 2.9, &d);
  CHECK(d == Approx((model.density(1, 0, 2.9 + 1e-6) - model.density(1, 0, 2.9 - 1e-6)) / 2e-6).epsilon(1e-6));
  CHECK_THROWS_WITH(model.set_cross("Al", "Cu", {1.0, 1.0, {{"Au", 2.0}}}), Catch::Contains("density_at_Au"));
  CHECK_THROWS_WITH(model.set_cross("Al", "Cu", {1.0, 1.0, {{"Al", 0.0}}}), Catch::Contains("must be > 0"));
}

TEST_CASE("Cross-term density range: f_{b->a}(r) = density_at_a * f_b(r / density_stretch)", "[potentials][zhou]") {
  const auto params = read_zhou_parameters(kSrc + "/potentials/zhou2004/zhou2004.toml");
  const auto& al = params.get("Al");
  const auto& cu = params.get("Cu");
  const ZhouAlloyModel plain({al, cu});
  ZhouAlloyModel model = plain;
  // density_stretch = 1 is the model without it, bit for bit (the shipped setfls depend on it).
  model.set_cross("Al", "Cu", {1.0, 1.0, {{"Al", 0.6}}, 1.0});
  for (double r : {2.1, 2.9, 4.3}) CHECK(model.density(0, 1, r) == plain.density(0, 1, r));
  model.set_cross("Al", "Cu", {1.0, 1.0, {}, 1.0});
  CHECK_FALSE(model.density_depends_on_receiver());

  // The range alone makes the cross densities differ from the like ones (eam/fs); it stretches
  // both directions of the pair, and the donor's density at its own kind is untouched.
  const double s = 1.2;
  model.set_cross("Al", "Cu", {1.0, 1.0, {{"Al", 0.6}}, s});
  CHECK(model.density_depends_on_receiver());
  for (double r : {2.1, 2.9, 4.3}) {
    INFO("r = " << r);
    CHECK(model.density(1, 0, r) == Approx(0.6 * cu.density(r / s)).epsilon(1e-14));  // Cu's at Al
    CHECK(model.density(0, 1, r) == Approx(al.density(r / s)).epsilon(1e-14));        // Al's at Cu
    CHECK(model.density(1, 1, r) == Approx(cu.density(r)).epsilon(1e-14));
    CHECK(model.density(0, 0, r) == Approx(al.density(r)).epsilon(1e-14));
    // Chain rule: d/dr [0.6 f(r/s)] = 0.6 f'(r/s) / s, and a central difference agrees.
    double d = 0, d_donor = 0;
    model.density(1, 0, r, &d);
    cu.density(r / s, &d_donor);
    CHECK(d == Approx(0.6 * d_donor / s).epsilon(1e-14));
    const double h = 1e-6;
    CHECK(d == Approx((model.density(1, 0, r + h) - model.density(1, 0, r - h)) / (2 * h)).epsilon(1e-6));
  }
  CHECK_THROWS_WITH(model.set_cross("Al", "Cu", {1.0, 1.0, {}, 0.0}), Catch::Contains("density_stretch must be > 0"));
  CHECK_THROWS_WITH(model.set_cross("Al", "Cu", {1.0, 1.0, {}, -0.9}), Catch::Contains("density_stretch must be > 0"));
}

TEST_CASE("EamEngine forces and virial are derivatives of its energy", "[potentials][engine]") {
  const auto params = read_zhou_parameters(kSrc + "/potentials/zhou2004/zhou2004.toml");
  ZhouAlloyModel model({params.get("Al"), params.get("Cu")});
  // Unequal density factors: a force that used the donor's density at the wrong receiver fails.
  const bool finnis_sinclair = GENERATE(false, true);
  if (finnis_sinclair) model.set_cross("Al", "Cu", {1.2, 0.95, {{"Al", 0.5}, {"Cu", 1.8}}});
  INFO("density factors: " << finnis_sinclair);
  EamEngine engine(model);
  Structure s = bulk_fcc("Al", 4.05);
  s.species[1] = "Cu";
  s.cell(0, 1) = 0.3;  // triclinic
  std::mt19937 rng(3);
  std::normal_distribution<double> g(0.0, 0.12);
  for (Eigen::Index i = 0; i < s.positions.cols(); ++i)
    for (int d = 0; d < 3; ++d) s.positions(d, i) += g(rng);
  const Evaluation ev = engine.evaluate(s, true);
  const double h = 1e-5;
  for (Eigen::Index i = 0; i < s.positions.cols(); ++i)
    for (int d = 0; d < 3; ++d) {
      Structure p = s, m = s;
      p.positions(d, i) += h;
      m.positions(d, i) -= h;
      CHECK(ev.forces_eV_A(d, i) == Approx(-(engine.energy(p) - engine.energy(m)) / (2 * h)).margin(1e-6));
    }
  // Virial W = −dE/dε (homogeneous strain of cell and positions), symmetric part.
  for (int a = 0; a < 3; ++a)
    for (int b = a; b < 3; ++b) {
      Mat3 eps = Mat3::Zero();
      eps(a, b) += 0.5 * h;
      eps(b, a) += 0.5 * h;
      Structure p = s, m = s;
      p.cell = (Mat3::Identity() + eps) * s.cell;
      p.positions = (Mat3::Identity() + eps) * s.positions;
      m.cell = (Mat3::Identity() - eps) * s.cell;
      m.positions = (Mat3::Identity() - eps) * s.positions;
      const double dE = (engine.energy(p) - engine.energy(m)) / (2 * h);
      const Mat3 w = *ev.virial_eV;
      CHECK(0.5 * (w(a, b) + w(b, a)) == Approx(-dE).margin(1e-6));
    }
}

TEST_CASE("Setfl write/read round trip and parameter-file errors", "[potentials][zhou]") {
  const auto dir = scratch("zhou_setfl");
  const auto params = read_zhou_parameters(kSrc + "/potentials/zhou2004/zhou2004.toml");
  ZhouAlloyModel model({params.get("Cu"), params.get("Au")});
  const auto grid = default_grid(model, 500, 400, 100.0);
  const Setfl t = tabulate(model, grid, {"line one", "line two", "line three"});
  write_setfl(t, (dir / "CuAu.eam.alloy").string());
  const Setfl back = read_setfl((dir / "CuAu.eam.alloy").string());
  REQUIRE(back.elements.size() == 2);
  CHECK(back.elements[1].symbol == "Au");
  CHECK(back.comments[1] == "line two");
  CHECK(back.grid.cutoff_A == Approx(model.cutoff_A()).epsilon(1e-15));
  CHECK(back.rphi(0, 1)[123] == Approx(t.rphi(1, 0)[123]).epsilon(1e-12));
  CHECK(back.elements[0].F[77] == Approx(t.elements[0].F[77]).epsilon(1e-12));
  CHECK(back.form == SetflForm::kAlloy);

  // With density factors the table is eam/fs: per element one density table per receiver.
  model.set_cross("Cu", "Au", {1.0, 1.0, {{"Cu", 0.7}}});
  const Setfl fs = tabulate(model, grid, {"fs", "", ""});
  REQUIRE(fs.form == SetflForm::kFinnisSinclair);
  write_setfl(fs, (dir / "CuAu.eam.fs").string());
  const Setfl fs_back = read_setfl((dir / "CuAu.eam.fs").string(), SetflForm::kFinnisSinclair);
  REQUIRE(fs_back.elements[1].rho.size() == 2);
  CHECK(fs_back.elements[1].rho[0][100] == Approx(0.7 * fs_back.elements[1].rho[1][100]).epsilon(1e-12));  // Au's at Cu
  CHECK(fs_back.elements[0].rho[1][100] == Approx(fs_back.elements[0].rho[0][100]).epsilon(1e-12));        // Cu's at Au
  CHECK(fs_back.rphi(1, 0)[123] == Approx(fs.rphi(1, 0)[123]).epsilon(1e-12));

  // A damaged setfl names the file and the entry.
  {
    std::ofstream bad(dir / "bad.eam.alloy");
    bad << "c\nc\nc\n1 Cu\n10 0.1 10 0.1 5.0\n29 63.5 3.6 fcc\n1 2 3 x 5\n";
  }
  CHECK_THROWS_WITH(read_setfl((dir / "bad.eam.alloy").string()),
                    Catch::Contains("bad.eam.alloy") && Catch::Contains("F(rho) entry 3"));

  const auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  const std::string ok =
      "[elements.Cu]\nZ = 29\nmass_amu = 63.5\nre = 2.5\nfe = 1.5\nrhoe = 21\nrhos = 21\nalpha = 8\n"
      "beta = 4\nA = 0.4\nB = 0.5\nkappa = 0.3\nlambda = 0.75\nFn = [1, 2, 3, 4]\nF = [1, 0, 2, 3]\n"
      "eta = 0.3\nFe = -2\n";
  CHECK_NOTHROW(read_zhou_parameters(write("ok.toml", ok)));
  CHECK_THROWS_WITH(read_zhou_parameters(write("missing.toml", "[elements.Cu]\nZ = 29\n")),
                    Catch::Contains("missing.toml") && Catch::Contains("elements.Cu.mass_amu"));
  CHECK_THROWS_WITH(read_zhou_parameters(write("neg.toml", [&] {
                      std::string t = ok;
                      t.replace(t.find("re = 2.5"), 8, "re = -1.0");
                      return t;
                    }())),
                    Catch::Contains("neg.toml") && Catch::Contains("'re'"));
  CHECK_THROWS_WITH(read_zhou_parameters(write("short.toml", [&] {
                      std::string t = ok;
                      t.replace(t.find("Fn = [1, 2, 3, 4]"), 17, "Fn = [1, 2, 3]");
                      return t;
                    }())),
                    Catch::Contains("elements.Cu.Fn") && Catch::Contains("4 numbers"));
  CHECK_THROWS_WITH(read_zhou_parameters(write("syntax.toml", "[elements.Cu\n")), Catch::Contains("syntax.toml:1"));
  CHECK_THROWS_WITH(params.get("Na"), Catch::Contains("zhou2004.toml") && Catch::Contains("'Na'"));
}
