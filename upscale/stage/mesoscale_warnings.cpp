#include "stage/mesoscale_warnings.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <utility>

#include "nabridge/base/notes.h"
#include "nabridge/upscale/mesoscale.h"

namespace nabridge::upscale {

namespace {

using Entries = std::vector<const nlohmann::json*>;

/// A number of the warning as the range over `entries` ("0.0001–11"), or one value where the range's ends print the
/// same.
std::string range(const Entries& entries, const char* field, const char* format) {
  double lo = entries.front()->at(field).get<double>(), hi = lo;
  for (const auto* e : entries) {
    const double v = e->at(field).get<double>();
    lo = std::min(lo, v), hi = std::max(hi, v);
  }
  const std::string a = fmt::format(fmt::runtime(format), lo), b = fmt::format(fmt::runtime(format), hi);
  return a == b ? a : a + "–" + b;
}

/// The different values of a text field over `entries`, in order of appearance, joined by "; ".
std::string distinct(const Entries& entries, const char* field) {
  std::string out;
  std::set<std::string> seen;
  for (const auto* e : entries) {
    const std::string s = e->at(field).get<std::string>();
    if (seen.insert(s).second) append_note(out, s);
  }
  return out;
}

/// The text of a warning of one kind about the run(s) `where` names; `entries` (their "nucleation_warnings" entries of
/// that kind) give its numbers.
std::string warning_text(const std::string& kind, const std::string& where, const Entries& entries) {
  const std::string N = range(entries, "nuclei_per_um2", "{:.3g}");
  if (kind == kFewNucleiWarning)
    return fmt::format("{}: {} nuclei/µm² is {} nuclei in the {} µm map, a count of a few events; {}", where, N,
                       range(entries, "nuclei_in_map", "{:.1f}"), range(entries, "map_um", "{:.3g}"),
                       distinct(entries, "advice"));
  if (kind == kLayerWarning)
    return fmt::format(
        "{}: on {} % of the cells the Na started as a percolated layer of immobile adatoms (coverage ≥ {:.3g} of the "
        "sites), not by nucleation; {} nuclei/µm² formed on the rest",
        where, range(entries, "layer_cells_percent", "{:.0f}"), kLayerPercolationCoverage, N);
  if (kind == kCrowdedSitesWarning)
    return fmt::format(
        "{}: {} % of the {} nuclei/µm² formed where the adatoms filled more than half the adsorption sites (immobile "
        "adatoms); there the rate equations do not set the density, which follows the cell size",
        where, range(entries, "crowded_percent", "{:.0f}"), N);
  if (kind == kBurstWarning)
    return fmt::format(
        "{}: {} % of the {} nuclei/µm² formed in one time step (a coating converted on every cell at once); the "
        "density is set by the step, not by a nucleation rate, and follows the cell size",
        where, range(entries, "burst_percent", "{:.0f}"), N);
  throw std::logic_error("unknown nucleation warning kind " + kind);
}

using Point = std::pair<double, double>;  // (current mA/cm², pressure MPa)

/// `values` as a list ("0.1, 0.3"), or as the range of `all` ("0.1–10") where they are all of at least three.
std::string values_text(const std::set<double>& values, const std::set<double>& all) {
  if (values == all && values.size() >= 3) return fmt::format("{:g}–{:g}", *values.begin(), *values.rbegin());
  std::string out;
  for (double v : values) out += (out.empty() ? "" : ", ") + fmt::format("{:g}", v);
  return out;
}

/// Where a warning applies: `warned` among the operating points `all` of an interface. Currents warned at the same
/// pressures share one entry, "0.1, 0.3 mA/cm² (0.1–10 MPa)".
std::string conditions_text(const std::set<Point>& warned, const std::set<Point>& all) {
  std::set<double> currents, pressures;
  for (const auto& [i, P] : all) currents.insert(i), pressures.insert(P);
  if (warned == all && currents.size() > 1 && pressures.size() > 1) return "at every current and pressure of the sweep";
  if (warned == all && currents.size() > 1)
    return fmt::format("at every current of the sweep ({:g} MPa)", *pressures.begin());
  if (warned == all && pressures.size() > 1)
    return fmt::format("at every pressure of the sweep ({:g} mA/cm²)", *currents.begin());
  std::map<double, std::set<double>> pressures_at;  // current → its warned pressures
  for (const auto& [i, P] : warned) pressures_at[i].insert(P);
  std::vector<std::pair<std::set<double>, std::set<double>>> groups;  // (currents, their pressures)
  for (const auto& [i, ps] : pressures_at) {
    auto g = std::find_if(groups.begin(), groups.end(), [&](const auto& x) { return x.second == ps; });
    if (g == groups.end())
      groups.push_back({{i}, ps});
    else
      g->first.insert(i);
  }
  std::string out;
  for (const auto& [is, ps] : groups)
    out += fmt::format("{}{} mA/cm² ({} MPa)", out.empty() ? "at " : " and ", values_text(is, currents),
                       values_text(ps, pressures));
  return out;
}

Point point_of(const nlohmann::json& run) {
  return {run.at("current_mA_cm2").get<double>(), run.at("pressure_MPa").get<double>()};
}

}  // namespace

std::string nucleation_warning_text(const std::string& run_label, const nlohmann::json& entry) {
  return warning_text(entry.at("kind").get<std::string>(), run_label, {&entry});
}

std::vector<NucleationWarningLine> grouped_nucleation_warnings(const nlohmann::json& runs) {
  std::vector<std::string> interfaces;  // in order of first appearance
  std::map<std::string, std::set<Point>> points;
  std::vector<NucleationWarningLine> older;  // runs of an older mesoscale.json: their own lines
  for (const auto& r : runs) {
    const std::string name = r.at("interface").get<std::string>();
    if (points.find(name) == points.end()) interfaces.push_back(name);
    points[name].insert(point_of(r));
    if (!r.contains("nucleation_warnings") && r.contains("warning"))
      older.push_back({name, "", r.at("warning").get<std::string>()});
  }
  std::vector<NucleationWarningLine> lines;
  for (const auto& name : interfaces)
    for (const char* kind : {kFewNucleiWarning, kLayerWarning, kCrowdedSitesWarning, kBurstWarning}) {
      Entries entries;
      std::set<Point> warned;
      for (const auto& r : runs) {
        if (r.at("interface") != name || !r.contains("nucleation_warnings")) continue;
        for (const auto& w : r.at("nucleation_warnings"))
          if (w.at("kind") == kind) entries.push_back(&w), warned.insert(point_of(r));
      }
      if (entries.empty()) continue;
      // Several runs per point (temperatures, capacities, seeds) of which not all warned; a run gives at most one
      // warning of a kind.
      std::size_t runs_there = 0;
      for (const auto& r : runs)
        if (r.at("interface") == name && warned.count(point_of(r))) ++runs_there;
      std::string where = name + " " + conditions_text(warned, points.at(name));
      if (entries.size() < runs_there) where += fmt::format(", in {} of the {} runs there", entries.size(), runs_there);
      lines.push_back({name, kind, warning_text(kind, where, entries)});
    }
  lines.insert(lines.end(), older.begin(), older.end());
  return lines;
}

}  // namespace nabridge::upscale
