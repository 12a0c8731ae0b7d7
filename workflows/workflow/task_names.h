#pragma once
// The one place task names are formed. The graph (task_graph.cpp) names its tasks with these and
// the table task (tasks/task_table.cpp) finds its inputs with them, so the two cannot drift.
//   na_bulk, na_bulk@POTENTIAL                bulk Na in the [na] potential, in another one
//   bulk/TAG, polarization/SUBSTRATE          one per substrate (and potential)
//   polar_surface/SUBSTRATE-Pup, ...-Pdown    Na on a ferroelectric coating's polarised slab
//   polar_film/SUBSTRATE-Pup, ...-Pdown       a Na film on it
//   surface/TAG/FACET, adsorption/..., hops/..., adhesion/...   one per facet
//   surface/TAG/PHASE-FACET, adsorption/..., adhesion/...      an alloying coating's alloy surface
// TAG is the substrate's name, or NAME@POTENTIAL when the substrate runs with several potentials.
#include <string>

namespace nabridge::workflow {

/// Bulk Na in `potential`: "na_bulk" for the campaign's [na] potential, else "na_bulk@POTENTIAL".
inline std::string na_bulk_task_name(const std::string& potential, const std::string& na_potential) {
  return potential == na_potential ? std::string("na_bulk") : "na_bulk@" + potential;
}

inline std::string substrate_tag(const std::string& substrate, const std::string& potential, bool several_potentials) {
  return several_potentials ? substrate + "@" + potential : substrate;
}

/// "bulk/Al", "polarization/BaTiO3-TiO2".
inline std::string substrate_task_name(const std::string& type, const std::string& tag) { return type + "/" + tag; }

/// The parameter-table row of Na on the polarised slab of ferroelectric `substrate`, P "up" or
/// "down": "BaTiO3-TiO2-Pup".
inline std::string polar_row_name(const std::string& substrate, const std::string& direction) {
  return substrate + (direction == "up" ? "-Pup" : "-Pdown");
}

/// "surface/Al/111", "adsorption/Au-on-Al@eam/111".
inline std::string facet_task_name(const std::string& type, const std::string& tag, const std::string& facet) {
  return type + "/" + tag + "/" + facet;
}

/// The facet part of the names of the tasks on an alloying coating's alloy phase: "NaAu2-111"
/// ("adsorption/Au-on-Al/NaAu2-111").
inline std::string alloy_facet_label(const std::string& phase, const std::string& facet) {
  return phase + "-" + facet;
}
}  // namespace nabridge::workflow
