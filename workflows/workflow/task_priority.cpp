#include "workflow/task_priority.h"

#include <boost/graph/adjacency_list.hpp>

#include <algorithm>

namespace nabridge::workflow {

std::vector<double> expected_task_seconds(const TaskGraph& graph,
                                          const std::map<std::string, double>& recorded_seconds_by_name) {
  const auto& tasks = graph.tasks();
  std::map<std::string, std::pair<double, int>> by_type;  // sum, count
  double sum_all = 0.0;
  int count_all = 0;
  for (const auto& t : tasks)
    if (const auto it = recorded_seconds_by_name.find(t.name); it != recorded_seconds_by_name.end()) {
      by_type[t.type].first += it->second, ++by_type[t.type].second;
      sum_all += it->second, ++count_all;
    }
  const double fallback_seconds = count_all > 0 ? sum_all / count_all : 1.0;
  std::vector<double> expected(tasks.size(), fallback_seconds);
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    if (const auto it = recorded_seconds_by_name.find(tasks[i].name); it != recorded_seconds_by_name.end())
      expected[i] = it->second;
    else if (const auto ty = by_type.find(tasks[i].type); ty != by_type.end())
      expected[i] = ty->second.first / ty->second.second;
  }
  return expected;
}

std::vector<double> bottom_levels(const TaskGraph& graph, const std::vector<double>& expected_seconds) {
  std::vector<double> level(expected_seconds.size(), 0.0);
  const auto& order = graph.order();
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const std::size_t u = *it;
    double longest_after = 0.0;
    for (auto [e, end] = boost::out_edges(u, graph.graph()); e != end; ++e)
      longest_after = std::max(longest_after, level[boost::target(*e, graph.graph())]);
    level[u] = expected_seconds[u] + longest_after;
  }
  return level;
}

}  // namespace nabridge::workflow
