// platform/db: one small interface over the native sqlite3 and libpq APIs.
// SQL is written once with '?' placeholders (translated to $n for PostgreSQL); parameters are
// always bound, prepared statements are cached per connection. A Database owns the connections:
// SQLite has one writer and a pool of readers (WAL), PostgreSQL a pool used for both.
// Infrastructure failures throw db::DbError; expected outcomes stay Result values in callers.
#pragma once
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/core/error.h"

namespace relais::db {

enum class Dialect { kSqlite, kPostgres };

// A bound parameter. Booleans are stored as 0/1 integers on both engines. Text is a view of the
// caller's string, or owned when P() is given a temporary (so a Param never dangles).
using Param = std::variant<std::nullptr_t, int64_t, double, std::string_view, std::string>;

inline Param P(std::nullptr_t) { return nullptr; }
inline Param P(int64_t v) { return v; }
inline Param P(int v) { return static_cast<int64_t>(v); }
inline Param P(bool v) { return static_cast<int64_t>(v ? 1 : 0); }
inline Param P(double v) { return v; }
inline Param P(std::string_view v) { return v; }
inline Param P(const std::string& v) { return std::string_view(v); }
inline Param P(std::string&& v) { return std::move(v); }
inline Param P(const char* v) { return std::string_view(v); }
template <class T>
Param P(const std::optional<T>& v) { return v ? P(*v) : Param(nullptr); }
// The text of a parameter (std::string_view or std::string alternative).
inline std::string_view TextOf(const Param& p) {
  if (const auto* s = std::get_if<std::string>(&p)) return *s;
  return std::get<std::string_view>(p);
}

// Why a database call failed. kConstraint is a UNIQUE/FOREIGN KEY/CHECK violation.
enum class DbErrorKind { kConstraint, kBusy, kUnavailable, kDiskFull, kIo, kOther };

class DbError : public InfraError {
 public:
  DbError(DbErrorKind kind, const std::string& what) : InfraError(what), kind_(kind) {}
  DbErrorKind kind() const { return kind_; }
  // The user-facing Error for this failure (French message, no internals).
  Error ToError() const override;

 private:
  DbErrorKind kind_;
};

// One result row; valid only inside the row callback.
class Row {
 public:
  virtual ~Row() = default;
  virtual int columns() const = 0;
  virtual bool IsNull(int col) const = 0;
  virtual int64_t Int(int col) const = 0;
  virtual double Real(int col) const = 0;
  virtual std::string_view Text(int col) const = 0;

  std::string Str(int col) const { return std::string(Text(col)); }
  bool Bool(int col) const { return Int(col) != 0; }
  std::optional<int64_t> OptInt(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<int64_t>(Int(col));
  }
  std::optional<std::string> OptStr(int col) const {
    return IsNull(col) ? std::nullopt : std::optional<std::string>(Str(col));
  }
};

using RowFn = std::function<void(const Row&)>;

// Loads many rows into one table fast: one prepared insert in the enclosing transaction for
// SQLite, COPY FROM STDIN for PostgreSQL. Add() values in column order; Finish() flushes.
class BulkLoader {
 public:
  virtual ~BulkLoader() = default;
  virtual void Add(std::initializer_list<Param> values) = 0;
  virtual void Add(const std::vector<Param>& values) = 0;
  virtual void Finish() = 0;
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;

  // Runs several statements without parameters (migrations, DDL).
  virtual void ExecScript(std::string_view sql) = 0;
  // Runs one statement with bound parameters; calls on_row for each result row (may be null).
  // Returns the number of rows changed (INSERT/UPDATE/DELETE) or returned.
  virtual int64_t Run(std::string_view sql, const Param* params, size_t n, const RowFn& on_row) = 0;
  virtual std::unique_ptr<BulkLoader> Bulk(std::string_view table,
                                           const std::vector<std::string>& columns) = 0;

  // Transaction control; Database::Write uses these.
  virtual void Begin(bool write) = 0;
  virtual void Commit() = 0;
  virtual void Rollback() = 0;
  // True when the connection is known to be broken (PostgreSQL); the pool replaces it.
  virtual bool Broken() const { return false; }
  // Lets this connection keep up to `bytes` of database pages in memory (SQLite's page cache,
  // 2 MB by default; no-op on PostgreSQL, whose server owns the cache). Bulk writers raise it so
  // that a large transaction neither spills pages to disk nor reads them back.
  virtual void SetCacheBytes(int64_t bytes) {}

  int64_t Exec(std::string_view sql, std::initializer_list<Param> params = {}) {
    return Run(sql, params.begin(), params.size(), nullptr);
  }
  int64_t Query(std::string_view sql, std::initializer_list<Param> params, const RowFn& on_row) {
    return Run(sql, params.begin(), params.size(), on_row);
  }
  int64_t Query(std::string_view sql, const std::vector<Param>& params, const RowFn& on_row) {
    return Run(sql, params.data(), params.size(), on_row);
  }
  // First column of the first row as an integer (COUNT, RETURNING id); nullopt when no row.
  std::optional<int64_t> QueryInt(std::string_view sql, std::initializer_list<Param> params = {});
};

struct PoolStats {
  int size = 0;     // connections opened
  int in_use = 0;   // connections lent right now
  int64_t waits = 0;  // times a caller had to wait for a connection
};

class Database {
 public:
  virtual ~Database() = default;
  // Opens "sqlite:///abs/path.db", "sqlite://relative/path.db", "sqlite::memory:" or
  // "postgresql://user@host:port/db". Throws DbError when it cannot connect or the URL is bad.
  static std::unique_ptr<Database> Open(const std::string& url, int pool_size = 4);

  virtual Dialect dialect() const = 0;
  virtual PoolStats Stats() const = 0;
  // Cheap liveness check (SELECT 1); false when the database is unreachable.
  virtual bool Ping() = 0;

  // Runs fn(Connection&) on a reader connection, inside a read transaction (one snapshot).
  template <class F>
  auto Read(F&& fn) {
    auto lease = Acquire(false);
    return RunIn(**lease, false, std::forward<F>(fn));
  }
  // Runs fn(Connection&) on a reader connection without BEGIN and COMMIT, for callers that run
  // exactly one statement, which both engines execute on one snapshot anyway. The two extra
  // statements of Read cost a hot path (the session of every request) a tenth of its time.
  template <class F>
  auto ReadOneStatement(F&& fn) {
    auto lease = Acquire(false);
    return fn(**lease);
  }
  // Runs fn(Connection&) in one write transaction. fn returns a Result<T>: committed when ok,
  // rolled back on an error value or an exception (which is rethrown).
  template <class F>
  auto Write(F&& fn) {
    auto lease = Acquire(true);
    return RunIn(**lease, true, std::forward<F>(fn));
  }

  // A connection lent by the pool; given back when destroyed.
  class Lease {
   public:
    Lease(Database* db, Connection* c, bool write) : db_(db), c_(c), write_(write) {}
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() { db_->Release(c_, write_); }
    Connection& operator*() { return *c_; }
    Connection* operator->() { return c_; }

   private:
    Database* db_;
    Connection* c_;
    bool write_;
  };
  // For bulk work outside Read/Write (imports); the caller manages the transaction.
  virtual std::unique_ptr<Lease> Acquire(bool write) = 0;
  // A reader connection only if the pool can lend one without waiting: an idle reader, or a new
  // one when fewer than the pool's size are open (a cold pool opens it; SQLite's writer never
  // counts). nullptr when every reader is lent and the pool is full: never waits for another
  // user to give one back. For work that goes faster on a second connection but must not hold up
  // the requests waiting for one (the arrears scan). Throws DbError when opening one fails.
  virtual std::unique_ptr<Lease> TryAcquireReader() = 0;

 protected:
  friend class Lease;
  virtual void Release(Connection* c, bool write) = 0;

 private:
  template <class F>
  static auto RunIn(Connection& c, bool write, F&& fn) {
    c.Begin(write);
    try {
      auto result = fn(c);
      if constexpr (requires { result.ok(); }) {
        if (result.ok()) c.Commit();
        else c.Rollback();
      } else {
        c.Commit();
      }
      return result;
    } catch (...) {
      try { c.Rollback(); } catch (...) {}
      throw;
    }
  }
};

// Engine factories, used by Database::Open.
std::unique_ptr<Database> OpenSqlite(const std::string& path, int readers);
std::unique_ptr<Database> OpenPostgres(const std::string& conninfo, int pool_size);

}  // namespace relais::db
