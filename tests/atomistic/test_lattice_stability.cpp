// Lattice stability (protocols/lattice_stability.h) on analytic pair potentials with known answers:
// fcc Lennard-Jones elastic constants equal the lattice sums (computed here directly from φ', φ''
// over the lattice vectors, no Engine, no Structure) and obey the Cauchy relation C12 = C44; bcc
// Lennard-Jones is mechanically unstable (C11 < C12) and the random-displacement test finds the
// lower energy; relaxed-ion constants differ from clamped ones only where a site lacks inversion
// symmetry (C15's 8a sites); relax_cell_shape returns a strained crystal to its cubic cell. Then
// the potentials-level report (potentials/stability.h) on a Zhou Cu-Au EAM.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "engines/pair_engine.h"
#include "nabridge/base/constants.h"
#include "optimize/lbfgs.h"
#include "potentials/eam_engine.h"
#include "potentials/stability.h"
#include "potentials/zhou_params.h"
#include "protocols/cell_relax.h"
#include "protocols/cubic_lattice.h"
#include "protocols/lattice_stability.h"
#include "structure/intermetallics.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

namespace {
// Lennard-Jones for copper (Halicioglu & Pound, Phys. Status Solidi A 30, 619 (1975): ε = 0.4093
// eV, σ = 2.338 Å): a metal's energy scale, for which the 1 meV/atom threshold of the
// random-displacement test is meant. Energy shifted to zero at the cutoff so that random
// displacements see a continuous energy (the shift is a constant per pair inside rc and changes
// neither the pressure nor the elastic constants).
constexpr double kEps = 0.4093, kSigma = 2.338;

struct LatticeSums {
  double a_A = 0, C11_GPa = 0, C12_GPa = 0, C44_GPa = 0;
  double shell_gap = 0;  // smallest |r_shell − rc| / rc at a_A
};

/// Lattice vectors (in units of a) of fcc or bcc out to |n| <= nmax conventional cells.
std::vector<Vec3> lattice_vectors(const std::string& kind, int nmax = 6) {
  std::vector<Vec3> basis = {Vec3(0, 0, 0)};
  if (kind == "fcc") {
    basis.push_back(Vec3(0.5, 0.5, 0));
    basis.push_back(Vec3(0.5, 0, 0.5));
    basis.push_back(Vec3(0, 0.5, 0.5));
  } else {
    basis.push_back(Vec3(0.5, 0.5, 0.5));
  }
  std::vector<Vec3> out;
  for (int i = -nmax; i <= nmax; ++i)
    for (int j = -nmax; j <= nmax; ++j)
      for (int k = -nmax; k <= nmax; ++k)
        for (const auto& b : basis) {
          const Vec3 v = Vec3(i, j, k) + b;
          if (v.squaredNorm() > 0) out.push_back(v);
        }
  return out;
}

/// Static elastic constants of a monatomic Bravais lattice with pair energy φ: per atom E(ε) = ½
/// Σ_R φ(|(1+ε)R|), so d²E/dt² along ε = tP is ½ Σ_R [φ''(R) (R·PR/R)² + φ'(R) (|PR|²/R −
/// (R·PR)²/R³)]; divided by the volume per atom it gives C11 (P = xx), 2(C11 + C12) (P = xx + yy)
/// and 4 C44 (P = xy + yx). The lattice constant is the root of Σ_R φ'(R) R (zero pressure), by
/// bisection.
LatticeSums lj_lattice_sums(const std::string& kind, double rc) {
  const auto vectors = lattice_vectors(kind);
  const double atoms_per_cell = kind == "fcc" ? 4 : 2;
  auto dphi = [](double r) { return 4 * kEps * (-12 * std::pow(kSigma / r, 12) + 6 * std::pow(kSigma / r, 6)) / r; };
  auto d2phi = [](double r) {
    return 4 * kEps * (156 * std::pow(kSigma / r, 12) - 42 * std::pow(kSigma / r, 6)) / (r * r);
  };
  auto virial = [&](double a) {
    double s = 0;
    for (const auto& v : vectors) {
      const double r = a * v.norm();
      if (r < rc) s += dphi(r) * r;
    }
    return s;
  };
  double lo = 0.9 * kSigma,
         hi = 2.0 * kSigma;  // virial < 0 (compressed) at lo, > 0 at hi
  for (int k = 0; k < 200; ++k) {
    const double mid = 0.5 * (lo + hi);
    (virial(mid) < 0 ? lo : hi) = mid;
  }
  LatticeSums out;
  out.a_A = 0.5 * (lo + hi);
  const double volume = out.a_A * out.a_A * out.a_A / atoms_per_cell;
  auto curvature = [&](const Mat3& p) {
    double s = 0;
    for (const auto& v : vectors) {
      const Vec3 R = out.a_A * v;
      const double r = R.norm();
      if (r >= rc) continue;
      const Vec3 pr = p * R;
      const double x = R.dot(pr) / r;
      s += d2phi(r) * x * x + dphi(r) * (pr.squaredNorm() / r - x * x / r);
    }
    return 0.5 * s / volume * kEvPerA3_to_GPa;
  };
  Mat3 xx = Mat3::Zero(), xxyy = Mat3::Zero(), xy = Mat3::Zero();
  xx(0, 0) = 1;
  xxyy(0, 0) = xxyy(1, 1) = 1;
  xy(0, 1) = xy(1, 0) = 1;
  out.C11_GPa = curvature(xx);
  out.C12_GPa = curvature(xxyy) / 2 - out.C11_GPa;
  out.C44_GPa = curvature(xy) / 4;
  out.shell_gap = 1.0;
  for (const auto& v : vectors) out.shell_gap = std::min(out.shell_gap, std::abs(out.a_A * v.norm() - rc) / rc);
  return out;
}

CubicBuilder lattice_builder(const std::string& kind) {
  if (kind == "fcc") return [](double a) { return bulk_fcc("Cu", a); };
  return [](double a) { return bulk_bcc("Cu", a); };
}
}  // namespace

TEST_CASE("fcc LJ: relaxed-ion elastic constants equal the lattice sums, C12 = C44 (Cauchy)",
          "[protocols][stability]") {
  // rc = 2.8 σ lies between the 7th and 8th fcc shells (2.68 σ and 2.90 σ at a0).
  const double rc = 2.8 * kSigma;
  const LatticeSums sums = lj_lattice_sums("fcc", rc);
  REQUIRE(sums.shell_gap > 0.03);  // strains of 1e-3 move no neighbour across the cutoff
  LennardJonesEngine lj("Cu", kEps, kSigma, rc, true);
  const CubicLattice eq = cubic_equilibrium(lj, lattice_builder("fcc"), 3.6);
  CHECK(eq.a_A == Approx(sums.a_A).epsilon(1e-9));
  const Structure cell = bulk_fcc("Cu", eq.a_A);
  const CubicElasticConstants c = cubic_elastic(lj, cell);
  INFO("protocol C11 " << c.C11_GPa << " C12 " << c.C12_GPa << " C44 " << c.C44_GPa << "; lattice sums " << sums.C11_GPa
                       << " " << sums.C12_GPa << " " << sums.C44_GPa << " GPa");
  CHECK(c.relaxed_ions);
  // Central differences at the default strain 1e-3 carry a truncation error O(e²) (measured ≤ 5e-5
  // relative); at 1e-4 it falls a hundredfold.
  CHECK(c.C11_GPa == Approx(sums.C11_GPa).epsilon(1e-4));
  CHECK(c.C12_GPa == Approx(sums.C12_GPa).epsilon(1e-4));
  CHECK(c.C44_GPa == Approx(sums.C44_GPa).epsilon(1e-4));
  ElasticOptions fine;
  fine.strain = 1e-4;
  const CubicElasticConstants cf = cubic_elastic(lj, cell, fine);
  CHECK(cf.C11_GPa == Approx(sums.C11_GPa).epsilon(1e-6));
  CHECK(cf.C12_GPa == Approx(sums.C12_GPa).epsilon(1e-6));
  CHECK(cf.C44_GPa == Approx(sums.C44_GPa).epsilon(1e-6));
  // Cauchy relation: central pair forces, every atom a centre of symmetry, zero pressure.
  CHECK(sums.C12_GPa == Approx(sums.C44_GPa).epsilon(1e-12));
  CHECK(cf.C12_GPa == Approx(cf.C44_GPa).epsilon(1e-6));
  // Every fcc atom is an inversion centre: the ions do not move, clamped = relaxed.
  ElasticOptions clamped;
  clamped.relax_ions = false;
  const CubicElasticConstants cc = cubic_elastic(lj, cell, clamped);
  CHECK(cc.C44_GPa == Approx(c.C44_GPa).epsilon(1e-10));
  for (const auto& b : born_criteria(c)) CHECK(b.met);

  // Random displacements of 0.08 Å in 32 atoms (2×2×2 cells), relaxed with the cell: back to the
  // ideal crystal.
  const RandomDisplacementResult r = random_displacement_test(lj, cell);
  INFO("dE positions " << r.dE_positions_meV << " cell " << r.dE_cell_meV.value_or(NAN) << " meV/atom; rms shift "
                       << r.rms_shift_A << " A; strain " << r.max_strain);
  CHECK(r.natoms == 32);
  CHECK(r.converged);
  CHECK_FALSE(r.unstable);
  REQUIRE(r.dE_cell_meV);
  CHECK(std::abs(r.dE_positions_meV) < 1e-4);
  CHECK(std::abs(*r.dE_cell_meV) < 1e-4);
  CHECK(r.rms_shift_A < 1e-3);
  CHECK(r.max_strain < 1e-4);
  CHECK(lattice_stability(lj, cell).stable());
}

TEST_CASE("bcc LJ is mechanically unstable (C11 < C12) and random displacements find lower energy",
          "[protocols][stability]") {
  // rc = 2.6 σ lies between bcc shells at 2.48 σ and 2.71 σ.
  const double rc = 2.6 * kSigma;
  const LatticeSums sums = lj_lattice_sums("bcc", rc);
  REQUIRE(sums.shell_gap > 0.03);
  REQUIRE(sums.C11_GPa - sums.C12_GPa < 0);  // the known answer: bcc LJ has C' < 0
  LennardJonesEngine lj("Cu", kEps, kSigma, rc, true);
  const CubicLattice eq = cubic_equilibrium(lj, lattice_builder("bcc"), 2.9);
  CHECK(eq.a_A == Approx(sums.a_A).epsilon(1e-9));
  const Structure cell = bulk_bcc("Cu", eq.a_A);
  const LatticeStability st = lattice_stability(lj, cell);
  INFO("C11 " << st.elastic.C11_GPa << " C12 " << st.elastic.C12_GPa << " C44 " << st.elastic.C44_GPa
              << " GPa; lattice sums " << sums.C11_GPa << " " << sums.C12_GPa << " " << sums.C44_GPa);
  CHECK(st.elastic.C11_GPa == Approx(sums.C11_GPa).epsilon(1e-4));
  CHECK(st.elastic.C12_GPa == Approx(sums.C12_GPa).epsilon(1e-4));
  CHECK(st.elastic.C44_GPa == Approx(sums.C44_GPa).epsilon(1e-4));
  REQUIRE(st.born.size() == 3);
  CHECK_FALSE(st.born[0].met);  // C11 - C12 > 0
  CHECK(st.born[0].value_GPa == Approx(sums.C11_GPa - sums.C12_GPa).epsilon(1e-3));
  CHECK(st.born[1].met);
  CHECK(st.born[2].met);
  REQUIRE(st.random);
  const auto& r = *st.random;
  INFO("dE positions " << r.dE_positions_meV << " cell " << r.dE_cell_meV.value_or(NAN) << " meV/atom; strain "
                       << r.max_strain);
  CHECK(r.natoms == 128);  // 4×4×4 cells of 2 atoms
  CHECK(r.unstable);
  REQUIRE(r.dE_cell_meV);
  CHECK(*r.dE_cell_meV < -1.0);
  CHECK(*r.dE_cell_meV <= r.dE_positions_meV + 1e-9);  // the cell stage starts where the atoms ended
  CHECK(r.rms_shift_A > 0.05);                         // the atoms left their bcc sites
  CHECK_FALSE(st.stable());
  const auto f = st.failures();
  REQUIRE(f.size() == 2);
  CHECK_THAT(f[0], Catch::Contains("C11 - C12 > 0 violated"));
  CHECK_THAT(f[1], Catch::Contains("below the ideal crystal"));

  // bcc LJ is dynamically unstable at its cubic cell too: the displaced atoms alone, in the fixed
  // ideal cell, already end tens of meV/atom lower (the Bain strain is then not needed).
  RandomDisplacementOptions fixed;
  fixed.relax_cell = false;
  const RandomDisplacementResult rf = random_displacement_test(lj, cell, fixed);
  CHECK_FALSE(rf.dE_cell_meV);
  CHECK(rf.max_strain == 0.0);
  CHECK(rf.unstable);
  CHECK(rf.dE_positions_meV == Approx(r.dE_positions_meV).epsilon(1e-12));  // same seed, same path
}

TEST_CASE("Relaxed-ion elastic constants: only sites without inversion symmetry relax",
          "[protocols][stability]") {
  // A Laves-phase-sized binary LJ (σ_AA / σ_BB = 1.225, the ideal C15 radius ratio).
  LennardJonesEngine lj;
  const double rc = 12.0;
  lj.set("Na", "Na", 0.02, 3.80, rc, true);
  lj.set("Au", "Au", 0.02, 3.80 / 1.225, rc, true);
  lj.set("Na", "Au", 0.03, 0.5 * (3.80 + 3.80 / 1.225), rc, true);
  auto check = [&](const std::string& proto, double guess) {
    const auto build = [&](double a) { return intermetallic(proto, "Na", "Au", a); };
    const CubicLattice eq = cubic_equilibrium(lj, build, guess);
    const Structure cell = build(eq.a_A);
    ElasticOptions clamped;
    clamped.relax_ions = false;
    return std::make_pair(cubic_elastic(lj, cell), cubic_elastic(lj, cell, clamped));
  };
  // C15: the 8a (A) sites have point group -43m, no inversion: a shear moves them (as in diamond)
  // and lowers C44; tension along a cube axis keeps their symmetry, C11 and C12 stay.
  const auto [relaxed, clamped] = check("C15", 8.0);
  INFO("C15 relaxed " << relaxed.C11_GPa << " " << relaxed.C12_GPa << " " << relaxed.C44_GPa << "; clamped "
                      << clamped.C11_GPa << " " << clamped.C12_GPa << " " << clamped.C44_GPa);
  CHECK(relaxed.C44_GPa < clamped.C44_GPa * (1 - 1e-3));
  CHECK(relaxed.C11_GPa == Approx(clamped.C11_GPa).epsilon(1e-6));
  CHECK(relaxed.C12_GPa == Approx(clamped.C12_GPa).epsilon(1e-6));
  // B2: every atom an inversion centre.
  const auto [b2r, b2c] = check("B2", 3.6);
  CHECK(b2r.C11_GPa == Approx(b2c.C11_GPa).epsilon(1e-9));
  CHECK(b2r.C44_GPa == Approx(b2c.C44_GPa).epsilon(1e-9));
}

TEST_CASE("relax_cell_shape returns a sheared, stretched fcc crystal to its cubic cell",
          "[protocols][stability]") {
  const double rc = 2.8 * kSigma;
  LennardJonesEngine lj("Cu", kEps, kSigma, rc, true);
  const CubicLattice eq = cubic_equilibrium(lj, lattice_builder("fcc"), 3.6);
  const Structure ideal = repeat(bulk_fcc("Cu", eq.a_A), 2, 2, 2);
  Mat3 f = Mat3::Identity();
  f(0, 0) = 1.02;
  f(1, 2) = f(2, 1) = 0.015;
  f(2, 2) = 0.99;
  Structure s = ideal;
  s.cell = f * ideal.cell;
  s.positions = f * ideal.positions;
  Lbfgs lbfgs(OptimizerOptions{1e-6, 5000, 0.1});
  CellShapeOptions opt;
  opt.optimizer = &lbfgs;
  const CellRelaxResult r = relax_cell_shape(lj, s, opt);
  INFO("steps " << r.cycles << " stress " << r.max_stress_GPa << " GPa");
  CHECK(r.converged);
  CHECK(r.energy_eV == Approx(lj.energy(ideal)).epsilon(1e-9));
  // The metric tensor (rotation-free) of the relaxed cell is the cubic one.
  const Mat3 g = r.structure.cell.transpose() * r.structure.cell;
  const double l = 2 * eq.a_A;
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) CHECK(g(i, j) == Approx(i == j ? l * l : 0.0).margin(1e-4 * l * l));
  CHECK(r.max_stress_GPa < 1e-3);

  Structure slab = ideal;
  slab.pbc[2] = false;
  CHECK_THROWS_WITH(relax_cell_shape(lj, slab, opt), Catch::Contains("periodic along a, b and c"));
  CHECK_THROWS_WITH(relax_cell_shape(lj, ideal, {}), Catch::Contains("'optimizer' is required"));
  ElasticOptions bad;
  bad.strain = 0;
  CHECK_THROWS_WITH(cubic_elastic(lj, ideal, bad), Catch::Contains("'strain' must be > 0"));
  RandomDisplacementOptions zero;
  zero.amplitude_A = 0;
  CHECK_THROWS_WITH(random_displacement_test(lj, ideal, zero), Catch::Contains("'amplitude_A' must be > 0"));
}

TEST_CASE("Potential stability reports: target compounds, warnings naming structure and criterion",
          "[potentials][stability]") {
  using namespace nabridge::potentials;
  const auto b2 = parse_stability_compound("B2:Na,Al");
  CHECK(b2.prototype == "B2");
  CHECK(b2.system() == "NaAl (B2)");
  CHECK(parse_stability_compound("L12:Al,Na").system() == "Al3Na (L12)");
  CHECK(parse_stability_compound("C15:Na,Au").system() == "NaAu2 (C15)");
  CHECK_THROWS_WITH(parse_stability_compound("B2-Na,Al"), Catch::Contains("'B2-Na,Al'"));
  CHECK_THROWS_WITH(parse_stability_compound("D03:Na,Al"), Catch::Contains("'D03'"));
  CHECK_THROWS_WITH(parse_stability_compound("B2:Na"), Catch::Contains("two elements"));
  CHECK_THROWS_WITH(parse_stability_compound("B2:Na,Na"), Catch::Contains("must differ"));

  auto target = [](const std::string& kind, const std::string& proto) {
    CrossTarget t;
    t.kind = kind;
    t.structure = proto;
    t.elements = {"Cu", "Au"};
    return t;
  };
  CrossTarget sol;
  sol.kind = "solution_energy";
  const auto compounds = target_compounds(
      {target("formation_energy", "L12"), sol, target("lattice_constant", "L12"), target("formation_energy", "B2")});
  REQUIRE(compounds.size() == 2);
  CHECK(compounds[0].system() == "Cu3Au (L12)");
  CHECK(compounds[1].system() == "CuAu (B2)");

  // Zhou 2004 Cu-Au with the bare alloy rule: fcc Cu and Au and L12 Cu3Au are stable; every report
  // has its zero-pressure lattice constant and relaxed-ion constants.
  const auto p = read_zhou_parameters(std::string(NABRIDGE_SOURCE_DIR) + "/potentials/zhou2004/zhou2004.toml");
  const ZhouAlloyModel model({p.get("Cu"), p.get("Au")}, 6.9);
  CrossFitSpec spec;
  spec.elements = {{"Cu", {"fcc", 3.615}}, {"Au", {"fcc", 4.08}}};
  spec.targets = {target("formation_energy", "L12")};
  const auto reports = cross_fit_stability(model, spec);
  INFO(stability_markdown(reports));
  REQUIRE(reports.size() == 3);
  CHECK(reports[0].structure.system() == "Au");
  CHECK(reports[2].structure.system() == "Cu3Au (L12)");
  for (const auto& r : reports) {
    CHECK(r.error.empty());
    CHECK(r.stable());
    CHECK(r.result.elastic.relaxed_ions);
    REQUIRE(r.result.random);
    CHECK(std::abs(r.result.random->dE_min_meV()) < 0.01);
  }
  CHECK(reports[2].a_A == Approx(3.75).margin(0.1));
  CHECK(stability_warnings(reports).empty());
  CHECK_THAT(stability_markdown(reports), Catch::Contains("| Cu3Au (L12) |"));

  // A report that failed a criterion names the structure and the criterion.
  StabilityReport bad;
  bad.structure = b2;
  bad.result.elastic = {50.0, 60.0, 20.0, true};
  bad.result.born = born_criteria(bad.result.elastic);
  const auto w = stability_warnings({bad});
  REQUIRE(w.size() == 1);
  CHECK(w[0] ==
        "WARNING: NaAl (B2) is not stable: Born criterion C11 - C12 > "
        "0 violated (C11 - C12 = -10 GPa)");
  StabilityReport missing;
  missing.structure = b2;
  missing.error = "no zero-pressure lattice constant: no sign change";
  CHECK_THAT(stability_warnings({missing})[0], Catch::Contains("NaAl (B2): stability not checked"));
}
