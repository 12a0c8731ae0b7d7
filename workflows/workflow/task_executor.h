#pragma once
// Where a task's worker process runs. The scheduler (scheduler.h) decides which task runs next;
// an executor starts it in a free slot and reports when it ends. `LocalExecutor` forks workers
// on this machine; `MpiExecutor` (mpi_executor.h) adds the slots of the other MPI ranks.
#include <sys/types.h>

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace nabridge::workflow {

/// The files of one task's run: TASK.json in, RESULT.json and the worker's log out.
struct WorkerFiles {
  std::filesystem::path dir;  // RUN/work/KEY
  std::filesystem::path task() const { return dir / "task.json"; }
  std::filesystem::path result() const { return dir / "result.json"; }
  std::filesystem::path log() const { return dir / "worker.log"; }
};

/// How one task's worker ended: its result envelope, or the error text.
struct Completion {
  std::size_t task = 0;
  bool ok = false;
  nlohmann::json envelope;  // RESULT.json when ok: {"result": ..., "lammps_version": ...}
  std::string error;        // when not ok: why, LAMMPS's ERROR line, the tail of the worker's output
  double seconds = 0.0;     // wall time of the worker
  std::string host;         // where it ran ("host" or "host rank N")
};

nlohmann::json completion_to_json(const Completion& c);
Completion completion_from_json(const nlohmann::json& j);

class TaskExecutor {
 public:
  virtual ~TaskExecutor() = default;
  virtual int free_slots() const = 0;
  virtual int running() const = 0;
  /// Starts task `task` whose TASK.json is already written in `files.dir`.
  virtual void start(std::size_t task, const WorkerFiles& files) = 0;
  /// Blocks until a started task ends. Only called while running() > 0.
  virtual Completion wait_any() = 0;
};

/// Up to `slots` worker processes of `exe` (the program that provides `nabridge worker`) on
/// this machine. Workers get the environment without the launcher's MPI variables (their
/// embedded LAMMPS initialises MPI as a singleton of its own) and die with their parent.
class LocalExecutor final : public TaskExecutor {
 public:
  LocalExecutor(std::filesystem::path exe, int slots, std::string host_label);
  int free_slots() const override { return slots_ - running(); }
  int running() const override { return static_cast<int>(running_.size()); }
  void start(std::size_t task, const WorkerFiles& files) override;
  Completion wait_any() override;
  /// A finished worker's completion if one has ended, without blocking.
  std::optional<Completion> poll();

 private:
  struct Job {
    std::size_t task;
    WorkerFiles files;
    std::chrono::steady_clock::time_point start;
  };
  Completion complete(pid_t pid, int wait_status);
  std::filesystem::path exe_;
  int slots_;
  std::string host_label_;
  std::map<pid_t, Job> running_;
};

/// This machine's host name.
std::string host_name();

}  // namespace nabridge::workflow
