// The campaign's mesoscale stage: the parameter table goes to the interface simulator through
// the upscaling stage (the function behind `nabridge upscale`), the report ranks the rows by the
// simulated nucleation overpotential, and a bad [mesoscale] entry fails the mesoscale task alone
// with its error text.
#include <catch2/catch.hpp>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "campaign_fixture.h"
#include "workflow/campaign.h"

using namespace nabridge::testing;
namespace fs = std::filesystem;

TEST_CASE("a [mesoscale] or [na_continuum] value the upscale reader refuses fails at load with the campaign's line",
          "[workflow][mesoscale]") {
  const auto dir = scratch_dir("campaign_mesoscale_values");
  const std::string good = small_campaign_toml(4.2) + mesoscale_toml();
  // The upscale reader's "FILE:LINE: conditions.interface.cells: ..." becomes the campaign's key and line.
  const auto refused = [&](const std::string& from, const std::string& to, const std::string& key,
                           const std::string& message) {
    std::string text = good;
    text.replace(text.find(from), from.size(), to);
    auto at = text.find("\n" + key.substr(key.rfind('.') + 1) + " =");
    if (at == std::string::npos)
      at = text.find("\n[" + key.substr(0, key.rfind('.')) + "]");  // absent: the table's line
    ++at;
    const std::string line = std::to_string(1 + std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
    try {
      nabridge::workflow::load_campaign(write_campaign(dir, text));
      FAIL("no error for " + to);
    } catch (const std::invalid_argument& e) {
      CHECK_THAT(e.what(),
                 Catch::StartsWith((dir / "campaign.toml").string() + ":" + line + ": " + key + ": " + message));
    }
  };
  refused("cells = 16", "cells = 2", "mesoscale.interface.cells", "2 is outside [4, 2048]");
  refused("current_mA_cm2 = [0.5, 2]", "current_mA_cm2 = [-0.5, 2]", "mesoscale.current_mA_cm2",
          "-0.5 is negative (give magnitudes)");
  refused("yield_MPa = 0.2", "yield_MPa = 1e9", "na_continuum.yield_MPa", "1000000000 is outside [0.0001, 10000]");
  // A key the sweep needs and the campaign leaves out: the table's line.
  refused("pressure_MPa = [5]\n", "", "mesoscale.pressure_MPa", "needed for the mesoscale runs");
}

TEST_CASE("the mesoscale stage runs the interface simulator on the table and ranks the rows",
          "[workflow][run][mesoscale]") {
  const auto dir = scratch_dir("campaign_mesoscale");
  const auto file = write_campaign(dir, small_campaign_toml(4.2) + mesoscale_toml(R"x(["A(100)", "B(100)"])x"));
  const auto r = run_process({nabridge_exe(), "run", file.string(), "--jobs", "2"});
  INFO(r.output);
  REQUIRE(r.status == 0);
  // The mesoscale task runs alone at the end of the graph and is given the run's --jobs as its
  // threads, so that its sweep runs that many simulations side by side (issue 12, item 5).
  int mesoscale_tasks = 0;
  for (const auto& task_dir : fs::directory_iterator(dir / "results" / "work")) {
    if (!fs::exists(task_dir.path() / "task.json")) continue;
    const auto task = nlohmann::json::parse(read_file(task_dir.path() / "task.json"));
    if (task.at("type") != "mesoscale") continue;
    ++mesoscale_tasks;
    CHECK(task.at("threads") == 2);
  }
  CHECK(mesoscale_tasks == 1);
  const std::string report = read_file(dir / "results" / "report.md");
  CHECK_THAT(report, Catch::Contains("## Mesoscale plating and stripping"));
  CHECK_THAT(report, Catch::Contains("4 runs of the interface simulator"));
  CHECK_THAT(report, Catch::Contains("| η_nuc @ 0.5 mA/cm² | η_nuc @ 2 mA/cm² | η_S,nuc @ 2 | nuclei/µm² @ 2 |"));
  for (const char* row : {"| A(100) |", "| B(100) |"}) CHECK_THAT(report, Catch::Contains(row));
  // One stable path to the mesoscale output of the current run, used by the report's links.
  CHECK(fs::is_symlink(dir / "results" / "mesoscale"));
  CHECK(fs::exists(dir / "results" / "mesoscale" / "runs.csv"));
  CHECK_THAT(report, Catch::Contains("`mesoscale/runs.csv`"));

  // The parameter table carries each row's predictions, the current in the column name, and
  // what the runs assumed rather than computed.
  const std::string csv = read_file(dir / "results" / "parameters.csv");
  const std::string header = csv.substr(0, csv.find('\n'));
  for (const char* col : {"eta_nuc_mV@0.5mA_cm2", "eta_nuc_mV@2mA_cm2", "eta_S_nuc_mV@2mA_cm2", "N_nuc_per_um2@2mA_cm2",
                          "CE_mean@2mA_cm2", "i_crit_note", "predictions_at", "inputs_not_computed"})
    CHECK_THAT(header, Catch::Contains(col));
  CHECK_THAT(csv, Catch::Contains("na_continuum.i0_A_m2 = 10.0") && Catch::Contains("5 MPa"));
  const std::string toml_table = read_file(dir / "results" / "parameters.toml");
  CHECK_THAT(toml_table, Catch::Contains("'eta_nuc_mV@2mA_cm2' = "));

  // report.html stands alone: every figure of report.md inlined, and Chromium shows them all.
  const std::string html = read_file(dir / "results" / "report.html");
  std::size_t figures = 0, inlined = 0;
  for (std::size_t p = report.find("!["); p != std::string::npos; p = report.find("![", p + 2)) ++figures;
  for (std::size_t p = html.find("<img src=\"data:image/"); p != std::string::npos;
       p = html.find("<img src=\"data:image/", p + 1))
    ++inlined;
  CHECK(figures >= 5);
  CHECK(inlined == figures);
  CHECK_THAT(html, Catch::Contains("<table>") && Catch::Contains("A(100)") &&
                       Catch::Contains("Mesoscale plating and stripping"));
  if (!fs::exists("/usr/bin/chromium")) {
    WARN("chromium not installed: report.html not opened in a browser");
  } else {
    // A copy with a probe script that puts the image census into the title once the page loaded.
    write_file(dir / "probe.html",
               html.substr(0, html.rfind("</body>")) +
                   "<script>window.addEventListener('load',()=>{const b=[...document.images].filter("
                   "i=>!(i.complete&&i.naturalWidth>0)).length;document.title='images:'+document.images.length+"
                   "' broken:'+b;});</script></body></html>\n");
    const auto dom =
        run_process({"timeout", "120", "chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update",
                     "--disable-sync", "--user-data-dir=" + (dir / "chromium-profile").string(),
                     "--virtual-time-budget=10000", "--dump-dom", "file://" + (dir / "probe.html").string()});
    INFO(dom.output.substr(0, 400));
    CHECK_THAT(dom.output, Catch::Contains("<title>images:" + std::to_string(figures) + " broken:0</title>"));
  }

  SECTION("a [mesoscale] entry naming no table row fails the mesoscale task alone") {
    write_campaign(dir, small_campaign_toml(4.2) + mesoscale_toml(R"x(["C(100)"])x"));
    const auto bad = run_process({nabridge_exe(), "run", file.string()});
    INFO(bad.output);
    CHECK(bad.status != 0);
    CHECK_THAT(bad.output, Catch::Contains("13 cached, 0 run, 1 failed"));
    CHECK_THAT(bad.output, Catch::Contains("'C(100)' is not a parameter-table row"));
    CHECK(fs::exists(dir / "results" / "parameters.csv"));
  }
}
