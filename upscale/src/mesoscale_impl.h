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
  std::vector<double> phi;                  // footprint of the Na in each covered cell
  double adatoms_m2 = 0;                    // adatoms per interface area
  std::size_t n_covered = 0;
  bool cover_changed = true;                // the distance transform is stale

  // scratch
  std::vector<double> w;                    // Butler–Volmer weight of the Na in each covered cell
  std::vector<double> k_loss;               // adatom loss rate of a bare part: capture + nucleation (1/s)
  std::vector<double> nuc_rate;             // nuclei formed per adatom and second (covered cells)
  std::vector<float> dist;                  // distance (cells) of a bare cell to the nearest covered one
  std::vector<std::int32_t> nearest;        // that covered cell (a covered cell: itself; −1: none)
  std::vector<std::int32_t> cluster;        // root of a covered cell's cluster (−1: uncovered)
  std::vector<std::int32_t> zone_cells;     // cluster root: cells of the cluster's capture zone
  std::vector<double> zone_islands;         // cluster root: islands in the cluster
  std::vector<double> zone_coverage;        // cluster root: Na-covered fraction of the zone
  std::vector<double> coalesced_at;         // covered cell: zone coverage its islands coalesced to (−1: new)
  std::vector<std::int32_t> work;
  std::vector<std::pair<std::int32_t, std::int32_t>> gap_edges;  // static
  std::vector<std::pair<std::int32_t, double>> deposits;
  std::vector<double> edge_flux;
  std::vector<std::uint8_t> capflag;
  // Bare parts that exchange adatoms with the electrolyte, for the overpotential solve:
  // cell, substrate, weight (1 − φ)·contact, contact, adatom loss rate (capture + nucleation), n1.
  struct Exchanging {
    std::int32_t i;
    std::uint8_t s;
    double weight, contact, k, n1;
  };
  std::vector<Exchanging> exchanging;
};

}  // namespace nabridge::upscale
