// Events per second of the rejection-free lattice KMC (upscale/kmc.h): deposition and hops on an
// L × L lattice, irreversible attachment, D/F = R, up to coverage 0.2. Target ≥ 1e6 events/s.
//   ./build/bench/kmc_bench [L] [R]
#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <cstdlib>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/kmc.h"

using namespace nabridge::upscale;

int main(int argc, char** argv) {
  const int L = argc > 1 ? std::atoi(argv[1]) : 1024;
  const double R = argc > 2 ? std::atof(argv[2]) : 1e7;
  fmt::print("| L | D/F | events | hops | islands/site | s | events/s |\n|---|---|---|---|---|---|---|\n");
  for (const auto& [l, r] : {std::pair<int, double>{L / 4, R}, {L / 2, R}, {L, R}}) {
    KmcParams p;
    p.L = l;
    p.T_K = 300;
    p.Ea_eV = -kBoltzmann_eV_K * p.T_K * std::log(r / p.nu_Hz);
    p.sample_coverages = {0.2};
    const auto t0 = std::chrono::steady_clock::now();
    const KmcResult k = run_kmc(p);
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    fmt::print("| {} | {:.0e} | {} | {} | {:.3e} | {:.2f} | {:.3g} |\n", l, r, k.events, k.hops,
               k.samples.back().islands_per_site, s, static_cast<double>(k.events) / s);
  }
  return 0;
}
