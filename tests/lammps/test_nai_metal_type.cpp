// nai-eim-nadft: NaI with metallic Na as an atom type of its own ("Na:metal", core/elements.h),
// run through LammpsEngine. Exact checks of how its pair_style hybrid combines: the lattice and
// bcc Na are nai-eim's to round-off, and a lone metallic Na atom over NaI(100) adds exactly the sum
// of its Morse terms written out here (to lattice Na: morse/smooth/linear; to I: the bond-order
// Morse, whose bond order is 1 without metallic neighbours, shifted to zero at its cutoff) and
// leaves the EIM lattice as it was.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "engine/lammps_engine.h"
#include "protocols/cubic_lattice.h"
#include "protocols/ionic_hosts.h"
#include "protocols/isolated_atom.h"
#include "shipped_potential.h"
#include "structure/prototypes.h"

using namespace nabridge;
using namespace nabridge::testing;

namespace {

struct CutMorse {
  double D_eV = 0.0, alpha_per_A = 0.0, r0_A = 0.0, cutoff_A = 0.0;
  bool tilted = false;  // morse/smooth/linear: the slope at the cutoff taken off too
  double morse(double r) const {
    const double e = std::exp(-alpha_per_A * (r - r0_A));
    return D_eV * (e * e - 2.0 * e);
  }
  double morse_slope(double r) const {
    const double e = std::exp(-alpha_per_A * (r - r0_A));
    return -2.0 * alpha_per_A * D_eV * (e * e - e);
  }
  /// The Morse energy with its value at the cutoff taken off (pair_modify shift yes), and with
  /// `tilted` its slope there too (morse/smooth/linear: energy and force zero at the cutoff).
  double operator()(double r) const {
    if (r >= cutoff_A) return 0.0;
    return morse(r) - morse(cutoff_A) - (tilted ? (r - cutoff_A) * morse_slope(cutoff_A) : 0.0);
  }
};

/// The numbers of the pair_coeff line "i j STYLE D alpha r0" of `spec`.
CutMorse morse_of(const PotentialSpec& spec, const std::string& pair, const std::string& style, double cutoff_A) {
  for (const auto& c : spec.commands) {
    const std::string head = "pair_coeff " + pair + " " + style + " ";
    if (c.rfind(head, 0) != 0) continue;
    std::istringstream in(c.substr(head.size()));
    CutMorse m;
    m.cutoff_A = cutoff_A;
    m.tilted = style == "morse/smooth/linear";
    in >> m.D_eV >> m.alpha_per_A >> m.r0_A;
    return m;
  }
  FAIL("no pair_coeff " + pair + " " + style + " in " + spec.id);
  return {};
}

}  // namespace

TEST_CASE("nai-eim-nadft: lattice and metal as nai-eim, a metallic adatom adds its Morse pairs exactly",
          "[lammps][ionic][nai]") {
  const ShippedPotential fitted = load_shipped_potential("nai-eim-nadft");
  const ShippedPotential eim = load_shipped_potential("nai-eim");
  REQUIRE(fitted.spec.elements == std::vector<std::string>{"Na", "I", "Na:metal"});
  LammpsEngine model(fitted.spec), start(eim.spec);

  // Rock salt and bcc Na: the EIM of nai-eim, the metal through its own eim instance.
  const Structure nai = repeat(bulk_rocksalt("Na", "I", 6.455), 2, 2, 2);
  CHECK(model.energy(nai) == Approx(start.energy(nai)).epsilon(1e-12));
  const Structure metal = repeat(bulk_bcc("Na:metal", 4.37), 3, 3, 3);
  const Structure na = repeat(bulk_bcc("Na", 4.37), 3, 3, 3);
  CHECK(model.energy(metal) == Approx(start.energy(na)).epsilon(1e-12));
  const double e_bcc = model.energy(metal) / static_cast<double>(metal.size());
  // The energy the lmp binary of Debian's lammps gives for these pair_coeff lines (hybrid eim eim,
  // bcc type 3 at 4.37 Å, 54 atoms; and plain eim, type 1: the same to 1e-14).
  CHECK(e_bcc == Approx(-1.13279159729).margin(1e-10));

  // A metallic Na 3.1 Å over an I of a 2×2, 4-layer NaI(100) slab: E_bind is the two Morse sums over
  // every lattice atom and image within the cutoff, the slab's EIM energy untouched.
  const Slab slab = slab_001(bulk_rocksalt("Na", "I", 6.455), 4, "", 2);
  Structure with = slab.structure;
  Eigen::Index top_I = -1;
  for (Eigen::Index i = 0; i < with.positions.cols(); ++i)
    if (with.species[static_cast<std::size_t>(i)] == "I" &&
        (top_I < 0 || with.positions(2, i) > with.positions(2, top_I) + 1e-6))
      top_I = i;
  const Vec3 adatom = with.positions.col(top_I) + Vec3(0.3, 0.2, 3.1);  // off the axis: no symmetry to hide behind
  with.add_atom("Na:metal", adatom);
  const double cutoff_A = 9.0;
  const CutMorse na_i = morse_of(fitted.spec, "2 3", "nabridge/morse/bondorder", cutoff_A);
  const CutMorse na_na = morse_of(fitted.spec, "1 3", "morse/smooth/linear", cutoff_A);
  double expected_eV = 0.0;
  for (Eigen::Index i = 0; i < slab.structure.positions.cols(); ++i)
    for (int a = -3; a <= 3; ++a)
      for (int b = -3; b <= 3; ++b) {
        const Mat3& cell = slab.structure.cell;
        const Vec3 r = slab.structure.positions.col(i) + cell.col(0) * a + cell.col(1) * b;
        const double d = (r - adatom).norm();
        expected_eV += slab.structure.species[static_cast<std::size_t>(i)] == "I" ? na_i(d) : na_na(d);
      }
  const double e_bind =
      model.energy(with) - model.energy(slab.structure) - isolated_atom_energy_eV(model, "Na:metal");
  CHECK(e_bind == Approx(expected_eV).margin(1e-9));
  CHECK(std::abs(e_bind) > 1e-3);  // the Morse pairs reach the adatom
}
