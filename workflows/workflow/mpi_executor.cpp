#include "workflow/mpi_executor.h"

#include <fmt/format.h>

#include <chrono>
#include <thread>

namespace nabridge::workflow {

namespace {

enum Tag : int { kTaskTag = 1, kStopTag = 2, kDoneTag = 3 };

// How long a rank with nothing to do sleeps before looking again: short against the shortest
// task (~0.1 s) and long enough that an idle rank costs no CPU.
constexpr auto kPollInterval = std::chrono::milliseconds(1);

int rank_of(MPI_Comm comm) {
  int r = 0;
  MPI_Comm_rank(comm, &r);
  return r;
}

int size_of(MPI_Comm comm) {
  int n = 1;
  MPI_Comm_size(comm, &n);
  return n;
}

std::string host_label(MPI_Comm comm) { return fmt::format("{} rank {}", host_name(), rank_of(comm)); }

std::string receive_text(const MPI_Status& probed, MPI_Comm comm) {
  int count = 0;
  MPI_Get_count(&probed, MPI_CHAR, &count);
  std::string text(static_cast<std::size_t>(count), '\0');
  MPI_Recv(text.data(), count, MPI_CHAR, probed.MPI_SOURCE, probed.MPI_TAG, comm, MPI_STATUS_IGNORE);
  return text;
}

}  // namespace

MpiExecutor::MpiExecutor(const std::filesystem::path& exe, int slots, MPI_Comm comm)
    : local_(exe, slots, host_label(comm)),
      comm_(comm),
      slots_(slots),
      busy_(static_cast<std::size_t>(size_of(comm)), 0) {}

MpiExecutor::~MpiExecutor() {
  for (int r = 1; r < static_cast<int>(busy_.size()); ++r) send(r, kStopTag, {});
  for (auto& s : sends_) MPI_Wait(&s.request, MPI_STATUS_IGNORE);
}

int MpiExecutor::free_slots() const {
  int free = local_.free_slots();
  for (std::size_t r = 1; r < busy_.size(); ++r) free += slots_ - busy_[r];
  return free;
}

int MpiExecutor::running() const {
  int n = local_.running();
  for (std::size_t r = 1; r < busy_.size(); ++r) n += busy_[r];
  return n;
}

void MpiExecutor::send(int rank, int tag, std::string text) {
  sends_.push_back({std::move(text), MPI_REQUEST_NULL});
  Send& s = sends_.back();
  MPI_Isend(s.text.data(), static_cast<int>(s.text.size()), MPI_CHAR, rank, tag, comm_, &s.request);
}

void MpiExecutor::drop_completed_sends() {
  for (auto it = sends_.begin(); it != sends_.end();) {
    int done = 0;
    MPI_Test(&it->request, &done, MPI_STATUS_IGNORE);
    it = done ? sends_.erase(it) : std::next(it);
  }
}

void MpiExecutor::start(std::size_t task, const WorkerFiles& files) {
  drop_completed_sends();
  // Rank 0's own cores first (no message), then the least busy serving rank.
  if (local_.free_slots() > 0) return local_.start(task, files);
  int best = 0;
  for (int r = 1; r < static_cast<int>(busy_.size()); ++r)
    if (busy_[r] < slots_ && (best == 0 || busy_[r] < busy_[best])) best = r;
  if (best == 0) throw std::logic_error("MpiExecutor::start without a free slot");
  ++busy_[best];
  rank_of_task_[task] = best;
  send(best, kTaskTag, nlohmann::json{{"task", task}, {"dir", files.dir.string()}}.dump());
}

Completion MpiExecutor::wait_any() {
  while (true) {
    if (auto c = local_.poll()) return *c;
    int arrived = 0;
    MPI_Status st;
    MPI_Iprobe(MPI_ANY_SOURCE, kDoneTag, comm_, &arrived, &st);
    if (arrived) {
      Completion c = completion_from_json(nlohmann::json::parse(receive_text(st, comm_)));
      --busy_[static_cast<std::size_t>(rank_of_task_.at(c.task))];
      rank_of_task_.erase(c.task);
      return c;
    }
    std::this_thread::sleep_for(kPollInterval);
  }
}

void serve_tasks(const std::filesystem::path& exe, int slots, MPI_Comm comm) {
  LocalExecutor local(exe, slots, host_label(comm));
  bool stopping = false;
  while (!stopping || local.running() > 0) {
    bool acted = false;
    int arrived = 0;
    MPI_Status st;
    MPI_Iprobe(0, MPI_ANY_TAG, comm, &arrived, &st);
    if (arrived) {
      acted = true;
      const std::string text = receive_text(st, comm);
      if (st.MPI_TAG == kStopTag) stopping = true;
      else {
        const auto msg = nlohmann::json::parse(text);
        local.start(msg.at("task").get<std::size_t>(), WorkerFiles{msg.at("dir").get<std::string>()});
      }
    }
    if (auto c = local.poll()) {
      acted = true;
      const std::string text = completion_to_json(*c).dump();
      MPI_Send(text.data(), static_cast<int>(text.size()), MPI_CHAR, 0, kDoneTag, comm);
    }
    if (!acted) std::this_thread::sleep_for(kPollInterval);
  }
}

}  // namespace nabridge::workflow
