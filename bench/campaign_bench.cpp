// Wall time of a campaign: `nabridge run` with --jobs 1 and --jobs 2 from an empty cache, the
// cached rerun, and the time spent in scheduling/caching (wall − time inside worker tasks).
//   ./build/bench/campaign_bench [CAMPAIGN.toml]   (default: the default screening campaign)
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <regex>
#include <string>

#include "subprocess.h"

namespace fs = std::filesystem;
using nabridge::testing::run_process;

namespace {

struct Timing {
  double process_s = 0;  // the whole `nabridge run` process, start to exit
  double wall_s = 0, inside_s = 0;
  int run = 0, cached = 0;
};

Timing run(const fs::path& campaign, const fs::path& out, int jobs) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto r = run_process(fmt::format("{}/workflows/nabridge run '{}' --out '{}' -j {} -q", NABRIDGE_BINARY_DIR,
                                         campaign.string(), out.string(), jobs));
  const std::regex summary(
      R"((\d+) cached, (\d+) run, (\d+) failed, (\d+) skipped; wall ([0-9.]+) s \(([0-9.]+) s inside)");
  std::smatch m;
  if (!std::regex_search(r.output, m, summary) || m[3] != "0")
    throw std::runtime_error("campaign run failed:\n" + r.output);
  const double process_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return {process_s, std::stod(m[5]), std::stod(m[6]), std::stoi(m[2]), std::stoi(m[1])};
}

}  // namespace

int main(int argc, char** argv) {
  const fs::path campaign =
      argc > 1 ? fs::path(argv[1]) : fs::path(NABRIDGE_SOURCE_DIR) / "workflows" / "campaigns" / "screen-coatings.toml";
  const fs::path dir = campaign.parent_path();
  for (const char* d : {"bench-j1", "bench-j2"}) fs::remove_all(dir / d);
  // --out is taken relative to the current directory: the run folders go beside the campaign,
  // where they are removed again.
  const Timing j1 = run(campaign, dir / "bench-j1", 1);
  const Timing j2 = run(campaign, dir / "bench-j2", 2);
  const Timing again = run(campaign, dir / "bench-j1", 1);
  fmt::print("campaign {}: {} tasks\n", campaign.string(), j1.run);
  fmt::print(
      "| run | process wall s | graph run s | inside tasks s | scheduling + caching s |\n|---|---|---|---|---|\n");
  fmt::print("| --jobs 1, empty cache | {:.1f} | {:.1f} | {:.1f} | {:.2f} |\n", j1.process_s, j1.wall_s, j1.inside_s,
             j1.wall_s - j1.inside_s);
  fmt::print("| --jobs 2, empty cache | {:.1f} | {:.1f} | {:.1f} | – |\n", j2.process_s, j2.wall_s, j2.inside_s);
  fmt::print("| --jobs 1, cached rerun ({} cached, {} run) | {:.2f} | {:.2f} | {:.2f} | {:.2f} |\n", again.cached,
             again.run, again.process_s, again.wall_s, again.inside_s, again.wall_s - again.inside_s);
  fmt::print("speed-up --jobs 2 / --jobs 1 = {:.2f}; scheduling/caching share of the serial run = {:.1f} %\n",
             j1.wall_s / j2.wall_s, 100.0 * (j1.wall_s - j1.inside_s) / j1.wall_s);
  for (const char* d : {"bench-j1", "bench-j2"}) fs::remove_all(dir / d);
  return 0;
}
