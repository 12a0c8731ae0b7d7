// Set-up and bookkeeping of the mesoscale simulator: per-substrate kinetics, initial state,
// static neighbour lists and the per-step measurements (coverage, contact, footprints).
#include <algorithm>
#include <cmath>

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
  st.gap_m.assign(N, 0.0);
  for (std::size_t i = 0; i < N; ++i) st.gap_m[i] = map.empty_gap_m(i);
  rng.seed(splitmix64(op.seed ^ 0x6e75636c656174ULL));
  phi.assign(N, 0.0f);
  w.assign(N, 0.0);
  w_sub.assign(N, 0.0);
  tmp.assign(N, 0.0);
  dist.assign(N, 0.0f);
  nearest.assign(N, -1);
  cls.assign(N, 0);
  capflag.assign(N, 0);
  B.assign(K.size() * (kMaxClass + 1), 0.0);
  M.assign(B.size(), 0.0);
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
  double cov = 0, con = 0, acc = 0;
  any_adatoms = false;
  n_covered = 0;
  for (std::size_t i = 0; i < N; ++i) {
    if (st.covered[i]) {
      const auto& k = K[map.substrate[i]];
      phi[i] = static_cast<float>(detail::footprint(st.h_m[i], k.h_fill_m));
      ++n_covered;
      cov += phi[i];
      const double c = c_P * std::clamp(1.0 - st.gap_m[i] / op.void_height_m, 0.0, 1.0);
      con += c;
      if (c > 0) acc += st.h_m[i] / na.omega_m3;
    } else {
      phi[i] = 0.0f;
      con += map.contact[i];
      any_adatoms |= st.n1_m2[i] > 0;
      if (map.contact[i]) acc += st.n1_m2[i];
    }
  }
  coverage = cov / static_cast<double>(N);
  contact = con / static_cast<double>(N);
  accessible_C_m2 = kE * acc / static_cast<double>(N);
}

double MesoscaleSimulator::Impl::na_charge_C_m2() const {
  double s = 0;
  for (std::size_t i = 0; i < N; ++i) s += st.h_m[i] / na.omega_m3 + st.n1_m2[i];
  return kE * s / static_cast<double>(N);
}

}  // namespace nabridge::upscale
