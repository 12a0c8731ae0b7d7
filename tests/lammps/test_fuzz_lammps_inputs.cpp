// Fuzz suite, LAMMPS inputs: every numeric argument of every nabridge/* command of a small
// Na-on-Al(100) input (the shipped examples' commands, with settings cut for speed) replaced by
// hostile values, each run through `nabridge lmp` with a time bound. Every case must end with
// LAMMPS's "ERROR: ..." line or succeed; none may crash or hang.
#include <catch2/catch.hpp>

#include "fuzz_support.h"

namespace {

const std::string kSetup =
    "units metal\natom_style atomic\natom_modify map array\nboundary p p p\nlattice fcc 4.05\n"
    "region box block 0 2 0 2 -0.01 5.99\ncreate_box 2 box\nregion slab block 0 2 0 2 -0.01 2.49\n"
    "create_atoms 1 region slab\nmass 1 26.982\nmass 2 22.990\n"
    "pair_style hybrid/overlay eam/alloy morse 8.0\n"
    "pair_coeff * * eam/alloy /usr/share/lammps/potentials/Al_zhou.eam.alloy Al NULL\n"
    "pair_coeff 1 2 morse 0.35 1.1 3.2\npair_coeff 2 2 morse 0.0 1.0 3.7\n"
    "region bottom block INF INF INF INF INF 0.6\ngroup bottom region bottom\n"
    "region upper block INF INF INF INF 1.2 INF\ngroup upper region upper\ngroup lower subtract all upper\n";

}  // namespace

TEST_CASE("fuzz: nabridge/* commands with hostile numbers end in an error or a success, never a crash or a hang",
          "[lammps][fuzz]") {
  const std::vector<std::string> commands{
      "nabridge/surface all ebulk -3.36 relax no",
      "nabridge/adsorb all type 2 height 2.0 relax no",
      "nabridge/adhesion lower upper relax no uber -0.6 5.0 5",
      "nabridge/neb all hop hollow hollow type 2 height 2.0 images 3 fmax 0.05 maxsteps 200 spring 5.0 fix bottom",
      "nabridge/hops all type 2 temp 298 height 2.0 images 3 fmax 0.05 radius 3.2 fix bottom",
      "nabridge/pes all type 2 grid 3 3 height 2.0 fmax 0.05 fix bottom",
  };
  nabridge::testing::FuzzTally tally;
  const auto dir = nabridge::testing::scratch_dir("fuzz_lammps");
  int k = 0;
  for (const auto& command : commands)
    for (const auto& m : nabridge::testing::command_number_mutations(command)) {
      const auto case_dir = dir / std::to_string(k++);
      std::filesystem::create_directories(case_dir);
      nabridge::testing::write_file(case_dir / "in.fuzz", kSetup + m.text + "\n");
      nabridge::testing::run_fuzz_case(tally, m.description, {nabridge::testing::nabridge_exe(), "lmp", "in.fuzz"},
                                       case_dir, 120, "ERROR");
    }
  tally.print("LAMMPS inputs");
  for (const auto& c : tally.crashes) FAIL_CHECK("crash: " << c);
  for (const auto& h : tally.hangs) FAIL_CHECK("hang: " << h);
  for (const auto& s : tally.silent) FAIL_CHECK("refused without an ERROR line: " << s);
  CHECK(tally.refused > 0);
}

TEST_CASE("fuzz support: a run stopped by its time bound is a hang, a run ended by another signal a crash",
          "[fuzz]") {
  using namespace nabridge::testing;
  const auto dir = std::filesystem::temp_directory_path();
  // `timeout -s KILL` kills its own process group, itself included.
  const ProcessResult bounded = run_bounded({"sleep", "30"}, dir, 1);
  CHECK(timed_out(bounded));
  const ProcessResult segv = run_bounded({"sh", "-c", "kill -SEGV $$"}, dir, 30);
  CHECK_FALSE(timed_out(segv));
  CHECK((!segv.exited || segv.status > 128));  // a crash for run_fuzz_case
  CHECK_FALSE(timed_out(run_bounded({"true"}, dir, 30)));
}
