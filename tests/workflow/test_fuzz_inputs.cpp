// Fuzz suite, campaign and upscale files: every number of a valid input (the small test campaign
// with a mesoscale stage; the shipped upscale example cut to one short run) replaced by hostile
// values and wrong types. A campaign case is loaded in process: refused with "FILE:LINE: key"
// or loaded; every loaded case is then run end to end (one shared cache, so only the changed
// tasks run) and must finish, or fail its tasks with their messages, within a time bound, and
// write nothing outside its run folder. An upscale case runs `nabridge upscale` with a time
// bound: refused with a message naming the file, or a completed sweep.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <set>

#include "../lammps/fuzz_support.h"
#include "campaign_fixture.h"
#include "workflow/campaign.h"

using namespace nabridge::testing;
namespace fs = std::filesystem;

namespace {

/// The shipped upscale example, cut to one interface, one condition, one cycle and an 8 × 8 map.
std::string small_upscale_example() {
  std::ifstream in(fs::path(NABRIDGE_SOURCE_DIR) / "upscale" / "examples" / "params.toml");
  std::stringstream ss;
  ss << in.rdbuf();
  std::string t = ss.str();
  const std::vector<std::pair<std::string, std::string>> cuts{
      {R"(current_mA_cm2 = \[[^\]]*\])", "current_mA_cm2 = [1]"},
      {R"(temperature_C = \[[^\]]*\])", "temperature_C = [25]"},
      {R"(pressure_MPa = \[[^\]]*\])", "pressure_MPa = [1]"},
      {R"(cycles = 3)", "cycles = 1"},
      {R"(cells = 32)", "cells = 8"},
      {R"(substrates = \[[^\]]*\])", "substrates = [\"graphite(0001)\"]"}};
  for (const auto& [pattern, with] : cuts) {
    const std::regex re(pattern);
    REQUIRE(std::regex_search(t, re));
    t = std::regex_replace(t, re, with);
  }
  return t;
}

}  // namespace

TEST_CASE("fuzz: campaigns with hostile numbers are refused with file, line and key, or run to a clean end",
          "[workflow][fuzz]") {
  const auto dir = scratch_dir("fuzz_campaign");
  const std::string base = small_campaign_toml() + mesoscale_toml();
  FuzzTally tally;
  std::vector<Mutation> loaded;
  const std::regex located("^" + (dir / "campaign.toml").string() + ":[0-9]+: [A-Za-z_.\\[\\]0-9]+: .+");
  for (const auto& m : toml_number_mutations(base)) {
    const auto file = write_campaign(dir, m.text);
    try {
      nabridge::workflow::load_campaign(file);
      loaded.push_back(m);
    } catch (const std::invalid_argument& e) {
      if (std::regex_search(std::string(e.what()), located)) ++tally.refused;
      else tally.silent.push_back(m.description + ": " + e.what());
    }
  }
  // Loaded cases run end to end in one run folder: an accepted value must give a clean run or
  // failed tasks with their messages (exit 2), never a crash, a hang or a write elsewhere.
  const auto before = files_outside(dir, dir / "results");
  for (const auto& m : loaded) {
    write_campaign(dir, m.text);
    const auto r = run_bounded({nabridge_exe(), "run", "campaign.toml", "-q", "-j", "2"}, dir, 300);
    const std::string label = m.description;
    if (timed_out(r)) tally.hangs.push_back(label);
    else if (!r.exited || r.status > 128) tally.crashes.push_back(label + "\n" + r.output);
    else if (r.status == 0) tally.succeeded.push_back(label);
    else if (r.status == 2 && r.output.find("FAILED") != std::string::npos)
      tally.succeeded.push_back(label + " (tasks failed with their messages)");
    else tally.silent.push_back(label + "\n" + r.output);
  }
  tally.print("campaign files");
  CHECK(files_outside(dir, dir / "results") == before);
  for (const auto& c : tally.crashes) FAIL_CHECK("crash: " << c);
  for (const auto& h : tally.hangs) FAIL_CHECK("hang: " << h);
  for (const auto& s : tally.silent) FAIL_CHECK("refused without FILE:LINE: key: " << s);
  CHECK(tally.refused > 100);
}

TEST_CASE("fuzz: upscale files with hostile numbers are refused with the file and key, or run",
          "[workflow][fuzz][upscale]") {
  const auto dir = scratch_dir("fuzz_upscale");
  FuzzTally tally;
  int k = 0;
  for (const auto& m : toml_number_mutations(small_upscale_example())) {
    const auto file = dir / fmt::format("case{}.toml", k++);
    write_file(file, m.text);
    // 180 s: an unbound adatom (E_bind_eV = 0 on graphite) takes 32 s beside a DFT run and a CI
    // build, and the bound reached at 60 s under a loaded ctest was once read as a crash.
    run_fuzz_case(tally, m.description,
                  {nabridge_exe(), "upscale", file.string(), "--out", (dir / "out").string(), "--no-plots"}, dir, 180,
                  file.string());
  }
  tally.print("upscale files");
  for (const auto& c : tally.crashes) FAIL_CHECK("crash: " << c);
  for (const auto& h : tally.hangs) FAIL_CHECK("hang: " << h);
  for (const auto& s : tally.silent) FAIL_CHECK("refused without naming the file: " << s);
  CHECK(tally.refused > 100);
}
