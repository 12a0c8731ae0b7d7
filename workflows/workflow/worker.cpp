// The worker process: one task per process, so that LAMMPS's exit() on bad input or a crash
// ends only this task. Reads the task file the scheduler wrote, writes the result envelope.
#include <fmt/format.h>

#include <chrono>
#include <cstdlib>
#include <fstream>

#include "engine/lammps_engine.h"
#include "workflow/lammps_engines.h"
#include "workflow/result_cache.h"
#include "workflow/scheduler.h"
#include "workflow/tasks/tasks.h"
#include "nabridge/base/atomic_file.h"

namespace nabridge::workflow {

int run_worker(const std::filesystem::path& task_file, const std::filesystem::path& result_file) {
  try {
    std::ifstream in(task_file);
    if (!in) throw std::runtime_error(task_file.string() + ": cannot read");
    const nlohmann::json task = nlohmann::json::parse(in);
    TaskContext ctx;
    ctx.params = task.at("params");
    if (task.contains("inputs"))
      for (const auto& [name, result] : task.at("inputs").items()) ctx.inputs[name] = result;
    ctx.dir = task.at("dir").get<std::string>();
    ctx.threads = task.value("threads", 1);
    use_lammps_engines(ctx);
    // Every LAMMPS instance of this task appends its log here: an input error exits the process
    // and its message is the last thing in this file (the scheduler reports it).
    ::setenv("NABRIDGE_LAMMPS_LOG", (ctx.dir / "lammps.log").c_str(), 1);
    const auto t0 = std::chrono::steady_clock::now();
    nlohmann::json result = run_task(task.at("type"), ctx);
    const double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    ::unsetenv("NABRIDGE_LAMMPS_LOG");  // keep the task's log
    const nlohmann::json envelope{{"result", result}, {"lammps_version", embedded_lammps_version()}, {"seconds", secs}};
    write_file_atomically(result_file, envelope.dump() + "\n");
    return 0;
  } catch (const std::exception& e) {
    fmt::print(stderr, "nabridge worker: {}: {}\n", task_file.string(), e.what());
    return 2;
  }
}

}  // namespace nabridge::workflow
