#pragma once
// The Na-on-Al(100) hollow-to-hollow hop used to cross-check NEB against LAMMPS: Zhou EAM for
// Al plus an illustrative Morse Na–Al term; relaxed endpoints.
#include "engine/lammps_engine.h"
#include "optimize/fire.h"
#include "structure/prototypes.h"
#include "structure/slab.h"
#include "symmetry/sites.h"

namespace nabridge::testing {

inline PotentialSpec al_na_morse() {
  PotentialSpec p;
  p.id = "Al_zhou+NaAl_morse";
  p.elements = {"Al", "Na"};
  p.commands = {"pair_style hybrid/overlay eam/alloy morse 8.0",
                "pair_coeff * * eam/alloy /usr/share/lammps/potentials/Al_zhou.eam.alloy Al NULL",
                "pair_coeff 1 2 morse 0.35 1.1 3.2", "pair_coeff 2 2 morse 0.0 1.0 3.7"};
  return p;
}

struct HopEndpoints {
  Structure initial, final;
};

inline HopEndpoints na_al100_hop(Engine& engine, int repeat = 3, int layers = 4) {
  SlabSpec spec;
  spec.miller = {1, 0, 0};
  spec.layers = layers;
  spec.fixed_layers = 2;
  spec.repeat_a = repeat;
  spec.repeat_b = repeat;
  spec.vacuum_A = 14;
  const Structure slab = make_slab(bulk_fcc("Al", 4.05), spec).structure;
  const auto sites = find_adsorption_sites(slab);
  std::size_t hollow = 0;
  for (std::size_t k = 0; k < sites.size(); ++k)
    if (sites[k].label == "hollow") hollow = k;
  const SiteHop hop = find_hops(slab, sites, {hollow}).front();
  HopEndpoints e{slab, slab};
  e.initial.add_atom("Na", hop.start_A + Vec3(0, 0, 2.0));
  e.final.add_atom("Na", hop.end_A + Vec3(0, 0, 2.0));
  OptimizerOptions opt;
  opt.fmax_eV_A = 1e-4;
  Fire(opt).minimize(engine, e.initial);
  Fire(opt).minimize(engine, e.final);
  return e;
}

}  // namespace nabridge::testing
