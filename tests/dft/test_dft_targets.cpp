// The DFT reference as fit targets and as a potential's validation: with "DFT" energies made by
// an analytic engine, the engine must reproduce every fixed-geometry value exactly, and the
// derived quantities must follow their definitions.
#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <filesystem>
#include <fstream>

#include "../lammps/lammps_packages.h"
#include "dft_test_sets.h"
#include "engine/lammps_engine.h"
#include "engine/shell_engine.h"
#include "engines/pair_engine.h"
#include "optimize/optimizer.h"
#include "potentials/potential_library.h"
#include "protocols/cubic_lattice.h"
#include "workflow/dft_reference.h"
#include "workflow/dft_targets.h"
#include "workflow/lammps_engines.h"

using namespace nabridge;
using namespace nabridge::workflow;

namespace {


MorseEngine analytic_na_al() {
  MorseEngine m;
  m.set("Na", "Al", 0.5, 1.2, 3.3, 9.0);
  m.set("Na", "Na", 0.1, 1.6, 4.0, 9.0);
  m.set("Al", "Al", 0.3, 1.4, 2.86, 9.0);
  return m;
}

// The energy and forces of another engine without its virial, as ShellEngine gives them; counts
// the calls that asked for the virial anyway.
class EnergyOnly : public Engine {
 public:
  explicit EnergyOnly(Engine& inner) : inner_(inner) {}
  std::string describe() const override { return "energy only: " + inner_.describe(); }
  bool provides_virial() const override { return false; }
  int virial_requests = 0;

 protected:
  void compute(const Structure& s, Evaluation& out, bool want_virial) override {
    if (want_virial) ++virial_requests;
    inner_.evaluate(s, out, false);
    out.virial_eV.reset();
  }

 private:
  Engine& inner_;
};

// A bcc Na lattice scan "Na-scan" bracketing a0_A (0.04 A steps, the minimum off-centre).
std::string na_scan_system(double a0_A) {
  return fmt::format(R"([[system]]
name = "Na-scan"
kind = "bulk"
prototype = "bcc"
elements = ["Na"]
a_scan_A = [{:.4f}, {:.4f}, {:.4f}]
)",
                     a0_A - 0.03, a0_A + 0.01, a0_A + 0.05);
}

// Every calculation of the set "computed" with the analytic engine.
DftOutcomes analytic_outcomes(const DftReferenceSet& set, Engine& engine) {
  DftOutcomes done;
  for (const auto& sys : set.systems)
    for (const auto& c : sys.calculations) done[sys.name + "/" + c.config] = {engine.energy(c.structure), c.structure};
  return done;
}

}  // namespace

TEST_CASE("dft targets: binding-curve points become fixed-geometry fit targets", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;  // the set reader checks the CP2K data
  const auto dir = test::scratch_dir("targets");
  std::ofstream(dir / "reference.toml") << test::al100_top_scan_set(2.8);
  const auto set = read_dft_reference_set(dir / "reference.toml");
  MorseEngine engine = analytic_na_al();
  const DftOutcomes done = analytic_outcomes(set, engine);
  const double e_clean = done.at("Al100/clean").energy_eV, e_bulk = done.at("bulk/bulk").energy_eV / 2;

  const auto targets = dft_fit_targets(set, done, {(dir / "reference.toml").string(), {"Al100"}, 0.03, "bulk"});
  REQUIRE(targets.size() == 3);
  CHECK(targets[0].label == "Na on Al100 top z=2.80");
  CHECK(targets[0].species() == std::vector<std::string>{"Al", "Na"});
  CHECK(*targets[0].value == Approx(done.at("Al100/top_z2.80").energy_eV - e_clean - e_bulk).epsilon(1e-12));
  CHECK(targets[0].sigma == 0.03);

  CHECK_THROWS_WITH(dft_fit_targets(set, done, {"", {"Cu111"}, 0.03, "bulk"}), Catch::Contains("no system 'Cu111'"));
  CHECK_THROWS_WITH(dft_fit_targets(set, done, {"", {"bulk"}, 0.03, "bulk"}),
                    Catch::Contains("neither an adsorption system, a compound nor a film"));
  DftOutcomes without_clean = done;
  without_clean.erase("Al100/clean");
  CHECK_THROWS_WITH(dft_fit_targets(set, without_clean, {"", {"Al100"}, 0.03, "atom"}), Catch::Contains("'Al100'"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft targets: a convergence shift moves every point by the difference measured at one configuration",
          "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;  // the set reader checks the CP2K data
  const auto dir = test::scratch_dir("shift");
  // The same top point on a 3-layer slab: the "converged" system of the shift.
  std::ofstream(dir / "reference.toml") << test::al100_top_scan_set(2.8) << R"(
[[system]]
name = "Al100-3L"
kind = "adsorption"
prototype = "fcc"
elements = ["Al"]
a_A = 4.04
facet = "100"
layers = 3
repeat = [2, 2]
adsorbate = "Na"
height_A = 2.8
site_height_A = { top = 2.8 }
scan_offsets_A = [0.0]
sites = ["top"]
atom_reference = "atom"
bulk_reference = "bulk"
)";
  const auto set = read_dft_reference_set(dir / "reference.toml");
  MorseEngine engine = analytic_na_al();
  const DftOutcomes done = analytic_outcomes(set, engine);
  const double e_bulk = done.at("bulk/bulk").energy_eV / 2;
  const auto bind = [&](const std::string& system, const std::string& config) {
    return done.at(system + "/" + config).energy_eV - done.at(system + "/clean").energy_eV - e_bulk;
  };
  const double shift_eV = bind("Al100-3L", "top_z2.80") - bind("Al100", "top_z2.80");
  REQUIRE(std::abs(shift_eV) > 1e-4);  // the Morse slab's third layer does change the point

  potentials::CrossFitDftSource source{(dir / "reference.toml").string(), {"Al100"}, 0.03, "bulk"};
  source.shifts = {{"Al100", "Al100-3L", "top_z2.80"}};
  const auto targets = dft_fit_targets(set, done, source);
  REQUIRE(targets.size() == 3);
  // The shifted point is the 3-layer value itself; the others move by the same amount.
  CHECK(*targets[0].value == Approx(bind("Al100-3L", "top_z2.80")).epsilon(1e-12));
  CHECK(*targets[1].value == Approx(bind("Al100", "top_z2.50") + shift_eV).epsilon(1e-12));
  CHECK(*targets[2].value == Approx(bind("Al100", "top_z3.10") + shift_eV).epsilon(1e-12));
  CHECK_THAT(targets[1].source, Catch::Contains("Al100-3L − Al100 at top_z2.80"));

  DftOutcomes unfinished = done;
  unfinished.erase("Al100-3L/top_z2.80");
  CHECK_THROWS_WITH(dft_fit_targets(set, unfinished, source),
                    Catch::Contains("'Al100-3L'") && Catch::Contains("'top_z2.80'"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft targets: a compound becomes its formation-energy target in the same prototype", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("compound_target");
  // Al3Na in L12 (a hypothetical compound: only the bookkeeping is under test).
  std::ofstream(dir / "reference.toml") << test::al3na_compound_set("a_A = 4.4\n");
  const auto set = read_dft_reference_set(dir / "reference.toml");
  MorseEngine engine = analytic_na_al();
  const DftOutcomes done = analytic_outcomes(set, engine);
  const auto targets = dft_fit_targets(set, done, {"", {"Al3Na"}, 0.02, "bulk"});
  REQUIRE(targets.size() == 1);
  const auto& t = targets[0];
  CHECK(t.kind == "formation_energy");
  CHECK(t.structure == "L12");
  CHECK(t.elements == std::vector<std::string>{"Al", "Na"});
  CHECK(t.sigma == 0.02);
  // By hand: (E(Al3Na) − 3 E(Al)/atom − E(Na)/atom) / 4 with the cells' own atom counts.
  const double e_al = done.at("Al-fcc/bulk").energy_eV / done.at("Al-fcc/bulk").structure.size();
  const double e_na = done.at("bulk/bulk").energy_eV / done.at("bulk/bulk").structure.size();
  CHECK(*t.value == Approx((done.at("Al3Na/bulk").energy_eV - 3 * e_al - e_na) / 4).epsilon(1e-12));

  // The potential's E_form in the validation: every cell at its own energy minimum, here found
  // independently by a fine isotropic scan (the validation uses the cubic-lattice solver).
  const auto scanned_minimum_per_atom = [&](const Structure& s) {
    double best = 1e300;
    for (double f = 0.85; f <= 1.15; f += 2e-4) {
      Structure t = s;
      t.cell *= f;
      t.positions *= f;
      best = std::min(best, engine.energy(t) / static_cast<double>(t.size()));
    }
    return best;
  };
  const double expected = (scanned_minimum_per_atom(done.at("Al3Na/bulk").structure) * 4 -
                           3 * scanned_minimum_per_atom(done.at("Al-fcc/bulk").structure) -
                           scanned_minimum_per_atom(done.at("bulk/bulk").structure)) / 4;
  const auto rows = dft_validation(engine, {"Al", "Na"}, set, done);
  const auto e_form =
      std::find_if(rows.begin(), rows.end(), [](const DftValidationRow& r) { return r.quantity == "E_form"; });
  REQUIRE(e_form != rows.end());
  CHECK(e_form->system == "Al3Na");
  CHECK(e_form->dft == Approx(*t.value).epsilon(1e-12));
  CHECK(e_form->potential == Approx(expected).margin(1e-5));

  DftOutcomes without_reference = done;
  without_reference.erase("Al-fcc/bulk");
  CHECK_THROWS_WITH(dft_fit_targets(set, without_reference, {"", {"Al3Na"}, 0.02, "bulk"}),
                    Catch::Contains("'Al3Na'") && Catch::Contains("no finished calculation"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft reference: a hypothetical compound's lattice scan gives E_form at the parabola's vertex", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("compound_scan");
  const auto write_set = [&](const std::string& cell_keys) {
    std::ofstream(dir / "reference.toml") << test::al3na_compound_set(cell_keys);
    return dir / "reference.toml";
  };
  const auto set = read_dft_reference_set(write_set("a_scan_A = [4.20, 4.35, 4.50, 4.65]\n"));
  const DftSystem& al3na = set.systems.back();
  REQUIRE(al3na.calculations.size() == 4);
  CHECK(al3na.calculations[1].config == "bulk_a4.350");
  CHECK(al3na.calculations[1].structure.cell.col(0).norm() == Approx(4.35).epsilon(1e-12));

  // "DFT" energies: the references from an analytic engine, the compound's cell energy an exact
  // parabola in a, so the vertex through the lowest point and its neighbours is exact.
  MorseEngine engine = analytic_na_al();
  DftOutcomes done = analytic_outcomes(set, engine);
  constexpr double a0_A = 4.41, e0_eV = -11.0, curvature_eV_A2 = 3.0;
  for (const auto& c : al3na.calculations)
    done["Al3Na/" + c.config].energy_eV =
        e0_eV + curvature_eV_A2 * (c.lattice_constant_A - a0_A) * (c.lattice_constant_A - a0_A);
  const double e_al = done.at("Al-fcc/bulk").energy_eV / 4, e_na = done.at("bulk/bulk").energy_eV / 2;
  const double e_form_expected = (e0_eV - 3 * e_al - e_na) / 4;
  REQUIRE(dft_formation_energy(al3na, done));
  CHECK(*dft_formation_energy(al3na, done) == Approx(e_form_expected).epsilon(1e-12));
  std::map<std::string, double> summary;
  for (const auto& r : dft_summary(set, done))
    if (r.system == "Al3Na") summary[r.quantity] = r.value;
  CHECK(summary.at("a_min") == Approx(a0_A).epsilon(1e-12));
  CHECK(summary.at("E_form") == Approx(e_form_expected).epsilon(1e-12));
  const auto targets = dft_fit_targets(set, done, {"", {"Al3Na"}, 0.02, "bulk"});
  REQUIRE(targets.size() == 1);
  CHECK(*targets[0].value == Approx(e_form_expected).epsilon(1e-12));
  CHECK_THAT(targets[0].source, Catch::Contains("bulk_a4.200.json") && Catch::Contains("lattice scan"));

  // The lowest point at the scan's edge brackets nothing: no value, and the fit refuses it.
  DftOutcomes edge = done;
  edge.erase("Al3Na/bulk_a4.200");
  edge["Al3Na/bulk_a4.650"].energy_eV = e0_eV + 10.0;
  edge["Al3Na/bulk_a4.500"].energy_eV = e0_eV + 5.0;
  CHECK_FALSE(dft_formation_energy(al3na, edge));
  CHECK_THROWS_WITH(dft_fit_targets(set, edge, {"", {"Al3Na"}, 0.02, "bulk"}), Catch::Contains("'Al3Na'"));

  CHECK_THROWS_WITH(read_dft_reference_set(write_set("a_A = 4.4\na_scan_A = [4.2, 4.4, 4.6]\n")),
                    Catch::Contains("reference.toml") && Catch::Contains("a_A") && Catch::Contains("not both"));
  CHECK_THROWS_WITH(read_dft_reference_set(write_set("a_scan_A = [4.2, 4.4]\n")),
                    Catch::Contains("a_scan_A") && Catch::Contains("at least three"));
  CHECK_THROWS_WITH(read_dft_reference_set(write_set("a_scan_A = [4.2, 4.6, 4.4]\n")),
                    Catch::Contains("a_scan_A") && Catch::Contains("increase"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft validation: the engine that made the reference reproduces it", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("validation");
  std::ofstream(dir / "reference.toml") << test::al100_top_scan_set(2.8);
  const auto set = read_dft_reference_set(dir / "reference.toml");
  MorseEngine engine = analytic_na_al();
  const DftOutcomes done = analytic_outcomes(set, engine);

  const auto rows = dft_validation(engine, {"Al", "Na"}, set, done);
  INFO(dft_validation_csv(rows));
  std::map<std::string, const DftValidationRow*> by_quantity;
  for (const auto& r : rows) by_quantity[r.quantity] = &r;
  // Fixed geometries: identical by construction.
  for (const char* q : {"E_bind@z2.50", "E_bind@z2.80", "E_bind@z3.10"}) {
    REQUIRE(by_quantity.count(q));
    CHECK(by_quantity[q]->potential == Approx(by_quantity[q]->dft).epsilon(1e-12));
  }
  // The potential's own minimum in the height is below every scan point, and its E_bind and
  // E_ads_vs_bulk differ by its own cohesive energy of bcc Na at zero pressure.
  REQUIRE(by_quantity.count("E_bind"));
  REQUIRE(by_quantity.count("E_ads_vs_bulk"));
  REQUIRE(by_quantity.count("z_min"));
  for (const char* q : {"E_bind@z2.50", "E_bind@z2.80", "E_bind@z3.10"})
    CHECK(by_quantity["E_bind"]->potential <= by_quantity[q]->potential);
  CHECK(by_quantity["E_bind"]->potential ==
        Approx(by_quantity["E_bind"]->dft).margin(0.01));  // parabola vs exact minimum
  // The DFT side is a parabola through points 0.3 A apart on an asymmetric Morse well: its
  // vertex lies 0.05 A above the true minimum, which the potential side finds.
  CHECK(by_quantity["z_min"]->potential == Approx(2.798).margin(0.002));
  CHECK(by_quantity["z_min"]->dft == Approx(2.844).margin(0.002));
  const CubicLattice na = cubic_equilibrium(engine, "bcc", {"Na"}, 4.2);
  // E_bind − E_ads_vs_bulk = μ_bulk − μ_atom, and the isolated atom of a pair potential is 0.
  CHECK(by_quantity["E_bind"]->potential - by_quantity["E_ads_vs_bulk"]->potential ==
        Approx(na.energy_eV_per_atom).epsilon(1e-9));
  REQUIRE(by_quantity.count("E_coh"));
  CHECK(by_quantity["E_coh"]->dft == Approx(-done.at("bulk/bulk").energy_eV / 2).epsilon(1e-12));
  CHECK(by_quantity["E_coh"]->potential == Approx(-na.energy_eV_per_atom).epsilon(1e-9));

  const std::string csv = dft_validation_csv(rows);
  CHECK(csv.rfind("system,facet,site,quantity,dft,potential,unit\n", 0) == 0);
  const std::string md = dft_validation_markdown(rows, "analytic", "analytic Morse");
  CHECK_THAT(md, Catch::Contains("| Al100 | top | top |"));
  // A potential without Na has nothing to compare.
  CHECK(dft_validation(engine, {"Al"}, set, done).empty());
  // A potential with no zero-pressure bcc Na (a Na–Na term repulsive at every spacing near the
  // DFT cell) has no E_ads vs bulk and no E_coh: those rows are NaN with the reason naming the
  // DFT system, and the rows that do not need bulk Na still have their values.
  MorseEngine repulsive_na = analytic_na_al();
  repulsive_na.set("Na", "Na", 0.1, 1.6, 8.0, 9.0);
  const auto without_bulk = dft_validation(repulsive_na, {"Al", "Na"}, set, done);
  REQUIRE(without_bulk.size() == rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    INFO(rows[i].quantity);
    if (rows[i].quantity == "E_ads_vs_bulk" || rows[i].quantity == "E_coh") {
      CHECK(std::isnan(without_bulk[i].potential));
      CHECK_THAT(without_bulk[i].note,
                 Catch::Contains("DFT system 'bulk'") && Catch::Contains("no zero-pressure state"));
    } else {
      CHECK(std::isfinite(without_bulk[i].potential));
      CHECK(without_bulk[i].note.empty());
    }
  }
  CHECK_THAT(
      dft_validation_markdown(without_bulk, "repulsive", "analytic Morse"),
      Catch::Contains("Rows without a value, and why:") && Catch::Contains("- bulk atom E_coh: DFT system 'bulk'"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft validation: a lattice scan's a_min is compared with the potential's zero-pressure lattice constant",
          "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  MorseEngine engine = analytic_na_al();
  const double a0_A = cubic_equilibrium(engine, "bcc", {"Na"}, 4.2).a_A;
  const auto dir = test::scratch_dir("validation_scan");
  std::ofstream(dir / "reference.toml") << test::al100_top_scan_set(2.8)
                                        << na_scan_system(a0_A);
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const DftOutcomes done = analytic_outcomes(set, engine);
  const auto rows = dft_validation(engine, {"Al", "Na"}, set, done);
  const auto row =
      std::find_if(rows.begin(), rows.end(), [](const DftValidationRow& r) { return r.system == "Na-scan"; });
  REQUIRE(row != rows.end());
  CHECK(row->quantity == "a_min");
  CHECK(row->unit == "A");
  CHECK(row->potential == Approx(a0_A).epsilon(1e-9));  // the root of the pressure
  CHECK(row->dft == Approx(a0_A).margin(2e-3));         // a parabola through points 0.04 A apart
  // An engine without a virial (as ShellEngine) gets the minimum of E(a) instead: the same state,
  // to the golden section's resolution of an energy rounded at ~1e-16 relative.
  EnergyOnly energy_only(engine);
  const auto energy_rows = dft_validation(energy_only, {"Al", "Na"}, set, done);
  const auto energy_row = std::find_if(energy_rows.begin(), energy_rows.end(),
                                       [](const DftValidationRow& r) { return r.system == "Na-scan"; });
  REQUIRE(energy_row != energy_rows.end());
  CHECK(energy_row->potential == Approx(a0_A).margin(1e-5));
  // Chosen by provides_virial(), not by a probing evaluation (on ShellEngine a shell relaxation).
  CHECK(energy_only.virial_requests == 0);
  std::filesystem::remove_all(dir);
}

namespace {
// A Na(110) monolayer on a 2-layer Al(111) slab at film heights 2.7 + `offsets`; `extra` adds keys.
std::string al111_film_set(const std::string& offsets = "[0.0, -0.3, 0.3]", const std::string& extra = "") {
  return std::string(test::kBasisAndPotentials) + test::kNaReferences + R"([[system]]
name = "Al111-film"
kind = "film"
prototype = "fcc"
elements = ["Al"]
a_A = 4.04
facet = "111"
layers = 2
film_prototype = "bcc"
film_elements = ["Na"]
film_a_A = 4.2
film_facet = "110"
film_layers = 1
gap_A = 2.7
scan_offsets_A = )" + offsets + "\n" + extra;
}

double lowest_z(const Structure& s, const std::string& element) {
  double z = 1e9;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.species[i] == element) z = std::min(z, s.positions(2, static_cast<Eigen::Index>(i)));
  return z;
}
double highest_z(const Structure& s, const std::string& element) {
  double z = -1e9;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.species[i] == element) z = std::max(z, s.positions(2, static_cast<Eigen::Index>(i)));
  return z;
}
}  // namespace

namespace {
// Buckingham A exp(-r/rho) - C/r^6 (eV, A, eV A^6) of the stiff-shell test: Al–Al repulsive, Na–Al
// and Na–Na wells near 3.8 A, and A e^(-1/rho) > C so nothing collapses at the 1 A end of the height
// scan. Shifted to zero at the cutoff on both sides: an energy with steps where neighbours cross the
// cutoff has its minimum along a elsewhere than the root of the virial's pressure.
constexpr const char* kAlAl = "1000.0 0.3 0.0";
constexpr const char* kNaX = "32010.6 0.28 300.0";
// Stiff, yet with the shell's period (2 pi sqrt(m/k2) = 6 fs) well above LAMMPS FIRE's steps: at
// k2 = 2000 and 2 amu a shell overshot out of its bond.
constexpr double kStiffK2_eV_A2 = 1000.0, kShellMass_amu = 10.0;

// Al as a core (+1 e) and a shell (-1 e) on a harmonic spring k2 with the Buckingham terms between
// shells; Na a rigid ion of charge 0. Neutral ions whose shells sit on their cores but for
// displacements F/k2: the rigid-ion model of the same Buckingham terms lowered by the adiabatic
// shells' energy sum |F|^2/(2 k2) (F: the rigid model's force on each Al), to O(1/k2^2).
PotentialSpec stiff_shell_al_na() {
  PotentialSpec m;
  m.id = "stiff-shell-AlNa";
  m.elements = {"Al", "Na"};
  m.charges_e = {{"Na", 0.0}};
  m.shells["Al"] = ShellSpec{1.0, -1.0, kShellMass_amu, kStiffK2_eV_A2, 0.0};
  m.commands = {"pair_style buck/coul/long/cs 9.0",     "pair_coeff * * 0.0 1.0 0.0",
                std::string("pair_coeff 2 2 ") + kAlAl, std::string("pair_coeff 2 3 ") + kNaX,
                std::string("pair_coeff 3 3 ") + kNaX,  "kspace_style ewald 1.0e-8",
                "pair_modify table 0 shift yes"};
  return m;
}

// The adiabatic shells' energy of s in the stiff limit: sum over Al of |F_rigid|^2 / (2 k2).
double shell_relaxation_eV(Engine& rigid, const Structure& s) {
  const Evaluation e = rigid.evaluate(s);
  double sum = 0.0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s.species[i] == "Al") sum += e.forces_eV_A.col(static_cast<Eigen::Index>(i)).squaredNorm();
  return sum / (2.0 * kStiffK2_eV_A2);
}
}  // namespace

TEST_CASE("dft validation: a core–shell model runs on ShellEngine and is its rigid-ion limit for a stiff spring",
          "[dft][shell]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  const PotentialSpec shell_model = stiff_shell_al_na();
  PotentialSpec rigid_model = potentials::potential_from_lines(
      "buck 9.0", {std::string("1 1 ") + kAlAl, std::string("1 2 ") + kNaX, std::string("2 2 ") + kNaX}, {"Al", "Na"});
  rigid_model.commands.push_back("pair_modify shift yes");
  // The engine by the model: shells -> ShellEngine (periodic by default), otherwise LammpsEngine.
  const auto shell = workflow::lammps_engine_for(shell_model);
  const auto rigid = workflow::lammps_engine_for(rigid_model);
  REQUIRE(dynamic_cast<ShellEngine*>(shell.get()) != nullptr);
  REQUIRE(dynamic_cast<LammpsEngine*>(rigid.get()) != nullptr);
  CHECK_THAT(shell->describe(), Catch::StartsWith("lammps core–shell, adiabatic shells (periodic)"));

  // The "DFT" energies are the rigid model's; Na on top of Al(100) near its well, and a bcc Na scan.
  const double a0_A = cubic_equilibrium(*rigid, "bcc", {"Na"}, 4.2).a_A;
  const auto dir = test::scratch_dir("validation_shell");
  std::ofstream(dir / "reference.toml") << test::al100_top_scan_set(3.5)
                                        << na_scan_system(a0_A);
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const DftOutcomes done = analytic_outcomes(set, *rigid);
  const auto rigid_rows = dft_validation(*rigid, {"Al", "Na"}, set, done);
  const auto shell_rows = dft_validation(*shell, {"Al", "Na"}, set, done);
  REQUIRE(shell_rows.size() == rigid_rows.size());
  std::map<std::string, int> checked;
  const double relax_clean_eV = shell_relaxation_eV(*rigid, done.at("Al100/clean").structure);
  const auto z_row = std::find_if(rigid_rows.begin(), rigid_rows.end(),
                                  [](const DftValidationRow& r) { return r.quantity == "z_min"; });
  REQUIRE(z_row != rigid_rows.end());
  const double rigid_z_min_A = z_row->potential;
  for (std::size_t i = 0; i < rigid_rows.size(); ++i) {
    const auto &r = rigid_rows[i], &sh = shell_rows[i];
    INFO(r.system << " " << r.site << " " << r.quantity << ": rigid " << r.potential << ", shell " << sh.potential);
    REQUIRE(sh.quantity == r.quantity);
    CHECK(sh.note.empty());
    if (r.quantity.rfind("E_bind@z", 0) == 0) {
      // Fixed geometry: the shells' energy by the formula (the isolated Na has none).
      const std::string config = "top_z" + r.quantity.substr(8);
      const double relax_eV = shell_relaxation_eV(*rigid, done.at("Al100/" + config).structure) - relax_clean_eV;
      CHECK(sh.potential == Approx(r.potential - relax_eV).margin(1e-6));
      CHECK(r.potential == Approx(r.dft).margin(1e-12));
    } else if (r.quantity == "z_min") {
      CHECK(sh.potential == Approx(r.potential).margin(2e-3));  // the height search's tolerance 1e-4 A
    } else if (r.quantity == "a_min") {
      // The energy's minimum on ShellEngine (no virial) against the pressure's root on LammpsEngine.
      CHECK(r.potential == Approx(a0_A).epsilon(1e-9));
      CHECK(sh.potential == Approx(a0_A).margin(1e-5));
    } else if (r.quantity == "E_coh") {  // bcc Na: no shells
      CHECK(sh.potential == Approx(r.potential).margin(1e-9));
    } else {  // E_bind, E_ads_vs_bulk: to first order the shells' energy at the rigid model's height
      Structure at_min = done.at("Al100/top_z3.50").structure;
      const auto na = static_cast<Eigen::Index>(at_min.size() - 1);
      at_min.positions(2, na) += rigid_z_min_A - 3.5;
      const double relax_eV = shell_relaxation_eV(*rigid, at_min) - relax_clean_eV;
      CHECK(sh.potential == Approx(r.potential - relax_eV).margin(1e-6));
    }
    ++checked[r.quantity.rfind("E_bind@z", 0) == 0 ? "E_bind@z" : r.quantity];
  }
  CHECK(checked == std::map<std::string, int>{
                       {"E_bind@z", 3}, {"E_bind", 1}, {"E_ads_vs_bulk", 1}, {"z_min", 1}, {"E_coh", 1}, {"a_min", 1}});
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft reference: a Na film gives W_ad and its height, and the engine that made it reproduces them", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("film");
  std::ofstream(dir / "reference.toml") << al111_film_set();
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const DftSystem& film = set.systems.back();
  REQUIRE(film.kind == DftSystemKind::kFilm);
  // The substrate alone, the film alone, then the film heights: one cell for all of them.
  REQUIRE(film.calculations.size() == 5);
  CHECK(film.calculations[0].config == "clean");
  CHECK(film.calculations[1].config == "film");
  CHECK(film.calculations[3].config == "film_z2.40");
  const Structure& clean = film.calculations[0].structure;
  const Structure& alone = film.calculations[1].structure;
  CHECK(clean.elements() == std::vector<std::string>{"Al"});
  CHECK(alone.elements() == std::vector<std::string>{"Na"});
  CHECK(film.first_film_atom == clean.size());
  CHECK(film.interface_area_A2 == Approx(clean.area_A2()).epsilon(1e-12));
  for (const auto& c : film.calculations) {
    CHECK(c.structure.cell.isApprox(clean.cell, 1e-12));
    CHECK(c.structure.count_frozen() == c.structure.size());
  }
  for (std::size_t k = 2; k < 5; ++k) {
    const auto& c = film.calculations[k];
    CHECK(c.site == "Na110-1L");
    CHECK(c.structure.size() == clean.size() + alone.size());
    CHECK(lowest_z(c.structure, "Na") - highest_z(c.structure, "Al") == Approx(c.overlayer_height_A).epsilon(1e-12));
  }
  CHECK(film.top_layer_z_A == Approx(highest_z(clean, "Al")).epsilon(1e-12));

  // "DFT" energies of the film heights on an exact parabola in z: the summary's W_ad and z_min
  // are its vertex, W_ad = -E_min/A in J/m^2.
  MorseEngine engine = analytic_na_al();
  DftOutcomes done = analytic_outcomes(set, engine);
  constexpr double z0_A = 2.74, e_min_eV = -3.0, curvature_eV_A2 = 2.0;
  const double e_apart = done.at("Al111-film/clean").energy_eV + done.at("Al111-film/film").energy_eV;
  DftOutcomes parabola = done;
  for (std::size_t k = 2; k < 5; ++k) {
    const double z = film.calculations[k].overlayer_height_A;
    parabola["Al111-film/" + film.calculations[k].config].energy_eV =
        e_apart + e_min_eV + curvature_eV_A2 * (z - z0_A) * (z - z0_A);
  }
  std::map<std::string, double> summary;
  for (const auto& r : dft_summary(set, parabola))
    if (r.system == "Al111-film") summary[r.quantity] = r.value;
  CHECK(summary.at("W_ad") == Approx(-e_min_eV / film.interface_area_A2 * 16.02176634).epsilon(1e-12));
  CHECK(summary.at("z_min") == Approx(z0_A).epsilon(1e-12));
  DftOutcomes unbracketed = parabola;
  unbracketed.erase("Al111-film/film_z3.00");
  const auto unbracketed_rows = dft_summary(set, unbracketed);
  CHECK(std::none_of(unbracketed_rows.begin(), unbracketed_rows.end(),
                     [](const DftSummaryRow& r) { return r.quantity == "W_ad"; }));

  // The engine that made the "DFT" energies reproduces every fixed-height W; its own W_ad is the
  // maximum over a fine rigid scan of the film's height (an independent search).
  const auto rows = dft_validation(engine, {"Al", "Na"}, set, done);
  int fixed_heights = 0;
  for (const auto& r : rows)
    if (r.quantity.rfind("W_ad@z", 0) == 0) {
      ++fixed_heights;
      CHECK(r.potential == Approx(r.dft).epsilon(1e-10));
      CHECK(r.unit == "J/m2");
    }
  CHECK(fixed_heights == 3);
  const auto w_row =
      std::find_if(rows.begin(), rows.end(), [](const DftValidationRow& r) { return r.quantity == "W_ad"; });
  REQUIRE(w_row != rows.end());
  const Structure& at_start = film.calculations[2].structure;
  double w_best = -1e9, z_best = 0.0;
  for (double z = 2.0; z <= 4.0; z += 1e-3) {
    Structure s = at_start;
    for (std::size_t i = film.first_film_atom; i < s.size(); ++i)
      s.positions(2, static_cast<Eigen::Index>(i)) += z - 2.7;
    const double w = (e_apart - engine.energy(s)) / film.interface_area_A2 * 16.02176634;
    if (w > w_best) {
      w_best = w;
      z_best = z;
    }
  }
  CHECK(w_row->potential == Approx(w_best).epsilon(1e-6));
  const auto z_row = std::find_if(rows.begin(), rows.end(), [](const DftValidationRow& r) {
    return r.quantity == "z_min" && r.system == "Al111-film";
  });
  REQUIRE(z_row != rows.end());
  CHECK(z_row->potential == Approx(z_best).margin(2e-3));
  CHECK_THAT(dft_validation_markdown(rows, "analytic", "analytic Morse"),
             Catch::Contains("| Al111-film | W_ad at DFT heights | 3 |"));

  // As fit targets: one per film height, the DFT value per film atom, which the engine that made
  // it reproduces exactly in the same geometries.
  const auto targets = dft_fit_targets(set, done, {(dir / "reference.toml").string(), {"Al111-film"}, 0.02, "bulk"});
  REQUIRE(targets.size() == 3);
  const auto& t = targets[1];
  CHECK(t.kind == "film_binding_energy");
  CHECK(t.species() == std::vector<std::string>{"Al", "Na"});
  CHECK(t.system() == "Na110-1L film on Al111-film z=2.40");
  const double e_point = done.at("Al111-film/film_z2.40").energy_eV;
  CHECK(*t.value == Approx((e_point - e_apart) / static_cast<double>(alone.size())).epsilon(1e-12));
  CHECK(potentials::evaluate_cross_target(engine, t, {}, {}, false) == Approx(*t.value).epsilon(1e-12));
  CHECK_THROWS_WITH(
      dft_fit_targets(set, done, {"", {"Al111-film"}, 0.02, "bulk", {{"Al111-film", "Al111-film", "film_z2.70"}}}),
      Catch::Contains("'Al111-film'") && Catch::Contains("not to a film"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft reference: a relaxed Na film gives W_ad_relaxed, and the engine that made it reproduces it", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("film_relaxed");
  std::ofstream(dir / "reference.toml") << al111_film_set("[0.0, -0.3, 0.3]", "relax_from_gap_A = 3.2\n");
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const DftSystem& film = set.systems.back();
  // The scan as before, then the relaxation: from 3.2 A, above the widest scan gap (3.0 A), so the
  // shared cell is built at 3.2 A; the film's atoms free, the substrate frozen.
  REQUIRE(film.calculations.size() == 6);
  const DftCalculation& start = film.calculations.back();
  CHECK(start.config == "film_relaxed");
  CHECK(start.site == "Na110-1L");
  CHECK(start.overlayer_height_A == 0.0);  // not a scan point
  const Structure& clean = film.calculations[0].structure;
  CHECK(start.structure.cell.isApprox(clean.cell, 1e-12));
  CHECK(lowest_z(start.structure, "Na") - highest_z(start.structure, "Al") == Approx(3.2).epsilon(1e-12));
  CHECK(start.structure.count_frozen() == clean.size());
  for (std::size_t i = film.first_film_atom; i < start.structure.size(); ++i)
    CHECK(start.structure.free_dofs[i] == dof::kAll);
  const Structure& widest_scan_point = film.calculations[4].structure;  // film_z3.00
  CHECK(lowest_z(widest_scan_point, "Na") - highest_z(widest_scan_point, "Al") == Approx(3.0).epsilon(1e-12));

  // The "DFT" relaxation: FIRE on the analytic engine to 1e-5 eV/A; the summary's W_ad_relaxed
  // is (E(substrate) + E(film) − E(relaxed))/A in J/m^2.
  MorseEngine engine = analytic_na_al();
  DftOutcomes done = analytic_outcomes(set, engine);
  Structure relaxed = start.structure;
  OptimizerOptions tight;
  tight.fmax_eV_A = 1e-5;
  const auto r = make_optimizer("fire", tight)->minimize(engine, relaxed);
  REQUIRE(r.converged);
  done["Al111-film/film_relaxed"] = {r.energy_eV, relaxed};
  const double e_apart = done.at("Al111-film/clean").energy_eV + done.at("Al111-film/film").energy_eV;
  const double w_dft = (e_apart - r.energy_eV) / film.interface_area_A2 * 16.02176634;
  std::map<std::string, double> summary;
  for (const auto& row : dft_summary(set, done))
    if (row.system == "Al111-film") summary[row.quantity] = row.value;
  CHECK(summary.at("W_ad_relaxed") == Approx(w_dft).epsilon(1e-12));
  CHECK(summary.at("W_ad_relaxed") > summary.at("W_ad"));  // the film moved into the hollows

  // dft-validate relaxes the film from the same start with its own optimiser (FIRE to 1e-3 eV/A)
  // and reaches the same minimum.
  const auto rows = dft_validation(engine, {"Al", "Na"}, set, done);
  const auto w_row = std::find_if(rows.begin(), rows.end(),
                                  [](const DftValidationRow& row) { return row.quantity == "W_ad_relaxed"; });
  REQUIRE(w_row != rows.end());
  CHECK(w_row->dft == Approx(w_dft).epsilon(1e-12));
  CHECK(w_row->potential == Approx(w_dft).margin(1e-3));  // FIRE's 1e-3 eV/A: 4e-4 J/m2 above the tight minimum
  CHECK(w_row->unit == "J/m2");
  // ... and, in the DFT's relaxed geometry, the "DFT" energy exactly: a fixed-geometry point.
  const auto at_relaxed = std::find_if(rows.begin(), rows.end(),
                                       [](const DftValidationRow& row) { return row.quantity == "W_ad@relaxed"; });
  REQUIRE(at_relaxed != rows.end());
  CHECK(at_relaxed->dft == Approx(w_dft).epsilon(1e-12));
  CHECK(at_relaxed->potential == Approx(w_dft).epsilon(1e-10));
  // The potential's own rigid-film W_ad still comes from a flat film moved along z: the value
  // without the relaxed film.
  DftOutcomes scan_only = done;
  scan_only.erase("Al111-film/film_relaxed");
  const auto rigid_rows = dft_validation(engine, {"Al", "Na"}, set, scan_only);
  const auto rigid_w = [](const std::vector<DftValidationRow>& rs) {
    return std::find_if(rs.begin(), rs.end(), [](const DftValidationRow& row) { return row.quantity == "W_ad"; });
  };
  REQUIRE(rigid_w(rows) != rows.end());
  REQUIRE(rigid_w(rigid_rows) != rigid_rows.end());
  CHECK(rigid_w(rows)->potential == rigid_w(rigid_rows)->potential);

  std::ofstream(dir / "reference.toml") << al111_film_set("[0.0, -0.3, 0.3]", "relax_from_gap_A = 0.5\n");
  CHECK_THROWS_WITH(read_dft_reference_set(dir / "reference.toml"),
                    Catch::Contains("reference.toml") && Catch::Contains("relax_from_gap_A"));
  std::filesystem::remove_all(dir);
}

namespace {

// Na(110) slabs of `layers` layers cut from the set's bcc Na ("bulk"), as surface systems.
std::string na110_surface_system(const std::string& name, int layers, const std::string& a_A = "4.2") {
  return fmt::format(R"([[system]]
name = "{}"
kind = "surface"
prototype = "bcc"
elements = ["Na"]
a_A = {}
facet = "110"
layers = {}
bulk_reference = "bulk"
)",
                     name, a_A, layers);
}

}  // namespace

TEST_CASE("dft reference: a surface system gives gamma, and the engine that made it reproduces it", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("surface");
  std::ofstream(dir / "reference.toml") << test::kBasisAndPotentials << test::kNaReferences
                                        << na110_surface_system("Na110-6L", 6) << na110_surface_system("Na110-7L", 7);
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const DftSystem& six = set.systems[2];
  REQUIRE(six.kind == DftSystemKind::kSurface);
  REQUIRE(six.calculations.size() == 1);
  const Structure& slab6 = six.calculations.front().structure;
  CHECK(six.calculations.front().config == "slab");
  CHECK(slab6.count_frozen() == slab6.size());

  // γ against the bulk cell, and independently from the two slabs alone: for a pair potential
  // whose range spans fewer layers than the slab, E(n) = n e_layer + 2γA exactly, so
  // γ = (E6 − 6 (E7 − E6))/(2A) (Na–Na Morse cut at 9 Å: three (110) layers of 2.97 Å).
  MorseEngine engine = analytic_na_al();
  const DftOutcomes done = analytic_outcomes(set, engine);
  const double e6 = done.at("Na110-6L/slab").energy_eV, e7 = done.at("Na110-7L/slab").energy_eV;
  const double gamma_layers = (e6 - 6.0 * (e7 - e6)) / (2.0 * slab6.area_A2()) * 16.02176634;
  std::map<std::string, double> gamma;
  for (const auto& r : dft_summary(set, done))
    if (r.quantity == "gamma") gamma[r.system] = r.value;
  REQUIRE(gamma.size() == 2);
  CHECK(gamma.at("Na110-6L") == Approx(gamma_layers).epsilon(1e-9));
  CHECK(gamma.at("Na110-7L") == Approx(gamma_layers).epsilon(1e-9));
  CHECK(gamma_layers > 0.01);

  const auto rows = dft_validation(engine, {"Na"}, set, done);
  int surfaces = 0;
  for (const auto& r : rows)
    if (r.quantity == "gamma") {
      ++surfaces;
      CHECK(r.potential == Approx(r.dft).epsilon(1e-12));
      CHECK(r.unit == "J/m2");
    }
  CHECK(surfaces == 2);

  // A potential with no bulk state of the crystal (purely repulsive Na–Na: positive pressure at
  // every lattice constant) has no γ against it either: NaN with the reason, not a number.
  LammpsEngine repulsive(potentials::potential_from_lines("born 8.0", {"1 1 0.5 0.3 0.0 0.0 0.0"}, {"Na"}));
  int guarded = 0;
  for (const auto& r : dft_validation(repulsive, {"Na"}, set, done))
    if (r.quantity == "gamma") {
      ++guarded;
      CHECK(std::isnan(r.potential));
      CHECK_THAT(r.note, Catch::Contains("no zero-pressure state"));
    }
  CHECK(guarded == 2);

  // The slab must be cut from its bulk reference's crystal.
  std::ofstream(dir / "reference.toml") << test::kBasisAndPotentials << test::kNaReferences
                                        << na110_surface_system("Na110-6L", 6, "4.3");
  CHECK_THROWS_WITH(read_dft_reference_set(dir / "reference.toml"),
                    Catch::Contains("reference.toml") && Catch::Contains("a_A") && Catch::Contains("'bulk'"));
  std::string al = na110_surface_system("Al111", 3);
  al.replace(al.find("[\"Na\"]"), 6, "[\"Al\"]");
  std::ofstream(dir / "reference.toml") << test::kBasisAndPotentials << test::kNaReferences << al;
  CHECK_THROWS_WITH(read_dft_reference_set(dir / "reference.toml"),
                    Catch::Contains("bulk_reference") && Catch::Contains("not a crystal of the slab's element"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft reference: a film without a coherent cell in its bounds is one error naming the key", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = test::scratch_dir("film_bad");
  std::ofstream(dir / "reference.toml") << al111_film_set("[0.0, -0.3, 0.3]", "max_atoms = 3\n");
  CHECK_THROWS_WITH(read_dft_reference_set(dir / "reference.toml"), Catch::Contains("reference.toml") &&
                                                                        Catch::Contains("max_atoms") &&
                                                                        Catch::Contains("no coherent interface cell"));
  std::ofstream(dir / "reference.toml") << al111_film_set("[0.0, -2.0]");
  CHECK_THROWS_WITH(read_dft_reference_set(dir / "reference.toml"), Catch::Contains("scan_offsets_A"));
  std::filesystem::remove_all(dir);
}
