// Cp2kEngine: input writing, output parsing and error paths without CP2K; with cp2k.psmp on
// PATH (CI installs it) a Na2 smoke test: energy against a stored value, forces against a
// central finite difference of the energy, and the failures a DFT run can have.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "../test_skip.h"
#include "engines/cp2k_data.h"
#include "engines/cp2k_engine.h"
#include "engines/cp2k_output.h"
#include "nabridge/base/subprocess.h"

using namespace nabridge;

namespace {

// Stored from this machine's Debian CP2K 2023.1 (PBE, SZV-MOLOPT-SR-GTH, 500 Ry, Na2 at 2.8 Å).
constexpr double kStoredNa2Energy_eV = -2568.12948;

// Na2 in a small box with the small basis: a CP2K run of a few seconds.
Structure sodium_dimer(double bond_A) {
  Structure s;
  s.cell = Mat3::Identity() * 9.0;
  s.add_atom("Na", Vec3(3.03, 4.51, 4.52));  // off the grid's symmetry points
  s.add_atom("Na", Vec3(3.03 + bond_A, 4.51, 4.52));
  return s;
}

Cp2kSettings smoke_settings() {
  Cp2kSettings st;
  st.basis["Na"] = "SZV-MOLOPT-SR-GTH";
  st.potential["Na"] = "GTH-PBE-q9";
  // Na's GTH-PBE-q9 (2s2p semicore) needs ~500 Ry: at 300 Ry the grid ("egg-box") error of
  // the force on Na is eV/Å-sized (docs/dft.md).
  st.cutoff_Ry = 500;
  st.rel_cutoff_Ry = 60;
  st.smearing_K = 0;   // Na2 is closed shell with a gap: OT, no smearing
  st.eps_scf = 1e-7;
  return st;
}

// Run directories in a per-process scratch folder: the failure tests keep theirs by design.
Cp2kRunOptions smoke_options() {
  Cp2kRunOptions o;
  o.mpi_ranks = 1;
  o.nice = 0;
  o.work_root = std::filesystem::temp_directory_path() / ("nabridge-test-cp2k-" + std::to_string(::getpid()));
  return o;
}

/// True when cp2k.psmp and mpirun are on PATH; otherwise the test is reported as skipped.
bool have_cp2k() {
  if (!find_program("cp2k.psmp").empty() && !find_program("mpirun").empty()) return true;
  testing::report_skipped("cp2k.psmp or mpirun not on PATH (scripts/install-deps.sh installs cp2k)");
  return false;
}

}  // namespace

TEST_CASE("GTH valence charges come from the data-file names", "[dft]") {
  CHECK(gth_valence_from_name("GTH-PBE-q9") == 9);
  CHECK(gth_valence_from_name("DZVP-MOLOPT-SR-GTH-q11") == 11);
  CHECK(gth_valence_from_name("DZVP-MOLOPT-SR-GTH") == 0);
}

TEST_CASE("cp2k input: every element needs a basis set and a pseudopotential in the data files", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) {
    testing::report_skipped("cp2k-data not installed (/usr/share/cp2k/BASIS_MOLOPT)");
    return;
  }
  Cp2kSettings st = smoke_settings();
  Structure s = sodium_dimer(3.0);
  s.add_atom("Xe", Vec3(6, 6, 6));
  CHECK_THROWS_WITH(cp2k_input(s, st, Cp2kRunType::kEnergyForce),
                    Catch::Contains("no basis set given for element Xe") && Catch::Contains("BASIS_MOLOPT"));
  st.basis["Xe"] = "NO-SUCH-BASIS";
  st.potential["Xe"] = "GTH-PBE-q8";
  CHECK_THROWS_WITH(cp2k_input(s, st, Cp2kRunType::kEnergyForce),
                    Catch::Contains("no basis set 'NO-SUCH-BASIS' for element Xe") &&
                        Catch::Contains("/usr/share/cp2k/BASIS_MOLOPT"));
  // A basis built for another valence than the pseudopotential is refused before any run.
  Cp2kSettings wrong = smoke_settings();
  wrong.potential["Na"] = "GTH-PBE-q1";
  CHECK_THROWS_WITH(cp2k_input(sodium_dimer(3.0), wrong, Cp2kRunType::kEnergyForce), Catch::Contains("Na"));
}

TEST_CASE("cp2k input: frozen atoms become FIXED_ATOMS, smearing uses diagonalisation", "[dft]") {
  if (!std::filesystem::exists("/usr/share/cp2k/BASIS_MOLOPT")) return;
  Structure s = sodium_dimer(3.0);
  s.free_dofs = {dof::kNone, dof::kZ};
  Cp2kSettings st = smoke_settings();
  st.smearing_K = 1000;
  st.kpoints = {4, 4, 1};
  const std::string in = cp2k_input(s, st, Cp2kRunType::kGeoOpt);
  CHECK_THAT(in, Catch::Contains("COMPONENTS_TO_FIX XYZ\n      LIST 1\n"));
  CHECK_THAT(in, Catch::Contains("COMPONENTS_TO_FIX XY\n      LIST 2\n"));
  CHECK_THAT(in, Catch::Contains("METHOD FERMI_DIRAC") && Catch::Contains("&DIAGONALIZATION ON"));
  CHECK_THAT(in, !Catch::Contains("&OT"));
  CHECK_THAT(in, Catch::Contains("SCHEME MONKHORST-PACK 4 4 1"));
  // Kerker damping only where asked for: without it the input is the one every cached record had.
  CHECK_THAT(in, Catch::Contains("ALPHA 0.200\n        NBROYDEN 8\n") && !Catch::Contains("BETA"));
  Cp2kSettings kerker = st;
  kerker.mixing_beta_per_bohr = 1.5;
  CHECK_THAT(cp2k_input(s, kerker, Cp2kRunType::kGeoOpt),
             Catch::Contains("ALPHA 0.200\n        BETA 1.500\n        NBROYDEN 8\n      &END MIXING"));
  // A relaxation with k-points starts each step from the previous density matrix; a single point
  // and a Gamma-only relaxation keep CP2K's default.
  CHECK_THAT(in, Catch::Contains("EPS_DEFAULT 1.0E-12\n      EXTRAPOLATION USE_PREV_P\n    &END QS"));
  CHECK_THAT(cp2k_input(s, st, Cp2kRunType::kEnergyForce), !Catch::Contains("EXTRAPOLATION"));
  Cp2kSettings gamma_only = st;
  gamma_only.kpoints = {1, 1, 1};
  CHECK_THAT(cp2k_input(s, gamma_only, Cp2kRunType::kGeoOpt), !Catch::Contains("EXTRAPOLATION"));
  CHECK_THAT(in, !Catch::Contains("XC_GRID"));
  st.xc_smoothing = "NN10";
  CHECK_THAT(cp2k_input(s, st, Cp2kRunType::kGeoOpt),
             Catch::Contains("XC_SMOOTH_RHO NN10\n        XC_DERIV NN10_SMOOTH"));
  CHECK(Cp2kEngine::relax_run_type(s) == Cp2kRunType::kGeoOpt);
  s.free_dofs = {dof::kNone, dof::kNone};
  CHECK(Cp2kEngine::relax_run_type(s) == Cp2kRunType::kEnergyForce);
}

TEST_CASE("cp2k output: energy, forces, SCF steps and the abort message are read", "[dft]") {
  const std::string text =
      " CP2K| version string:                                       CP2K version 2023.1\n"
      "  *** SCF run converged in    10 steps ***\n"
      " ENERGY| Total FORCE_EVAL ( QS ) energy [a.u.]:              -47.182065973059792\n"
      " ATOMIC FORCES in [a.u.]\n\n"
      " # Atom   Kind   Element          X              Y              Z\n"
      "      1      1      Na          0.00100000    -0.00200000     0.00300000\n"
      "      2      1      Na         -0.00100000     0.00200000    -0.00300000\n"
      " SUM OF ATOMIC FORCES           0.00000000     0.00000000     0.00000000     0.00000000\n"
      "  **** **** ******  **  PROGRAM ENDED AT                 2026-12-04 21:52:14.345\n";
  const Cp2kOutput out = parse_cp2k_output(text);
  CHECK(out.version == "CP2K version 2023.1");
  REQUIRE(out.energy_Ha);
  CHECK(*out.energy_Ha == Approx(-47.182065973059792));
  REQUIRE(out.forces_Ha_bohr.cols() == 2);
  CHECK(out.forces_Ha_bohr(1, 0) == Approx(-0.002));
  CHECK(out.scf_steps == 10);
  CHECK(out.ended);
  CHECK_FALSE(out.scf_failed);

  const std::string aborted =
      " *******************************************************************************\n"
      " *   ___                                                                       *\n"
      " *  /   \\                                                                      *\n"
      " * [ABORT]                                                                     *\n"
      " *  \\___/     SCF run NOT converged. To continue the calculation regardless,   *\n"
      " *    |                please set the keyword IGNORE_CONVERGENCE_FAILURE.       *\n"
      " *  O/|                                                                        *\n"
      " * /| |                                                                        *\n"
      " * / \\                                                           qs_scf.F:611 *\n"
      " *******************************************************************************\n";
  const Cp2kOutput bad = parse_cp2k_output(aborted);
  CHECK_THAT(bad.abort_message, Catch::StartsWith("SCF run NOT converged. To continue"));
  CHECK_FALSE(bad.energy_Ha);
}

TEST_CASE("cp2k trajectory: the last complete frame is the final geometry", "[dft]") {
  const std::string xyz = "2\n i = 0\nNa 0 0 0\nNa 0 0 3\n2\n i = 1\nNa 0 0 0.1\nNa 0 0 3.2\n2\n i = 2\nNa 0 0";
  const Positions r = last_xyz_frame(xyz, 2);
  CHECK(r(2, 1) == Approx(3.2));
  CHECK_THROWS_WITH(last_xyz_frame("", 2), Catch::Contains("no complete frame"));
}

TEST_CASE("cp2k smoke: Na2 energy matches the stored value, forces match finite differences", "[dft][cp2k]") {
  if (!have_cp2k()) return;
  Cp2kEngine engine(smoke_settings(), smoke_options());
  const Structure s = sodium_dimer(2.8);
  const Evaluation e = engine.evaluate(s);
  CHECK(e.energy_eV == Approx(kStoredNa2Energy_eV).margin(1e-3));
  // A compressed bond pushes the atoms apart. Newton's third law holds up to the grid's
  // translation-symmetry breaking (a few 0.01 eV/Å at 500 Ry).
  CHECK(e.forces_eV_A(0, 0) < -0.2);
  CHECK(e.forces_eV_A(0, 0) == Approx(-e.forces_eV_A(0, 1)).margin(0.05));

  const double h_A = 0.01;
  Structure plus = s, minus = s;
  plus.positions(0, 0) += h_A;
  minus.positions(0, 0) -= h_A;
  const double f_fd = -(engine.energy(plus) - engine.energy(minus)) / (2 * h_A);
  INFO("analytic " << e.forces_eV_A(0, 0) << " eV/A, finite difference " << f_fd << " eV/A");
  CHECK(e.forces_eV_A(0, 0) == Approx(f_fd).margin(0.02));
}

TEST_CASE("cp2k: no virial, and provides_virial() says so before CP2K is started", "[dft][virial]") {
  // Runs without CP2K: a virial request throws before any run (`false` as the program would fail
  // with its exit status instead, and nothing is written).
  Cp2kRunOptions o = smoke_options();
  o.program = "false";
  o.work_root /= "virial-request";  // its own: other tests of this process leave theirs
  Cp2kEngine engine(smoke_settings(), o);
  CHECK_FALSE(engine.provides_virial());
  CHECK_THROWS_WITH(engine.evaluate(sodium_dimer(2.8), true), Catch::Contains("virial (stress) is not implemented"));
  CHECK_FALSE(std::filesystem::exists(o.work_root));
}

TEST_CASE("cp2k smoke: an SCF that cannot converge is a failure, not a number", "[dft][cp2k]") {
  if (!have_cp2k()) return;
  Cp2kSettings st = smoke_settings();
  st.max_scf = 2;
  Cp2kEngine engine(st, smoke_options());
  CHECK_THROWS_WITH(engine.evaluate(sodium_dimer(2.8)), Catch::Contains("SCF run NOT converged"));
  CHECK(engine.force_calls() == 1);
  std::filesystem::remove_all(engine.options().work_root);
}

TEST_CASE("cp2k: a run that ends without CP2K's final output is a failure", "[dft][cp2k]") {
  if (!have_cp2k()) return;
  // `true` stands for a CP2K killed before it wrote anything: exit status 0, no output.
  Cp2kRunOptions o = smoke_options();
  o.program = "true";
  Cp2kEngine engine(smoke_settings(), o);
  CHECK_THROWS_WITH(engine.evaluate(sodium_dimer(2.8)), Catch::Contains("no final energy"));
  o.program = "false";  // and one that fails outright
  Cp2kEngine failing(smoke_settings(), o);
  CHECK_THROWS_WITH(failing.evaluate(sodium_dimer(2.8)), Catch::Contains("exited with status"));
  std::filesystem::remove_all(o.work_root);
}

TEST_CASE("cp2k smoke: a neighbouring geometry's wavefunction starts the SCF, same energy", "[dft][cp2k]") {
  if (!have_cp2k()) return;
  Cp2kRunOptions o = smoke_options();
  o.wfn_guess = o.wfn_keep = o.work_root / "Na2.wfn";
  Cp2kEngine engine(smoke_settings(), o);
  const Cp2kRun first = engine.run(sodium_dimer(2.8), Cp2kRunType::kEnergyForce);
  CHECK(first.scf_guess == "atomic");
  REQUIRE(std::filesystem::exists(o.wfn_keep));
  Cp2kEngine fresh(smoke_settings(), smoke_options());
  const Cp2kRun atomic = fresh.run(sodium_dimer(2.9), Cp2kRunType::kEnergyForce);
  const Cp2kRun restarted = engine.run(sodium_dimer(2.9), Cp2kRunType::kEnergyForce);
  CHECK(restarted.scf_guess == "restart");
  CHECK(restarted.input == atomic.input);  // the cache key does not see the guess
  CHECK(restarted.energy_eV == Approx(atomic.energy_eV).margin(1e-4));
  CHECK(restarted.scf_steps < atomic.scf_steps);
  std::filesystem::remove_all(o.work_root);
}
