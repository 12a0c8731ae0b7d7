#include <catch2/catch.hpp>

#include "core/kim_potential.h"

using namespace nabridge;

TEST_CASE("kim_potential: kim init before the box, kim interactions after, in type order", "[kim]") {
  const PotentialSpec p = kim_potential("NaBridge_MEAM_KimLee2022_NaCu", {"Na", "Cu"});
  CHECK(p.id == "kim:NaBridge_MEAM_KimLee2022_NaCu");
  REQUIRE(p.init_commands.size() == 1);
  CHECK(p.init_commands[0] == "kim init NaBridge_MEAM_KimLee2022_NaCu metal");
  REQUIRE(p.commands.size() == 1);
  CHECK(p.commands[0] == "kim interactions Na Cu");
  CHECK(p.elements == std::vector<std::string>{"Na", "Cu"});
  CHECK(uses_kim(p));
}

TEST_CASE("uses_kim recognises KIM commands and nothing else", "[kim]") {
  PotentialSpec p;
  p.commands = {"pair_style eam/alloy", "pair_coeff * * Na.eam.alloy Na"};
  CHECK_FALSE(uses_kim(p));
  p.commands = {"pair_style eam/kimlike", "pair_coeff * * x Na"};  // a style merely named like it
  CHECK_FALSE(uses_kim(p));
  p.commands = {"pair_style hybrid/overlay kim LJ_Model morse 6.0", "pair_coeff * * kim Na"};
  CHECK(uses_kim(p));
  p.commands = {"  kim interactions Na"};
  CHECK(uses_kim(p));
}

TEST_CASE("kim_potential rejects bad model names and element lists", "[kim]") {
  CHECK_THROWS_WITH(kim_potential("9bad", {"Na"}), Catch::Contains("'9bad'"));
  CHECK_THROWS_WITH(kim_potential("model with spaces", {"Na"}), Catch::Contains("not a KIM model name"));
  CHECK_THROWS_WITH(kim_potential("Some_Model", {}), Catch::Contains("'elements' is empty"));
  CHECK_THROWS_AS(kim_potential("Some_Model", {"Xx"}), std::invalid_argument);
}
