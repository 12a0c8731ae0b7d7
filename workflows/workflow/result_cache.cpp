#include "workflow/result_cache.h"


#include <fmt/format.h>

#include <chrono>
#include <thread>
#include <ctime>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "workflow/result_schema.h"
#include "nabridge/base/atomic_file.h"

namespace nabridge::workflow {

namespace fs = std::filesystem;

namespace {

class Statement {
 public:
  Statement(sqlite3* db, const std::string& sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st_, nullptr) != SQLITE_OK)
      throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db));
  }
  ~Statement() { sqlite3_finalize(st_); }
  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(st_, i, v.c_str(), -1, SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, double v) {
    sqlite3_bind_double(st_, i, v);
    return *this;
  }
  bool step() {
    int rc = sqlite3_step(st_);
    for (int attempt = 0; (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempt < 1200; ++attempt) {
      sqlite3_reset(st_);  // another process holds the lock past the busy timeout: try again
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      rc = sqlite3_step(st_);
    }
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    throw std::runtime_error(std::string("sqlite: ") + sqlite3_errmsg(db_));
  }
  std::string text(int col) const {
    const auto* p = sqlite3_column_text(st_, col);
    return p ? reinterpret_cast<const char*>(p) : "";
  }
  double number(int col) const { return sqlite3_column_double(st_, col); }

 private:
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
};

}  // namespace

std::string utc_now_iso8601() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ResultCache::ResultCache(const fs::path& dir) : dir_(dir) {
  fs::create_directories(dir_ / "cache");
  const auto db_path = dir_ / "nabridge.sqlite";
  if (sqlite3_open(db_path.c_str(), &db_) != SQLITE_OK)
    throw std::runtime_error(db_path.string() + ": cannot open the SQLite database");
  // The scheduler is the only writer, but `nabridge status` or a user's sqlite3 may read at the
  // same time: wait for locks instead of failing.
  sqlite3_busy_timeout(db_, 60000);
  exec("PRAGMA journal_mode=WAL");
  // In WAL mode NORMAL cannot corrupt the index; a power cut may lose the last rows, and a lost
  // 'done' row only means that task runs again (its result file was synced before the row).
  // FULL would put one fsync per task on the scheduler's serial path.
  exec("PRAGMA synchronous=NORMAL");
  exec(
      "CREATE TABLE IF NOT EXISTS tasks (key TEXT PRIMARY KEY, name TEXT, type TEXT, substrate TEXT, facet TEXT,"
      " status TEXT, params TEXT, inputs TEXT, result_file TEXT, error TEXT, nabridge_version TEXT,"
      " lammps_version TEXT, host TEXT, started TEXT, finished TEXT, seconds REAL)");
}

ResultCache::~ResultCache() { sqlite3_close(db_); }

void ResultCache::exec(const std::string& sql) const {
  char* err = nullptr;
  int rc = SQLITE_OK;
  // Switching to WAL or creating the table while another process opens the same database can
  // return SQLITE_BUSY at once (not through the busy handler): retry for up to a minute.
  for (int attempt = 0; attempt < 1200; ++attempt) {
    rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    sqlite3_free(err);
    err = nullptr;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  if (rc != SQLITE_OK) {
    const std::string msg = err ? err : "?";
    sqlite3_free(err);
    throw std::runtime_error("sqlite: " + msg);
  }
}

std::string ResultCache::status(const std::string& key) const {
  Statement st(db_, "SELECT status FROM tasks WHERE key = ?1");
  st.bind(1, key);
  return st.step() ? st.text(0) : "";
}

std::optional<nlohmann::json> ResultCache::load(const Task& t) const {
  if (status(t.key) != "done") return std::nullopt;
  std::ifstream in(dir_ / "cache" / (t.key + ".json"));
  if (!in) return std::nullopt;
  try {
    nlohmann::json r = nlohmann::json::parse(in);
    if (!result_schema_problem(t.type, r).empty()) return std::nullopt;  // not what the task writes: run it again
    return r;
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // unreadable: treated as missing, the task runs again
  }
}

void ResultCache::upsert(const Task& t, const std::string& status, const std::string& error, const Provenance& p) {
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& i : t.inputs) inputs.push_back(i);
  Statement st(
      db_,
      "INSERT OR REPLACE INTO tasks (key, name, type, substrate, facet, status, params, inputs, result_file, error,"
      " nabridge_version, lammps_version, host, started, finished, seconds)"
      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)");
  st.bind(1, t.key).bind(2, t.name).bind(3, t.type).bind(4, t.substrate).bind(5, t.facet).bind(6, status);
  st.bind(7, t.params.dump()).bind(8, inputs.dump());
  st.bind(9, status == "done" ? (dir_ / "cache" / (t.key + ".json")).string() : std::string());
  st.bind(10, error).bind(11, p.nabridge_version).bind(12, p.lammps_version).bind(13, p.host);
  st.bind(14, p.started).bind(15, p.finished).bind(16, p.seconds);
  st.step();
}

void ResultCache::mark_running(const Task& t, const std::string& started) {
  Provenance p;
  p.started = started;
  upsert(t, "running", "", p);
}

void ResultCache::store(const Task& t, const nlohmann::json& result, const Provenance& p) {
  write_file_atomically(dir_ / "cache" / (t.key + ".json"), result.dump(1) + "\n");
  upsert(t, "done", "", p);
}

void ResultCache::record_failure(const Task& t, const std::string& status, const std::string& error,
                                 const Provenance& p) {
  upsert(t, status, error, p);
}

std::vector<TaskRecord> ResultCache::records() const {
  std::vector<TaskRecord> out;
  Statement st(db_,
               "SELECT key, name, type, status, error, started, finished, seconds, host FROM tasks ORDER BY started");
  while (st.step())
    out.push_back(
        {st.text(0), st.text(1), st.text(2), st.text(3), st.text(4), st.text(5), st.text(6), st.number(7), st.text(8)});
  return out;
}

}  // namespace nabridge::workflow
