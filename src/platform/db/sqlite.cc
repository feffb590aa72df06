// SQLite engine: WAL, synchronous=FULL (an acknowledged write survives a power cut), foreign
// keys on, busy timeout; one writer connection, a pool of readers, and a checkpointer thread.
#include <sqlite3.h>
#include <sys/statvfs.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "platform/db/pool.h"

namespace relais::db {
namespace {

DbErrorKind KindOf(int rc) {
  switch (rc & 0xFF) {
    case SQLITE_CONSTRAINT: return DbErrorKind::kConstraint;
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return DbErrorKind::kBusy;
    case SQLITE_FULL: return DbErrorKind::kDiskFull;
    case SQLITE_IOERR:
    case SQLITE_CORRUPT:
    case SQLITE_CANTOPEN: return DbErrorKind::kIo;
    default: return DbErrorKind::kOther;
  }
}

// What failed, and why. SQLite reports a failed fsync as SQLITE_IOERR_FSYNC whatever the errno,
// and sqlite3_system_errno() does not see a failure inside COMMIT, so a full disk is told apart
// by the errno left by the failed call (`sys_errno`, read right after the failed step: ENOSPC,
// EDQUOT), or by the file system having no block left for us.
DbErrorKind KindOf(sqlite3* db, int rc, int sys_errno) {
  DbErrorKind kind = KindOf(rc);
  if (kind != DbErrorKind::kIo) return kind;
  if (sys_errno == ENOSPC || sys_errno == EDQUOT) return DbErrorKind::kDiskFull;
  struct statvfs fs {};
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  if (file && *file && statvfs(file, &fs) == 0 && fs.f_bavail == 0) return DbErrorKind::kDiskFull;
  return kind;
}

// After a failed read or write of the file, the connection is not reused: its page cache and
// its view of the WAL may hold what the disk refused (docs/adr/0007-faults-and-overload.md).
bool SpoilsConnection(int rc) {
  switch (rc & 0xFF) {
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CORRUPT:
    case SQLITE_NOMEM: return true;
    default: return false;
  }
}

// `sys_errno`: errno right after the failed call into SQLite.
[[noreturn]] void Throw(sqlite3* db, int rc, std::string_view context, int sys_errno) {
  throw DbError(KindOf(db, rc, sys_errno), std::string(context) + ": " +
                                               (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)) + " (code " +
                                               std::to_string(rc) + ", errno " + std::to_string(sys_errno) + ")");
}

class SqliteRow final : public Row {
 public:
  explicit SqliteRow(sqlite3_stmt* s) : s_(s) {}
  int columns() const override { return sqlite3_column_count(s_); }
  bool IsNull(int col) const override { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  int64_t Int(int col) const override { return sqlite3_column_int64(s_, col); }
  double Real(int col) const override { return sqlite3_column_double(s_, col); }
  std::string_view Text(int col) const override {
    const auto* p = reinterpret_cast<const char*>(sqlite3_column_text(s_, col));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(s_, col))) : std::string_view();
  }

 private:
  sqlite3_stmt* s_;
};

// Copies the WAL back into the database file from a thread and a connection of its own. By
// default SQLite makes the commit that crosses 1,000 WAL pages do it, and every write waiting
// behind that commit (an audit batch, a call outcome) waits for hundreds of page writes and an
// fsync of the database file. Here the writer's commit only wakes this thread. Should the WAL
// still grow past kWriterCheckpointPages (the checkpointer starved by readers or the disk), the
// writer checkpoints itself again, as SQLite would.
class Checkpointer {
 public:
  static constexpr int kWakePages = 1000;
  static constexpr int kWriterCheckpointPages = 50'000;  // about 200 MB of WAL

  explicit Checkpointer(std::string path) : path_(std::move(path)), thread_([this] { Run(); }) {}
  ~Checkpointer() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
  }

  // The writer connection's WAL hook: called after each commit with the WAL's size in pages.
  static int OnCommit(void* self, sqlite3* db, const char* name, int pages) {
    auto* c = static_cast<Checkpointer*>(self);
    if (pages >= kWriterCheckpointPages) {
      sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
    } else if (pages >= kWakePages) {
      {
        std::lock_guard lock(c->mu_);
        c->pending_ = true;
      }
      c->wake_.notify_one();
    }
    return SQLITE_OK;
  }

 private:
  void Run() {
    sqlite3* db = nullptr;
    std::unique_lock lock(mu_);
    while (!stopping_) {
      wake_.wait(lock, [&] { return stopping_ || pending_; });
      if (stopping_) break;
      pending_ = false;
      lock.unlock();
      if (db == nullptr && sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                           nullptr) != SQLITE_OK) {
        sqlite3_close(db);  // retried at the next wake; the writer's own checkpoint is the backstop
        db = nullptr;
      }
      if (db != nullptr) {
        sqlite3_busy_timeout(db, 1000);
        sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
      }
      lock.lock();
    }
    lock.unlock();
    sqlite3_close(db);
  }

  std::string path_;
  std::mutex mu_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
  std::thread thread_;  // last: started once the rest is ready
};

class SqliteConnection;

class SqliteBulk final : public BulkLoader {
 public:
  SqliteBulk(SqliteConnection* c, std::string sql) : c_(c), sql_(std::move(sql)) {}
  void Add(std::initializer_list<Param> values) override;
  void Add(const std::vector<Param>& values) override;
  void Finish() override {}

 private:
  SqliteConnection* c_;
  std::string sql_;
};

class SqliteConnection final : public Connection {
 public:
  // `checkpointer`: for the writer of a file database, which then never checkpoints in its commits.
  SqliteConnection(const std::string& path, bool readonly, std::shared_ptr<Checkpointer> checkpointer = nullptr)
      : checkpointer_(std::move(checkpointer)) {
    int flags = (readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
                SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = db_ ? sqlite3_errmsg(db_) : sqlite3_errstr(rc);
      sqlite3_close(db_);
      db_ = nullptr;
      throw DbError(DbErrorKind::kUnavailable, "cannot open SQLite database " + path + ": " + msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    ExecScript("PRAGMA foreign_keys=ON");
    if (!readonly && path != ":memory:") {
      ExecScript("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;");
    }
    if (checkpointer_) sqlite3_wal_hook(db_, &Checkpointer::OnCommit, checkpointer_.get());
  }
  ~SqliteConnection() override {
    for (auto& [sql, stmt] : cache_) sqlite3_finalize(stmt);
    sqlite3_close(db_);
  }

  Dialect dialect() const override { return Dialect::kSqlite; }
  // After an I/O error or a full disk: the pool closes this connection and opens a new one.
  bool Broken() const override { return spoiled_; }

  void ExecScript(std::string_view sql) override {
    std::string s(sql);
    char* err = nullptr;
    errno = 0;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      const int sys_errno = errno;
      std::string msg = err ? err : sqlite3_errstr(rc);
      sqlite3_free(err);
      if (SpoilsConnection(rc)) spoiled_ = true;
      throw DbError(KindOf(db_, rc, sys_errno), "SQLite: " + msg);
    }
  }

  int64_t Run(std::string_view sql, const Param* params, size_t n, const RowFn& on_row) override {
    sqlite3_stmt* s = Prepare(sql);
    sqlite3_reset(s);
    sqlite3_clear_bindings(s);
    for (size_t i = 0; i < n; ++i) Bind(s, static_cast<int>(i + 1), params[i]);
    int64_t rows = 0;
    SqliteRow row(s);
    for (;;) {
      errno = 0;
      int rc = sqlite3_step(s);
      if (rc == SQLITE_ROW) {
        ++rows;
        if (on_row) on_row(row);
      } else if (rc == SQLITE_DONE) {
        break;
      } else {
        const int sys_errno = errno;  // before reset, which may change it
        sqlite3_reset(s);
        if (SpoilsConnection(rc)) spoiled_ = true;
        Throw(db_, rc, "SQLite", sys_errno);
      }
    }
    sqlite3_reset(s);
    return rows > 0 ? rows : sqlite3_changes64(db_);
  }

  std::unique_ptr<BulkLoader> Bulk(std::string_view table, const std::vector<std::string>& columns) override {
    std::string sql = "INSERT INTO " + std::string(table) + " (";
    std::string marks;
    for (size_t i = 0; i < columns.size(); ++i) {
      sql += (i ? "," : "") + columns[i];
      marks += i ? ",?" : "?";
    }
    sql += ") VALUES (" + marks + ")";
    return std::make_unique<SqliteBulk>(this, std::move(sql));
  }

  void SetCacheBytes(int64_t bytes) override {
    ExecScript("PRAGMA cache_size = -" + std::to_string(std::max<int64_t>(bytes / 1024, 1)));
  }

  void Begin(bool write) override { ExecCached(write ? "BEGIN IMMEDIATE" : "BEGIN"); }
  void Commit() override { ExecCached("COMMIT"); }
  void Rollback() override {
    if (!sqlite3_get_autocommit(db_)) ExecCached("ROLLBACK");
  }

 private:
  void ExecCached(std::string_view sql) { Run(sql, nullptr, 0, nullptr); }

  sqlite3_stmt* Prepare(std::string_view sql) {
    auto it = cache_.find(sql);
    if (it != cache_.end()) return it->second;
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) Throw(db_, rc, "SQLite prepare", 0);
    cache_.emplace(std::string(sql), s);
    return s;
  }

  void Bind(sqlite3_stmt* s, int i, const Param& p) {
    int rc = SQLITE_OK;
    if (std::holds_alternative<std::nullptr_t>(p)) rc = sqlite3_bind_null(s, i);
    else if (const auto* v = std::get_if<int64_t>(&p)) rc = sqlite3_bind_int64(s, i, *v);
    else if (const auto* d = std::get_if<double>(&p)) rc = sqlite3_bind_double(s, i, *d);
    else {
      auto sv = TextOf(p);
      rc = sqlite3_bind_text(s, i, sv.data(), static_cast<int>(sv.size()), SQLITE_TRANSIENT);
    }
    if (rc != SQLITE_OK) Throw(db_, rc, "SQLite bind", 0);
  }

  friend class SqliteBulk;
  std::shared_ptr<Checkpointer> checkpointer_;  // outlives db_: destroyed after the destructor's close
  sqlite3* db_ = nullptr;
  // Looked up by the statement's text without copying it (a string per statement per request).
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, sqlite3_stmt*, TextHash, std::equal_to<>> cache_;
  bool spoiled_ = false;
};

void SqliteBulk::Add(std::initializer_list<Param> values) {
  c_->Run(sql_, values.begin(), values.size(), nullptr);
}
void SqliteBulk::Add(const std::vector<Param>& values) {
  c_->Run(sql_, values.data(), values.size(), nullptr);
}

}  // namespace

// Once per process, before the first connection: SQLite's count of the memory it allocates
// (SQLITE_CONFIG_MEMSTATUS, on by default) takes a global mutex around every allocation and
// release, about 5 % of a household GET's instructions. Relais never reads those counts.
static void ConfigureSqliteOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    // SQLITE_MISUSE when SQLite was already initialised (another library opened a database
    // first): the counts then stay on, which changes nothing but the speed.
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  });
}

std::unique_ptr<Database> OpenSqlite(const std::string& path, int readers) {
  ConfigureSqliteOnce();
  if (path == ":memory:") {
    // One shared connection: an in-memory database is private to its connection.
    return std::make_unique<PooledDatabase>(
        Dialect::kSqlite, [] { return std::make_unique<SqliteConnection>(":memory:", false); }, 1, nullptr);
  }
  // The writer is opened first: it creates the file and switches it to WAL.
  auto checkpointer = std::make_shared<Checkpointer>(path);
  auto writer = [path, checkpointer] { return std::make_unique<SqliteConnection>(path, false, checkpointer); };
  auto reader = [path] { return std::make_unique<SqliteConnection>(path, false); };
  return std::make_unique<PooledDatabase>(Dialect::kSqlite, reader, readers, writer);
}

}  // namespace relais::db
