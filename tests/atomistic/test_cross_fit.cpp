// Cross-term fitting: a fit on synthetic reference data generated with known corrections
// recovers them; intermetallic prototypes have the right coordination; spec errors.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "potentials/cross_fit.h"
#include "potentials/eam_engine.h"
#include "potentials/zhou_params.h"
#include "structure/intermetallics.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;
using namespace nabridge::potentials;

namespace {
ZhouAlloyModel cu_au() {
  const auto p = read_zhou_parameters(std::string(NABRIDGE_SOURCE_DIR) + "/potentials/zhou2004/zhou2004.toml");
  return ZhouAlloyModel({p.get("Cu"), p.get("Au")}, 6.9);  // 6.9 Å: clear of the Cu and Au shells
}

CrossTarget target(const std::string& kind, const std::string& structure, double value, double sigma) {
  CrossTarget t;
  t.kind = t.property = kind;
  t.structure = structure;
  t.elements = {"Cu", "Au"};
  t.value = value;
  t.sigma = sigma;
  t.source = "synthetic";
  return t;
}

// One substitutional solute in a 2×2×2 conventional-cell host; the value is set by the caller.
CrossTarget solution_target(const std::string& host, const std::string& solute, double sigma) {
  CrossTarget t;
  t.kind = t.property = "solution_energy";
  t.host = host;
  t.solute = solute;
  t.reps = 2;
  t.sigma = sigma;
  t.source = "synthetic";
  return t;
}

/// Fits the free parameters of a Cu-Au term, from the bare rule, to four alloy quantities of the
/// model with `known` (the ordered compounds and a solute in each host: the host atoms around a
/// solute feel its density, so these pin the density parameters too).
CrossFitResult fit_to_known(const CrossTerm& known, const std::vector<std::string>& free) {
  const ZhouAlloyModel base = cu_au();
  ZhouAlloyModel truth = base;
  truth.set_cross("Cu", "Au", known);
  CrossFitSpec spec;
  spec.file = "(test)";
  spec.elements = {{"Cu", {"fcc", 3.615}}, {"Au", {"fcc", 4.08}}};
  spec.pairs = {{"Cu", "Au", free, std::vector<double>(free.size(), 0.0), CrossTerm{}}};
  spec.targets = {target("formation_energy", "L12", 0, 0.01), target("formation_energy", "B2", 0, 0.01),
                  solution_target("Cu", "Au", 0.01), solution_target("Au", "Cu", 0.01)};
  EamEngine engine(truth);
  const auto ground = elemental_ground_states(engine, spec.elements, {"Cu", "Au"});
  for (auto& t : spec.targets) t.value = evaluate_cross_target(engine, t, spec.elements, ground, true);
  return fit_cross_terms(base, spec);
}
}  // namespace

TEST_CASE("Intermetallic prototypes: composition and nearest-neighbour shells", "[potentials][structure]") {
  const Structure c15 = intermetallic("C15", "Na", "Au", 7.8);
  REQUIRE(c15.size() == 24);
  CHECK(std::count(c15.species.begin(), c15.species.end(), "Na") == 8);
  // Laves C15: A has 4 A at a√3/4 and 12 B at a√11/8; B has 6 B at a√2/4 and 6 A.
  auto count = [&](std::size_t i, const std::string& el, double d) {
    int n = 0;
    for (std::size_t j = 0; j < c15.size(); ++j) {
      if (c15.species[j] != el || j == i) continue;
      for (int a = -1; a <= 1; ++a)
        for (int b = -1; b <= 1; ++b)
          for (int c = -1; c <= 1; ++c)
            if (std::abs((c15.positions.col(j) + c15.cell * Vec3(a, b, c) - c15.positions.col(i)).norm() - d) < 1e-6)
              ++n;
    }
    return n;
  };
  const double a = 7.8;
  CHECK(count(0, "Na", a * std::sqrt(3.0) / 4) == 4);
  CHECK(count(0, "Au", a * std::sqrt(11.0) / 8) == 12);
  CHECK(count(2, "Au", a * std::sqrt(2.0) / 4) == 6);
  CHECK(count(2, "Na", a * std::sqrt(11.0) / 8) == 6);
  CHECK(intermetallic("L12", "Cu", "Au", 3.7).size() == 4);
  CHECK(intermetallic_formula("C15") == std::make_pair(1, 2));
  CHECK_THROWS_WITH(intermetallic("D03", "A", "B", 3.0), Catch::Contains("'D03'"));
}

TEST_CASE("Cross-term fit recovers known Cu-Au corrections from synthetic data", "[potentials][fit]") {
  const ZhouAlloyModel base = cu_au();
  ZhouAlloyModel truth = base;
  const CrossTerm known{0.85, 1.04};
  truth.set_cross("Cu", "Au", known);

  CrossFitSpec spec;
  spec.file = "(test)";
  spec.elements = {{"Cu", {"fcc", 3.615}}, {"Au", {"fcc", 4.08}}};
  spec.pairs = {{"Cu", "Au", {"scale", "stretch"}, {0.0, 0.0}, CrossTerm{}}};
  spec.targets = {target("formation_energy", "L12", 0, 0.01), target("formation_energy", "B2", 0, 0.01),
                  target("lattice_constant", "L12", 0, 0.01), solution_target("Cu", "Au", 0.02)};

  // Reference values from the known corrections (solution energy relaxed, as the fit reports it).
  EamEngine engine(truth);
  const auto ground = elemental_ground_states(engine, spec.elements, {"Cu", "Au"});
  for (auto& t : spec.targets) t.value = evaluate_cross_target(engine, t, spec.elements, ground, true);

  const CrossFitResult r = fit_cross_terms(base, spec);
  INFO(cross_fit_markdown(r) << r.message);
  CHECK(r.converged);
  const CrossTerm fitted = r.terms.at({"Cu", "Au"});
  CHECK(fitted.scale == Approx(known.scale).epsilon(1e-4));
  CHECK(fitted.stretch == Approx(known.stretch).epsilon(1e-4));
  CHECK(r.rows[0].model_start < 0.0);  // the bare Zhou rule makes Cu3Au, as experiment has it
  for (const auto& row : r.rows) {
    CHECK(std::abs(row.residual) < 1e-3);
    CHECK(row.model_start != Approx(row.model).epsilon(1e-3));  // the start (bare rule) was off
  }
  // Round trip through a cross-term file.
  const auto dir = std::filesystem::path(NABRIDGE_BINARY_DIR) / "test-scratch" / "cross_fit";
  std::filesystem::create_directories(dir);
  write_cross_terms(cross_fit_file(r, "synthetic"), (dir / "cross.toml").string());
  const CrossTermFile back = read_cross_terms((dir / "cross.toml").string());
  CHECK(back.pairs.at({"Cu", "Au"}).scale == Approx(fitted.scale).epsilon(1e-14));
  CHECK(back.fit.size() == 4);
}

TEST_CASE("Cross-term fit recovers a known Finnis-Sinclair density factor", "[potentials][fit]") {
  // Au's density at a Cu atom ×1.3 on top of a scale correction.
  const CrossFitResult r = fit_to_known({0.9, 1.0, {{"Cu", 1.3}}}, {"scale", "density_at_Cu"});
  INFO(cross_fit_markdown(r) << r.message);
  CHECK(r.converged);
  const CrossTerm fitted = r.terms.at({"Cu", "Au"});
  CHECK(fitted.scale == Approx(0.9).epsilon(1e-4));
  CHECK(fitted.density_factor_at("Cu") == Approx(1.3).epsilon(1e-4));
  CHECK(fitted.density_factor_at("Au") == 1.0);  // not free
}

TEST_CASE("Cross-term fit recovers a known cross-density range", "[potentials][fit]") {
  // Both cross densities of Cu-Au reach 6 % further.
  const CrossFitResult r = fit_to_known({1.0, 1.0, {}, 1.06}, {"density_stretch"});
  INFO(cross_fit_markdown(r) << r.message);
  CHECK(r.converged);
  CHECK(r.terms.at({"Cu", "Au"}).density_stretch == Approx(1.06).epsilon(1e-4));
  CHECK(r.terms.at({"Cu", "Au"}).scale == 1.0);  // not free
  CHECK(cross_fit_markdown(r).find("| Cu-Au | 1.00000 | 1.00000 | 1 | 1.06000 |") != std::string::npos);
}

TEST_CASE("Cross-term files: density_stretch written only when not 1, read back, bad values named",
          "[potentials][fit]") {
  const auto dir = std::filesystem::path(NABRIDGE_BINARY_DIR) / "test-scratch" / "cross_terms_range";
  std::filesystem::create_directories(dir);
  CrossTermFile f;
  f.pairs[{"Cu", "Au"}] = {0.9, 1.02, {{"Cu", 1.3}}, 1.0625};
  f.pairs[{"Na", "Cu"}] = {1.1, 0.95, {}, 1.0};
  const std::string path = (dir / "cross.toml").string();
  write_cross_terms(f, path);
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(text.find("[pairs.\"Cu-Au\"]\nscale = 0.90000000000000002\nstretch = 1.02\ndensity_at_Cu = 1.3\n"
                  "density_stretch = 1.0625\n") != std::string::npos);
  CHECK(text.find("density_stretch") == text.rfind("density_stretch"));  // none for Na-Cu's default range
  const CrossTermFile back = read_cross_terms(path);
  CHECK(back.pairs.at({"Cu", "Au"}).density_stretch == 1.0625);
  CHECK(back.pairs.at({"Na", "Cu"}).density_stretch == 1.0);

  for (const std::string bad : {"0", "-0.5"}) {
    const std::string file = (dir / "bad.toml").string();
    std::ofstream(file) << "[pairs.\"Cu-Au\"]\nscale = 1\ndensity_stretch = " << bad << "\n";
    CHECK_THROWS_WITH(read_cross_terms(file), Catch::Contains("bad.toml") && Catch::Contains("density_stretch") &&
                                                  Catch::Contains("must be > 0"));
  }
}

TEST_CASE("Cross-fit spec errors name the file and entry", "[potentials][fit]") {
  const auto dir = std::filesystem::path(NABRIDGE_BINARY_DIR) / "test-scratch" / "cross_spec";
  std::filesystem::create_directories(dir);
  const std::string head = "recipe = \"r.toml\"\n[elements.Na]\nlattice = \"bcc\"\na_guess_A = 4.2\n"
                           "[[pair]]\nelements = [\"Na\", \"Au\"]\nfree = [\"scale\"]\n";
  auto write = [&](const std::string& name, const std::string& text) {
    std::ofstream(dir / name) << text;
    return (dir / name).string();
  };
  CHECK_THROWS_WITH(read_cross_fit_spec(
                        write("a.toml", head + "[[target]]\nkind = \"heat\"\nsigma = 1\nvalue = 1\nsource = \"x\"\n")),
                    Catch::Contains("a.toml") && Catch::Contains("target[0].kind") && Catch::Contains("'heat'"));
  CHECK_THROWS_WITH(
      read_cross_fit_spec(write("b.toml", head + "[[target]]\nkind = \"formation_energy\"\nstructure = \"C15\"\n"
                                                 "elements = [\"Na\", \"Au\"]\nsigma = 1\nmax = 0\nsource = \"x\"\n")),
      Catch::Contains("b.toml") && Catch::Contains("'Au'"));
  CHECK_THROWS_WITH(
      read_cross_fit_spec(write("c.toml", head + "[[target]]\nkind = \"formation_energy\"\nstructure = \"C15\"\n"
                                                 "elements = [\"Na\", \"Na\"]\nsigma = 1\nmax = 0\nsource = \"x\"\n")),
      Catch::Contains("target[0].elements"));
  CHECK_THROWS_WITH(read_cross_fit_spec(write("e.toml",
                                              "recipe = \"r.toml\"\n[elements.Na]\nlattice = \"bcc\"\na_guess_A = 4.2\n"
                                              "[[pair]]\nelements = [\"Na\", \"Au\"]\nfree = [\"density_at_Cu\"]\n")),
                    Catch::Contains("e.toml") && Catch::Contains("pair[0].free") && Catch::Contains("density_at_Na") &&
                        Catch::Contains("density_stretch"));
  CHECK_THROWS_WITH(
      read_cross_fit_spec(write("d.toml", "recipe = \"r.toml\"\n[elements.Na]\nlattice = \"hcp\"\na_guess_A = 3\n")),
      Catch::Contains("elements.Na.lattice"));
  const std::string dft = head + "[[dft]]\nset = \"ref.toml\"\nsystems = [\"Au111\"]\n[[dft.shift]]\n";
  CHECK_THROWS_WITH(read_cross_fit_spec(write(
                        "f.toml", dft + "system = \"Cu111\"\nconverged = \"Cu111-4L\"\nconfig = \"fcc_z2.35\"\n")),
                    Catch::Contains("f.toml") && Catch::Contains("dft[0].shift[0].system") &&
                        Catch::Contains("not one of this [[dft]]'s systems"));
  CHECK_THROWS_WITH(
      read_cross_fit_spec(write("g.toml", dft + "system = \"Au111\"\nconverged = \"Au111\"\nconfig = \"fcc_z2.30\"\n")),
      Catch::Contains("dft[0].shift[0].converged"));
  CHECK_THROWS_WITH(read_cross_fit_spec(write("h.toml", dft + "system = \"Au111\"\nconverged = \"Au111-4L\"\n")),
                    Catch::Contains("dft[0].shift[0].config"));
}

TEST_CASE("Cross-term fit to fixed-geometry binding energies recovers a known correction", "[potentials][fit]") {
  // Au adatoms on a frozen Cu(111) slab at three heights over the fcc hollow: the kind of target a
  // DFT binding curve gives (workflow/dft_targets.h), energies vs the adatom's bulk.
  const ZhouAlloyModel base = cu_au();
  ZhouAlloyModel truth = base;
  const CrossTerm known{1.3, 0.96};
  truth.set_cross("Cu", "Au", known);
  SlabSpec slab_spec;
  slab_spec.miller = Eigen::Vector3i(1, 1, 1);
  slab_spec.layers = 3;
  slab_spec.vacuum_A = 12.0;
  slab_spec.repeat_a = slab_spec.repeat_b = 2;
  Slab slab = make_slab(bulk_prototype("fcc", {"Cu"}, 3.615), slab_spec);
  for (auto& f : slab.structure.free_dofs) f = dof::kNone;

  CrossFitSpec spec;
  spec.file = "(test)";
  spec.elements = {{"Cu", {"fcc", 3.615}}, {"Au", {"fcc", 4.08}}};
  spec.pairs = {{"Cu", "Au", {"scale", "stretch"}, {0.0, 0.0}, CrossTerm{}}};
  // Over the centre of the first surface triangle, at three heights.
  const Vec3 a = slab.structure.cell.col(0) / slab_spec.repeat_a, b = slab.structure.cell.col(1) / slab_spec.repeat_b;
  const Vec3 hollow = (a + b) / 3.0;
  for (double h : {1.9, 2.2, 2.6}) {
    CrossTarget t;
    t.kind = t.property = "binding_energy";
    t.substrate = "Cu";
    t.adsorbate = "Au";
    t.reference = "bulk";
    t.clean = slab.structure;
    t.adsorbed = slab.structure;
    t.adsorbed.add_atom("Au", Vec3(hollow.x(), hollow.y(), slab.layer_z_A.back() + h), dof::kNone);
    t.label = "Au on Cu(111) z=" + std::to_string(h);
    t.sigma = 0.01;
    t.source = "synthetic";
    spec.targets.push_back(t);
  }
  EamEngine engine(truth);
  const auto ground = elemental_ground_states(engine, spec.elements, {"Cu", "Au"});
  for (auto& t : spec.targets) {
    t.value = evaluate_cross_target(engine, t, spec.elements, ground, true);
    // By definition: E(slab + adatom) − E(slab) − E(bulk Au)/atom, nothing relaxed.
    CHECK(*t.value == Approx(engine.energy(t.adsorbed) - engine.energy(t.clean) - ground.e_eV.at("Au")).epsilon(1e-12));
  }
  const CrossFitResult r = fit_cross_terms(base, spec);
  INFO(cross_fit_markdown(r) << r.message);
  CHECK(r.converged);
  CHECK(r.terms.at({"Cu", "Au"}).scale == Approx(known.scale).epsilon(1e-4));
  CHECK(r.terms.at({"Cu", "Au"}).stretch == Approx(known.stretch).epsilon(1e-4));
  CHECK(r.rows.front().target.system() == "Au on Cu(111) z=1.900000");
}
