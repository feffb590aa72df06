// PostgreSQL engine over libpq: '?' placeholders become $n, statements are prepared once per
// connection (named s1, s2...), parameters go as text and the server infers their types,
// results come back as text. Bulk loads use COPY FROM STDIN (text format).
#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "platform/db/pool.h"

namespace relais::db {
namespace {

DbErrorKind KindOf(const PGresult* r, PGconn* c) {
  if (PQstatus(c) != CONNECTION_OK) return DbErrorKind::kUnavailable;
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (state == nullptr) return DbErrorKind::kUnavailable;
  std::string_view s(state);
  if (s.starts_with("23")) return DbErrorKind::kConstraint;       // integrity constraint violation
  if (s == "53100") return DbErrorKind::kDiskFull;                // disk_full
  if (s.starts_with("53") || s.starts_with("57") || s.starts_with("08")) return DbErrorKind::kUnavailable;
  if (s == "40001" || s == "40P01" || s == "55P03") return DbErrorKind::kBusy;  // serialization, deadlock, lock
  if (s.starts_with("58")) return DbErrorKind::kIo;
  return DbErrorKind::kOther;
}

// Rewrites '?' placeholders to $1..$n, leaving quoted literals and identifiers alone.
std::string ToDollarParams(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  char quote = 0;
  for (char ch : sql) {
    if (quote) {
      if (ch == quote) quote = 0;
      out += ch;
    } else if (ch == '\'' || ch == '"') {
      quote = ch;
      out += ch;
    } else if (ch == '?') {
      out += '$' + std::to_string(++n);
    } else {
      out += ch;
    }
  }
  return out;
}

class PgRow final : public Row {
 public:
  PgRow(PGresult* r, int row) : r_(r), row_(row) {}
  int columns() const override { return PQnfields(r_); }
  bool IsNull(int col) const override { return PQgetisnull(r_, row_, col) != 0; }
  int64_t Int(int col) const override {
    const char* v = PQgetvalue(r_, row_, col);
    if (v[0] == 't' && v[1] == '\0') return 1;  // boolean results (EXISTS, comparisons)
    if (v[0] == 'f' && v[1] == '\0') return 0;
    return std::strtoll(v, nullptr, 10);
  }
  double Real(int col) const override { return std::strtod(PQgetvalue(r_, row_, col), nullptr); }
  std::string_view Text(int col) const override {
    return {PQgetvalue(r_, row_, col), static_cast<size_t>(PQgetlength(r_, row_, col))};
  }

 private:
  PGresult* r_;
  int row_;
};

struct ResultGuard {
  PGresult* r;
  ~ResultGuard() { PQclear(r); }
};

class PgConnection;

class PgBulk final : public BulkLoader {
 public:
  PgBulk(PgConnection* c, std::string copy_sql);
  ~PgBulk() override;
  void Add(std::initializer_list<Param> values) override { AddRow(values.begin(), values.size()); }
  void Add(const std::vector<Param>& values) override { AddRow(values.data(), values.size()); }
  void Finish() override;

 private:
  void AddRow(const Param* v, size_t n);
  void Flush();
  PgConnection* c_;
  std::string buf_;
  bool open_ = false;
};

class PgConnection final : public Connection {
 public:
  explicit PgConnection(const std::string& conninfo) {
    conn_ = PQconnectdb(conninfo.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      PQfinish(conn_);
      conn_ = nullptr;
      throw DbError(DbErrorKind::kUnavailable, "cannot connect to PostgreSQL: " + msg);
    }
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    ExecScript("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
  }
  ~PgConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::kPostgres; }
  // Also true when the server closed the connection while it sat in the pool (PostgreSQL
  // restarted): reading what is pending on the socket, without waiting, notices the close, so
  // that the first request after a restart gets a new connection rather than an error.
  bool Broken() const override {
    if (PQstatus(conn_) != CONNECTION_OK) return true;
    // Twice: a server that shuts down first sends its FATAL message, then closes; the first read
    // may take only the message, the second then sees the end of the stream.
    if (PQtransactionStatus(conn_) == PQTRANS_IDLE && (PQconsumeInput(conn_) == 0 || PQconsumeInput(conn_) == 0)) {
      return true;
    }
    return PQstatus(conn_) != CONNECTION_OK;
  }

  void ExecScript(std::string_view sql) override {
    std::string s(sql);
    ResultGuard g{PQexec(conn_, s.c_str())};
    Check(g.r, "PostgreSQL");
  }

  int64_t Run(std::string_view sql, const Param* params, size_t n, const RowFn& on_row) override {
    const std::string& name = Prepare(sql);
    std::vector<std::string> text(n);
    std::vector<const char*> values(n);
    for (size_t i = 0; i < n; ++i) {
      const Param& p = params[i];
      if (std::holds_alternative<std::nullptr_t>(p)) {
        values[i] = nullptr;
        continue;
      }
      if (const auto* v = std::get_if<int64_t>(&p)) text[i] = std::to_string(*v);
      else if (const auto* d = std::get_if<double>(&p)) text[i] = std::to_string(*d);
      else text[i] = std::string(TextOf(p));
      values[i] = text[i].c_str();
    }
    ResultGuard g{PQexecPrepared(conn_, name.c_str(), static_cast<int>(n), values.data(), nullptr, nullptr, 0)};
    Check(g.r, "PostgreSQL");
    if (PQresultStatus(g.r) == PGRES_TUPLES_OK) {
      int rows = PQntuples(g.r);
      if (on_row) {
        for (int i = 0; i < rows; ++i) on_row(PgRow(g.r, i));
      }
      if (rows > 0 || PQcmdTuples(g.r)[0] == '\0') return rows;
    }
    const char* affected = PQcmdTuples(g.r);
    return affected[0] ? std::strtoll(affected, nullptr, 10) : 0;
  }

  std::unique_ptr<BulkLoader> Bulk(std::string_view table, const std::vector<std::string>& columns) override {
    std::string sql = "COPY " + std::string(table) + " (";
    for (size_t i = 0; i < columns.size(); ++i) sql += (i ? "," : "") + columns[i];
    sql += ") FROM STDIN";
    return std::make_unique<PgBulk>(this, std::move(sql));
  }

  void Begin(bool) override { ExecScript("BEGIN"); }
  void Commit() override { ExecScript("COMMIT"); }
  void Rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) ExecScript("ROLLBACK");
  }

  void Check(PGresult* r, std::string_view context) {
    auto st = PQresultStatus(r);
    if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_COPY_IN || st == PGRES_EMPTY_QUERY) return;
    std::string msg = r ? PQresultErrorMessage(r) : PQerrorMessage(conn_);
    throw DbError(KindOf(r, conn_), std::string(context) + ": " + msg);
  }

  PGconn* conn() { return conn_; }

 private:
  const std::string& Prepare(std::string_view sql) {
    auto it = names_.find(std::string(sql));
    if (it != names_.end()) return it->second;
    std::string name = "s" + std::to_string(names_.size() + 1);
    std::string translated = ToDollarParams(sql);
    ResultGuard g{PQprepare(conn_, name.c_str(), translated.c_str(), 0, nullptr)};
    Check(g.r, "PostgreSQL prepare");
    return names_.emplace(std::string(sql), std::move(name)).first->second;
  }

  PGconn* conn_ = nullptr;
  std::unordered_map<std::string, std::string> names_;
};

PgBulk::PgBulk(PgConnection* c, std::string copy_sql) : c_(c) {
  ResultGuard g{PQexec(c_->conn(), copy_sql.c_str())};
  if (PQresultStatus(g.r) != PGRES_COPY_IN) c_->Check(g.r, "PostgreSQL COPY");
  open_ = true;
}

PgBulk::~PgBulk() {
  if (open_) {
    PQputCopyEnd(c_->conn(), "aborted");
    while (PGresult* r = PQgetResult(c_->conn())) PQclear(r);
  }
}

void PgBulk::AddRow(const Param* v, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (i) buf_ += '\t';
    const Param& p = v[i];
    if (std::holds_alternative<std::nullptr_t>(p)) { buf_ += "\\N"; continue; }
    if (const auto* x = std::get_if<int64_t>(&p)) { buf_ += std::to_string(*x); continue; }
    if (const auto* d = std::get_if<double>(&p)) { buf_ += std::to_string(*d); continue; }
    for (char ch : TextOf(p)) {
      switch (ch) {
        case '\\': buf_ += "\\\\"; break;
        case '\t': buf_ += "\\t"; break;
        case '\n': buf_ += "\\n"; break;
        case '\r': buf_ += "\\r"; break;
        default: buf_ += ch;
      }
    }
  }
  buf_ += '\n';
  if (buf_.size() > (1 << 20)) Flush();
}

void PgBulk::Flush() {
  if (buf_.empty()) return;
  if (PQputCopyData(c_->conn(), buf_.data(), static_cast<int>(buf_.size())) != 1) {
    throw DbError(DbErrorKind::kUnavailable, std::string("PostgreSQL COPY: ") + PQerrorMessage(c_->conn()));
  }
  buf_.clear();
}

void PgBulk::Finish() {
  Flush();
  open_ = false;
  if (PQputCopyEnd(c_->conn(), nullptr) != 1) {
    throw DbError(DbErrorKind::kUnavailable, std::string("PostgreSQL COPY end: ") + PQerrorMessage(c_->conn()));
  }
  ResultGuard g{PQgetResult(c_->conn())};
  c_->Check(g.r, "PostgreSQL COPY");
  while (PGresult* r = PQgetResult(c_->conn())) PQclear(r);
}

// A server that does not answer (a host down, a firewall dropping packets) must not hold a
// request for minutes: connecting gives up after connect_timeout seconds unless the URL says
// otherwise, and TCP keepalives notice a dead peer of an open connection.
std::string WithTimeouts(const std::string& conninfo) {
  if (!conninfo.starts_with("postgresql://") && !conninfo.starts_with("postgres://")) return conninfo;
  std::string out = conninfo;
  auto add = [&out](std::string_view key, std::string_view value) {
    if (out.find(std::string(key) + "=") != std::string::npos) return;
    out += out.find('?') == std::string::npos ? '?' : '&';
    out += key;
    out += '=';
    out += value;
  };
  add("connect_timeout", "5");
  add("keepalives_idle", "30");
  add("keepalives_interval", "10");
  add("keepalives_count", "3");
  return out;
}

}  // namespace

std::unique_ptr<Database> OpenPostgres(const std::string& conninfo_in, int pool_size) {
  const std::string conninfo = WithTimeouts(conninfo_in);
  auto factory = [conninfo] { return std::make_unique<PgConnection>(conninfo); };
  return std::make_unique<PooledDatabase>(Dialect::kPostgres, factory, pool_size, nullptr);
}

}  // namespace relais::db
