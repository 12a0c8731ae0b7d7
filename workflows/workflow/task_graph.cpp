#include "workflow/task_graph.h"

#include <boost/graph/topological_sort.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "workflow/potential_json.h"
#include "workflow/task_names.h"

namespace nabridge::workflow {

TaskGraph::TaskGraph(std::vector<Task> tasks) : tasks_(std::move(tasks)), graph_(tasks_.size()) {
  for (std::size_t i = 0; i < tasks_.size(); ++i)
    if (!index_of_name_.emplace(tasks_[i].name, i).second)
      throw std::invalid_argument("task graph: two tasks named '" + tasks_[i].name + "'");
  for (std::size_t v = 0; v < tasks_.size(); ++v)
    for (const auto& in : tasks_[v].inputs) boost::add_edge(index(in), v, graph_);
  std::vector<std::size_t> reversed;
  try {
    boost::topological_sort(graph_, std::back_inserter(reversed));
  } catch (const boost::not_a_dag&) {
    throw std::invalid_argument("task graph: the inputs form a cycle");
  }
  order_.assign(reversed.rbegin(), reversed.rend());
}

std::size_t TaskGraph::index(const std::string& name) const {
  if (const auto it = index_of_name_.find(name); it != index_of_name_.end()) return it->second;
  throw std::invalid_argument("task graph: unknown task '" + name + "'");
}

std::vector<std::size_t> TaskGraph::dependants(std::size_t i) const {
  std::vector<bool> seen(tasks_.size(), false);
  std::vector<std::size_t> stack{i}, out;
  while (!stack.empty()) {
    const auto u = stack.back();
    stack.pop_back();
    for (auto [e, end] = boost::out_edges(u, graph_); e != end; ++e) {
      const auto v = boost::target(*e, graph_);
      if (!seen[v]) seen[v] = true, out.push_back(v), stack.push_back(v);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string TaskGraph::to_text() const {
  std::string s = fmt::format("{} tasks, {} edges\n", tasks_.size(), boost::num_edges(graph_));
  for (std::size_t i : order_) {
    const auto& t = tasks_[i];
    s += fmt::format("  {:<28} {:<11}", t.name, t.type);
    if (!t.inputs.empty()) {
      s += " <- ";
      for (std::size_t k = 0; k < t.inputs.size(); ++k) s += (k ? ", " : "") + t.inputs[k];
    }
    s += '\n';
  }
  return s;
}

std::string TaskGraph::to_dot() const {
  std::string s = "digraph nabridge {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n";
  for (std::size_t i = 0; i < tasks_.size(); ++i) s += fmt::format("  t{} [label=\"{}\"];\n", i, tasks_[i].name);
  for (auto [e, end] = boost::edges(graph_); e != end; ++e)
    s += fmt::format("  t{} -> t{};\n", boost::source(*e, graph_), boost::target(*e, graph_));
  return s + "}\n";
}

namespace {

/// The slab settings every surface-type task starts from (a substrate may override its layers
/// and repeat).
nlohmann::json slab_settings(const AtomisticSettings& a) {
  return {{"layers", a.layers},     {"fixed_layers", a.fixed_layers}, {"repeat", a.repeat},
          {"vacuum_A", a.vacuum_A}, {"fmax_eV_A", a.fmax_eV_A},       {"max_atoms", a.max_atoms}};
}

/// Bulk Na for every potential in use: adsorption and adhesion energies are referred to bulk Na
/// in the same potential. The [na] potential's is "na_bulk"; the others "na_bulk@NAME".
void add_na_tasks(const Campaign& c, const nlohmann::json& slab, std::vector<Task>& tasks) {
  std::vector<std::string> na_potentials{c.na.potential};
  for (const auto& s : c.substrates)
    for (const auto& p : s.potentials)
      if (std::find(na_potentials.begin(), na_potentials.end(), p) == na_potentials.end()) na_potentials.push_back(p);
  for (const auto& pot : na_potentials) {
    const nlohmann::json params{{"potential", to_json(c.potentials.at(pot))},
                                {"a_guess_A", c.na.a_guess_A},
                                {"facet", c.na.facet},
                                {"slab", slab}};
    tasks.push_back({na_bulk_task_name(pot, c.na.potential), "na_bulk", "", "", params, {}, ""});
  }
  if (!c.na.vacancy) return;
  const auto& a = c.atomistic;
  const nlohmann::json params{{"potential", to_json(c.potentials.at(c.na.potential))},
                              {"cells", c.na.vacancy_cells},
                              {"T_K", c.T_K},
                              {"neb_images", a.neb_images},
                              {"neb_fmax_eV_A", a.neb_fmax_eV_A},
                              {"fmax_eV_A", a.fmax_eV_A},
                              {"hessian_radius_A", a.hessian_radius_A}};
  tasks.push_back({"na_vacancy", "na_vacancy", "", "", params, {"na_bulk"}, ""});
}

/// The bulk task's parameters: the substrate's crystal and, for a coated one, the coating's
/// (whose alloy's formation energy the bulk task computes, or carries when given).
nlohmann::json bulk_params(const SubstrateEntry& s, const nlohmann::json& pot) {
  nlohmann::json bulk{{"potential", pot}, {"prototype", s.prototype},        {"elements", s.elements}, {"a_A", s.a_A},
                      {"c_A", s.c_A},     {"relax_lattice", s.relax_lattice}};
  if (!s.coating) return bulk;
  const CoatingEntry& coating = *s.coating;
  bulk["coating"] = {{"prototype", coating.prototype},
                     {"elements", coating.elements},
                     {"a_A", coating.a_A},
                     {"c_A", coating.c_A},
                     {"relax_lattice", coating.relax_lattice},
                     {"layers", coating.layers},
                     {"termination", coating.termination}};
  if (coating.alloy) {
    const auto& al = *coating.alloy;
    nlohmann::json a{{"phase", al.phase}, {"prototype", al.prototype}, {"a_A", al.a_A}, {"source", al.source}};
    if (al.formation_eV_per_atom) a["formation_eV_per_atom"] = *al.formation_eV_per_atom;
    if (al.na_per_coating_atom) a["na_per_coating_atom"] = *al.na_per_coating_atom;
    bulk["coating"]["alloy"] = a;
  }
  return bulk;
}

/// An adhesion task's parameters: the surface's `p` and the campaign's Na film settings.
nlohmann::json adhesion_params(const AtomisticSettings& a, const nlohmann::json& p) {
  nlohmann::json ad = p;
  ad["film_layers"] = a.film_layers;
  ad["film_vacuum_A"] = a.film_vacuum_A;
  ad["max_strain"] = a.max_strain;
  ad["max_atoms"] = a.max_atoms;
  ad["registry_points"] = a.registry_points;
  return ad;
}

/// A hops task's parameters: an adsorption task's `ads` and the campaign's NEB settings.
nlohmann::json hops_params(const Campaign& c, const nlohmann::json& ads) {
  nlohmann::json hp = ads;
  hp["T_K"] = c.T_K;
  hp["neb_images"] = c.atomistic.neb_images;
  hp["neb_fmax_eV_A"] = c.atomistic.neb_fmax_eV_A;
  hp["hessian_radius_A"] = c.atomistic.hessian_radius_A;
  return hp;
}

/// One facet of one substrate in one potential: its surface and adsorption tasks, and its hops
/// and adhesion tasks when the campaign asks for them; the table row they fill goes to `rows`.
void add_facet_tasks(const Campaign& c, const SubstrateEntry& s, const std::string& facet, const std::string& pot_name,
                     const nlohmann::json& slab, std::vector<Task>& tasks, nlohmann::json& rows) {
  const auto& a = c.atomistic;
  const std::string tag = substrate_tag(s.name, pot_name, s.potentials.size() > 1);
  const std::string na_name = na_bulk_task_name(pot_name, c.na.potential);
  const std::string bulk_name = substrate_task_name("bulk", tag);
  nlohmann::json p{{"potential", to_json(c.potentials.at(pot_name))}, {"facet", facet}, {"termination", s.termination}};
  p["slab"] = slab;
  if (s.layers > 0) p["slab"]["layers"] = s.layers;
  if (s.repeat > 0) p["slab"]["repeat"] = s.repeat;
  const std::string surface_name = facet_task_name("surface", tag, facet);
  rows.push_back(
      {{"substrate", s.name}, {"facet", facet}, {"potential", pot_name}, {"tag", tag}, {"na_bulk", na_name}});
  tasks.push_back({surface_name, "surface", s.name, facet, p, {bulk_name}, ""});
  nlohmann::json ads = p;
  ads["height_A"] = a.adatom_height_A;
  tasks.push_back(
      {facet_task_name("adsorption", tag, facet), "adsorption", s.name, facet, ads, {bulk_name, na_name}, ""});
  if (a.hops) tasks.push_back({facet_task_name("hops", tag, facet), "hops", s.name, facet, hops_params(c, ads), {bulk_name}, ""});
  if (a.adhesion) {
    const std::vector<std::string> inputs{bulk_name, na_name, surface_name};
    tasks.push_back(
        {facet_task_name("adhesion", tag, facet), "adhesion", s.name, facet, adhesion_params(a, p), inputs, ""});
  }
}

/// Top-layer height tolerance of the site search on an alloy surface (SiteOptions: 0.3 Å).
constexpr double kAlloySiteLayerTol_A = 0.2;

/// The surface of an alloying coating's alloy phase (a coating.alloy with a prototype), on which
/// Na metal plates once the coating is full: its surface energy, Na adsorption and, when the
/// campaign computes them, Na's hops on it and the Na film's W_ad; the slab cut from the alloy of the bulk task's
/// result (task_common.h, slab_bulk). Each of the substrate's rows names it (`alloy_surface`).
void add_alloy_surface_tasks(const Campaign& c, const SubstrateEntry& s, const std::string& pot_name,
                             const nlohmann::json& slab, std::vector<Task>& tasks, nlohmann::json& substrate_rows) {
  if (!s.coating || !s.coating->alloy || s.coating->alloy->prototype.empty()) return;
  const AlloyEntry& al = *s.coating->alloy;
  const auto& a = c.atomistic;
  const std::string tag = substrate_tag(s.name, pot_name, s.potentials.size() > 1);
  const std::string label = alloy_facet_label(al.phase, al.facet);
  const std::string bulk_name = substrate_task_name("bulk", tag);
  const std::string na_name = na_bulk_task_name(pot_name, c.na.potential);
  nlohmann::json p{{"potential", to_json(c.potentials.at(pot_name))},
                   {"facet", al.facet},
                   {"termination", al.termination},
                   {"alloy_surface", true}};
  p["slab"] = slab;
  p["slab"]["layers"] = al.layers;
  p["slab"]["cut_at_widest_gaps"] = true;
  if (s.repeat > 0) p["slab"]["repeat"] = s.repeat;
  const std::string surface_name = facet_task_name("surface", tag, label);
  tasks.push_back({surface_name, "surface", s.name, al.facet, p, {bulk_name, na_name}, ""});
  nlohmann::json ads = p;
  ads["height_A"] = a.adatom_height_A;
  // C15 (111) Na-terminated has Au 0.072 a below its top Na (0.56 Å at 7.8 Å, 0.60 Å at the shipped
  // EAM's 8.29 Å): the site search's top layer must stop above it.
  ads["site_layer_tol_A"] = kAlloySiteLayerTol_A;
  tasks.push_back(
      {facet_task_name("adsorption", tag, label), "adsorption", s.name, al.facet, ads, {bulk_name, na_name}, ""});
  if (a.hops)
    tasks.push_back({facet_task_name("hops", tag, label), "hops", s.name, al.facet, hops_params(c, ads), {bulk_name}, ""});
  if (a.adhesion) {
    const std::vector<std::string> inputs{bulk_name, na_name, surface_name};
    const std::string name = facet_task_name("adhesion", tag, label);
    tasks.push_back({name, "adhesion", s.name, al.facet, adhesion_params(a, p), inputs, ""});
  }
  for (auto& row : substrate_rows) row["alloy_surface"] = label;
}

/// Every substrate in each of its potentials: the bulk task and the tasks of each facet.
/// Returns the table's rows, one per (substrate, facet, potential).
nlohmann::json add_substrate_tasks(const Campaign& c, const nlohmann::json& slab, std::vector<Task>& tasks) {
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& s : c.substrates)
    for (const auto& pot_name : s.potentials) {
      const std::string tag = substrate_tag(s.name, pot_name, s.potentials.size() > 1);
      const nlohmann::json params = bulk_params(s, to_json(c.potentials.at(pot_name)));
      tasks.push_back({substrate_task_name("bulk", tag), "bulk", s.name, "", params, {}, ""});
      nlohmann::json substrate_rows = nlohmann::json::array();
      for (const auto& f : s.facets) add_facet_tasks(c, s, f, pot_name, slab, tasks, substrate_rows);
      add_alloy_surface_tasks(c, s, pot_name, slab, tasks, substrate_rows);
      rows.insert(rows.end(), substrate_rows.begin(), substrate_rows.end());
    }
  return rows;
}

/// Ferroelectric coatings: P_s from the core–shell model, the field offset from it
/// (task_polarization.cpp), and Na on the polarised slab, one task and one table row per
/// direction of P (task_polar_surface.cpp). What the table reads of them goes into
/// `table_params`, absent when empty so that the keys of campaigns without ferroelectric
/// substrates stay unchanged.
void add_ferroelectric_tasks(const Campaign& c, std::vector<Task>& tasks, nlohmann::json& table_params) {
  const auto& a = c.atomistic;
  nlohmann::json ferroelectric = nlohmann::json::object();  // substrate -> its polarization task
  nlohmann::json polar_rows = nlohmann::json::array();      // the table's rows of Na on a polarised slab
  for (const auto& s : c.substrates) {
    if (!s.ferroelectric) continue;
    const auto& f = *s.ferroelectric;
    const std::string name = substrate_task_name("polarization", s.name);
    tasks.push_back({name, "polarization", s.name, "",
                     {{"substrate", s.name}, {"potential", to_json(f.shell_potential)}, {"elements", s.elements},
                      {"a_guess_A", f.a_guess_A}, {"cells", f.cells}, {"toward_collector", f.toward_collector},
                      {"thickness_nm", f.thickness_nm}, {"eps_film", f.eps_film},
                      {"lambda_collector_A", f.lambda_collector_A}, {"carrier_density_m3", f.carrier_density_m3},
                      {"eps_electrolyte", f.eps_electrolyte}, {"T_K", c.T_K}},
                     {}, ""});
    ferroelectric[s.name] = name;
    if (!f.polar_rows) continue;
    const PolarRowsEntry& pr = *f.polar_rows;
    for (const auto& dir : pr.directions) {
      const std::string row = polar_row_name(s.name, dir), task = substrate_task_name("polar_surface", row);
      tasks.push_back({task, "polar_surface", s.name, "001",
                       {{"substrate", row}, {"potential", to_json(f.shell_potential)}, {"elements", s.elements},
                        {"direction", dir}, {"electrode_screened", pr.electrode_screened}, {"host", pr.host},
                        {"bilayers", pr.bilayers}, {"fixed_bilayers", pr.fixed_bilayers}, {"repeat", pr.repeat},
                        {"vacuum_A", pr.vacuum_A}, {"fmax_eV_A", pr.fmax_eV_A}, {"shell_ftol_eV_A", pr.shell_ftol_eV_A},
                        {"height_A", a.adatom_height_A}, {"hops", pr.hops}, {"neb_images", pr.neb_images},
                        {"neb_fmax_eV_A", pr.neb_fmax_eV_A},
                        {"hessian_radius_A", a.hessian_radius_A}, {"T_K", c.T_K}},
                       {name, "na_bulk"}, ""});
      nlohmann::json table_row{
          {"substrate", row}, {"of", s.name}, {"direction", dir}, {"task", task}, {"polarization", name}};
      if (pr.film) {
        // The polar slab's settings (no adatom) plus [atomistic]'s film settings and the [na] bulk's.
        nlohmann::json fp = adhesion_params(a, tasks.back().params);
        for (const char* k : {"height_A", "hops", "neb_images", "neb_fmax_eV_A", "hessian_radius_A", "T_K", "repeat"})
          fp.erase(k);
        fp["na"] = {{"a_guess_A", c.na.a_guess_A}, {"facet", c.na.facet}, {"slab", slab_settings(a)}};
        table_row["film"] = substrate_task_name("polar_film", row);
        tasks.push_back({table_row["film"], "polar_film", s.name, "001", fp, {name}, ""});
      }
      polar_rows.push_back(table_row);
    }
  }
  if (!ferroelectric.empty()) table_params["ferroelectric"] = ferroelectric;
  if (!polar_rows.empty()) table_params["polar_rows"] = polar_rows;
}

/// The table, which reads every task before it, and the mesoscale stage, which reads the table.
void add_table_and_mesoscale_tasks(const Campaign& c, const nlohmann::json& table_params, std::vector<Task>& tasks) {
  std::vector<std::string> table_inputs;
  for (const auto& t : tasks) table_inputs.push_back(t.name);
  tasks.push_back({"table", "table", "", "", table_params, table_inputs, ""});
  nlohmann::json field_offsets = nlohmann::json::object();
  for (const auto& s : c.substrates)
    if (s.field_offset_mV != 0.0) field_offsets[s.name] = s.field_offset_mV;
  tasks.push_back({"mesoscale", "mesoscale", "", "",
                   {{"T_K", c.T_K}, {"mesoscale", c.mesoscale}, {"na_continuum", c.na_continuum},
                    {"field_offset_mV", field_offsets}},
                   {"table"}, ""});
}

}  // namespace

TaskGraph build_task_graph(const Campaign& c) {
  const nlohmann::json slab = slab_settings(c.atomistic);
  std::vector<Task> tasks;
  add_na_tasks(c, slab, tasks);
  nlohmann::json table_params{
      {"T_K", c.T_K}, {"na_potential", c.na.potential}, {"rows", add_substrate_tasks(c, slab, tasks)}};
  add_ferroelectric_tasks(c, tasks, table_params);
  add_table_and_mesoscale_tasks(c, table_params, tasks);
  return TaskGraph(std::move(tasks));
}

}  // namespace nabridge::workflow
