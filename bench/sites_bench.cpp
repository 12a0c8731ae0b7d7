// Site and hop finding vs slab size: ASE-style orthogonal fcc(111) Al slabs (4 layers, the cell
// ase.build.fcc111(size=(n, n, 4), orthogonal=True) builds), n = 4 ... 16 (64 ... 1024 atoms).
// Prints the wall time per call of find_adsorption_sites, find_hops (fcc, hcp) and
// equivalent_site_positions, the site classes found and the time per atom (flat = linear).
//   ./build/bench/sites_bench [max n = 16]
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>

#include "structure/prototypes.h"
#include "structure/slab.h"
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
  SlabSpec spec;
  spec.miller = {1, 1, 1};
  spec.layers = 4;
  const Structure primitive = make_slab(bulk_fcc("Al", 4.05), spec).structure;
  fmt::print("{:>7} {:>6} {:>13} {:>13} {:>13} {:>12}  sites (multiplicity)\n", "cell", "atoms", "sites_ms", "hops_ms",
             "copies_ms", "sites_us/atom");
  for (int n = 4; n <= max_n; n += 2) {
    const Structure slab = testing::orthogonal_fcc111(primitive, n, n);
    std::vector<AdsorptionSite> sites;
    const double t_sites = seconds_per_call([&] { sites = find_adsorption_sites(slab); });
    const std::vector<std::size_t> minima{index_of(sites, "fcc"), index_of(sites, "hcp")};
    const double t_hops = seconds_per_call([&] { find_hops(slab, sites, minima); });
    const double t_copies = seconds_per_call([&] { equivalent_site_positions(slab, sites); });
    std::string classes;
    for (const auto& s : sites) classes += fmt::format(" {}({})", s.label, s.multiplicity);
    fmt::print("{:>7} {:>6} {:>13.3f} {:>13.3f} {:>13.3f} {:>12.2f} {}\n", fmt::format("{}x{}", n, n), slab.size(),
               1e3 * t_sites, 1e3 * t_hops, 1e3 * t_copies, 1e6 * t_sites / static_cast<double>(slab.size()), classes);
  }
}
