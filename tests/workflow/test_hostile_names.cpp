// A campaign file shared between groups must never run anything: names carrying shell syntax
// (quotes, $IFS, ;) and gnuplot command substitution (backquotes) in every name field go through
// the whole campaign, report figures and mesoscale plots included, and nothing outside the run
// folder changes.
#include <catch2/catch.hpp>

#include <fstream>
#include <set>
#include <vector>

#include "campaign_fixture.h"
#include "nabridge/base/csv.h"

using namespace nabridge::testing;
namespace fs = std::filesystem;

namespace {

bool any_file_named_pwned(const fs::path& dir) {
  for (const auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().filename().string().rfind("PWNED", 0) == 0) return true;
  return false;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (std::size_t p = s.find(from); p != std::string::npos; p = s.find(from, p + to.size()))
    s.replace(p, from.size(), to);
  return s;
}

}  // namespace

TEST_CASE("names with shell and gnuplot metacharacters run nothing and write nothing outside the run folder",
          "[workflow][run][security]") {
  const auto dir = scratch_dir("hostile_names");
  const std::string shell_name = R"(A';touch${IFS}PWNED_SHELL;')";
  const std::string gnuplot_name = "B`touch${IFS}PWNED_GNUPLOT`$(touch${IFS}PWNED_SUBST)@x\\n'";
  const std::string potential_id = "lj\"q,c';touch${IFS}PWNED_POT;'`touch PWNED_POT2`";
  // TOML basic strings: escape the backslash and the double quote of the names.
  const auto toml_string = [](const std::string& s) {
    return "\"" + replace_all(replace_all(s, "\\", "\\\\"), "\"", "\\\"") + "\"";
  };
  std::string toml = small_campaign_toml(4.2);
  toml = replace_all(toml, "name = \"test\"", "name = " + toml_string("camp`touch PWNED_CAMPAIGN`';touch PWNED_C2;'"));
  toml = replace_all(toml, "name = \"A\"", "name = " + toml_string(shell_name));
  toml = replace_all(toml, "name = \"B\"", "name = " + toml_string(gnuplot_name));
  toml = replace_all(toml, "[potentials.lj]", "[potentials." + toml_string(potential_id) + "]");
  toml = replace_all(toml, "potential = \"lj\"", "potential = " + toml_string(potential_id));
  toml += mesoscale_toml();
  const auto file = write_campaign(dir, toml);
  const auto before = files_outside(dir, dir / "results");
  const auto r = run_process({nabridge_exe(), "run", "campaign.toml"}, dir);
  INFO(r.output);
  REQUIRE(r.exited);
  CHECK(r.status == 0);
  CHECK_FALSE(any_file_named_pwned(dir));
  CHECK(files_outside(dir, dir / "results") == before);
  // The run did its work: table, report figures and mesoscale plots exist, names kept for display.
  const std::string csv = read_file(dir / "results" / "parameters.csv");
  CHECK_THAT(csv, Catch::Contains("touch${IFS}PWNED_SHELL"));
  // RFC 4180: every row splits into the header's number of fields, the potential's name (with a
  // quote and a comma) comes back whole.
  const auto rows = nabridge::parse_csv(csv);
  REQUIRE(rows.size() == 3);
  for (const auto& r : rows) CHECK(r.fields.size() == rows.front().fields.size());
  CHECK(rows[1].fields[2] == potential_id);
  // The same file through Python's csv module and pandas, the readers users' scripts have: as
  // many fields in every row, the potential's name whole (compared in Python against a file
  // holding it, so the name never passes through a shell) and, for pandas, two data rows with
  // the header's columns.
  std::ofstream(dir / "expected_potential.txt") << potential_id;
  std::ofstream(dir / "read_csv.py")
      << "import csv, sys\n"
         "import pandas\n"
         "rows = list(csv.reader(open(sys.argv[1], newline='')))\n"
         "expected = open(sys.argv[2]).read()\n"
         "print(len(rows), all(len(r) == len(rows[0]) for r in rows), rows[1][2] == expected)\n"
         "table = pandas.read_csv(sys.argv[1], keep_default_na=False)\n"
         "print('pandas', table.shape == (2, len(rows[0])), list(table.columns) == rows[0],\n"
         "      table.iloc[0, 2] == expected)\n";
  const auto py =
      run_process({"/usr/bin/python3", (dir / "read_csv.py").string(), (dir / "results" / "parameters.csv").string(),
                   (dir / "expected_potential.txt").string()});
  INFO(py.output);
  CHECK(py.status == 0);
  CHECK_THAT(py.output, Catch::Contains("3 True True"));
  CHECK_THAT(py.output, Catch::Contains("pandas True True True"));
  CHECK(fs::exists(dir / "results" / "report.md"));
  CHECK_THAT(read_file(dir / "results" / "report.md"), Catch::Contains("PWNED_GNUPLOT"));
  int figures = 0;
  for (const auto& e : fs::recursive_directory_iterator(dir / "results"))
    if (e.path().extension() == ".png") ++figures;
  if (!fs::exists("/usr/bin/gnuplot")) WARN("gnuplot not installed: the gnuplot half of this test ran no script");
  else CHECK(figures > 0);
}
