// workflow::with_metal_species: which Na atoms of the DFT reference cells a potential with a metallic
// Na type (nai-eim-nadft, "Na:metal") sees as metallic.
#include <catch2/catch.hpp>

#include "structure/prototypes.h"
#include "workflow/dft_species.h"

using namespace nabridge;
using namespace nabridge::workflow;

namespace {

DftSystem system_of(const std::string& name, DftSystemKind kind, const std::vector<std::string>& configs) {
  DftSystem s;
  s.name = name;
  s.kind = kind;
  for (const auto& c : configs) s.calculations.push_back(DftCalculation{name, c, {}, {}, "", 0.0, 0.0});
  return s;
}

}  // namespace

TEST_CASE("DFT cells as a potential with a metallic Na type sees them", "[dft][species]") {
  DftReferenceSet set;
  set.systems = {system_of("Na-atom", DftSystemKind::kAtom, {"atom"}),
                 system_of("Na-bcc", DftSystemKind::kBulk, {"bulk"}),
                 system_of("NaI-rs", DftSystemKind::kBulk, {"bulk"}),
                 system_of("NaI100", DftSystemKind::kAdsorption, {"clean", "top-I_z3.10"}),
                 system_of("NaI100-NaFilm", DftSystemKind::kFilm, {"clean", "film", "hollow_z2.80"})};
  const Structure rocksalt = bulk_rocksalt("Na", "I", 6.57);  // 4 Na, then 4 I
  Structure adsorbed = rocksalt, film_on = rocksalt;
  adsorbed.add_atom("Na", Vec3(0, 0, 9));
  film_on.add_atom("Na", Vec3(0, 0, 9));
  film_on.add_atom("Na", Vec3(2, 2, 9));
  Structure atom;
  atom.cell = Mat3::Identity() * 20.0;
  atom.add_atom("Na", Vec3::Zero());
  DftOutcomes done{{"Na-atom/atom", {0.0, atom}},
                   {"Na-bcc/bulk", {0.0, bulk_bcc("Na", 4.2)}},
                   {"NaI-rs/bulk", {0.0, rocksalt}},
                   {"NaI100/clean", {0.0, rocksalt}},
                   {"NaI100/top-I_z3.10", {0.0, adsorbed}},
                   {"NaI100-NaFilm/clean", {0.0, rocksalt}},
                   {"NaI100-NaFilm/film", {0.0, bulk_bcc("Na", 4.2)}},
                   {"NaI100-NaFilm/hollow_z2.80", {0.0, film_on}}};

  SECTION("a potential without a metallic type sees the elements") {
    const auto same = with_metal_species(set, done, {"Na", "I"});
    for (const auto& [key, o] : done) CHECK(same.at(key).structure.species == o.structure.species);
  }
  SECTION("the adatom, the film, the free atom and bcc Na are metallic; the crystal's Na stays the cation") {
    const auto seen = with_metal_species(set, done, {"Na", "I", "Na:metal"});
    const std::vector<std::string> crystal = rocksalt.species;
    CHECK(seen.at("NaI-rs/bulk").structure.species == crystal);
    CHECK(seen.at("NaI100/clean").structure.species == crystal);
    std::vector<std::string> expected = crystal;
    expected.push_back("Na:metal");
    CHECK(seen.at("NaI100/top-I_z3.10").structure.species == expected);
    expected.push_back("Na:metal");
    CHECK(seen.at("NaI100-NaFilm/hollow_z2.80").structure.species == expected);
    CHECK(seen.at("NaI100-NaFilm/film").structure.species == std::vector<std::string>(2, "Na:metal"));
    CHECK(seen.at("Na-bcc/bulk").structure.species == std::vector<std::string>(2, "Na:metal"));
    CHECK(seen.at("Na-atom/atom").structure.species == std::vector<std::string>{"Na:metal"});
  }
}
