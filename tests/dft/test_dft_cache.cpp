// The DFT result cache: a record is trusted only with the current key and a converged flag;
// a damaged or stale file is recomputed; records are written atomically.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "nabridge/base/csv.h"
#include "workflow/dft_cache.h"
#include "workflow/dft_reference.h"
#include "dft_test_sets.h"

using namespace nabridge;
using namespace nabridge::workflow;
using nabridge::test::kBasisAndPotentials;
using nabridge::test::scratch_dir;

namespace {

DftCalculation one_atom() {
  DftCalculation c;
  c.system = "Na-atom";
  c.config = "atom";
  c.structure.cell = Mat3::Identity() * 10;
  c.structure.add_atom("Na", Vec3(5, 5, 5), dof::kNone);
  return c;
}

}  // namespace

TEST_CASE("dft cache: the key changes with input, code version and data files", "[dft]") {
  const DftKeyParts a{"input", "CP2K version 2023.1", "b1", "p1"};
  DftKeyParts b = a;
  CHECK(dft_key(a) == dft_key(b));
  b.input += " ";
  CHECK(dft_key(a) != dft_key(b));
  b = a, b.code_version = "CP2K version 2024.1";
  CHECK(dft_key(a) != dft_key(b));
  b = a, b.potential_sha256 = "p2";
  CHECK(dft_key(a) != dft_key(b));
}

TEST_CASE("dft cache: only a converged record with the current key is trusted", "[dft]") {
  const auto dir = scratch_dir("cache");
  const DftCalculation calc = one_atom();
  Cp2kRun run;
  run.input = "input";
  run.energy_eV = -1283.9;
  run.forces_eV_A = Positions::Zero(3, 1);
  run.positions_A = calc.structure.positions;
  const DftKeyParts parts{"input", "CP2K version 2023.1", "b", "p"};
  const auto file = dir / "Na-atom" / "atom.json";
  store_dft_record(file, make_dft_record(calc, parts, dft_key(parts), run, 2));

  const auto record = load_dft_record(file, dft_key(parts));
  REQUIRE(record);
  CHECK(dft_outcome(*record, calc).energy_eV == Approx(-1283.9));
  CHECK(record->at("code_version") == "CP2K version 2023.1");
  CHECK_FALSE(load_dft_record(file, "another key"));
  // No temporary is left next to the record.
  CHECK(std::distance(std::filesystem::directory_iterator(file.parent_path()), {}) == 1);

  // A run killed while writing leaves at most a truncated file: it is not trusted.
  std::ofstream(file) << R"({"key": ")" << dft_key(parts) << R"(", "converged": true, "energy)";
  CHECK_FALSE(load_dft_record(file, dft_key(parts)));
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft reference set: a description builds its calculations and the summary", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = scratch_dir("set");
  std::ofstream(dir / "reference.toml") << "[settings]\ncutoff_Ry = 250.0\n" << kBasisAndPotentials << R"(

[[system]]
name = "Na-atom"
kind = "atom"
element = "Na"
multiplicity = 2
smearing_K = 0.0

[[system]]
name = "Na-bcc"
kind = "bulk"
prototype = "bcc"
elements = ["Na"]
a_A = 4.2
kpoints = [6, 6, 6]

[[system]]
name = "Al111"
kind = "adsorption"
prototype = "fcc"
elements = ["Al"]
a_A = 4.04
facet = "111"
layers = 3
repeat = [2, 2]
adsorbate = "Na"
height_A = 2.7
sites = ["fcc", "top"]
atom_reference = "Na-atom"
bulk_reference = "Na-bcc"
)";
  const auto set = read_dft_reference_set(dir / "reference.toml");
  REQUIRE(set.systems.size() == 3);
  const auto& al = set.systems[2];
  REQUIRE(al.calculations.size() == 3);
  CHECK(al.calculations[0].config == "clean");
  CHECK(al.calculations[1].config == "fcc");
  CHECK(al.calculations[0].settings.cutoff_Ry == 250.0);
  CHECK(set.systems[1].calculations[0].settings.kpoints == std::array<int, 3>{6, 6, 6});
  // Only the adatom moves, and only along z.
  const Structure& fcc = al.calculations[1].structure;
  CHECK(fcc.free_dofs.back() == dof::kZ);
  CHECK(fcc.count_frozen() == fcc.size() - 1);

  std::map<std::string, DftOutcome> done;
  done["Na-atom/atom"] = {-100.0, set.systems[0].calculations[0].structure};
  done["Na-bcc/bulk"] = {-202.0, set.systems[1].calculations[0].structure};  // -101 eV per atom
  done["Al111/clean"] = {-1000.0, al.calculations[0].structure};
  done["Al111/fcc"] = {-1101.5, fcc};
  const auto rows = dft_summary(set, done);
  auto value = [&](const std::string& q) {
    for (const auto& r : rows)
      if (r.system == "Al111" && r.site == "fcc" && r.quantity == q) return r.value;
    FAIL("no row " << q);
    return 0.0;
  };
  CHECK(value("E_bind") == Approx(-1.5));
  CHECK(value("E_ads_vs_bulk") == Approx(-0.5));
  CHECK(value("z_min") == Approx(2.7).margin(1e-9));
  CHECK_THAT(dft_summary_csv(rows), Catch::StartsWith("system,facet,site,quantity,value,unit\n") &&
                                        Catch::Contains("\nAl111,111,fcc,E_bind,-1.5000,eV\n"));
  // A name with a comma and a quote is one quoted field (RFC 4180), read back whole.
  const std::string hostile = dft_summary_csv({{"Al111", "111", "fcc, \"x\"", "E_bind", -1.5, "eV"}});
  CHECK(hostile == "system,facet,site,quantity,value,unit\nAl111,111,\"fcc, \"\"x\"\"\",E_bind,-1.5000,eV\n");
  CHECK(nabridge::parse_csv(hostile).back().fields ==
        std::vector<std::string>{"Al111", "111", "fcc, \"x\"", "E_bind", "-1.5000", "eV"});

  std::ofstream(dir / "bad.toml") << "[[system]]\nname = \"x\"\nkind = \"molecule\"\n";
  CHECK_THROWS_WITH(read_dft_reference_set(dir / "bad.toml"), Catch::Contains("kind"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("dft reference set: a height scan gives E_bind and z_min from the parabola's vertex", "[dft]") {
  // y = 2 (x − 2.6)² − 1.2 through three points: vertex (2.6, −1.2).
  const auto v = parabola_minimum({2.4, 2.7, 3.0}, {2 * 0.04 - 1.2, 2 * 0.01 - 1.2, 2 * 0.16 - 1.2});
  REQUIRE(v);
  CHECK(v->first == Approx(2.6));
  CHECK(v->second == Approx(-1.2));
  CHECK_FALSE(parabola_minimum({2.4, 2.7, 3.0}, {-1.0, -1.1, -1.3}));  // still falling: not bracketed
  CHECK_FALSE(parabola_minimum({2.4, 2.7, 3.0}, {-1.0, 0.0, -1.0}));   // a maximum

  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = scratch_dir("scan");
  std::ofstream(dir / "reference.toml") << test::al100_top_scan_set(3.0);
  const auto set = read_dft_reference_set(dir / "reference.toml");
  const auto& al = set.systems[2];
  REQUIRE(al.calculations.size() == 4);
  CHECK(al.calculations[1].config == "top_z3.00");
  CHECK(al.calculations[2].config == "top_z2.70");
  CHECK(al.calculations[3].overlayer_height_A == Approx(3.3));
  CHECK(al.calculations[1].structure.count_frozen() == al.calculations[1].structure.size());  // single points

  std::map<std::string, DftOutcome> done;
  done["atom/atom"] = {-10.0, set.systems[0].calculations[0].structure};
  done["bulk/bulk"] = {-22.0, set.systems[1].calculations[0].structure};
  done["Al100/clean"] = {-100.0, al.calculations[0].structure};
  auto e_ads = [](double z) { return 2 * (z - 2.9) * (z - 2.9) - 1.0; };  // minimum −1.0 eV at 2.9 Å
  for (int i = 1; i <= 3; ++i)
    done["Al100/" + al.calculations[i].config] = {-110.0 + e_ads(al.calculations[i].overlayer_height_A),
                                                  al.calculations[i].structure};
  std::vector<DftSummaryRow> rows;
  for (const auto& r : dft_summary(set, done))
    if (r.system == "Al100") rows.push_back(r);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].quantity == "E_bind");
  CHECK(rows[0].value == Approx(-1.0));
  CHECK(rows[1].value == Approx(0.0).margin(1e-9));  // E_ads vs bulk: −110 + 100 − (−11) − 1
  CHECK(rows[2].value == Approx(2.9));
  const auto curve = dft_binding_curves(set, done);
  REQUIRE(curve.size() == 3);
  CHECK(curve.front().z_A == Approx(2.7));
  std::filesystem::remove_all(dir);
}

namespace {

// Na on NaI(100): a lattice scan of rock-salt NaI and a 2-layer slab whose adatom runs spin
// polarised; `reference_keys` names the adatom's references.
std::string nai_set(const std::string& reference_keys, const std::string& scan_keys = "a_scan_A = [6.4, 6.6, 6.8]\n") {
  return std::string(test::kNaIBasisAndPotentials) + test::kNaReferences + R"([[system]]
name = "NaI-rs"
kind = "bulk"
prototype = "rocksalt"
elements = ["Na", "I"]
)" + scan_keys + R"([[system]]
name = "NaI100"
kind = "adsorption"
prototype = "rocksalt"
elements = ["Na", "I"]
a_A = 6.6
facet = "100"
layers = 2
smearing_K = 0.0
mixing_beta_per_bohr = 1.5
adatom_multiplicity = 2
adsorbate = "Na"
sites = ["top-I"]
)" + reference_keys;
}

}  // namespace

TEST_CASE("dft reference set: a bulk lattice scan gives a_min, an adatom on an insulator runs spin polarised",
          "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  const auto dir = scratch_dir("ionic");
  const auto read = [&](const std::string& text) {
    std::ofstream(dir / "reference.toml") << text;
    return read_dft_reference_set(dir / "reference.toml");
  };
  const auto set = read(nai_set("atom_reference = \"atom\"\nbulk_reference = \"bulk\"\n"));
  const DftSystem& nai = set.systems[2];
  REQUIRE(nai.calculations.size() == 3);
  CHECK(nai.calculations[1].config == "bulk_a6.600");
  CHECK(nai.calculations[1].structure.size() == 8);
  CHECK(nai.calculations[1].structure.cell.col(0).norm() == Approx(6.6).epsilon(1e-12));

  // An exact parabola in a: the vertex through the lowest point and its neighbours is exact.
  constexpr double a0_A = 6.53;
  std::map<std::string, DftOutcome> done;
  for (const auto& c : nai.calculations)
    done["NaI-rs/" + c.config] = {-500.0 + 4.0 * (c.lattice_constant_A - a0_A) * (c.lattice_constant_A - a0_A),
                                  c.structure};
  std::map<std::string, double> summary;
  for (const auto& r : dft_summary(set, done))
    if (r.system == "NaI-rs") summary[r.quantity] = r.value;
  REQUIRE(summary.count("a_min"));
  CHECK(summary.at("a_min") == Approx(a0_A).epsilon(1e-12));
  CHECK(summary.size() == 1);  // no cohesive energy for a compound cell

  // The closed-shell slab stays restricted; the slab with the adatom is a doublet.
  const DftSystem& slab = set.systems[3];
  REQUIRE(slab.calculations.size() == 2);
  CHECK(slab.calculations[0].settings.multiplicity == 0);
  CHECK(slab.calculations[1].settings.multiplicity == 2);
  CHECK(slab.calculations[1].settings.smearing_K == 0.0);
  CHECK(slab.calculations[1].settings.mixing_beta_per_bohr == 1.5);  // Kerker damping, where set
  CHECK(nai.calculations[1].settings.mixing_beta_per_bohr == 0.0);

  // References must name a system of their kind; a scanned bulk has no single cell to refer to.
  CHECK_THROWS_WITH(read(nai_set("atom_reference = \"atom\"\nbulk_reference = \"NaI-rs\"\n")),
                    Catch::Contains("reference.toml") && Catch::Contains("system[3]") &&
                        Catch::Contains("bulk_reference") && Catch::Contains("lattice scan"));
  CHECK_THROWS_WITH(read(nai_set("atom_reference = \"bulk\"\nbulk_reference = \"bulk\"\n")),
                    Catch::Contains("atom_reference") && Catch::Contains("must be an atom"));
  CHECK_THROWS_WITH(
      read(nai_set("atom_reference = \"atom\"\nbulk_reference = \"Na-hcp\"\n")),
      Catch::Contains("bulk_reference") && Catch::Contains("names no system") && Catch::Contains("Na-hcp"));
  CHECK_THROWS_WITH(read(nai_set("atom_reference = \"atom\"\nbulk_reference = \"bulk\"\n",
                                 "a_scan_A = [6.4, 6.6, 6.8]\nc_A = 6.6\n")),
                    Catch::Contains("c_A") && Catch::Contains("cubic"));
  CHECK_THROWS_WITH(read(nai_set("atom_reference = \"atom\"\nbulk_reference = \"bulk\"\n", "a_scan_A = [6.4, 6.6]\n")),
                    Catch::Contains("system[2]") && Catch::Contains("at least three"));
  std::filesystem::remove_all(dir);
}
