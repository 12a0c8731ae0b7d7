// hop columns of the parameter table (hop_columns.h).
#include "workflow/tasks/hop_columns.h"

#include <algorithm>
#include <cmath>
#include <fmt/format.h>
#include <map>
#include <string>

#include "nabridge/base/bounds.h"

namespace nabridge::workflow {

namespace {

/// The hops' states (site labels) with their energies relative to one state of their group: the
/// bands that share labels, linked through each band's end-to-end energy dE_eV. A band whose
/// states another chain of bands already placed is not used again (its dE agrees with theirs
/// when its endpoints relaxed into the labelled states, which the hops task checks to 5 meV).
struct PlacedStates {
  std::map<std::string, double> E_eV;
  std::map<std::string, int> group;
};

PlacedStates place_states(const nlohmann::json& hops) {
  PlacedStates s;
  int groups = 0;
  for (const auto& seed : hops) {
    const std::string start = seed.at("from");
    if (s.E_eV.count(start)) continue;
    s.E_eV[start] = 0.0;
    s.group[start] = groups++;
    for (bool grew = true; grew;) {  // each pass places the states one band beyond the placed ones
      grew = false;
      for (const auto& h : hops) {
        const std::string from = h.at("from"), to = h.at("to");
        const bool has_from = s.E_eV.count(from) > 0, has_to = s.E_eV.count(to) > 0;
        if (has_from == has_to) continue;
        const double dE = h.at("dE_eV");
        if (has_from)
          s.E_eV[to] = s.E_eV[from] + dE, s.group[to] = s.group[from];
        else
          s.E_eV[from] = s.E_eV[to] - dE, s.group[from] = s.group[to];
        grew = true;
      }
    }
  }
  return s;
}

}  // namespace

std::optional<double> converged_saddle_span_eV(const nlohmann::json& hops) {
  const PlacedStates s = place_states(hops);
  std::map<int, double> lowest_state, highest_saddle;
  for (const auto& [label, E] : s.E_eV) {
    const auto [it, fresh] = lowest_state.emplace(s.group.at(label), E);
    if (!fresh) it->second = std::min(it->second, E);
  }
  for (const auto& h : hops) {
    if (!h.at("converged").get<bool>()) continue;
    const std::string from = h.at("from");
    const double saddle = s.E_eV.at(from) + h.at("barrier_eV").get<double>();
    const auto [it, fresh] = highest_saddle.emplace(s.group.at(from), saddle);
    if (!fresh) it->second = std::max(it->second, saddle);
  }
  if (highest_saddle.empty()) return std::nullopt;
  double span = kRunningMaxStart;
  for (const auto& [group, saddle] : highest_saddle) span = std::max(span, saddle - lowest_state.at(group));
  return span;
}

void add_hop_columns(const nlohmann::json& hops, nlohmann::json& row) {
  row["hops_complete"] = hops.at("complete");
  if (!hops.at("message").get<std::string>().empty()) row["hops_note"] = hops.at("message");
  if (const auto& tear = hops.value("host_tear", nlohmann::json()); tear.is_object())
    row["hops_assumed"] = nlohmann::json::array({fmt::format(
        "hops on the host held at the clean slab's relaxed geometry: on the free host the band {} moves a host atom "
        "{:.2f} A out of place (a torn surface, beyond the fixed-charge potential)",
        tear.at("band").get<std::string>(), tear.at("moved_A").get<double>())});
  if (!hops.at("complete").get<bool>()) {
    if (const auto span = converged_saddle_span_eV(hops.at("hops"))) row["Ea_saddle_span_eV"] = *span;
    return;
  }
  row["Ea_diff_eV"] = hops.at("Ea_diff_eV");
  row["nu0_Hz"] = hops.at("nu0_Hz");
  row["D_s_m2_s"] = hops.at("D_s_m2_s");
  double best = kRunningMinStart;
  for (const auto& h : hops.at("hops")) {
    const double d = std::abs(h.at("barrier_eV").get<double>() - hops.at("Ea_diff_eV").get<double>());
    if (d < best) best = d, row["hop_length_A"] = h.at("length_A");
  }
}

}  // namespace nabridge::workflow
