#pragma once
// A small, fast campaign for the workflow tests: two fcc substrates with Lennard-Jones/Morse
// potentials (seconds per task), written into a scratch folder.
#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "../lammps/subprocess.h"
#include "workflow/campaign.h"

namespace nabridge::testing {

inline std::string small_campaign_toml(double a_B = 4.2, const std::string& extra_potential_line = "") {
  return R"(
[campaign]
name = "test"
output = "results"

[potentials.lj]
elements = ["Al", "Na", "Cu"]
pair_style = "lj/cut 7.0"
pair_coeff = ["1 1 0.40 2.60", "2 2 0.10 3.40", "3 3 0.40 2.50", "1 2 0.30 2.9", "2 3 0.25 2.9", "1 3 0.4 2.55")" +
         extra_potential_line + R"(]

[atomistic]
layers = 3
fixed_layers = 1
repeat = 2
neb_images = 3
neb_fmax_eV_A = 5e-3
fmax_eV_A = 5e-3

[na]
potential = "lj"
a_guess_A = 4.5
vacancy_cells = 2

[[substrate]]
name = "A"
prototype = "fcc"
elements = ["Al"]
a_A = 4.1
facets = ["100"]
potential = "lj"

[[substrate]]
name = "B"
prototype = "fcc"
elements = ["Cu"]
a_A = )" + std::to_string(a_B) +
         R"(
facets = ["100"]
potential = "lj"
)";
}

/// The campaign tables of a small mesoscale stage; `substrates` (a TOML array) selects the rows,
/// empty takes every row with a diffusion barrier.
inline std::string mesoscale_toml(const std::string& substrates = "") {
  return R"(
[na_continuum]
i0_A_m2 = 10.0
substrate_i0_A_m2 = 10.0
yield_MPa = 0.2
creep_ref_stress_MPa = 0.2
creep_ref_strain_rate_per_s = 1e-3

[mesoscale]
current_mA_cm2 = [0.5, 2]
pressure_MPa = [5]
capacity_mAh_cm2 = 0.002
cycles = 2
fallback_nu0_Hz = 1e13

[mesoscale.interface]
cells = 16
)" + (substrates.empty() ? std::string() : "substrates = " + substrates + "\n");
}

inline std::filesystem::path write_campaign(const std::filesystem::path& dir, const std::string& text,
                                            const std::string& name = "campaign.toml") {
  std::ofstream(dir / name) << text;
  return dir / name;
}

/// Every path under `dir` except those under `skip` (the run's output folder).
inline std::set<std::string> files_outside(const std::filesystem::path& dir, const std::filesystem::path& skip) {
  std::set<std::string> out;
  for (auto it = std::filesystem::recursive_directory_iterator(dir);
       it != std::filesystem::recursive_directory_iterator(); ++it) {
    if (it->path() == skip) {
      it.disable_recursion_pending();
      continue;
    }
    out.insert(std::filesystem::relative(it->path(), dir).string());
  }
  return out;
}

inline std::string read_file(const std::filesystem::path& p) {
  std::ifstream in(p);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

/// A campaign file loaded with the source tree's potentials/ as the potential folder.
inline nabridge::workflow::Campaign load_with_shipped_potentials(const std::filesystem::path& file) {
  return nabridge::workflow::load_campaign(file, {}, {std::filesystem::path(NABRIDGE_SOURCE_DIR) / "potentials"});
}

/// The message load_with_shipped_potentials throws for `file` (empty if it loads).
inline std::string campaign_load_error(const std::filesystem::path& file) {
  try {
    load_with_shipped_potentials(file);
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "";
}

}  // namespace nabridge::testing
