// The alloying-coating keys of a `nabridge upscale` file: the coating row gets its capacity and
// plateau from the formation energy and stoichiometry and brings the alloy surface's row along;
// an alloying row without a formation energy is one error naming the row.
#include <catch2/catch.hpp>

#include <toml++/toml.h>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/upscale_params.h"

using namespace nabridge;

namespace {
const char* kDoc = R"doc([conditions]
T_K = 298.15
eta_mV = [10]

[na]
gamma_Na_J_m2 = 0.20
substrate_i0_A_m2 = 10.0

[[substrate]]
name = "Au-on-Al(111)"
E_bind_eV = -1.40
W_ad_J_m2 = 1.06
Ea_diff_eV = 0.026
nu0_Hz = 1.8e12
hop_length_A = 2.88
i0_A_m2 = 10.0
alloy_phase = "NaAu2"
alloy_formation_eV_per_atom = -0.09124
alloy_na_per_coating_atom = 0.5
coating_atoms_per_m2 = 2.816e19
)doc";

/// The mesoscale rows of kDoc's one substrate row with `extra_keys` appended to it: the coating's
/// row and its alloy phase's.
std::vector<upscale::MesoSubstrate> coating_and_alloy_rows(const std::string& extra_keys) {
  const auto p = upscale::read_upscale_document(toml::parse(std::string(kDoc) + extra_keys), "a.toml");
  std::vector<upscale::MesoSubstrate> subs;
  upscale::append_meso_substrate(p, p.rows.at(0), subs);
  return subs;
}
}  // namespace

TEST_CASE("upscale file: an alloying coating row carries its capacity, plateau and alloy surface", "[upscale][alloy]") {
  const auto p = upscale::read_upscale_document(toml::parse(kDoc), "a.toml");
  std::vector<upscale::MesoSubstrate> subs;
  REQUIRE(upscale::append_meso_substrate(p, p.rows.at(0), subs) == 0);
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].alloy_capacity_m2 == Approx(2.816e19 * 0.5));
  CHECK(subs[0].alloy_potential_V == Approx(3 * 0.09124));  // −E_f (1 + x)/x, x = ½
  CHECK(subs[0].alloy_phase == 1);
  CHECK(subs[1].name == "Au-on-Al(111) as NaAu2");
  CHECK(subs[1].alloy_capacity_m2 == 0.0);
  CHECK(subs[1].E_bind_eV == subs[0].E_bind_eV);  // the coating's: not computed on the alloy
}

TEST_CASE("upscale file: an alloying coating without a formation energy is refused naming the row",
          "[upscale][alloy]") {
  std::string doc = kDoc;
  doc.erase(doc.find("alloy_formation_eV_per_atom"), std::string("alloy_formation_eV_per_atom = -0.09124\n").size());
  CHECK_THROWS_WITH(upscale::read_upscale_document(toml::parse(doc), "a.toml"),
                    Catch::StartsWith("a.toml:17: substrate[0].alloy_phase: ") && Catch::Contains("Au-on-Al(111)") &&
                        Catch::Contains("no formation energy"));
}

TEST_CASE("upscale file: the alloy surface's E_bind and W_ad make the alloy phase's row, the coating keeps its own",
          "[upscale][alloy]") {
  const auto subs = coating_and_alloy_rows("alloy_E_bind_eV = -1.08\nalloy_W_ad_J_m2 = 0.10\n");
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].E_bind_eV == -1.40);
  CHECK(subs[0].theta_deg == 0.0);  // W_ad 1.06 > 2 γ_Na: complete wetting
  CHECK(subs[1].E_bind_eV == -1.08);
  CHECK(subs[1].theta_deg == Approx(120.0).epsilon(1e-12));  // cos θ = W_ad/γ_Na − 1 = −½
}

TEST_CASE("upscale file: the alloy surface's hops make the alloy phase's barrier and sites, all three keys or none",
          "[upscale][alloy]") {
  const auto subs = coating_and_alloy_rows(
      "alloy_Ea_diff_eV = 0.064\nalloy_nu0_Hz = 8.0e11\nalloy_hop_length_A = 3.39\nalloy_hops_per_site = 7\n");
  REQUIRE(subs.size() == 2);
  CHECK(subs[0].Ea_diff_eV == 0.026);  // the coating keeps its own hops
  CHECK(subs[0].hop_length_A == 2.88);
  CHECK(subs[1].Ea_diff_eV == 0.064);
  CHECK(subs[1].nu0_Hz == 8.0e11);
  CHECK(subs[1].hop_length_A == 3.39);
  CHECK(subs[1].hops_per_site == 7);

  std::string partial = kDoc;
  partial += "alloy_Ea_diff_eV = 0.064\n";
  CHECK_THROWS_WITH(upscale::read_upscale_document(toml::parse(partial), "a.toml"),
                    Catch::StartsWith("a.toml:") && Catch::Contains("substrate[0].alloy_Ea_diff_eV: ") &&
                        Catch::Contains("Au-on-Al(111)") && Catch::Contains("alloy_nu0_Hz"));
  std::string no_alloy = kDoc;
  no_alloy.erase(no_alloy.find("alloy_phase"));
  no_alloy += "alloy_Ea_diff_eV = 0.064\n";
  CHECK_THROWS_WITH(upscale::read_upscale_document(toml::parse(no_alloy), "a.toml"),
                    Catch::Contains("alloy_Ea_diff_eV") && Catch::Contains("only with alloy_phase"));
}
