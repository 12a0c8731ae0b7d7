#pragma once
// The parameter table's hop columns, from a hops task result (task_hops.cpp): the network's
// barrier, prefactor and D_s where it is complete, and where it is not, the barrier bound of its
// converged bands that the mesoscale stage falls back on.
#include <optional>

#include <nlohmann/json.hpp>

namespace nabridge::workflow {

/// The highest saddle of the converged bands minus the lowest state at either end of any computed
/// band, or nullopt when no band converged. The states are placed relative to one another through
/// the bands' end-to-end energies (dE_eV) along their site labels; states that no chain of bands
/// links are not compared. Where the converged hops connect the surface this bounds the barrier of
/// their network from above (diffusion needs no more than the highest saddle from the deepest
/// state); nothing here checks that they do.
std::optional<double> converged_saddle_span_eV(const nlohmann::json& hops);

/// hops_complete, hops_note, hops_assumed (where the hops ran on a held host: the free one tore)
/// and, from a complete hop network only (never a partial number), the barrier, prefactor, D_s and
/// the length of the hop that sets Ea_diff (the mesoscale model's step); from an incomplete one,
/// Ea_saddle_span_eV where a band converged.
void add_hop_columns(const nlohmann::json& hops, nlohmann::json& row);

}  // namespace nabridge::workflow
