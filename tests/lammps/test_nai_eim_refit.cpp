// potentials/nabridge-eim-NaI: the EIM with its Na–I entry refitted to PBE (bench/nai_eim_refit).
// Checked here through NaBridge's own code paths, not the fit's: the NaI crystal by
// cubic_equilibrium against experiment and against the values the fit printed, and Na on NaI(100)
// through `nabridge potential dft-validate` against every PBE point of data/reference/dft/NaI100,
// with the shipped nai-eim beside it as the case the refit repairs.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>

#include "engine/lammps_engine.h"
#include "ionic_validation.h"
#include "nabridge/base/csv.h"
#include "protocols/cubic_lattice.h"
#include "protocols/isolated_atom.h"
#include "shipped_potential.h"
#include "subprocess.h"

using namespace nabridge;

namespace {

struct NaIRockSalt {
  double a_A = 0.0, cohesive_eV_per_fu = 0.0, bulk_modulus_GPa = 0.0;
};

/// Equilibrium lattice constant, cohesive energy per NaI against the free atoms, and the static bulk
/// modulus (the one bench/ionic_validation tabulates).
NaIRockSalt rocksalt_nai(Engine& engine) {
  const CubicLattice c = cubic_equilibrium(engine, "rocksalt", {"Na", "I"}, 6.45, 1e-7);
  const double e_free = isolated_atom_energy_eV(engine, "Na") + isolated_atom_energy_eV(engine, "I");
  return {c.a_A, e_free - 2 * c.energy_eV_per_atom,
          testing::ionic::rocksalt_bulk_modulus_GPa(engine, "Na", "I", c.a_A)};
}

struct NaIAdatomErrors {
  int points = 0;
  double mean_abs_eV = 0.0, max_abs_eV = 0.0;
};

/// `nabridge potential dft-validate ID` into a scratch folder; the E_bind@z rows of NaI100 (every
/// finished PBE point, in its DFT geometry) against PBE.
NaIAdatomErrors nai_adatom_errors(const std::string& id) {
  const auto dir = testing::scratch_dir("nai_eim_refit_" + id);
  const auto r = testing::run_process(testing::nabridge_exe() + " potential dft-validate " + id + " --out " +
                                      dir.string());
  INFO(r.output);
  REQUIRE(r.status == 0);
  NaIAdatomErrors e;
  for (const auto& rec : read_csv_file(dir / "dft_validation.csv")) {
    const auto& f = rec.fields;  // system,facet,site,quantity,dft,potential,unit
    if (f.size() != 7 || f[0] != "NaI100" || f[3].rfind("E_bind@z", 0) != 0) continue;
    const double err = std::abs(std::stod(f[5]) - std::stod(f[4]));
    ++e.points;
    e.mean_abs_eV += err;
    e.max_abs_eV = std::max(e.max_abs_eV, err);
  }
  if (e.points > 0) e.mean_abs_eV /= e.points;
  return e;
}

}  // namespace

TEST_CASE("nabridge-eim-NaI: the NaI crystal keeps its experimental lattice, cohesion and stiffness",
          "[lammps][ionic][nai]") {
  LammpsEngine engine(testing::load_shipped_potential("nabridge-eim-NaI").spec);
  const NaIRockSalt nai = rocksalt_nai(engine);
  INFO("a " << nai.a_A << " A, Ec " << nai.cohesive_eV_per_fu << " eV/NaI, B " << nai.bulk_modulus_GPa << " GPa");
  // NaBridge's minimiser and finite difference (regression pins), and the fit's own estimate from
  // a parabola through E(a) at 0.5 % steps (bench/nai_eim_refit/refit.py printed a 6.4594 A,
  // E -2.6125 eV/atom, B 27.1 GPa; the parabola's vertex sits 0.015 A off on this anharmonic curve).
  CHECK(nai.a_A == Approx(6.4446).margin(0.001));
  CHECK(nai.cohesive_eV_per_fu == Approx(5.2248).margin(0.001));
  CHECK(nai.bulk_modulus_GPa == Approx(29.2).margin(0.3));
  CHECK(nai.a_A == Approx(6.4594).margin(0.02));
  CHECK(nai.cohesive_eV_per_fu == Approx(2 * 2.6125).margin(0.005));
  CHECK(nai.bulk_modulus_GPa == Approx(27.1).margin(3.0));
  // Against experiment (data/reference/ionic.toml): a 6.40 (0 K estimate) to 6.47 A (room
  // temperature), 5.204 eV per NaI; B 14.4-16.5 GPa, which the refit misses by a factor 1.8 (a
  // stated limit of the potential).
  CHECK(nai.a_A == Approx(6.435).margin(0.06));
  CHECK(nai.cohesive_eV_per_fu == Approx(5.204).epsilon(0.01));
  // The shipped EIM, for contrast: four times too stiff (measured 60-64 GPa).
  LammpsEngine shipped(testing::load_shipped_potential("nai-eim").spec);
  const double b_shipped_GPa = rocksalt_nai(shipped).bulk_modulus_GPa;
  INFO("nai-eim B " << b_shipped_GPa << " GPa");
  CHECK(b_shipped_GPa > 50.0);
}

TEST_CASE("nabridge-eim-NaI: Na on NaI(100) binds as in PBE, where nai-eim overbinds by ~1 eV",
          "[lammps][ionic][nai][dft]") {
  const NaIAdatomErrors refit = nai_adatom_errors("nabridge-eim-NaI");
  const NaIAdatomErrors shipped = nai_adatom_errors("nai-eim");
  INFO("refit: " << refit.points << " points, MAE " << refit.mean_abs_eV << " max " << refit.max_abs_eV
                 << " eV; nai-eim: MAE " << shipped.mean_abs_eV << " max " << shipped.max_abs_eV << " eV");
  REQUIRE(refit.points >= 6);  // the six points the fit used; points computed later join
  CHECK(refit.points == shipped.points);
  CHECK(refit.mean_abs_eV <= 0.1);  // issue 11's target for refitted potentials
  CHECK(refit.max_abs_eV <= 0.2);
  CHECK(shipped.mean_abs_eV >= 0.8);  // measured 0.89 eV
}
