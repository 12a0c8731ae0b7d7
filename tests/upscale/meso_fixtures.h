#pragma once
// Substrates and Na for the mesoscale simulator's tests and benchmark (tests/upscale,
// bench/mesoscale_bench): a sodiophobic collector (graphite-like adatom energetics:
// E_bind = −0.51 eV, so an adatom lies 0.6 eV above bulk Na), a sodiophilic one (binding stronger
// than bulk Na), and Na with a creep law through the yield stress at the test strain rate of
// Wang et al. 2020.
#include <string>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/contact.h"
#include "nabridge/upscale/mesoscale.h"

namespace nabridge::upscale::testing {

inline MesoSubstrate substrate(const std::string& name, double E_bind_eV, double theta_deg, double Ea_diff_eV,
                               double nu0_Hz, double hop_length_A, int hops_per_site, double i0_A_m2) {
  MesoSubstrate s;
  s.name = name;
  s.E_bind_eV = E_bind_eV, s.theta_deg = theta_deg, s.Ea_diff_eV = Ea_diff_eV, s.nu0_Hz = nu0_Hz;
  s.hop_length_A = hop_length_A, s.hops_per_site = hops_per_site, s.i0_A_m2 = i0_A_m2;
  return s;
}
inline MesoSubstrate sodiophobic() { return substrate("sodiophobic", -0.51, 120, 0.06, 1e13, 2.46, 6, 1.0); }
inline MesoSubstrate sodiophilic() { return substrate("sodiophilic", -1.6, 10, 0.14, 3e12, 2.86, 4, 10.0); }

inline MesoNa sodium() {
  MesoNa na;
  na.gamma_J_m2 = 0.20;
  na.E_coh_eV = kNaCohesiveEnergy_eV;
  na.omega_m3 = kNaAtomicVolume_m3;
  na.i0_A_m2 = 10.0;
  na.creep = creep_law_through(0.2e6, 1e-3, 298.15, 5.0, 0.45);
  na.yield_Pa = 0.2e6;
  return na;
}

}  // namespace nabridge::upscale::testing
