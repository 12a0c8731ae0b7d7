// KIM portable models through LammpsEngine and `nabridge lmp`: the same numbers from both,
// the models' own lattice constants and cohesive energies, and the environment that keeps the
// KIM API out of $HOME.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iomanip>
#include <regex>

#include "core/kim_potential.h"
#include "engine/kim_environment.h"
#include "engine/lammps_engine.h"
#include "kim_models.h"
#include "lammps_packages.h"
#include "protocols/cubic_lattice.h"
#include "protocols/isolated_atom.h"
#include "structure/prototypes.h"
#include "subprocess.h"

using namespace nabridge;
using testing::run_process;

namespace {

const std::string kKimExample = std::string(NABRIDGE_SOURCE_DIR) + "/examples/na_kim_bcc.in";

double number_after(const std::string& text, const std::string& key) {
  const std::regex re(key + R"(\s+([-+0-9.eE]+))");
  std::smatch m;
  REQUIRE(std::regex_search(text, m, re));
  return std::stod(m[1]);
}

}  // namespace

TEST_CASE("KIM: NaBridge's configuration file points at the build tree, never $HOME", "[lammps][kim]") {
  const auto env = ensure_kim_environment();
  const char* set = std::getenv("KIM_API_CONFIGURATION_FILE");
  REQUIRE(set);
  CHECK(env.config_file == set);
  // The test environment sets no KIM configuration of its own, so NaBridge's, in the build tree,
  // is the one in use (a user's own KIM_API_CONFIGURATION_FILE would be kept, never overwritten).
  REQUIRE(env.nabridge_config);
  CHECK(env.config_file == nabridge_kim_config_file());
  CHECK(std::filesystem::is_regular_file(env.config_file));
  CHECK(env.config_file.rfind(NABRIDGE_BINARY_DIR, 0) == 0);
  // The model NaBridge built from potentials/kimlee2022 sits in that collection.
  CHECK(std::filesystem::is_regular_file(std::filesystem::path(nabridge_kim_portable_models_dir()) /
                                         testing::kKimLeeNaCu / "libkim-api-portable-model.so"));
}

TEST_CASE("KIM Nichol-Ackland Na: LammpsEngine equals `nabridge lmp` and the model's lattice constant",
          "[lammps][kim]") {
  if (testing::skip_without_lammps_packages({"KIM"})) return;
  LammpsEngine engine(kim_potential(testing::kNicholAcklandNa, {"Na"}));
  const CubicLattice eq = cubic_equilibrium(engine, "bcc", {"Na"}, 4.2);
  const double e_atom = isolated_atom_energy_eV(engine, "Na");
  const double Ec_eV = e_atom - eq.energy_eV_per_atom;
  INFO("a = " << eq.a_A << " A, E = " << eq.energy_eV_per_atom << " eV/atom, E_atom = " << e_atom
              << " eV, Ec = " << Ec_eV << " eV, P = " << eq.pressure_GPa << " GPa");
  CHECK(std::abs(eq.pressure_GPa) < 1e-8);

  // The same model in a plain LAMMPS input (kim init / kim interactions) run by `nabridge lmp`:
  // energy at NaBridge's lattice constant to 1e-8 eV/atom, and LAMMPS's own box relaxation.
  const auto dir = testing::scratch_dir("kim_na_bcc");
  const auto r =
      run_process({testing::nabridge_exe(), "lmp", kKimExample, "-var", "a", fmt::format("{:.15f}", eq.a_A)}, dir);
  INFO(r.output);
  REQUIRE(r.status == 0);
  CHECK(number_after(r.output, "E_at_a_eV_per_atom") == Approx(eq.energy_eV_per_atom).margin(1e-8));
  CHECK(number_after(r.output, "natoms") == 128);
  CHECK(number_after(r.output, "a_relaxed_A") == Approx(eq.a_A).margin(1e-5));
  // KIM wrote no kim.log next to the run (errors go to stderr) and nothing under a home dir.
  CHECK_FALSE(std::filesystem::exists(dir / "kim.log"));

  // The model's own numbers (Nichol & Ackland fitted the room-temperature lattice parameter,
  // 4.2906 Å; 4.225 Å is the 5 K value): a = 4.2906 Å, Ec = 1.109 eV against the handbook
  // 1.113 eV (shared/reference/na_reference.toml A.na_lattice_constant_RT, A.na_cohesive_energy).
  CHECK(eq.a_A == Approx(4.2906).epsilon(2e-4));
  CHECK(Ec_eV == Approx(1.113).epsilon(0.01));
}

TEST_CASE("KIM: an unknown model is a clear error from `nabridge lmp`", "[lammps][kim]") {
  if (testing::skip_without_lammps_packages({"KIM"})) return;
  const auto dir = testing::scratch_dir("kim_unknown");
  const auto r = run_process(
      {testing::nabridge_exe(), "lmp", kKimExample, "-var", "a", "4.2", "-var", "model", "No_Such_Model"}, dir);
  INFO(r.output);
  CHECK(r.status != 0);
  CHECK(r.output.find("KIM Model name not found") != std::string::npos);
}
