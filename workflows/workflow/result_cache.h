#pragma once
// Results of finished tasks: one JSON file per task key under DIR/cache/, written atomically
// (temporary file, fsync, rename: a reader never sees half a result), indexed with provenance
// in an embedded SQLite database DIR/nabridge.sqlite (table `tasks`; query it with sqlite3).
// A result counts as present only when both its file and its 'done' row exist and the file
// parses and fits its task type's schema.
#include <sqlite3.h>

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "workflow/task_graph.h"

namespace nabridge::workflow {

struct Provenance {
  std::string nabridge_version, lammps_version, host;
  std::string started, finished;  // ISO 8601 UTC
  double seconds = 0.0;           // wall time inside the task
};

struct TaskRecord {
  std::string key, name, type, status, error, started, finished;
  double seconds = 0.0;
  std::string host;  // where it ran: "host", or "host rank N" under MPI
};

class ResultCache {
 public:
  explicit ResultCache(const std::filesystem::path& dir);
  ~ResultCache();
  ResultCache(const ResultCache&) = delete;
  ResultCache& operator=(const ResultCache&) = delete;

  /// The cached result of `t`, or nothing when it has no 'done' row, its file does not parse or
  /// it does not fit the schema of t's type (result_schema.h): then the task runs again.
  std::optional<nlohmann::json> load(const Task& t) const;
  void mark_running(const Task& t, const std::string& started);
  void store(const Task& t, const nlohmann::json& result, const Provenance& p);
  void record_failure(const Task& t, const std::string& status, const std::string& error, const Provenance& p);
  std::vector<TaskRecord> records() const;
  const std::filesystem::path& dir() const { return dir_; }

 private:
  /// "done", "failed", "skipped", "running" or "" (unknown key).
  std::string status(const std::string& key) const;
  void exec(const std::string& sql) const;
  void upsert(const Task& t, const std::string& status, const std::string& error, const Provenance& p);
  std::filesystem::path dir_;
  sqlite3* db_ = nullptr;
};

std::string utc_now_iso8601();

}  // namespace nabridge::workflow
