// The campaign report's "Potentials against the DFT reference" section: per potential the
// errors of its potentials/<id>/dft_validation.csv and the E_ads vs bulk Na of every site, or one
// line saying the potential was not checked. Built from a loaded campaign with no task results,
// so no LAMMPS run.
#include <catch2/catch.hpp>

#include "campaign_fixture.h"
#include "workflow/campaign.h"
#include "workflow/dft_targets.h"
#include "workflow/outputs.h"

using namespace nabridge::workflow;
namespace fs = std::filesystem;

namespace {

// A shipped-style potential folder (potential.toml, optional dft_validation.csv) under dir/potentials.
void write_potential(const fs::path& dir, const std::string& id, const std::string& dft_validation_csv) {
  const fs::path folder = dir / "potentials" / id;
  fs::create_directories(folder);
  std::ofstream(folder / "potential.toml") << "elements = [\"Al\", \"Na\"]\npair_style = \"lj/cut 7.0\"\n"
                                              "pair_coeff = [\"1 1 0.40 2.60\", \"2 2 0.10 3.40\", \"1 2 0.30 2.9\"]\n";
  if (!dft_validation_csv.empty()) std::ofstream(folder / "dft_validation.csv") << dft_validation_csv;
}

// The fixture's campaign (inline potential "lj" for the substrates) with bulk Na from a shipped-style id.
std::string campaign_with_checked_potential() {
  std::string toml = nabridge::testing::small_campaign_toml();
  const std::string na_lj = "[na]\npotential = \"lj\"";
  toml.replace(toml.find(na_lj), na_lj.size(), "[na]\npotential = \"checked\"");
  return toml + "\n[potentials.checked]\nid = \"lj-checked\"\n";
}

}  // namespace

TEST_CASE("the report gives each potential's errors against its dft_validation.csv", "[workflow][report][dft]") {
  const auto dir = nabridge::testing::scratch_dir("report_dft");
  // Absolute errors: E_bind at DFT heights 0.1 and 0.3 (mean 0.2); E_ads_vs_bulk 0.3 and 0.05
  // (mean 0.175); a z_min the potential has no value for.
  write_potential(dir, "lj-checked",
                  "system,facet,site,quantity,dft,potential,unit\n"
                  "Al111,111,fcc,E_bind@z2.70,-1.5000,-1.4000,eV\n"
                  "Al111,111,top,E_bind@z3.00,-1.2000,-1.5000,eV\n"
                  "Al111,111,fcc,E_ads_vs_bulk,-0.4000,-0.1000,eV\n"
                  "Al111,111,hcp,E_ads_vs_bulk,0.2500,0.2000,eV\n"
                  "Al111,111,fcc,z_min,2.6000,nan,A\n");
  const fs::path file = nabridge::testing::write_campaign(dir, campaign_with_checked_potential());
  const Campaign c = load_campaign(file, {}, {dir / "potentials"});
  const fs::path out = dir / "results";
  fs::create_directories(out);
  write_report(c, TaskGraph({}), {}, RunSummary{}, out);

  const std::string md = nabridge::testing::read_file(out / "report.md");
  INFO(md);
  CHECK_THAT(md, Catch::Contains("## Potentials against the DFT reference"));
  CHECK_THAT(md, Catch::Contains("### `checked` (lj-checked)"));
  CHECK_THAT(md, Catch::Contains("| Al111 | E_bind at DFT heights | 2 | 0.200 | 0.300 | eV |"));
  CHECK_THAT(md, Catch::Contains("| Al111 | E_ads_vs_bulk | 2 | 0.175 | 0.300 | eV |"));
  CHECK_THAT(md, Catch::Contains("| Al111 | z_min | 0 (+1 without a minimum) | n/a | n/a | A |"));
  CHECK_THAT(md, Catch::Contains("| Al111 | fcc | -0.400 | -0.100 | +0.300 |"));
  CHECK_THAT(md, Catch::Contains("| Al111 | hcp | +0.250 | +0.200 | -0.050 |"));
  CHECK_THAT(md, Catch::Contains("- `lj` has not been checked against DFT (no dft_validation.csv)."));
  CHECK_THAT(nabridge::testing::read_file(out / "report.html"),
             Catch::Contains("Potentials against the DFT reference") && Catch::Contains("<td>0.175</td>"));

  SECTION("a shipped potential without dft_validation.csv is not checked either") {
    fs::remove(dir / "potentials" / "lj-checked" / "dft_validation.csv");
    write_report(c, TaskGraph({}), {}, RunSummary{}, out);
    const std::string unchecked = nabridge::testing::read_file(out / "report.md");
    CHECK_THAT(unchecked, Catch::Contains("- `checked` has not been checked against DFT (no dft_validation.csv)."));
    CHECK_THAT(unchecked, !Catch::Contains("| E_ads_vs_bulk |"));
  }
}

TEST_CASE("a malformed dft_validation.csv is one error naming the file and line", "[workflow][report][dft]") {
  const auto dir = nabridge::testing::scratch_dir("report_dft_malformed");
  const fs::path csv = dir / "dft_validation.csv";
  const std::string header = "system,facet,site,quantity,dft,potential,unit\n";
  std::ofstream(csv) << header << "Al111,111,fcc,E_bind,-1.5,-1.4,eV\nAl111,111,fcc,E_bind,-1.5,eV\n";
  CHECK_THROWS_WITH(read_dft_validation_csv(csv), csv.string() + ":3: 6 fields, expected 7 (" +
                                                      header.substr(0, header.size() - 1) + ")");
  std::ofstream(csv) << header << "Al111,111,fcc,E_bind,-1.5x,-1.4,eV\n";
  CHECK_THROWS_WITH(read_dft_validation_csv(csv), csv.string() + ":2: dft: '-1.5x' is not a number");
  std::ofstream(csv) << "system,dft\n";
  CHECK_THROWS_WITH(read_dft_validation_csv(csv), Catch::StartsWith(csv.string() + ":1: header is not"));
  // The writer's rows read back, "nan" included.
  const std::vector<DftValidationRow> rows{{"Al111", "111", "fcc", "z_min", 2.6, std::nan(""), "A"}};
  std::ofstream(csv) << dft_validation_csv(rows);
  const auto back = read_dft_validation_csv(csv);
  REQUIRE(back.size() == 1);
  CHECK(back[0].dft == 2.6);
  CHECK(std::isnan(back[0].potential));
  CHECK(back[0].unit == "A");
  // RFC 4180 both ways: a site with a comma and a quote is written quoted and read back whole;
  // plain fields are written as they are (the committed dft_validation.csv files stay the same).
  const std::vector<DftValidationRow> hostile{{"Al111", "111", "fcc, \"bridge\"", "E_bind", -1.25, -1.5, "eV"}};
  CHECK(dft_validation_csv(hostile) == header + "Al111,111,\"fcc, \"\"bridge\"\"\",E_bind,-1.2500,-1.5000,eV\n");
  std::ofstream(csv) << dft_validation_csv(hostile);
  const auto hostile_back = read_dft_validation_csv(csv);
  REQUIRE(hostile_back.size() == 1);
  CHECK(hostile_back[0].site == "fcc, \"bridge\"");
  CHECK(hostile_back[0].quantity == "E_bind");
  CHECK(hostile_back[0].potential == -1.5);
  std::ofstream(csv) << header << "Al111,111,\"fcc,1,2\n";
  CHECK_THROWS_WITH(read_dft_validation_csv(csv),
                    csv.string() + ":2: a quoted field is not closed before the end of the text");
}
