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

TaskGraph build_task_graph(const Campaign& c) {
  const auto& a = c.atomistic;
  const nlohmann::json slab_settings{{"layers", a.layers}, {"fixed_layers", a.fixed_layers}, {"repeat", a.repeat},
                                     {"vacuum_A", a.vacuum_A}, {"fmax_eV_A", a.fmax_eV_A}, {"max_atoms", a.max_atoms}};
  std::vector<Task> tasks;
  // Bulk Na for every potential in use: adsorption and adhesion energies are referred to bulk Na
  // in the same potential. The [na] potential's is "na_bulk"; the others "na_bulk@NAME".
  auto na_task = [&](const std::string& pot) { return na_bulk_task_name(pot, c.na.potential); };
  std::vector<std::string> na_potentials{c.na.potential};
  for (const auto& s : c.substrates)
    for (const auto& p : s.potentials)
      if (std::find(na_potentials.begin(), na_potentials.end(), p) == na_potentials.end()) na_potentials.push_back(p);
  std::vector<std::string> table_inputs;
  for (const auto& pot : na_potentials) {
    tasks.push_back({na_task(pot), "na_bulk", "", "",
                     {{"potential", to_json(c.potentials.at(pot))}, {"a_guess_A", c.na.a_guess_A},
                      {"facet", c.na.facet}, {"slab", slab_settings}},
                     {}, ""});
    table_inputs.push_back(na_task(pot));
  }
  if (c.na.vacancy) {
    tasks.push_back({"na_vacancy", "na_vacancy", "", "",
                     {{"potential", to_json(c.potentials.at(c.na.potential))}, {"cells", c.na.vacancy_cells},
                      {"T_K", c.T_K}, {"neb_images", a.neb_images}, {"neb_fmax_eV_A", a.neb_fmax_eV_A},
                      {"fmax_eV_A", a.fmax_eV_A}, {"hessian_radius_A", a.hessian_radius_A}},
                     {"na_bulk"}, ""});
    table_inputs.push_back("na_vacancy");
  }
  nlohmann::json rows = nlohmann::json::array();
  for (const auto& s : c.substrates)
    for (const auto& pot_name : s.potentials) {
      const nlohmann::json pot = to_json(c.potentials.at(pot_name));
      const std::string tag = substrate_tag(s.name, pot_name, s.potentials.size() > 1);
      const std::string na_name = na_task(pot_name);
      nlohmann::json bulk{{"potential", pot},  {"prototype", s.prototype}, {"elements", s.elements},
                          {"a_A", s.a_A},      {"c_A", s.c_A},             {"relax_lattice", s.relax_lattice}};
      if (s.coating)
        bulk["coating"] = {{"prototype", s.coating->prototype}, {"elements", s.coating->elements},
                           {"a_A", s.coating->a_A}, {"c_A", s.coating->c_A},
                           {"relax_lattice", s.coating->relax_lattice}, {"layers", s.coating->layers},
                           {"termination", s.coating->termination}};
      if (s.coating && s.coating->alloy) {  // the bulk task computes its formation energy (or carries the given one)
        const auto& al = *s.coating->alloy;
        nlohmann::json a{{"phase", al.phase}, {"prototype", al.prototype}, {"a_A", al.a_A}, {"source", al.source}};
        if (al.formation_eV_per_atom) a["formation_eV_per_atom"] = *al.formation_eV_per_atom;
        if (al.na_per_coating_atom) a["na_per_coating_atom"] = *al.na_per_coating_atom;
        bulk["coating"]["alloy"] = a;
      }
      const std::string bulk_name = substrate_task_name("bulk", tag);
      tasks.push_back({bulk_name, "bulk", s.name, "", bulk, {}, ""});
      table_inputs.push_back(bulk_name);
      for (const auto& f : s.facets) {
        nlohmann::json p{{"potential", pot}, {"facet", f}, {"termination", s.termination}, {"slab", slab_settings}};
        if (s.layers > 0) p["slab"]["layers"] = s.layers;
        if (s.repeat > 0) p["slab"]["repeat"] = s.repeat;
        const std::string surface_name = facet_task_name("surface", tag, f);
        const std::string adsorption_name = facet_task_name("adsorption", tag, f);
        rows.push_back(
            {{"substrate", s.name}, {"facet", f}, {"potential", pot_name}, {"tag", tag}, {"na_bulk", na_name}});
        tasks.push_back({surface_name, "surface", s.name, f, p, {bulk_name}, ""});
        nlohmann::json ads = p;
        ads["height_A"] = a.adatom_height_A;
        tasks.push_back({adsorption_name, "adsorption", s.name, f, ads, {bulk_name, na_name}, ""});
        table_inputs.push_back(surface_name);
        table_inputs.push_back(adsorption_name);
        if (a.hops) {
          nlohmann::json hp = ads;
          hp["T_K"] = c.T_K;
          hp["neb_images"] = a.neb_images;
          hp["neb_fmax_eV_A"] = a.neb_fmax_eV_A;
          hp["hessian_radius_A"] = a.hessian_radius_A;
          tasks.push_back({facet_task_name("hops", tag, f), "hops", s.name, f, hp, {bulk_name}, ""});
          table_inputs.push_back(tasks.back().name);
        }
        if (a.adhesion) {
          nlohmann::json ad = p;
          ad["film_layers"] = a.film_layers;
          ad["film_vacuum_A"] = a.film_vacuum_A;
          ad["max_strain"] = a.max_strain;
          ad["max_atoms"] = a.max_atoms;
          ad["registry_points"] = a.registry_points;
          tasks.push_back(
              {facet_task_name("adhesion", tag, f), "adhesion", s.name, f, ad, {bulk_name, na_name, surface_name}, ""});
          table_inputs.push_back(tasks.back().name);
        }
      }
    }
  // Ferroelectric coatings: P_s from the core–shell model, the field offset from it (task_polarization.cpp).
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
    table_inputs.push_back(name);
    ferroelectric[s.name] = name;
    if (!f.polar_rows) continue;
    // Na on the polarised slab, one task and one table row per direction of P (task_polar_surface.cpp).
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
      table_inputs.push_back(task);
      polar_rows.push_back(
          {{"substrate", row}, {"of", s.name}, {"direction", dir}, {"task", task}, {"polarization", name}});
    }
  }
  nlohmann::json table_params{{"T_K", c.T_K}, {"na_potential", c.na.potential}, {"rows", rows}};
  // Absent when empty: the keys of campaigns without ferroelectric substrates stay unchanged.
  if (!ferroelectric.empty()) table_params["ferroelectric"] = ferroelectric;
  if (!polar_rows.empty()) table_params["polar_rows"] = polar_rows;
  tasks.push_back({"table", "table", "", "", table_params, table_inputs, ""});
  nlohmann::json field_offsets = nlohmann::json::object();
  for (const auto& s : c.substrates)
    if (s.field_offset_mV != 0.0) field_offsets[s.name] = s.field_offset_mV;
  tasks.push_back({"mesoscale", "mesoscale", "", "",
                   {{"T_K", c.T_K}, {"mesoscale", c.mesoscale}, {"na_continuum", c.na_continuum},
                    {"field_offset_mV", field_offsets}},
                   {"table"}, ""});
  return TaskGraph(std::move(tasks));
}

}  // namespace nabridge::workflow
