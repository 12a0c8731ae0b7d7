#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "nabridge/base/csv.h"
#include "subprocess.h"

using namespace nabridge;

namespace {
/// `nabridge upscale PARAMS [--out OUT]`.
testing::ProcessResult run_upscale(const std::string& params, const std::string& out = "") {
  std::vector<std::string> argv{testing::nabridge_exe(), "upscale", params};
  if (!out.empty()) argv.insert(argv.end(), {"--out", out});
  return testing::run_process(argv);
}
}  // namespace

TEST_CASE("nabridge upscale: example parameters give a row per substrate and overpotential", "[cli][upscale]") {
  const auto dir = testing::scratch_dir("upscale_cli");
  const auto r = run_upscale(std::string(NABRIDGE_SOURCE_DIR) + "/upscale/examples/params.toml", dir.string());
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
  CHECK(rows == 15);
  CHECK(barrier_free == 5);  // the strongly binding (illustrative) Al row
}

TEST_CASE("nabridge upscale: unknown keys and malformed TOML name the file, the line and the key", "[cli][upscale]") {
  const auto dir = testing::scratch_dir("upscale_bad");
  testing::write_file(dir / "bad.toml", "[conditions]\nT_K = 298\neta_mV = [10]\n[na]\ngamma_Na_J_m2 = 0.2\n"
                                        "[[substrate]]\nname = \"x\"\nE_bind_eV = -1.0\nEa_dif_eV = 0.1\n");
  auto r = run_upscale((dir / "bad.toml").string(), dir.string());
  CHECK(r.status != 0);
  CHECK(r.output.find("bad.toml:9: substrate[0].Ea_dif_eV: unknown key (known: ") != std::string::npos);
  testing::write_file(dir / "broken.toml", "[conditions\nT_K = 298\n");
  r = run_upscale((dir / "broken.toml").string());
  CHECK(r.status != 0);
  CHECK(r.output.find("broken.toml:1:") != std::string::npos);
}

namespace {
// A small parameter file with a mesoscale sweep; `extra_interface`, `extra_row` and the
// conditions can be varied per test.
std::string meso_params(const std::string& conditions, const std::string& extra_interface = "",
                        const std::string& row = "theta_deg = 120\n") {
  return "[conditions]\nT_K = 298.15\neta_mV = [20]\n" + conditions +
         "\n[conditions.interface]\ncells = 12\ngap_fraction = 0.1\n" + extra_interface +
         "\n[na]\ngamma_Na_J_m2 = 0.2\ni0_A_m2 = 10\nyield_MPa = 0.2\ncreep_ref_stress_MPa = 0.2\n"
         "creep_ref_strain_rate_per_s = 1e-3\n"
         "substrate_i0_A_m2 = 1.0\n"
         "[[substrate]]\nname = \"phobic\"\nE_bind_eV = -0.51\nEa_diff_eV = 0.06\nnu0_Hz = 1e13\n"
         "hop_length_A = 2.46\nhops_per_site = 6\n" +
         row;
}
}  // namespace

TEST_CASE("nabridge upscale: the example sweep writes runs, cycles, critical currents and plots", "[cli][upscale]") {
  const auto dir = testing::scratch_dir("upscale_meso");
  const auto r = run_upscale(std::string(NABRIDGE_SOURCE_DIR) + "/upscale/examples/params.toml", dir.string());
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(r.output.find("[72/72]") != std::string::npos);  // the progress line
  const auto records = read_csv_file(dir / "mesoscale" / "runs.csv");
  REQUIRE(!records.empty());
  const auto& header = records.front().fields;
  CHECK(csv_row(header).rfind("run,interface,current_mA_cm2,T_C,pressure_MPa", 0) == 0);
  const auto column = [&](const std::string& name) {
    const auto at = std::find(header.begin(), header.end(), name);
    REQUIRE(at != header.end());
    return static_cast<std::size_t>(at - header.begin());
  };
  int runs = 0, failed = 0, failed_with_prediction = 0;
  for (auto r = records.begin() + 1; r != records.end(); ++r) {
    ++runs;
    REQUIRE(r->fields.size() == header.size());
    if (r->fields[column("status")] == "failed") {
      ++failed;
      // a failed run names its reason and carries none of the 11 predictions (η spike … contact after stripping)
      CHECK_FALSE(r->fields[column("failure")].empty());
      for (std::size_t k = column("eta_spike_mV"); k <= column("contact_after_stripping"); ++k)
        failed_with_prediction += !r->fields[k].empty();
    }
  }
  CHECK(runs == 72);  // 3 interfaces × 4 currents × 2 temperatures × 3 pressures
  CHECK(failed > 0);
  CHECK(failed < runs);
  CHECK(failed_with_prediction == 0);
  CHECK(std::filesystem::exists(dir / "mesoscale" / "cycles.csv"));
  CHECK(std::filesystem::exists(dir / "mesoscale" / "critical_current.csv"));
  CHECK(std::filesystem::exists(dir / "mesoscale" / "mesoscale.json"));
  CHECK(std::filesystem::exists(dir / "mesoscale" / "transients" / "run_0001.csv"));
  CHECK(std::filesystem::exists(dir / "mesoscale" / "islands" / "run_0001.csv"));
  CHECK(std::filesystem::exists(dir / "mesoscale" / "maps" / "run_0001_thickness_nm.dat"));
  if (!find_program("gnuplot").empty())
    for (const char* f :
         {"transients", "eta_nuc_vs_current", "thickness_1", "ce_vs_cycle", "critical_current_vs_pressure"}) {
      CHECK(std::filesystem::exists(dir / "mesoscale" / "plots" / (std::string(f) + ".png")));
      CHECK(std::filesystem::exists(dir / "mesoscale" / "plots" / (std::string(f) + ".svg")));
    }
}

TEST_CASE("nabridge upscale: runs side by side on two threads give the same results as one", "[cli][upscale]") {
  const auto dir = testing::scratch_dir("upscale_threads");
  const std::string params = std::string(NABRIDGE_SOURCE_DIR) + "/upscale/examples/params.toml";
  for (const char* threads : {"1", "2"}) {
    const auto r = testing::run_process({testing::nabridge_exe(), "upscale", params, "--no-plots", "--threads", threads,
                                         "--out", (dir / threads).string()});
    INFO(r.output);
    REQUIRE(r.status == 0);
  }
  // Every column but the last (the run's wall time) must agree, run by run.
  auto without_seconds = [](const std::filesystem::path& csv) {
    std::ifstream in(csv);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line.substr(0, line.rfind(',')));
    return lines;
  };
  const auto one = without_seconds(dir / "1" / "mesoscale" / "runs.csv");
  CHECK(one.size() == 73);  // header + 72 runs
  CHECK(one == without_seconds(dir / "2" / "mesoscale" / "runs.csv"));
  CHECK(testing::run_process({testing::nabridge_exe(), "upscale", params, "--threads", "0"}).status != 0);
}

TEST_CASE("nabridge upscale: mesoscale input errors name the file, the line and the key", "[cli][upscale]") {
  const auto dir = testing::scratch_dir("upscale_meso_bad");
  auto run = [&](const std::string& text) {
    testing::write_file(dir / "p.toml", text);
    return run_upscale((dir / "p.toml").string(), (dir / "out").string());
  };
  const std::string ok = "current_mA_cm2 = [1]\npressure_MPa = 5\ncapacity_mAh_cm2 = 0.002\n";
  auto r = run(meso_params(ok, "cels = 4\n"));
  CHECK(r.status != 0);
  CHECK(r.output.find("p.toml:11: conditions.interface.cels: unknown key (known: ") != std::string::npos);
  r = run(meso_params("current_mA_cm2 = [-1]\npressure_MPa = 5\ncapacity_mAh_cm2 = 0.002\n"));
  CHECK(r.status != 0);
  CHECK(r.output.find("p.toml:4: conditions.current_mA_cm2: -1 is negative") != std::string::npos);
  r = run(meso_params(ok, "", "theta_deg = 190\n"));
  CHECK(r.status != 0);
  CHECK(r.output.find("p.toml:26: substrate[0].theta_deg: 190 is outside [0, 180]") != std::string::npos);
  r = run(meso_params(ok, "", ""));  // no contact angle
  CHECK(r.status != 0);
  CHECK(r.output.find("p.toml:19: substrate[0]: row 'phobic' needs W_ad_J_m2 or theta_deg for the mesoscale runs") !=
        std::string::npos);
  r = run(meso_params("current_mA_cm2 = [1]\ncapacity_mAh_cm2 = 0.002\n"));
  CHECK(r.status != 0);
  CHECK(r.output.find("p.toml:1: conditions.pressure_MPa: needed for the mesoscale runs") != std::string::npos);
}

TEST_CASE("nabridge upscale: an unsustainable current is a failed run, not a prediction", "[cli][upscale]") {
  const auto dir = testing::scratch_dir("upscale_meso_fail");
  // 1 Pa of stack pressure: contact fraction 1.5e-6, so 10 mA/cm² would need 0.81 V > 0.6 V.
  testing::write_file(dir / "p.toml",
                      meso_params("current_mA_cm2 = [0.1, 10]\npressure_MPa = 1e-6\ncapacity_mAh_cm2 = 0.001\n",
                                  "eta_cutoff_V = 0.6\n"));
  const auto r = run_upscale((dir / "p.toml").string(), dir.string());
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::ifstream csv(dir / "mesoscale" / "runs.csv");
  std::string header, first, second;
  std::getline(csv, header);
  std::getline(csv, first);
  std::getline(csv, second);
  CHECK(second.find(",failed,") != std::string::npos);
  CHECK(second.find("cannot be sustained") != std::string::npos);
  std::ifstream crit(dir / "mesoscale" / "critical_current.csv");
  std::string c;
  std::getline(crit, c);
  std::getline(crit, c);
  CHECK(c.find("lowest failing current of the sweep") != std::string::npos);
}

TEST_CASE("nabridge upscale: a porous collector's pore keys reach the simulator", "[cli][upscale]") {
  const auto dir = testing::scratch_dir("upscale_pores");
  std::ofstream(dir / "p.toml") << R"(
[conditions]
T_K = 298.15
eta_mV = [10]
current_mA_cm2 = [1]
pressure_MPa = [5]
capacity_mAh_cm2 = 0.025
cycles = 2
[conditions.interface]
cells = 32
pore_fraction = 0.1
pore_size_nm = 150
pore_depth_nm = 50
[na]
gamma_Na_J_m2 = 0.2
i0_A_m2 = 10
substrate_i0_A_m2 = 10
yield_MPa = 0.2
creep_ref_stress_MPa = 0.2
creep_ref_strain_rate_per_s = 1e-3
[[substrate]]
name = "wetting"
E_bind_eV = -1.5
theta_deg = 10
Ea_diff_eV = 0.1
nu0_Hz = 1e13
hop_length_A = 3
)";
  const auto r = run_upscale((dir / "p.toml").string(), (dir / "out").string());
  INFO(r.output);
  REQUIRE(r.status == 0);
  std::ifstream csv(dir / "out" / "mesoscale" / "cycles.csv");
  std::string header, first, second;
  std::getline(csv, header);
  std::getline(csv, first);
  std::getline(csv, second);
  // Columns: run, run_status, cycle, plated, stripped, ce, ... — the pores keep Na in cycle 1 only.
  auto ce = [](const std::string& line) {
    std::size_t p = 0;
    for (int k = 0; k < 5; ++k) p = line.find(',', p) + 1;
    return std::stod(line.substr(p));
  };
  CHECK(ce(first) < 0.99);
  CHECK(ce(second) > 0.999);
}
