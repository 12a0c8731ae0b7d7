#pragma once
// Which ready task to start first. A task's priority is its bottom level: its expected duration
// plus the longest chain of expected durations through the tasks that read its result, so the
// scheduler starts the critical path and the long tasks first (largest first on a flat graph)
// and no long task is left to run alone at the end.
#include <map>
#include <string>
#include <vector>

#include "workflow/task_graph.h"

namespace nabridge::workflow {

/// Expected wall seconds of each task: the duration recorded for a task of the same name in an
/// earlier run (keys change with the code, names do not); else the mean recorded duration of its
/// type; else the mean of all recorded durations; else 1 s (nothing known: all tasks alike).
std::vector<double> expected_task_seconds(const TaskGraph& graph,
                                          const std::map<std::string, double>& recorded_seconds_by_name);

/// The bottom level of every task (seconds), from the expected durations.
std::vector<double> bottom_levels(const TaskGraph& graph, const std::vector<double>& expected_seconds);

}  // namespace nabridge::workflow
