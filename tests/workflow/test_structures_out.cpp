// Every relaxed state a campaign task computes is written as extended XYZ and read back by ASE
// (Debian's python3-ase): the atom counts, the energies of the frames (against the numbers the
// task reported) and the fixed atoms must come through.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "campaign_fixture.h"
#include "workflow/result_cache.h"

using namespace nabridge::testing;
namespace fs = std::filesystem;

namespace {

/// [[natoms, energy, fixed atoms], ...] per frame of `file`, as ASE reads it.
nlohmann::json ase_frames(const fs::path& file) {
  const std::string script =
      "import json, sys\nfrom ase.io import read\nfrom ase.constraints import FixAtoms, FixCartesian\n"
      "out = []\nfor a in read(sys.argv[1], index=':'):\n"
      "    fixed = sum(len(c.index) for c in a.constraints if isinstance(c, FixAtoms))\n"
      "    fixed += sum(1 for c in a.constraints if isinstance(c, FixCartesian) and all(c.mask))\n"
      "    out.append([len(a), a.get_potential_energy(), fixed, a.get_forces().shape[0]])\nprint(json.dumps(out))\n";
  write_file(file.parent_path() / "read_with_ase.py", script);
  const auto r = run_process({"/usr/bin/python3", (file.parent_path() / "read_with_ase.py").string(), file.string()});
  INFO(r.output);
  REQUIRE(r.status == 0);
  return nlohmann::json::parse(r.output.substr(r.output.find("[[")));  // the script prints one JSON line
}

}  // namespace

TEST_CASE("relaxed states are written as extended XYZ that ASE reads back with their energies",
          "[workflow][run][structures]") {
  if (run_process({"/usr/bin/python3", "-c", "import ase"}).status != 0) {
    WARN("python3-ase not installed: structure files not checked through ASE");
    return;
  }
  const auto dir = scratch_dir("structures_out");
  const auto file = write_campaign(dir, small_campaign_toml());
  const auto run = run_process({nabridge_exe(), "run", file.string(), "-q", "-j", "2"});
  INFO(run.output);
  REQUIRE(run.status == 0);
  const auto results = dir / "results";
  std::map<std::string, nlohmann::json> by_name;
  {
    nabridge::workflow::ResultCache cache(results);
    for (const auto& rec : cache.records())
      by_name[rec.name] = nlohmann::json::parse(read_file(results / "cache" / (rec.key + ".json")));
  }

  const auto& surface = by_name.at("surface/A/100");
  const auto slab = ase_frames(results / surface.at("structures").at("slab").get<std::string>());
  REQUIRE(slab.size() == 1);
  CHECK(slab[0][0] == surface.at("natoms"));
  CHECK(slab[0][1].get<double>() == Approx(surface.at("energy_eV").get<double>()).margin(1e-6));
  CHECK(slab[0][3] == surface.at("natoms"));  // forces for every atom

  const auto& ads = by_name.at("adsorption/A/100");
  const auto frames =
      ase_frames(results / ads.at("structures").at("clean slab and one frame per site").get<std::string>());
  const auto& sites = ads.at("sites");
  REQUIRE(frames.size() == sites.size() + 1);
  CHECK(frames[0][0] == ads.at("natoms_slab"));
  CHECK(frames[0][1].get<double>() == Approx(ads.at("slab_energy_eV").get<double>()).margin(1e-6));
  CHECK(frames[0][2].get<int>() > 0);  // the frozen bottom layer is marked
  for (std::size_t k = 0; k < sites.size(); ++k) {
    CHECK(frames[k + 1][0] == ads.at("natoms_slab").get<int>() + 1);
    // Frame energies differ as the sites' binding energies do.
    CHECK(frames[k + 1][1].get<double>() - frames[1][1].get<double>() ==
          Approx(sites[k].at("E_bind_eV").get<double>() - sites[0].at("E_bind_eV").get<double>()).margin(1e-6));
  }

  const auto& hops = by_name.at("hops/A/100").at("hops");
  REQUIRE_FALSE(hops.empty());
  const auto band = ase_frames(results / hops[0].at("band_structures").get<std::string>());
  const auto& path = hops[0].at("path");
  REQUIRE(band.size() == path.size());
  for (std::size_t k = 0; k < band.size(); ++k)
    CHECK(band[k][1].get<double>() - band[0][1].get<double>() == Approx(path[k][1].get<double>()).margin(1e-6));

  const auto& adhesion = by_name.at("adhesion/A/100");
  const auto itf = ase_frames(results / adhesion.at("structures").at("interface").get<std::string>());
  REQUIRE(itf.size() == 1);
  CHECK(itf[0][0] == adhesion.at("natoms"));

  CHECK_THAT(read_file(results / "report.md"), Catch::Contains("## Structures") && Catch::Contains(".extxyz"));
}
