// The polarised perovskite (001) slab (structure/polar_slab.h) from a hand-made P4mm cell with
// known displacements: layer stacking, stoichiometry, P down as the mirror of P up, the BO2
// off-centring profile equal to the cell's, and a slab whose polarisation relaxed away refused
// with one message.
#include <catch2/catch.hpp>

#include <algorithm>

#include "structure/polar_slab.h"

using namespace nabridge;

namespace {

// a = 4, c = 4.1; Ti 0.15 Å and the equatorial O 0.05 Å... above their cubic sites: off-centring
// d0 = z(Ti) − z(O_eq) = 2.05 + 0.15 − (2.05 − 0.05) = 0.20 Å.
Structure p4mm_cell() {
  Structure s;
  s.cell = Vec3(4.0, 4.0, 4.1).asDiagonal();
  s.add_atom("Ba", {0.0, 0.0, 0.0});
  s.add_atom("Ti", {2.0, 2.0, 2.20});
  s.add_atom("O", {2.0, 2.0, 0.02});
  s.add_atom("O", {2.0, 0.0, 2.0});
  s.add_atom("O", {0.0, 2.0, 2.0});
  return s;
}

}  // namespace

TEST_CASE("polar perovskite slab: stacking, P up and P down, off-centring profile", "[polar-slab]") {
  PolarSlabSpec spec;
  spec.cells = 3;
  spec.fixed_cells = 1;
  spec.repeat = 2;
  spec.vacuum_A = 12.0;
  const Structure up = polar_perovskite_slab(p4mm_cell(), "Ba", "Ti", spec);
  CHECK(up.size() == 3 * 4 * 5);
  CHECK(std::count(up.species.begin(), up.species.end(), "O") == 3 * 4 * 3);
  CHECK(up.cell(2, 2) == Approx(3 * 4.1 + 12.0));
  CHECK(std::count(up.free_dofs.begin(), up.free_dofs.end(), dof::kNone) == 20);  // the bottom bilayer
  // BaO at the bottom, TiO2 on top: the highest atoms are Ti and O of the BO2 layer.
  const Eigen::Index top = [&] { Eigen::Index k; up.positions.row(2).maxCoeff(&k); return k; }();
  CHECK((up.species[static_cast<std::size_t>(top)] == "Ti" || up.species[static_cast<std::size_t>(top)] == "O"));
  for (double d : bo2_polar_distortion_A(up, "Ti", "O")) CHECK(d == Approx(0.20).margin(1e-12));

  spec.p_up = false;
  const Structure down = polar_perovskite_slab(p4mm_cell(), "Ba", "Ti", spec);
  for (double d : bo2_polar_distortion_A(down, "Ti", "O")) CHECK(d == Approx(-0.20).margin(1e-12));
  // Mirror image: the same layer spacings reversed within each bilayer (Ti 2.20 Å above Ba in P
  // up, 4.1 − 2.20 = 1.90 Å in P down).
  auto height = [](const Structure& s, const std::string& el) {
    double z = 1e9;
    for (std::size_t i = 0; i < s.size(); ++i)
      if (s.species[i] == el) z = std::min(z, s.positions(2, static_cast<Eigen::Index>(i)));
    return z;
  };
  CHECK(height(up, "Ti") - height(up, "Ba") == Approx(2.20));
  CHECK(height(down, "Ti") - height(down, "Ba") == Approx(1.90));
}

TEST_CASE("polar slab: a polarisation that relaxed away is refused, not passed on", "[polar-slab]") {
  CHECK_NOTHROW(require_polar_slab({0.20, 0.15, -0.05}, 0.20, 1, 0.5, "BaTiO3 P up"));  // surface layer not judged
  CHECK_THROWS_WITH(require_polar_slab({-0.20, 0.09, -0.06}, -0.20, 1, 0.5, "BaTiO3 P down"),
                    Catch::Contains("BaTiO3 P down: the polarisation relaxed away in the slab: BO2 layer 1") &&
                        Catch::Contains("-45 %"));
  CHECK_THROWS_WITH(require_polar_slab({0.20, 0.15}, 0.20, 1, 0.5, "thin"), Catch::Contains("no free BO2 layer below the top one"));
  CHECK_THROWS_AS(polar_perovskite_slab(p4mm_cell(), "Sr", "Ti", PolarSlabSpec{}), std::invalid_argument);
}
