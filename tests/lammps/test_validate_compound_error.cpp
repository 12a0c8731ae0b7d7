// `nabridge potential validate ID` on a compound (ionic) potential without [metadata.validation]:
// the element-by-element table cannot narrow its pair-wise coefficients, so the command stops with
// one error naming the potential and the table to add (not LAMMPS's or the narrowing's message).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "nabridge/base/read_file.h"
#include "subprocess.h"

namespace fs = std::filesystem;

TEST_CASE("nabridge potential validate: a compound potential without [metadata.validation] is refused, naming it",
          "[lammps][ionic][potentials][cli]") {
  const auto dir = nabridge::testing::scratch_dir("validate_compound_without_settings");
  // batio3-vielma (core–shell, pair-wise Buckingham terms) without its [metadata.validation].
  std::string toml =
      nabridge::read_file_or_empty(fs::path(NABRIDGE_SOURCE_DIR) / "potentials/batio3-vielma/potential.toml");
  const auto begin = toml.find("[metadata.validation]");
  const auto end = toml.find("[[metadata.sources]]");
  REQUIRE(begin != std::string::npos);
  REQUIRE(end > begin);
  toml.erase(begin, end - begin);
  const std::string id_line = "id = \"batio3-vielma\"";
  REQUIRE(toml.find(id_line) != std::string::npos);
  toml.replace(toml.find(id_line), id_line.size(), "id = \"vielma-without-settings\"");
  nabridge::testing::write_file(dir / "potential.toml", toml);
  const auto run = nabridge::testing::run_process({nabridge::testing::nabridge_exe(), "potential", "validate",
                                                   (dir / "potential.toml").string(), "--out", (dir / "out").string()});
  INFO(run.output);
  CHECK(run.status == 1);
  CHECK(run.output.find("potential 'vielma-without-settings' is a compound (ionic) potential without "
                        "[metadata.validation]: add that table to " +
                        (dir / "potential.toml").string()) != std::string::npos);
  CHECK(run.output.find("does not end with its element list") == std::string::npos);
  CHECK_FALSE(fs::exists(dir / "out"));
}
