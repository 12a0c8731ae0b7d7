// Set-up and bookkeeping of the mesoscale simulator: per-substrate kinetics, initial state,
// static neighbour lists and the per-step measurements (coverage, contact, footprints).
#include <algorithm>
#include <cmath>
#include <limits>

#include "mesoscale_impl.h"
#include "nabridge/upscale/constants.h"
#include "nabridge/upscale/contact.h"
#include "nabridge/upscale/random.h"

namespace nabridge::upscale {

namespace {
constexpr double kE = kElementaryCharge_C;
}

MesoscaleSimulator::Impl::Impl(std::vector<MesoSubstrate> subs_, MesoNa na_, MesoMap map_, MesoOperating op_)
    : subs(std::move(subs_)), na(na_), map(std::move(map_)), op(op_) {
  validate_mesoscale(subs, na, map, op);
  N = static_cast<std::size_t>(map.nx) * map.ny;
  A_cell = map.cell_m * map.cell_m;
  kT = kBoltzmann_eV_K * op.T_K;
  f = 1.0 / kT;
  double max_offset = 0;
  for (const auto& s : subs) max_offset = std::max(max_offset, std::abs(s.field_offset_V));
  for (const auto& s : subs) K.push_back(detail::make_substrate_kinetics(s, na, op, map.cell_m, op.eta_cutoff_V + max_offset + 0.05));
  c_P = upscale::contact_fraction(op.pressure_Pa, na.yield_Pa);
  const double Dv = vacancy_diffusivity_m2_s(na.vacancy_nu_Hz, na.vacancy_Em_eV, na.vacancy_jump_A, na.vacancy_z, op.T_K);
  const double cv = vacancy_concentration(na.vacancy_Ef_eV, op.T_K);
  v_vacancy_m_s = na.omega_m3 / kE * vacancy_limited_stripping_A_m2(Dv, cv, na.vacancy_length_m, na.omega_m3);
  creep_length_m = na.creep_length_m > 0 ? na.creep_length_m : map.cell_m;
  st.covered.assign(N, 0);
  st.n1_m2.assign(N, 0.0);
  st.h_m.assign(N, 0.0);
  st.islands_m2.assign(N, 0.0);
  st.gap_m.assign(N, 0.0);
  st.alloy_m2.assign(N, 0.0);
  for (std::size_t i = 0; i < N; ++i) st.gap_m[i] = map.empty_gap_m(i);
  rng.seed(splitmix64(op.seed ^ 0x6e75636c656174ULL));
  phi.assign(N, 0.0);
  w.assign(N, 0.0);
  k_loss.assign(N, 0.0);
  nuc_rate.assign(N, 0.0);
  dist.assign(N, std::numeric_limits<float>::infinity());
  nearest.assign(N, -1);
  cluster.assign(N, -1);
  coalesced_at.assign(N, -1.0);
  capflag.assign(N, 0);
  Wna.assign(K.size(), 0.0);
  av.assign(K.size(), 0.0);
  bv.assign(K.size(), 0.0);
  // Pairs of neighbouring cells of which at least one lies in a gap: adatoms reach gaps only by
  // lateral diffusion, while on contacting cells the electrochemical exchange sets n1 locally.
  for (int y = 0; y < map.ny; ++y)
    for (int x = 0; x < map.nx; ++x) {
      const std::size_t i = static_cast<std::size_t>(y) * map.nx + x;
      const std::size_t r = static_cast<std::size_t>(y) * map.nx + (x + 1) % map.nx;
      const std::size_t d = static_cast<std::size_t>((y + 1) % map.ny) * map.nx + x;
      for (std::size_t j : {r, d})
        if (!map.contact[i] || !map.contact[j]) gap_edges.emplace_back(static_cast<std::int32_t>(i), static_cast<std::int32_t>(j));
    }
  measure();
}

void MesoscaleSimulator::Impl::measure() {
  double cov = 0, con = 0, acc = 0, ads = 0;
  n_covered = 0;
  for (std::size_t i = 0; i < N; ++i) {
    auto& n1 = st.n1_m2[i];
    if (st.covered[i]) {
      const auto& k = K[map.substrate[i]];
      const double m = st.islands_m2[i] * A_cell;
      const double old = phi[i], ph = k.footprint(st.h_m[i], m);
      // Adatoms on the bare part (n1 per bare area): a growing footprint takes those it covers
      // into the Na; a shrinking one spreads them over the larger bare part.
      if (ph > old) {
        st.h_m[i] += (ph - old) * n1 * na.omega_m3;
        if (ph >= 1.0) n1 = 0;
      } else if (ph < old) {
        n1 *= (1 - old) / (1 - ph);
      }
      phi[i] = ph;
      ++n_covered;
      cov += ph;
      const double c = c_P * std::clamp(1.0 - st.gap_m[i] / op.void_height_m, 0.0, 1.0);
      con += c;
      if (c > 0) acc += st.h_m[i] / na.omega_m3 + (1 - ph) * n1;
    } else {
      phi[i] = 0.0;
      con += map.contact[i];
      if (map.contact[i]) acc += n1;
    }
    ads += (1 - phi[i]) * n1;
  }
  coverage = cov / static_cast<double>(N);
  contact = con / static_cast<double>(N);
  accessible_C_m2 = kE * acc / static_cast<double>(N);
  adatoms_m2 = ads / (static_cast<double>(N) * A_cell);
}

double MesoscaleSimulator::Impl::na_charge_C_m2() const {
  double s = 0;
  for (std::size_t i = 0; i < N; ++i) s += st.h_m[i] / na.omega_m3 + (1 - phi[i]) * st.n1_m2[i] + st.alloy_m2[i];
  return kE * s / static_cast<double>(N);
}

double MesoscaleSimulator::Impl::alloy_charge_C_m2() const {
  double s = 0;
  for (double a : st.alloy_m2) s += a;
  return kE * s / static_cast<double>(N);
}

}  // namespace nabridge::upscale
