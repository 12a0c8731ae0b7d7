// A Na film on the core–shell batio3-vielma (potentials::metal_film_model, docs/ferroelectric.md §7): the
// film's engine runs the model with its [metal_film] applied. Known answers: bulk Na in it is the
// EIM metal of nai-eim (same a, same energy: no Na–Na Coulomb, no self-energy); a lone Na sees the
// host exactly as the adatom's model does (the film changes only Na–Na); two Na interact by the
// EIM pair alone; a model without a metal is refused with one message.
#include <catch2/catch.hpp>

#include "engine/lammps_engine.h"
#include "engine/shell_engine.h"
#include "lammps_packages.h"
#include "potentials/potential_library.h"
#include "protocols/cubic_lattice.h"
#include "protocols/isolated_atom.h"
#include "shipped_potential.h"
#include "structure/prototypes.h"

using namespace nabridge;
using nabridge::potentials::metal_alone_model;
using nabridge::potentials::metal_film_model;

namespace {

/// A 2×2 TiO2-terminated layer pair (a = 4 Å, vacuum above) with `na` above it.
Structure host_with(const std::vector<Vec3>& na) {
  Structure s;
  s.cell = Vec3(8.0, 8.0, 30.0).asDiagonal();
  for (int i = 0; i < 2; ++i)
    for (int j = 0; j < 2; ++j) {
      const double x = 4.0 * i, y = 4.0 * j;
      s.add_atom("Ba", {x, y, 5.0});
      s.add_atom("O", {x + 2.0, y + 2.0, 5.0});
      s.add_atom("Ti", {x + 2.0, y + 2.0, 7.05});
      s.add_atom("O", {x + 2.0, y, 7.0});
      s.add_atom("O", {x, y + 2.0, 7.0});
    }
  for (const auto& x : na) s.add_atom("Na", x);
  return s;
}

}  // namespace

TEST_CASE("batio3-vielma metal film: bulk Na is nai-eim's EIM metal, a lone Na sees the host as the adatom does",
          "[shell][shell-engine][metal-film]") {
  if (testing::skip_without_lammps_packages(testing::kCoreShellPackages)) return;
  if (testing::skip_without_lammps_packages(testing::kIonicPackages)) return;
  const PotentialSpec model = testing::load_shipped_potential("batio3-vielma").spec;
  const PotentialSpec film = metal_film_model(model);
  ShellEngineOptions opt;
  opt.open_circuit_slab = true;
  opt.host_field_V_A = 0.383;  // the P-up row's screening field: acts on the host, not on Na
  ShellEngine film_engine(film, opt), adatom_engine(model, opt);
  LammpsEngine eim(testing::load_shipped_potential("nai-eim").spec);

  // The metal alone (metal_alone_model, the film task's bulk Na) is nai-eim's bcc Na, and the film's
  // shell engine gives bulk Na the same energy (no Na–Na Coulomb, no self-energy, no Ewald charge).
  LammpsEngine alone(metal_alone_model(model));
  const CubicLattice a = cubic_equilibrium(alone, "bcc", {"Na"}, 4.3, 1e-9),
                     b = cubic_equilibrium(eim, "bcc", {"Na"}, 4.3, 1e-9);
  CHECK(a.a_A == Approx(b.a_A).epsilon(1e-8));
  CHECK(a.energy_eV_per_atom == Approx(b.energy_eV_per_atom).epsilon(1e-8));
  ShellEngine bulk_engine(film);
  const Structure bcc = bulk_prototype("bcc", {"Na"}, a.a_A);
  CHECK(bulk_engine.evaluate(bcc).energy_eV / 2.0 == Approx(a.energy_eV_per_atom).epsilon(1e-8));
  CHECK(isolated_atom_energy_eV(bulk_engine, "Na") == 0.0);

  // One Na: no Na–Na pair in reach, so both models give the same energy and forces.
  const Structure one = host_with({Vec3(0.3, 0.2, 9.4)});
  const Evaluation e1 = film_engine.evaluate(one), e0 = adatom_engine.evaluate(one);
  CHECK(e1.energy_eV == Approx(e0.energy_eV).margin(1e-7));
  CHECK((e1.forces_eV_A - e0.forces_eV_A).cwiseAbs().maxCoeff() < 1e-5);

  // Two Na 3.6 A apart above the host: the film model replaces their DSF Coulomb (with the
  // images in reach) by the EIM pair terms, the host terms unchanged. The Na alone in the same
  // cell: the film's engine gives nai-eim's energy, the adatom's engine the DSF Coulomb.
  const Vec3 n1(0.3, 0.2, 9.4), n2(3.9, 0.2, 9.4);
  Structure pair;
  pair.cell = host_with({}).cell;
  pair.add_atom("Na", n1);
  pair.add_atom("Na", n2);
  const double eim_pair_eV = eim.evaluate(pair).energy_eV, dsf_pair_eV = adatom_engine.evaluate(pair).energy_eV;
  CHECK(film_engine.evaluate(pair).energy_eV == Approx(eim_pair_eV).margin(1e-7));
  const Structure two = host_with({n1, n2});
  const double film_minus_adatom_eV = film_engine.evaluate(two).energy_eV - adatom_engine.evaluate(two).energy_eV;
  CHECK(film_minus_adatom_eV == Approx(eim_pair_eV - dsf_pair_eV).margin(1e-6));
  CHECK(dsf_pair_eV > 0.3);  // the Coulomb repulsion the film drops is not a vanishing number
}

TEST_CASE("metal_film_model refuses a core–shell model without a metal, naming it", "[shell][metal-film]") {
  PotentialSpec model = testing::load_shipped_potential("batio3-vielma").spec;
  model.metal_film = {};
  CHECK_THROWS_WITH(metal_film_model(model),
                    Catch::Contains("potential 'batio3-vielma' has no metal for a film ([metal_film]") &&
                        Catch::Contains("a film of cations, not a metal"));
}
