#pragma once
// A BaTiO3 coating campaign for the ferroelectric tests: the rigid-ion substrate potential
// batio3-pedone and, in kFerroelectric, the core–shell model batio3-vielma for its polarisation
// (cubic start a_guess_A = 4.0 Å, the default).
#include <string>

namespace nabridge::testing {

inline const std::string kFerroelectric = R"(
[substrate.ferroelectric]
shell_potential = "batio3-vielma"
thickness_nm = 100
eps_film = 6
lambda_collector_A = 0.5
carrier_density_m3 = 1.2e28
eps_electrolyte = 15
)";

/// The campaign with `substrate_extra` (e.g. kFerroelectric) appended to its one substrate.
inline std::string bto_campaign(const std::string& substrate_extra) {
  return R"(
[campaign]
name = "ferroelectric"
output = "results"
T_K = 298.15

[potentials.bto]
id = "batio3-pedone"

[na]
potential = "bto"
vacancy = false

[atomistic]
hops = false
adhesion = false

[[substrate]]
name = "BTO"
prototype = "perovskite"
elements = ["Ba", "Ti", "O"]
a_A = 4.0
facets = ["001"]
termination = "TiO2"
potential = "bto"
)" + substrate_extra + "\n";
}

}  // namespace nabridge::testing
