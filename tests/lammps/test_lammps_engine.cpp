#include <catch2/catch.hpp>

#include <random>

#include "core/kim_potential.h"
#include "engine/lammps_engine.h"
#include "kim_models.h"
#include "lammps_packages.h"
#include "lammps_reference.h"
#include "structure/prototypes.h"
#include "structure/slab.h"

using namespace nabridge;

namespace {
const std::string kPotentials = "/usr/share/lammps/potentials/";

PotentialSpec eam(const std::string& file, std::vector<std::string> elements) {
  PotentialSpec p;
  p.id = file;
  p.elements = elements;
  std::string coeff = "pair_coeff * * " + kPotentials + file;
  for (const auto& e : elements) coeff += " " + e;
  p.commands = {"pair_style eam/alloy", coeff};
  p.files = {kPotentials + file};
  return p;
}

/// Displaces every atom randomly, sometimes far beyond the skin and across the cell boundary,
/// and checks LammpsEngine against `run 0` after every step.
void check_against_run0(const PotentialSpec& pot, Structure s, double tol_eV_A) {
  LammpsEngine engine(pot);
  testing::RunZeroReference reference(pot, s);
  std::mt19937 rng(42);
  std::normal_distribution<double> small(0.0, 0.05), large(0.0, 0.8);
  for (int step = 0; step < 12; ++step) {
    auto& dist = (step % 4 == 3) ? large : small;
    for (Eigen::Index i = 0; i < s.positions.cols(); ++i)
      for (int d = 0; d < 3; ++d) s.positions(d, i) += dist(rng);
    if (step == 6) s.positions.row(0).array() += s.cell(0, 0);  // an atom one cell away, unwrapped
    const Evaluation ev = engine.evaluate(s);
    Structure wrapped = s;
    wrapped.wrap();
    Positions f_ref;
    const double e_ref = reference.run0(wrapped.positions, f_ref);
    INFO("step " << step);
    CHECK(ev.energy_eV == Approx(e_ref).margin(1e-10));
    CHECK((ev.forces_eV_A - f_ref).cwiseAbs().maxCoeff() < tol_eV_A);
  }
  CHECK(engine.force_calls() == 12);
  CHECK(engine.neighbor_builds() < 12);  // small steps reuse the neighbour list
}
}  // namespace

TEST_CASE("LammpsEngine equals run 0 for a triclinic EAM Al(111) slab", "[lammps][engine]") {
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = 5;
  spec.repeat_a = 3;
  spec.repeat_b = 3;
  const Slab slab = make_slab(bulk_fcc("Al", 4.05), spec);
  check_against_run0(eam("Al_zhou.eam.alloy", {"Al"}), slab.structure, 1e-10);
}

TEST_CASE("LammpsEngine equals run 0 for a binary EAM crystal", "[lammps][engine]") {
  Structure s = bulk_fcc("Al", 4.05);
  s = repeat(s, 3, 3, 3);
  for (std::size_t i = 0; i < s.size(); i += 3) s.species[i] = "Cu";
  check_against_run0(eam("AlCu.eam.alloy", {"Al", "Cu"}), s, 1e-10);
}

TEST_CASE("LammpsEngine virial matches the finite-difference strain derivative", "[lammps][engine]") {
  const PotentialSpec pot = eam("Cu_zhou.eam.alloy", {"Cu"});
  LammpsEngine engine(pot);
  Structure s = repeat(bulk_fcc("Cu", 3.58), 3, 3, 3);
  s.positions(0, 5) += 0.1;
  const Evaluation ev = engine.evaluate(s, true);
  REQUIRE(ev.virial_eV);
  // W_xx = −dE/dε_xx under homogeneous strain of cell and atoms.
  const double h = 1e-6;
  auto strained = [&](double e) {
    Structure t = s;
    Mat3 f = Mat3::Identity();
    f(0, 0) += e;
    t.cell = f * t.cell;
    t.positions = f * t.positions;
    return engine.energy(t);
  };
  const double dE = (strained(h) - strained(-h)) / (2 * h);
  CHECK((*ev.virial_eV)(0, 0) == Approx(-dE).epsilon(1e-6));
}

TEST_CASE("LammpsEngine equals run 0 for a KIM portable model (pair kim, full neighbour list)",
          "[lammps][engine][kim]") {
  if (testing::skip_without_lammps_packages({"KIM"})) return;
  Structure s = repeat(bulk_bcc("Na", 4.29), 3, 3, 3);
  check_against_run0(kim_potential(testing::kNicholAcklandNa, {"Na"}), s, 1e-10);
  // A two-species MEAM through the KIM MEAM driver (Kim & Lee 2022, built from potentials/).
  Structure nacu = repeat(bulk_bcc("Na", 4.2), 3, 3, 3);
  for (std::size_t i = 0; i < nacu.size(); i += 5) nacu.species[i] = "Cu";
  check_against_run0(kim_potential(testing::kKimLeeNaCu, {"Na", "Cu"}), nacu, 1e-10);
}

TEST_CASE("LammpsEngine rejects elements the potential does not map", "[lammps][engine]") {
  LammpsEngine engine(eam("Al_zhou.eam.alloy", {"Al"}));
  Structure s = bulk_fcc("Na", 4.2);
  CHECK_THROWS_WITH(engine.evaluate(s), Catch::Contains("'Na'"));
}
