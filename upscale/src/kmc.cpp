#include "nabridge/upscale/kmc.h"

#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/random.h"
#include "nabridge/upscale/sum_tree.h"

namespace nabridge::upscale {

namespace {

class Lattice {
 public:
  Lattice(const KmcParams& p) : L_(p.L), N_(static_cast<std::size_t>(p.L) * p.L), occ_(N_, 0), nbr_(4 * N_), tree_(N_) {
    for (int y = 0; y < L_; ++y)
      for (int x = 0; x < L_; ++x) {
        const std::size_t i = static_cast<std::size_t>(y) * L_ + x;
        nbr_[4 * i + 0] = static_cast<std::int32_t>(y * L_ + (x + 1) % L_);
        nbr_[4 * i + 1] = static_cast<std::int32_t>(y * L_ + (x + L_ - 1) % L_);
        nbr_[4 * i + 2] = static_cast<std::int32_t>(((y + 1) % L_) * L_ + x);
        nbr_[4 * i + 3] = static_cast<std::int32_t>(((y + L_ - 1) % L_) * L_ + x);
      }
    empties_.resize(N_);
    where_.resize(N_);
    for (std::size_t i = 0; i < N_; ++i) empties_[i] = static_cast<std::int32_t>(i), where_[i] = static_cast<std::int32_t>(i);
    const double kT = kBoltzmann_eV_K * p.T_K;
    D_ = p.nu_Hz * std::exp(-p.Ea_eV / kT);
    irreversible_ = !p.E_bond_eV.has_value();
    // Total hop rate of an atom with n occupied neighbours: (4 − n) empty targets, each at
    // ν exp(−(E_a + n E_bond)/kT).
    for (int n = 0; n <= 4; ++n)
      site_rate_[n] = n == 0 ? 4 * D_
                      : irreversible_ ? 0.0
                                      : (4 - n) * p.nu_Hz * std::exp(-(p.Ea_eV + n * *p.E_bond_eV) / kT);
  }

  double D() const { return D_; }
  std::size_t sites() const { return N_; }
  const std::vector<std::uint8_t>& occupancy() const { return occ_; }
  double hop_total() const { return tree_.total(); }

  int bonds(std::size_t i) const {
    const std::int32_t* nb = &nbr_[4 * i];
    return occ_[nb[0]] + occ_[nb[1]] + occ_[nb[2]] + occ_[nb[3]];
  }
  void refresh(std::size_t i) { tree_.set(i, occ_[i] ? site_rate_[bonds(i)] : 0.0); }
  void refresh_around(std::size_t i) {
    refresh(i);
    for (int k = 0; k < 4; ++k) refresh(nbr_[4 * i + k]);
  }

  void deposit(std::mt19937_64& g) {
    const std::size_t k = uniform_index(g, empties_.size());
    const std::size_t i = empties_[k];
    occupy(i);
    refresh_around(i);
  }

  void hop(double x, std::mt19937_64& g) {
    const std::size_t s = tree_.select(x);
    const std::int32_t* nb = &nbr_[4 * s];
    std::array<std::int32_t, 4> free{};
    int nfree = 0;
    for (int k = 0; k < 4; ++k)
      if (!occ_[nb[k]]) free[nfree++] = nb[k];
    if (nfree == 0) throw std::logic_error("kmc: selected an atom without an empty neighbour");
    const std::size_t t = free[nfree == 1 ? 0 : uniform_index(g, nfree)];
    vacate(s);
    occupy(t);
    refresh_around(s);
    refresh_around(t);
  }

 private:
  void occupy(std::size_t i) {
    occ_[i] = 1;
    const std::int32_t k = where_[i], last = empties_.back();
    empties_[k] = last;
    where_[last] = k;
    empties_.pop_back();
    where_[i] = -1;
  }
  void vacate(std::size_t i) {
    occ_[i] = 0;
    where_[i] = static_cast<std::int32_t>(empties_.size());
    empties_.push_back(static_cast<std::int32_t>(i));
  }

  int L_;
  std::size_t N_;
  std::vector<std::uint8_t> occ_;
  std::vector<std::int32_t> nbr_, empties_, where_;
  SumTree tree_;
  double D_ = 0;
  bool irreversible_ = true;
  std::array<double, 5> site_rate_{};
};

}  // namespace

KmcSample lattice_census(const std::vector<std::uint8_t>& occ, int L) {
  const std::size_t N = static_cast<std::size_t>(L) * L;
  if (occ.size() != N) throw std::invalid_argument("kmc: occupancy size does not match L*L");
  std::vector<std::uint8_t> seen(N, 0);
  std::vector<std::size_t> stack;
  std::size_t islands = 0, monomers = 0, island_atoms = 0, atoms = 0;
  for (std::size_t i = 0; i < N; ++i) {
    if (!occ[i] || seen[i]) continue;
    std::size_t size = 0;
    stack.push_back(i);
    seen[i] = 1;
    while (!stack.empty()) {
      const std::size_t j = stack.back();
      stack.pop_back();
      ++size;
      const std::size_t x = j % L, y = j / L;
      const std::size_t nb[4] = {y * L + (x + 1) % L, y * L + (x + L - 1) % L, ((y + 1) % L) * L + x, ((y + L - 1) % L) * L + x};
      for (std::size_t k : nb)
        if (occ[k] && !seen[k]) seen[k] = 1, stack.push_back(k);
    }
    atoms += size;
    if (size == 1) ++monomers;
    else ++islands, island_atoms += size;
  }
  KmcSample s;
  s.coverage = static_cast<double>(atoms) / N;
  s.islands_per_site = static_cast<double>(islands) / N;
  s.monomers_per_site = static_cast<double>(monomers) / N;
  s.mean_island_size = islands ? static_cast<double>(island_atoms) / islands : 0.0;
  return s;
}

KmcResult run_kmc(const KmcParams& p) {
  if (p.L < 4 || p.L > 8192) throw std::invalid_argument("kmc: L must be in [4, 8192]");
  if (!(p.F_ML_s > 0) || !std::isfinite(p.F_ML_s)) throw std::invalid_argument("kmc: F_ML_s must be > 0");
  if (!(p.nu_Hz > 0) || !std::isfinite(p.nu_Hz)) throw std::invalid_argument("kmc: nu_Hz must be > 0");
  if (!(p.T_K > 0)) throw std::invalid_argument("kmc: T_K must be > 0");
  if (!std::isfinite(p.Ea_eV)) throw std::invalid_argument("kmc: Ea_eV must be finite");
  if (p.E_bond_eV && !std::isfinite(*p.E_bond_eV)) throw std::invalid_argument("kmc: E_bond_eV must be finite");
  if (p.sample_coverages.empty()) throw std::invalid_argument("kmc: sample_coverages is empty");
  for (std::size_t k = 0; k < p.sample_coverages.size(); ++k) {
    const double c = p.sample_coverages[k];
    if (!(c > 0) || c > 0.9 || (k && c <= p.sample_coverages[k - 1]))
      throw std::invalid_argument("kmc: sample_coverages must be ascending in (0, 0.9]");
  }

  Lattice lat(p);
  std::mt19937_64 g(p.seed);
  KmcResult r;
  r.hop_rate_per_direction_Hz = lat.D();
  const double R_dep = p.F_ML_s * static_cast<double>(lat.sites());
  double t = 0;
  std::size_t next = 0;
  auto target = [&](std::size_t k) {
    return static_cast<std::uint64_t>(std::llround(p.sample_coverages[k] * static_cast<double>(lat.sites())));
  };
  while (next < p.sample_coverages.size()) {
    const double R_hop = lat.hop_total();
    const double R = R_dep + R_hop;
    const double x = uniform01(g) * R;
    if (x < R_dep) {
      lat.deposit(g);
      ++r.depositions;
    } else {
      lat.hop(x - R_dep, g);
      ++r.hops;
    }
    ++r.events;
    t += -std::log(uniform01_open0(g)) / R;
    while (next < p.sample_coverages.size() && r.depositions >= target(next)) {
      KmcSample s = lattice_census(lat.occupancy(), p.L);
      s.coverage = static_cast<double>(r.depositions) / static_cast<double>(lat.sites());
      s.time_s = t;
      r.samples.push_back(s);
      ++next;
    }
  }
  r.occupancy = lat.occupancy();
  return r;
}

}  // namespace nabridge::upscale
