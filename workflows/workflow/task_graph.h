#pragma once
// The campaign as a directed acyclic graph of typed tasks (Boost.Graph). An edge u → v means v
// reads u's result. Task names are stable and readable ("surface/Al/111"); task keys are
// content hashes (task_key.h) so a rerun executes only what is missing or changed.
#include <map>
#include <string>
#include <vector>

#include <boost/graph/adjacency_list.hpp>
#include <nlohmann/json.hpp>

#include "workflow/campaign.h"

namespace nabridge::workflow {

/// Task types, in the order of the pipeline (see docs/workflow.md for what each computes).
inline const std::vector<std::string> kTaskTypes{"na_bulk", "na_vacancy",   "bulk",  "surface",  "adsorption",
                                                 "hops",    "adhesion",     "polarization", "table", "mesoscale"};

struct Task {
  std::string name;                 // unique, e.g. "adsorption/Cu/111"
  std::string type;                 // one of kTaskTypes
  std::string substrate, facet;     // empty for campaign-wide tasks
  nlohmann::json params;            // everything the task needs besides its inputs' results
  std::vector<std::string> inputs;  // names of the tasks whose results it reads
  std::string key;                  // content hash, filled by assign_keys()
};

using Digraph = boost::adjacency_list<boost::vecS, boost::vecS, boost::bidirectionalS>;

class TaskGraph {
 public:
  explicit TaskGraph(std::vector<Task> tasks);  // throws on unknown inputs or a cycle
  const std::vector<Task>& tasks() const { return tasks_; }
  std::vector<Task>& tasks() { return tasks_; }
  const Digraph& graph() const { return graph_; }
  std::size_t index(const std::string& name) const;  // throws for an unknown name
  /// Task indices, every task after all its inputs.
  const std::vector<std::size_t>& order() const { return order_; }
  /// Indices of the tasks that (transitively) read task i's result.
  std::vector<std::size_t> dependants(std::size_t i) const;

  std::string to_text() const;
  std::string to_dot() const;

 private:
  std::vector<Task> tasks_;
  std::map<std::string, std::size_t> index_of_name_;
  Digraph graph_;
  std::vector<std::size_t> order_;
};

/// Expands a campaign into its tasks (keys not yet assigned).
TaskGraph build_task_graph(const Campaign& campaign);

}  // namespace nabridge::workflow
