#pragma once
// Internal state of MesoscaleSimulator (see mesoscale.h for the model).
#include <cstdint>
#include <random>
#include <utility>
#include <vector>

#include "mesoscale_detail.h"
#include "nabridge/upscale/mesoscale.h"

namespace nabridge::upscale {

struct MesoscaleSimulator::Impl {
  Impl(std::vector<MesoSubstrate> subs, MesoNa na, MesoMap map, MesoOperating op);

  MesoStep step(double dt, double current_A_m2);
  MesoResult run();
  void measure();                           // coverage, contact fraction, footprints
  MesoIslandCensus census() const;
  double na_charge_C_m2() const;

  static constexpr int kMaxClass = 1024;    // capture-distance classes (cells)

  std::vector<MesoSubstrate> subs;
  MesoNa na;
  MesoMap map;
  MesoOperating op;
  std::vector<detail::SubstrateKinetics> K;
  std::size_t N = 0;
  double A_cell = 0, kT = 0, f = 0;         // f = e/kT (1/V)
  double c_P = 1;                           // plastic contact fraction at the stack pressure
  double v_vacancy_m_s = 0;                 // vacancy supply velocity (Janek-type)
  double creep_length_m = 0;
  MesoState st;
  std::mt19937_64 rng;

  // measured after each step
  double coverage = 0, contact = 0;
  double accessible_C_m2 = 0;               // Na that touches the electrolyte (film + adatoms)
  std::vector<float> phi;                   // footprint of the Na in each covered cell
  bool any_adatoms = false;
  std::size_t n_covered = 0;
  bool cover_changed = true;                // the distance transform is stale

  // scratch
  std::vector<double> w, w_sub, tmp;       // Butler–Volmer weights of covered cells (Na, substrate part)
  std::vector<float> dist;
  std::vector<std::int32_t> nearest;
  std::vector<std::uint16_t> cls;
  std::vector<std::int32_t> work;
  std::vector<std::pair<std::int32_t, std::int32_t>> gap_edges;  // static
  std::vector<std::pair<std::int32_t, double>> deposits;
  std::vector<double> edge_flux;
  std::vector<std::uint8_t> capflag;
  std::vector<double> B, M;                 // per (substrate, class): bare contacting cells, Σ n1
};

}  // namespace nabridge::upscale
