// Tasks with equal keys (the same computation, e.g. the bulk of two terminations of one crystal)
// share a work folder: the scheduler must never run two of them at once (each worker clears its
// folder on start), and the twin that waits takes the first one's result from the cache. Driven
// with an executor that only records what it is asked to run.
#include <catch2/catch.hpp>

#include <deque>
#include <filesystem>

#include "campaign_fixture.h"
#include "workflow/result_cache.h"
#include "workflow/scheduler.h"
#include "workflow/task_executor.h"
#include "workflow/task_key.h"

using namespace nabridge::workflow;

namespace {

// Two slots; a started task ends when wait_any() is called, first started first. Records the
// largest number of running tasks that shared a key.
class RecordingExecutor final : public TaskExecutor {
 public:
  explicit RecordingExecutor(const TaskGraph& graph) : graph_(graph) {}
  int free_slots() const override { return 2 - running(); }
  int running() const override { return static_cast<int>(running_.size()); }
  void start(std::size_t task, const WorkerFiles&) override {
    for (const std::size_t other : running_)
      if (graph_.tasks()[other].key == graph_.tasks()[task].key) ++twins_at_once;
    running_.push_back(task);
    started.push_back(graph_.tasks()[task].name);
  }
  Completion wait_any() override {
    Completion c;
    c.task = running_.front();
    running_.pop_front();
    c.ok = true;
    const double value = graph_.tasks()[c.task].params.at("T_K").get<double>();
    c.envelope = {{"result", {{"T_K", value}, {"na", nlohmann::json::object()}, {"rows", nlohmann::json::array()}}}};
    return c;
  }
  int twins_at_once = 0;
  std::vector<std::string> started;

 private:
  const TaskGraph& graph_;
  std::deque<std::size_t> running_;
};

Task table_task(const std::string& name, double T_K) {
  Task t;
  t.name = name;
  t.type = "table";
  t.params = {{"T_K", T_K}};
  return t;
}

}  // namespace

TEST_CASE("scheduler: tasks with equal keys never run at once, the twin takes the result", "[workflow][scheduler]") {
  const auto dir = nabridge::testing::scratch_dir("scheduler_twins");
  TaskGraph graph({table_task("twin-a", 300.0), table_task("twin-b", 300.0), table_task("other", 350.0)});
  assign_keys(graph, "test-code");
  REQUIRE(graph.tasks()[0].key == graph.tasks()[1].key);  // the name is not part of the key
  REQUIRE(graph.tasks()[0].key != graph.tasks()[2].key);

  ResultCache cache(dir / "results");
  RecordingExecutor executor(graph);
  RunOptions opt;
  opt.quiet = true;
  const RunSummary sum = run_graph(graph, cache, executor, opt);
  CHECK(executor.twins_at_once == 0);
  CHECK(sum.failed == 0);
  CHECK(sum.executed == 2);  // one twin and the other task
  CHECK(sum.cached == 1);    // the second twin, from the first's result
  CHECK(executor.started.size() == 2);
  const auto twin_b = cache.load(graph.tasks()[1]);
  REQUIRE(twin_b);
  CHECK(twin_b->at("T_K").get<double>() == 300.0);
  std::filesystem::remove_all(dir);
}
