// Species: an element, or an element in a role ("Na:metal"), core/elements.h.
#include <catch2/catch.hpp>

#include "core/elements.h"

using namespace nabridge;

TEST_CASE("species: the element of a species, the metal species and which one a model uses", "[species]") {
  CHECK(element_of("Na") == "Na");
  CHECK(element_of("Na:metal") == "Na");
  CHECK(metal_species("Na") == "Na:metal");
  CHECK(metallic_species_in({"Na", "I", "Na:metal"}, "Na") == "Na:metal");
  CHECK(metallic_species_in({"Na", "I"}, "Na") == "Na");
  CHECK(metallic_species_in({"Al", "Na"}, "Na") == "Na");
  CHECK_NOTHROW(check_species("I"));
  CHECK_NOTHROW(check_species("Na:metal"));
  CHECK_THROWS_WITH(check_species("Xx:metal"), Catch::Contains("species 'Xx:metal': unknown element 'Xx'"));
  CHECK_THROWS_WITH(check_species("Na:"), Catch::Contains("species 'Na:': empty role"));
}
