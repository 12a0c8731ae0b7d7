// Campaign parsing, the task graph and the task keys, without running anything.
#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <map>
#include <regex>
#include <set>

#include "campaign_fixture.h"
#include "engine/lammps_engine.h"
#include "workflow/campaign.h"
#include "workflow/task_graph.h"
#include "workflow/task_key.h"

using namespace nabridge;
using namespace nabridge::workflow;
using nabridge::testing::scratch_dir;
using nabridge::testing::small_campaign_toml;
using nabridge::testing::write_campaign;

namespace {
std::set<std::pair<std::string, std::string>> edges_of(const TaskGraph& g) {
  std::set<std::pair<std::string, std::string>> e;
  for (const auto& t : g.tasks())
    for (const auto& in : t.inputs) e.insert({in, t.name});
  return e;
}

std::string error_of(const std::filesystem::path& file) {
  try {
    load_campaign(file);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}
}  // namespace

TEST_CASE("the graph of a small campaign has exactly the expected tasks and edges", "[workflow]") {
  const auto dir = scratch_dir("graph");
  const Campaign c = load_campaign(write_campaign(dir, small_campaign_toml()));
  const TaskGraph g = build_task_graph(c);
  std::set<std::string> names;
  for (const auto& t : g.tasks()) names.insert(t.name);
  const std::set<std::string> expected_tasks{"na_bulk",      "na_vacancy",        "bulk/A",  "surface/A/100",
                                             "adsorption/A/100", "hops/A/100",    "bulk/B",  "surface/B/100",
                                             "adsorption/B/100", "hops/B/100",    "table",   "mesoscale",
                                             "adhesion/A/100",   "adhesion/B/100"};
  CHECK(names == expected_tasks);
  const std::set<std::pair<std::string, std::string>> expected_edges{
      {"na_bulk", "na_vacancy"},       {"bulk/A", "surface/A/100"},      {"bulk/A", "adsorption/A/100"},
      {"na_bulk", "adsorption/A/100"}, {"bulk/A", "hops/A/100"},         {"bulk/B", "surface/B/100"},
      {"bulk/B", "adsorption/B/100"},  {"na_bulk", "adsorption/B/100"},  {"bulk/B", "hops/B/100"},
      {"na_bulk", "table"},            {"na_vacancy", "table"},          {"bulk/A", "table"},
      {"surface/A/100", "table"},      {"adsorption/A/100", "table"},    {"hops/A/100", "table"},
      {"bulk/B", "table"},             {"surface/B/100", "table"},       {"adsorption/B/100", "table"},
      {"hops/B/100", "table"},         {"table", "mesoscale"},
      {"bulk/A", "adhesion/A/100"},    {"na_bulk", "adhesion/A/100"},    {"surface/A/100", "adhesion/A/100"},
      {"adhesion/A/100", "table"},     {"bulk/B", "adhesion/B/100"},     {"na_bulk", "adhesion/B/100"},
      {"surface/B/100", "adhesion/B/100"}, {"adhesion/B/100", "table"}};
  CHECK(edges_of(g) == expected_edges);
  CHECK(boost::num_edges(g.graph()) == expected_edges.size());
  // Topological order: every task after its inputs.
  std::map<std::string, std::size_t> pos;
  for (std::size_t k = 0; k < g.order().size(); ++k) pos[g.tasks()[g.order()[k]].name] = k;
  for (const auto& [from, to] : expected_edges) CHECK(pos[from] < pos[to]);
  CHECK_THAT(g.to_dot(), Catch::Contains("digraph") && Catch::Contains("->"));
}

TEST_CASE("changing one substrate's parameter changes the keys of its dependants only", "[workflow]") {
  const auto dir = scratch_dir("keys");
  TaskGraph g1 = build_task_graph(load_campaign(write_campaign(dir, small_campaign_toml(4.2), "a.toml")));
  TaskGraph g2 = build_task_graph(load_campaign(write_campaign(dir, small_campaign_toml(4.0), "b.toml")));
  assign_keys(g1, "test-code");
  assign_keys(g2, "test-code");
  std::set<std::string> changed;
  for (std::size_t i = 0; i < g1.tasks().size(); ++i) {
    REQUIRE(g1.tasks()[i].name == g2.tasks()[i].name);
    CHECK(g1.tasks()[i].key.size() == 64);
    if (g1.tasks()[i].key != g2.tasks()[i].key) changed.insert(g1.tasks()[i].name);
  }
  CHECK(changed == std::set<std::string>{"bulk/B", "surface/B/100", "adsorption/B/100", "hops/B/100", "adhesion/B/100",
                                         "table", "mesoscale"});
  // Same campaign, same keys.
  TaskGraph g3 = build_task_graph(load_campaign(dir / "a.toml"));
  assign_keys(g3, "test-code");
  for (std::size_t i = 0; i < g1.tasks().size(); ++i) CHECK(g1.tasks()[i].key == g3.tasks()[i].key);
}

TEST_CASE("a potential file's contents enter the keys", "[workflow]") {
  const auto dir = scratch_dir("filekeys");
  std::ofstream(dir / "pot.table") << "# table v1\n";
  const std::string line = ", \"* * ${campaign}/pot.table\"";
  // The file word is only scanned; LAMMPS never sees this campaign.
  TaskGraph g1 = build_task_graph(load_campaign(write_campaign(dir, small_campaign_toml(4.2, line))));
  assign_keys(g1, "test-code");
  std::ofstream(dir / "pot.table") << "# table v2\n";
  TaskGraph g2 = build_task_graph(load_campaign(dir / "campaign.toml"));
  assign_keys(g2, "test-code");
  CHECK(g1.tasks()[g1.index("bulk/A")].key != g2.tasks()[g2.index("bulk/A")].key);
  CHECK(g1.tasks()[g1.index("bulk/A")].params["potential"]["files"].size() == 1);
}

TEST_CASE("the code version in the keys covers NaBridge's shared libraries, not only the executable", "[workflow]") {
  // The protocols (NEB, hops, adsorption) live in libnabridge_atomistic.so: a change there must
  // invalidate cached results even though the executable's bytes stay the same.
  const std::string fp = code_fingerprint();
  INFO(fp);
  CHECK_THAT(fp, Catch::Contains("libnabridge_atomistic.so "));
  CHECK_THAT(fp, Catch::Contains("; liblammps "));
}

TEST_CASE("bad campaigns give one error naming file, line and key", "[workflow]") {
  const auto dir = scratch_dir("badcampaign");
  const std::string good = small_campaign_toml();
  auto with = [&](const std::string& from, const std::string& to) {
    std::string s = good;
    const auto p = s.find(from);
    REQUIRE(p != std::string::npos);
    return s.replace(p, from.size(), to);
  };
  // Malformed TOML.
  CHECK_THAT(error_of(write_campaign(dir, with("layers = 3", "layers = = 3"), "syntax.toml")),
             Catch::Contains("syntax.toml:") && Catch::Contains(":"));
  // Unknown key, with its line.
  const std::string text = with("layers = 3", "layers = 3\nlayrs = 4");
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(text.find("layrs")), '\n');
  const std::string unknown = error_of(write_campaign(dir, text, "unknown.toml"));
  CHECK_THAT(unknown, Catch::Contains("unknown.toml:" + std::to_string(line) + ":") &&
                          Catch::Contains("atomistic.layrs") && Catch::Contains("unknown key"));
  // Unknown potential (the second substrate's).
  std::string unknown_pot = good;
  unknown_pot.replace(unknown_pot.rfind("potential = \"lj\""), 16, "potential = \"eam\"");
  CHECK_THAT(error_of(write_campaign(dir, unknown_pot, "pot.toml")), Catch::Contains("pot.toml:") &&
                                                                         Catch::Contains("substrate[1].potential") &&
                                                                         Catch::Contains("unknown potential 'eam'"));
  // Unknown prototype.
  CHECK_THAT(error_of(write_campaign(dir, with("prototype = \"fcc\"", "prototype = \"hcp\""), "proto.toml")),
             Catch::Contains("substrate[0].prototype") && Catch::Contains("'hcp'"));
  // Element missing from the potential.
  CHECK_THAT(error_of(write_campaign(dir, with("elements = [\"Cu\"]", "elements = [\"Au\"]"), "element.toml")),
             Catch::Contains("substrate[1].elements") && Catch::Contains("'Au' is not in potential 'lj'"));
  // Wrong type.
  CHECK_THAT(error_of(write_campaign(dir, with("a_A = 4.1", "a_A = \"big\""), "type.toml")),
             Catch::Contains("substrate[0].a_A: must be a number"));
  // Output outside the campaign folder.
  CHECK_THAT(error_of(write_campaign(dir, with("output = \"results\"", "output = \"../elsewhere\""), "outside.toml")),
             Catch::Contains("outside the campaign folder") && Catch::Contains("refused"));
  CHECK_THAT(error_of(write_campaign(dir, with("output = \"results\"", "output = \"/tmp\""), "absolute.toml")),
             Catch::Contains("refused"));
  // Non-finite numbers, integers that would wrap and values past a stated limit are refused
  // where they are read, with the line.
  for (const auto& [from, to, key] : std::vector<std::array<std::string, 3>>{
           {"a_A = 4.1", "a_A = inf", "substrate[0].a_A: must be a finite number"},
           {"a_A = 4.1", "a_A = 1e9", "substrate[0].a_A: 1000000000 is outside [1, 30]"},
           {"a_A = 4.1", "a_A = 4.1\nc_A = nan", "substrate[0].c_A: must be a finite number"},
           {"name = \"test\"", "name = \"test\"\nT_K = inf", "campaign.T_K: must be a finite number"},
           {"layers = 3", "layers = 4294967299", "atomistic.layers: 4294967299 is out of range"},
           {"layers = 3", "layers = 300", "atomistic.layers: 300 is outside [3, 60]"},
           {"repeat = 2", "repeat = 1000", "atomistic.repeat: 1000 is outside [1, 30]"},
           {"\nfmax_eV_A = 5e-3", "\nfmax_eV_A = inf", "atomistic.fmax_eV_A: must be a finite number"},
           {"neb_images = 3", "neb_images = 100000", "atomistic.neb_images: 100000 is outside [1, 64]"},
           {"layers = 3", "layers = 3\nadatom_height_A = -3", "atomistic.adatom_height_A: -3 is outside [0.5, 10]"},
           {"layers = 3", "layers = 3\nhessian_radius_A = -1", "atomistic.hessian_radius_A: -1 is outside [1, 30]"},
           {"layers = 3", "layers = 3\nregistry_points = 10000",
            "atomistic.registry_points: 10000 is outside [0, 400]"},
           {"layers = 3", "layers = 3\nvacuum_A = inf", "atomistic.vacuum_A: must be a finite number"},
           {"name = \"A\"", "name = \"A\\nB\"", "substrate[0].name: must not contain control characters"},
           {"pair_style = \"lj/cut 7.0\"", "pair_style = \"lj/cut 7.0\"\ncommands = [\"shell touch PWNED\"]",
            "LAMMPS command 'shell' is not allowed in a potential"},
           {"\"1 3 0.4 2.55\"", "\"1 3 0.4 2.55\", \"1 1 0.4 2.6 ${x}\"", "the character $"},
           {"pair_style = \"lj/cut 7.0\"", "pair_style = \"python 7.0\"", "Python styles run code"}}) {
    INFO(to);
    CHECK_THAT(error_of(write_campaign(dir, with(from, to), "limits.toml")),
               Catch::Contains("limits.toml:") && Catch::Contains(key));
  }
  CHECK_THAT(error_of(write_campaign(dir, good + "\n[mesoscale]\ncurrent_mA_cm2 = [1, inf]\n", "mesoinf.toml")),
             Catch::Contains("mesoinf.toml:") && Catch::Contains("mesoscale.current_mA_cm2: must be a finite number"));
  // Mesoscale keys are checked when the campaign is loaded, against `nabridge upscale`'s lists.
  CHECK_THAT(
      error_of(write_campaign(dir, good + "\n[mesoscale]\ncurrent_mA_cm2 = [1]\npresure_MPa = [5]\n", "meso.toml")),
      Catch::Contains("meso.toml:") && Catch::Contains("mesoscale.presure_MPa") && Catch::Contains("unknown key"));
  CHECK_THAT(error_of(write_campaign(dir, good + "\n[mesoscale.interface]\ncels = 16\n", "itf.toml")),
             Catch::Contains("mesoscale.interface.cels") && Catch::Contains("unknown key"));
  CHECK_THAT(error_of(write_campaign(dir, good + "\n[na_continuum]\ngamma_Na_J_m2 = 0.2\n", "nacont.toml")),
             Catch::Contains("na_continuum.gamma_Na_J_m2") && Catch::Contains("unknown key"));
  // Missing file.
  CHECK_THAT(error_of(dir / "none.toml"), Catch::Contains("none.toml: cannot read"));
}

TEST_CASE("the user's --out takes any path, relative to the current directory", "[workflow]") {
  const auto dir = scratch_dir("outanywhere");
  const auto file = write_campaign(dir, small_campaign_toml());
  const auto elsewhere = scratch_dir("outanywhere_scratch") / "run1";
  CHECK(load_campaign(file, elsewhere).output_dir == elsewhere);
  CHECK(load_campaign(file, "rel/run2").output_dir == std::filesystem::current_path() / "rel" / "run2");
  CHECK(load_campaign(file).output_dir == dir / "results");
}

TEST_CASE("a campaign that names its LAMMPS runs only on that LAMMPS", "[workflow]") {
  const auto dir = scratch_dir("lammpsversion");
  const std::string good = small_campaign_toml();
  const auto naming = [&](const std::string& version) {
    std::string s = good;
    return s.replace(s.find("name = \"test\""), 13, "name = \"test\"\nlammps = \"" + version + "\"");
  };
  // CMake's version of the LAMMPS this build was compiled against (29 Sep 2021 for Debian's).
  const std::string built = built_against_lammps_version();
  CHECK(std::regex_match(built, std::regex("[0-9]{1,2} [A-Z][a-z]{2} [0-9]{4}")));
  CHECK(load_campaign(write_campaign(dir, naming(built), "same.toml")).lammps_version == built);
  CHECK(load_campaign(write_campaign(dir, good, "any.toml")).lammps_version.empty());
  const std::string other = built == "19 Nov 2024" ? "29 Sep 2021" : "19 Nov 2024";
  const std::string text = naming(other);
  const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(text.find("lammps =")), '\n');
  CHECK_THAT(error_of(write_campaign(dir, text, "other.toml")),
             Catch::Contains("other.toml:" + std::to_string(line) + ": campaign.lammps: this campaign runs on LAMMPS " +
                             other) &&
                 Catch::Contains("built against LAMMPS " + built));
  CHECK_THAT(error_of(write_campaign(dir, naming("stable"), "form.toml")),
             Catch::Contains("form.toml:") && Catch::Contains("campaign.lammps: 'stable' is not a LAMMPS version"));
}

TEST_CASE("a shipped potential is found by id, an unknown id is an error naming the places searched", "[workflow]") {
  const auto dir = scratch_dir("potid");
  std::filesystem::create_directories(dir / "pots" / "toy-lj");
  std::ofstream(dir / "pots" / "toy-lj" / "potential.toml") << R"(
elements = ["Al", "Na", "Cu"]
pair_style = "lj/cut 7.0"
pair_coeff = ["* * 0.1 3.0"]
source = "test"
[metadata]
grade = "toy"
)";
  std::string text = small_campaign_toml();
  const auto block = text.find("[potentials.lj]");
  const auto end = text.find("[atomistic]");
  text.replace(block, end - block, "[potentials.lj]\nid = \"toy-lj\"\n\n");
  const auto file = write_campaign(dir, text);
  const Campaign c = load_campaign(file, {}, {dir / "pots"});
  const auto& p = c.potentials.at("lj");
  CHECK(p.commands.front() == "pair_style lj/cut 7.0");
  CHECK(p.files.back() == (dir / "pots" / "toy-lj" / "potential.toml").string());
  std::string bad = text;
  bad.replace(bad.find("toy-lj"), 6, "nope");
  write_campaign(dir, bad, "bad.toml");
  try {
    load_campaign(dir / "bad.toml", {}, {dir / "pots"});
    FAIL("no error");
  } catch (const std::invalid_argument& e) {
    CHECK_THAT(e.what(), Catch::Contains("bad.toml:") && Catch::Contains("potentials.lj.id") &&
                             Catch::Contains("potential 'nope' not found") &&
                             Catch::Contains("searched: " + (dir / "pots").string()) &&
                             Catch::Contains("known ids: toy-lj"));
  }
}

TEST_CASE("a substrate run with two potentials gets its own tasks and bulk Na per potential", "[workflow]") {
  const auto dir = scratch_dir("twopot");
  std::string text = small_campaign_toml();
  text.insert(text.find("[atomistic]"), "[potentials.lj2]\nelements = [\"Cu\", \"Na\"]\npair_style = \"lj/cut 6.0\"\n"
                                         "pair_coeff = [\"1 1 0.4 2.5\", \"2 2 0.1 3.4\", \"1 2 0.2 2.9\"]\n\n");
  text.replace(text.rfind("potential = \"lj\""), 16, "potential = [\"lj\", \"lj2\"]");
  TaskGraph g = build_task_graph(load_campaign(write_campaign(dir, text)));
  std::set<std::string> names;
  for (const auto& t : g.tasks()) names.insert(t.name);
  for (const char* n :
       {"bulk/A", "bulk/B@lj", "bulk/B@lj2", "na_bulk", "na_bulk@lj2", "adsorption/B@lj2/100", "hops/B@lj/100"})
    CHECK(names.count(n) == 1);
  const auto& ads = g.tasks()[g.index("adsorption/B@lj2/100")];
  CHECK(ads.inputs == std::vector<std::string>{"bulk/B@lj2", "na_bulk@lj2"});
  CHECK(g.tasks()[g.index("adsorption/B@lj/100")].inputs == std::vector<std::string>{"bulk/B@lj", "na_bulk"});
  CHECK(g.tasks().size() == 20);  // 2 + 1 bulk Na, vacancy, 3 × (bulk + 4 per facet), table, mesoscale
}
