// Site and hop finding vs slab size: ASE-style orthogonal fcc(111) Al slabs (4 layers, the cell
// ase.build.fcc111(size=(n, n, 4), orthogonal=True) builds), n = 4 ... 16 (64 ... 1024 atoms).
// Prints the wall time per call of find_adsorption_sites, find_hops (fcc, hcp) and
// equivalent_site_positions, the site classes found and the time per atom (flat = linear); and
// find_adsorption_sites on the same slab with every atom moved by up to 0.01 Å (a relaxed slab:
// no symmetry, the primitive cell is the whole supercell).
//   ./build/bench/sites_bench [max n = 16]
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <random>

#include "surface_supercells.h"
#include "symmetry/site_images.h"
#include "symmetry/sites.h"

using namespace nabridge;

namespace {

/// Mean wall seconds per call of f, repeated until 0.2 s have passed (at least once).
template <class F>
double seconds_per_call(F&& f) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  int calls = 0;
  double elapsed = 0;
  do {
    f();
    ++calls;
    elapsed = std::chrono::duration<double>(clock::now() - t0).count();
  } while (elapsed < 0.2);
  return elapsed / calls;
}

std::size_t index_of(const std::vector<AdsorptionSite>& sites, const std::string& label) {
  for (std::size_t k = 0; k < sites.size(); ++k)
    if (sites[k].label == label) return k;
  throw std::runtime_error("sites_bench: no " + label + " site");
}

}  // namespace

int main(int argc, char** argv) {
  const int max_n = argc > 1 ? std::atoi(argv[1]) : 16;
  fmt::print("{:>7} {:>6} {:>13} {:>13} {:>13} {:>12} {:>15}  sites (multiplicity)\n", "cell", "atoms", "sites_ms",
             "hops_ms", "copies_ms", "sites_us/atom", "noisy_sites_ms");
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> jitter_A(-0.01, 0.01);
  for (int n = 4; n <= max_n; n += 2) {
    const Structure slab = testing::ase_style_fcc111("Al", 4.05, n, 4);
    std::vector<AdsorptionSite> sites;
    const double t_sites = seconds_per_call([&] { sites = find_adsorption_sites(slab); });
    const std::vector<std::size_t> minima{index_of(sites, "fcc"), index_of(sites, "hcp")};
    const double t_hops = seconds_per_call([&] { find_hops(slab, sites, minima); });
    const double t_copies = seconds_per_call([&] { equivalent_site_positions(slab, sites); });
    Structure noisy = slab;
    for (Eigen::Index i = 0; i < noisy.positions.cols(); ++i)
      for (int k = 0; k < 3; ++k) noisy.positions(k, i) += jitter_A(rng);
    const double t_noisy = seconds_per_call([&] { find_adsorption_sites(noisy); });
    std::string classes;
    for (const auto& s : sites) classes += fmt::format(" {}({})", s.label, s.multiplicity);
    fmt::print("{:>7} {:>6} {:>13.3f} {:>13.3f} {:>13.3f} {:>12.2f} {:>15.3f} {}\n", fmt::format("{}x{}", n, n),
               slab.size(), 1e3 * t_sites, 1e3 * t_hops, 1e3 * t_copies,
               1e6 * t_sites / static_cast<double>(slab.size()), 1e3 * t_noisy, classes);
  }
}
