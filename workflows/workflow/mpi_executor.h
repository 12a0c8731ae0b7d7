#pragma once
// Tasks over MPI ranks (`mpirun -np N nabridge run ...`). Rank 0 runs the scheduler and is the
// only process that opens the cache (SQLite index and result files): its MpiExecutor starts
// tasks on its own cores and sends the others, one message per task, to whichever rank has a
// free slot. Ranks 1..N-1 only serve: each runs up to `slots` workers on its node and sends back
// every completion (result envelope or error text); workers write RESULT.json atomically in the
// run folder, which therefore lives on a file system every node sees.
#include <mpi.h>

#include <list>
#include <map>
#include <string>
#include <vector>

#include "workflow/task_executor.h"

namespace nabridge::workflow {

class MpiExecutor final : public TaskExecutor {
 public:
  /// `slots` workers on every rank, rank 0 (this one) included.
  MpiExecutor(const std::filesystem::path& exe, int slots, MPI_Comm comm);
  /// Tells every serving rank to stop (after the run).
  ~MpiExecutor() override;
  int free_slots() const override;
  int running() const override;
  void start(std::size_t task, const WorkerFiles& files) override;
  Completion wait_any() override;

 private:
  LocalExecutor local_;
  MPI_Comm comm_;
  int slots_ = 1;
  struct Send {
    std::string text;
    MPI_Request request;
  };
  void send(int rank, int tag, std::string text);
  void drop_completed_sends();
  std::vector<int> busy_;              // tasks running on each serving rank (index 0 unused)
  std::map<std::size_t, int> rank_of_task_;
  std::list<Send> sends_;              // rank 0 never blocks in a send: buffers live until done
};

/// Ranks 1..N-1: serve rank 0's tasks with up to `slots` local workers until told to stop.
void serve_tasks(const std::filesystem::path& exe, int slots, MPI_Comm comm);

}  // namespace nabridge::workflow
