#include <catch2/catch.hpp>

#include <fstream>

#include "subprocess.h"

using namespace nabridge;

TEST_CASE("nabridge upscale: example parameters give a row per substrate and overpotential", "[cli][upscale]") {
  const auto dir = testing::scratch_dir("upscale_cli");
  const auto r = testing::run_process(testing::nabridge_exe() + " upscale " + NABRIDGE_SOURCE_DIR +
                                      "/upscale/examples/params.toml --out " + dir.string());
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::ifstream csv(dir / "upscale.csv");
  std::string header;
  std::getline(csv, header);
  CHECK(header.rfind("substrate,T_K,eta_mV,theta_deg", 0) == 0);
  int rows = 0, barrier_free = 0;
  for (std::string line; std::getline(csv, line);) {
    ++rows;
    barrier_free += line.find("barrier-free") != std::string::npos;
  }
  CHECK(rows == 10);
  CHECK(barrier_free == 5);  // the strongly binding (illustrative) Al row
}

TEST_CASE("nabridge upscale: unknown keys and malformed TOML name the file and the key", "[cli][upscale]") {
  const auto dir = testing::scratch_dir("upscale_bad");
  testing::write_file(dir / "bad.toml", "[conditions]\nT_K = 298\neta_mV = [10]\n[na]\ngamma_Na_J_m2 = 0.2\n"
                                        "[[substrate]]\nname = \"x\"\nE_bind_eV = -1.0\nEa_dif_eV = 0.1\n");
  auto r = testing::run_process(testing::nabridge_exe() + " upscale " + (dir / "bad.toml").string() + " --out " + dir.string());
  CHECK(r.status != 0);
  CHECK(r.output.find("bad.toml: substrate[0]: unknown key 'Ea_dif_eV'") != std::string::npos);
  testing::write_file(dir / "broken.toml", "[conditions\nT_K = 298\n");
  r = testing::run_process(testing::nabridge_exe() + " upscale " + (dir / "broken.toml").string());
  CHECK(r.status != 0);
  CHECK(r.output.find("broken.toml:1:") != std::string::npos);
}
