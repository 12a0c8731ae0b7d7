#include <catch2/catch.hpp>
#include <dlfcn.h>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "compat/lammps_compat.h"
#include "engine/lammps_engine.h"
#include "lmp_executable.h"
#include "protocols/surface_energy.h"
#include "structure/prototypes.h"
#include "structure/slab.h"
#include "subprocess.h"

using namespace nabridge;
using testing::run_process;

namespace {
const std::string kPotDir = "/usr/share/lammps/potentials";

nlohmann::json read_json(const std::filesystem::path& p) {
  std::ifstream in(p);
  REQUIRE(in.good());
  return nlohmann::json::parse(in);
}

/// Runs examples/NAME through `nabridge lmp` in a scratch folder (its output files land there).
std::filesystem::path run_example(const std::string& name) {
  const auto dir = testing::scratch_dir(name);
  const auto r =
      run_process({testing::nabridge_exe(), "lmp", std::string(NABRIDGE_SOURCE_DIR) + "/examples/" + name + ".in",
                   "-var", "potdir", kPotDir},
                  dir);
  INFO(r.output);
  REQUIRE(r.status == 0);
  return dir;
}

/// Whether the LAMMPS at hand has the PLUGIN package's own `plugin` command (an upstream build):
/// `plugin load` lines then reach LAMMPS itself. Debian's has none; `nabridge lmp` adds a
/// stand-in that accepts NaBridge's own plugin (docs/plugin.md).
bool lammps_has_plugin_command() {
  LAMMPS_NS::LAMMPS* lmp = open_embedded_lammps();
  const bool has = lammps_compat::has_plugin_command(lmp);
  delete lmp;
  return has;
}

PotentialSpec al_zhou() {
  PotentialSpec p;
  p.id = "Al_zhou";
  p.elements = {"Al"};
  p.commands = {"pair_style eam/alloy", "pair_coeff * * " + kPotDir + "/Al_zhou.eam.alloy Al"};
  return p;
}
}  // namespace

TEST_CASE("nabridge lmp: Al(111) surface and cleavage agree with the C++ protocols", "[lammps][commands]") {
  const auto dir = testing::scratch_dir("al111");
  // The example's `plugin load nabridgeplugin.so` (found through LD_LIBRARY_PATH): a LAMMPS with
  // the PLUGIN package loads the module over the commands `nabridge lmp` registered; with
  // Debian's, NaBridge's stand-in `plugin` command accepts the line.
  const char* inherited = std::getenv("LD_LIBRARY_PATH");
  const std::string library_path =
      "LD_LIBRARY_PATH=" NABRIDGE_BINARY_DIR + (inherited && *inherited ? ":" + std::string(inherited) : "");
  const auto r =
      run_process(testing::with_env({library_path}, {testing::nabridge_exe(), "lmp",
                                                     std::string(NABRIDGE_SOURCE_DIR) + "/examples/al111_surface.in",
                                                     "-var", "potdir", kPotDir}),
                  dir);
  INFO(r.output);
  REQUIRE(r.exited);
  REQUIRE(r.status == 0);
  CHECK_THAT(r.output,
             Catch::Contains(lammps_has_plugin_command() ? "Loading plugin: surface energy of a symmetric slab"
                                                         : "plugin load nabridgeplugin.so' accepted"));
  const auto surface = read_json(dir / "al111_surface.json");
  const auto cleave = read_json(dir / "al111_cleave.json");

  // Cleaving the unrelaxed crystal creates the two surfaces: W_sep = 2γ(unrelaxed).
  CHECK(cleave["W_sep_unrelaxed_J_m2"].get<double>() ==
        Approx(2 * surface["gamma_unrelaxed_J_m2"].get<double>()).epsilon(1e-9));
  CHECK(cleave["uber"]["converged"].get<bool>());

  // The same surface built by NaBridge (primitive hexagonal cell instead of the script's
  // rectangular one) through the C++ API: same unrelaxed γ, relaxed γ within the tolerance.
  LammpsEngine engine(al_zhou());
  const double ebulk = engine.energy(bulk_fcc("Al", 4.05)) / 4.0;
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = 12;
  spec.fixed_layers = 3;
  spec.vacuum_A = 4 * 4.05 * std::sqrt(3.0);
  SurfaceEnergyOptions opt;
  opt.ebulk_eV_per_atom = ebulk;
  const auto direct = surface_energy(engine, make_slab(bulk_fcc("Al", 4.05), spec).structure, opt);
  CHECK(surface["gamma_unrelaxed_J_m2"].get<double>() == Approx(direct.gamma_unrelaxed_J_m2).epsilon(1e-9));
  CHECK(surface["gamma_J_m2"].get<double>() == Approx(direct.gamma_J_m2).margin(2e-4));
  CHECK(surface["gamma_J_m2"].get<double>() < surface["gamma_unrelaxed_J_m2"].get<double>());
}

TEST_CASE("nabridge lmp: Na adsorption on Al(100) orders hollow < bridge < top, with the README's numbers",
          "[lammps][commands]") {
  const auto dir = run_example("na_on_al100_adsorb");
  const auto j = read_json(dir / "na_al100_sites.json");
  std::map<std::string, double> e;
  for (const auto& s : j["sites"]) e[s["label"].get<std::string>()] = s["E_bind_eV"].get<double>();
  REQUIRE(e.size() == 3);
  CHECK(e["hollow"] < e["bridge"]);
  CHECK(e["bridge"] < e["top"]);
  CHECK(j["most_stable"] == "hollow");
  for (const auto& site : j["sites"]) CHECK(site["moved_to"] == "");  // symmetric starts stay
  // The numbers the README prints for this example (deterministic: Debian's Zhou Al + Morse).
  CHECK(e["hollow"] == Approx(-3.15579).margin(1e-5));
  CHECK(e["bridge"] == Approx(-3.01377).margin(1e-5));
  CHECK(e["top"] == Approx(-2.92976).margin(1e-5));
}

TEST_CASE("nabridge lmp: the Na hop example agrees between nabridge/neb, nabridge/hops and nabridge/pes",
          "[lammps][commands]") {
  // Na on Al(100) with the example's Morse Na–Al: the hollow is the only minimum (the bridge is
  // the saddle, top a maximum); the hop network's barrier equals the direct hollow–hollow NEB and
  // the PES map's mountain pass.
  const auto dir = run_example("na_al100_hop");
  const auto neb = read_json(dir / "na_al100_hop.json");
  const auto hops = read_json(dir / "na_al100_hops.json");
  const auto pes = read_json(dir / "na_al100_pes.json");
  INFO(hops.dump());
  REQUIRE(hops["complete"].get<bool>());
  CHECK(hops["minima"] == nlohmann::json::array({"hollow"}));
  CHECK(hops["Ea_diff_eV"].get<double>() == Approx(neb["barrier_eV"].get<double>()).margin(1e-3));
  CHECK(pes["barrier_eV"].get<double>() == Approx(neb["barrier_eV"].get<double>()).margin(0.01));
}

namespace {
/// A small valid Al slab script with one command line replaced, run through `nabridge lmp`.
testing::ProcessResult run_script(const std::string& name, const std::string& setup, const std::string& command) {
  const auto dir = testing::scratch_dir("bad_" + name);
  const std::string script = "units metal\natom_style atomic\n" + setup +
                             "lattice fcc 4.05\nregion box block 0 2 0 2 0 6\ncreate_box 1 box\n"
                             "region slab block 0 2 0 2 0 3\ncreate_atoms 1 region slab\nmass 1 26.982\n"
                             "pair_style eam/alloy\npair_coeff * * " + kPotDir + "/Al_zhou.eam.alloy Al\n"
                             "group nothing empty\n" + command + "\n";
  testing::write_file(dir / "in.bad", script);
  return run_process({testing::nabridge_exe(), "lmp", "in.bad"}, dir);
}

/// The script ran to the end and printed `expected`.
void check_success(const testing::ProcessResult& r, const std::string& expected) {
  INFO(r.output);
  CHECK(r.status == 0);
  CHECK(r.output.find(expected) != std::string::npos);
}

void check_error(const testing::ProcessResult& r, const std::string& expected) {
  INFO(r.output);
  CHECK(r.exited);  // an error exit, not a crash
  CHECK(r.status != 0);
  CHECK(r.output.find(expected) != std::string::npos);
}
}  // namespace

TEST_CASE("nabridge/* commands reject bad input with one LAMMPS-style error line", "[lammps][commands]") {
  check_error(run_script("group", "", "nabridge/surface slab ebulk -3.36"),
              "ERROR: nabridge/surface: group: unknown group 'slab'");
  check_error(run_script("empty", "", "nabridge/surface nothing ebulk -3.36"),
              "ERROR: nabridge/surface: group: group 'nothing' is empty");
  check_error(run_script("ebulk", "", "nabridge/surface all relax no"), "ERROR: nabridge/surface: ebulk: missing");
  check_error(run_script("nonperiodic", "boundary f p p\n", "nabridge/surface all ebulk -3.36"),
              "ERROR: nabridge/surface: group: the box must be periodic in x and y");
  check_error(run_script("keyword", "", "nabridge/surface all ebulk -3.36 relax maybe"),
              "ERROR: nabridge/surface: keyword 'relax' expects yes or no, got 'maybe'");
  check_error(run_script("adhesion", "", "nabridge/adhesion all all"), "ERROR: nabridge/adhesion: group-B: atom");
  check_error(run_script("adsorb", "", "nabridge/adsorb all type 3"),
              "ERROR: nabridge/adsorb: keyword 'type': 3 is outside [1, 1]");
  check_error(run_script("adsorbnotype", "", "nabridge/adsorb all height 2"),
              "ERROR: nabridge/adsorb: type: missing or not an atom type");
  // Every count, size and tolerance has a stated range: no hang, no meaningless success.
  for (const auto& [name, command, expected] : std::vector<std::array<std::string, 3>>{
           {"uberhuge", "nabridge/adhesion all nothing uber 0 6 100000000",
            "ERROR: nabridge/adhesion: uber: n = 100000000 is outside [4, 1000]"},
           {"nebimages", "nabridge/neb all hop top hollow type 1 images 100000",
            "ERROR: nabridge/neb: keyword 'images': 100000 is outside [1, 64]"},
           {"nebspring", "nabridge/neb all hop top hollow type 1 spring -1",
            "ERROR: nabridge/neb: keyword 'spring': -1 is outside [0.001, 100]"},
           {"nebmaxsteps", "nabridge/neb all hop top hollow type 1 maxsteps 0",
            "ERROR: nabridge/neb: keyword 'maxsteps': 0 is outside [1, 1000000]"},
           {"nebfmax", "nabridge/neb all hop top hollow type 1 fmax 0",
            "ERROR: nabridge/neb: keyword 'fmax': 0 is outside [1e-06, 10]"},
           {"nebmin", "nabridge/neb all hop top hollow type 1 min cg",
            "ERROR: nabridge/neb: min: unknown minimiser 'cg' (fire or lbfgs)"},
           {"nebold", "nabridge/neb all hop top hollow type 1 optimizer fire",
            "ERROR: nabridge/neb: optimizer: the keyword is 'min fire|lbfgs'"},
           {"hopsheight", "nabridge/hops all type 1 height -3",
            "ERROR: nabridge/hops: keyword 'height': -3 is outside [0.5, 10]"},
           {"hopsradius", "nabridge/hops all type 1 radius -1",
            "ERROR: nabridge/hops: keyword 'radius': -1 is outside [1, 30]"},
           {"hopswrap", "nabridge/hops all type 1 images 4294967299",
            "ERROR: nabridge/hops: keyword 'images': 4294967299 is outside [1, 64]"},
           {"pesgrid", "nabridge/pes all type 1 grid 10000 10000",
            "ERROR: nabridge/pes: grid: 10000 x 10000 is outside [2, 200] x [2, 200]"},
           {"surfinf", "nabridge/surface all ebulk inf",
            "ERROR: nabridge/surface: keyword 'ebulk' expects a number, got 'inf'"}})
    check_error(run_script(name, "", command), expected);
  // A periodic box filled along z is bulk, not a slab: every surface command refuses it.
  for (const char* cmd : {"nabridge/surface all ebulk -3.36", "nabridge/adsorb all type 1", "nabridge/hops all type 1",
                          "nabridge/pes all type 1"})
    check_error(run_script("novacuum", "", std::string("change_box all z final 0 14.175 units box\n") + cmd),
                "not a slab: the widest empty layer along z is");
  check_error(run_script("adsorbsym", "", "nabridge/adsorb all type 1 symmetry bend"),
              "ERROR: nabridge/adsorb: symmetry: expects keep or break, got 'bend'");
  // symmetry break: an Al adatom started on top of Al(100) slides into the hollow.
  check_success(run_script("adsorbbreak", "", "nabridge/adsorb all type 1 symmetry break"), "(moved to hollow)");
  // Another module: NaBridge's stand-in `plugin` command refuses it; the PLUGIN package's own
  // reports the file it could not open and goes on.
  if (lammps_has_plugin_command())
    check_success(run_script("plugin", "", "plugin load other.so"), "Open of file other.so failed");
  else
    check_error(run_script("plugin", "", "plugin load other.so"), "ERROR: plugin: load:");
  check_error(run_script("nebsite", "", "nabridge/neb all hop hollow fcc type 1"),
              "ERROR: nabridge/neb: hop: no site 'fcc' on this surface (sites: top bridge hollow)");
  // An adatom started on top of an Al(100) atom is not at a minimum: no barrier is claimed.
  check_success(run_script("nebtop", "", "nabridge/neb all hop top hollow type 1 images 3"),
                "NOT converged: the band only descends from the initial endpoint");
}

TEST_CASE("a 1 x 1 primitive cell is refused for hops (it ended in a segmentation fault)", "[lammps][commands]") {
  const auto dir = testing::scratch_dir("hops1x1");
  testing::write_file(dir / "in.1x1",
                      "units metal\natom_style atomic\natom_modify map array\n"
                      "lattice fcc 4.05 orient x 1 1 0 orient y -1 1 0 orient z 0 0 1 spacing 0.7071068 0.7071068 1\n"
                      "region box block 0 1 0 1 -0.01 5.99\ncreate_box 2 box\nregion slab block 0 1 0 1 -0.01 2.49\n"
                      "create_atoms 1 region slab\nmass 1 26.982\nmass 2 22.990\n"
                      "pair_style hybrid/overlay eam/alloy morse 8.0\n"
                      "pair_coeff * * eam/alloy " + kPotDir + "/Al_zhou.eam.alloy Al NULL\n"
                      "pair_coeff 1 2 morse 0.35 1.1 3.2\npair_coeff 2 2 morse 0.0 1.0 3.7\n"
                      "nabridge/hops all type 2 images 3\n");
  check_error(run_process({testing::nabridge_exe(), "lmp", "in.1x1"}, dir),
              "ERROR: nabridge/hops: surface diffusion: the surface cell's shortest periodic vector is 2.86 Å");
}

TEST_CASE("an unreadable potential file stops with LAMMPS's error naming the file", "[lammps][commands]") {
  const auto dir = testing::scratch_dir("badpot");
  testing::write_file(dir / "in.pot", "units metal\natom_style atomic\nlattice fcc 4.05\nregion box block 0 1 0 1 0 1\n"
                                      "create_box 1 box\ncreate_atoms 1 box\nmass 1 27\npair_style eam/alloy\n"
                                      "pair_coeff * * /nonexistent/Al.eam.alloy Al\n");
  const auto r = run_process({testing::nabridge_exe(), "lmp", "in.pot"}, dir);
  check_error(r, "/nonexistent/Al.eam.alloy");
}

namespace {
std::vector<std::string> registered_versions, registered_names, registered_styles;
void record_registration(lammpsplugin_t* plugin, void*) {
  registered_versions.emplace_back(plugin->version);
  registered_names.emplace_back(plugin->name);
  registered_styles.emplace_back(plugin->style);
}
}  // namespace

TEST_CASE("the plugin registers its commands and pair style with the version of the LAMMPS it was compiled against",
          "[lammps][plugin]") {
  // What `plugin load` does: dlopen the module and call lammpsplugin_init with a registration
  // function. No LAMMPS instance is needed to register, so none is passed: the version cannot
  // come from the loading LAMMPS.
  void* handle = dlopen(NABRIDGE_BINARY_DIR "/nabridgeplugin.so", RTLD_NOW | RTLD_LOCAL);
  INFO(dlerror());
  REQUIRE(handle != nullptr);
  auto init = reinterpret_cast<void (*)(void*, void*, void*)>(dlsym(handle, "lammpsplugin_init"));
  REQUIRE(init != nullptr);
  registered_versions.clear(), registered_names.clear(), registered_styles.clear();
  init(nullptr, handle, reinterpret_cast<void*>(&record_registration));
  REQUIRE(registered_names.size() == 7);
  for (const auto& name : registered_names) CHECK(name.rfind("nabridge/", 0) == 0);
  CHECK(std::count(registered_styles.begin(), registered_styles.end(), "command") == 6);
  CHECK(registered_styles.back() == "pair");
  CHECK(registered_names.back() == "nabridge/morse/bondorder");
  // The installed LAMMPS NaBridge was built against prints its version in its banner
  // ("... Simulator - 29 Sep 2021 - Update 2"): the plugin reports that version.
  std::istringstream help(run_process({testing::lmp_exe(), "-h"}).output);
  std::string banner, line;  // the first three lines
  for (int k = 0; k < 3 && std::getline(help, line); ++k) banner += line + '\n';
  for (const auto& v : registered_versions) {
    CHECK(v.size() >= 10);  // "D Mon YYYY"
    CHECK_THAT(banner, Catch::Contains("Simulator - " + v));
  }
  dlclose(handle);
}
