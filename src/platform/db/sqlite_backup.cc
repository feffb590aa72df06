// SQLite half of Backup and Restore, over the online backup API (sqlite3_backup_*).
// The backup keeps one read transaction open on the source for the whole copy: every step then
// copies pages of the same snapshot, and since the database is in WAL mode the server's writer is
// never blocked by it (without that transaction, a write between two steps restarts the copy,
// and a busy server could keep it from ever finishing).
#include <sqlite3.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "platform/db/backup_internal.h"

namespace relais::db::internal {
namespace fs = std::filesystem;

namespace {

struct SqliteCloser {
  void operator()(sqlite3* db) const { sqlite3_close_v2(db); }
};
using SqlitePtr = std::unique_ptr<sqlite3, SqliteCloser>;

[[noreturn]] void Throw(sqlite3* db, int rc, const std::string& context) {
  throw DbError(rc == SQLITE_FULL ? DbErrorKind::kDiskFull : DbErrorKind::kIo,
                context + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc)));
}

SqlitePtr Open(const std::string& path, int flags) {
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags | SQLITE_OPEN_NOMUTEX, nullptr);
  SqlitePtr db(raw);
  if (rc != SQLITE_OK) {
    throw DbError(DbErrorKind::kUnavailable,
                  "cannot open SQLite database " + path + ": " + (raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc)));
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 5000);
  return db;
}

void Exec(sqlite3* db, const char* sql) {
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) Throw(db, rc, std::string("SQLite ") + sql);
}

// Runs a query and gives each row's first column as text (NULL as "").
std::vector<std::string> Column(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  int rc = sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
  if (rc != SQLITE_OK) Throw(db, rc, std::string("SQLite ") + sql);
  std::vector<std::string> out;
  while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
    std::string row;
    for (int i = 0; i < sqlite3_column_count(s); ++i) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_column_text(s, i));
      row += (i ? " " : "") + std::string(t ? t : "");
    }
    out.push_back(std::move(row));
  }
  sqlite3_finalize(s);
  if (rc != SQLITE_DONE) Throw(db, rc, std::string("SQLite ") + sql);
  return out;
}

// PRAGMA integrity_check and foreign_key_check; the problems found, empty when sound.
std::vector<std::string> Problems(sqlite3* db) {
  std::vector<std::string> problems;
  for (auto& line : Column(db, "PRAGMA integrity_check")) {
    if (line != "ok") problems.push_back("integrity_check : " + line);
  }
  for (auto& line : Column(db, "PRAGMA foreign_key_check")) problems.push_back("foreign_key_check : " + line);
  return problems;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += "\n  " + l;
  return out;
}

// A path for a file: URI (%, ? and # are escaped).
std::string UriPath(const std::string& path) {
  std::string out;
  for (char ch : path) {
    if (ch == '%') out += "%25";
    else if (ch == '?') out += "%3F";
    else if (ch == '#') out += "%23";
    else out += ch;
  }
  return out;
}

// The first bytes of a file: how Restore tells a SQLite file from a pg_dump archive.
std::string Magic(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  char buf[16] = {};
  in.read(buf, sizeof buf);
  return std::string(buf, static_cast<size_t>(in.gcount()));
}

}  // namespace

Result<BackupReport> SqliteBackup(const std::string& path, const std::string& tmp, const BackupOptions& o) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    return Error{ErrorCode::kNotFound, "base SQLite introuvable : " + path, "--database"};
  }
  // Read-write without CREATE: a mistyped path must not create an empty database. (A read-only
  // connection could not take part in the WAL's shared memory when it is the only one.)
  SqlitePtr src = Open(path, SQLITE_OPEN_READWRITE);
  Exec(src.get(), "BEGIN");
  // The first read fixes the snapshot; every later step copies pages of that snapshot.
  auto has_schema = Column(src.get(), "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'schema_migrations'");
  if (has_schema.empty() || has_schema[0] == "0") {
    return Error{ErrorCode::kInvalid,
                 "ce fichier n'est pas une base Relais (table schema_migrations absente) : " + path, "--database"};
  }
  BackupReport report;
  auto version = Column(src.get(), "SELECT version FROM schema_migrations ORDER BY version DESC LIMIT 1");
  report.schema_version = version.empty() ? "" : version[0];
  if (o.on_snapshot) o.on_snapshot();

  SqlitePtr dst = Open(tmp, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  sqlite3_backup* b = sqlite3_backup_init(dst.get(), "main", src.get(), "main");
  if (b == nullptr) Throw(dst.get(), sqlite3_errcode(dst.get()), "SQLite backup");
  const int step = o.pages_per_step > 0 ? o.pages_per_step : -1;
  int rc = SQLITE_OK;
  int64_t last_done = 0;
  int restarts = 0;
  do {
    rc = sqlite3_backup_step(b, step);
    const int total = sqlite3_backup_pagecount(b);
    const int64_t done = total - sqlite3_backup_remaining(b);
    // The copy starts over when the source changes under it; the open read transaction rules
    // that out, and this guard turns a regression into an error instead of an endless loop.
    if (done < last_done && ++restarts > 3) {
      sqlite3_backup_finish(b);
      return Error{ErrorCode::kInternal, "la copie SQLite a dû recommencer plusieurs fois : instantané perdu", {}};
    }
    last_done = done;
    if (o.on_progress && (rc == SQLITE_OK || rc == SQLITE_DONE)) o.on_progress(done, total);
    // Only the destination (our own file) can be busy or locked; wait a little and go on.
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(5);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  const int finish = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) Throw(dst.get(), rc, "SQLite backup step");
  if (finish != SQLITE_OK) Throw(dst.get(), finish, "SQLite backup");
  Exec(src.get(), "COMMIT");
  src.reset();

  // The copy carries the source's WAL flag; a backup is better one self-contained file.
  Exec(dst.get(), "PRAGMA journal_mode=DELETE");
  auto problems = Problems(dst.get());
  if (!problems.empty()) {
    return Error{ErrorCode::kInternal,
                 "la copie ne passe pas les contrôles d'intégrité ; aucune sauvegarde n'a été écrite (la base "
                 "d'origine est probablement endommagée) :" + Joined(problems), {}};
  }
  auto tables = Column(dst.get(), "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
  report.tables = tables.empty() ? 0 : std::stoi(tables[0]);
  report.checks = "PRAGMA integrity_check ok, PRAGMA foreign_key_check ok";
  return report;
}

Result<int> SqliteLoad(const std::string& src, const std::string& path, const RestoreOptions& o) {
  const std::string magic = Magic(src);
  if (magic.starts_with("PGDMP")) {
    return Invalid("SRC", "cette sauvegarde vient de PostgreSQL (pg_dump) : restaurez-la dans une base "
                          "postgresql://, pas dans un fichier SQLite");
  }
  if (magic != std::string("SQLite format 3\0", 16)) {
    return Invalid("SRC", "ce fichier n'est pas une sauvegarde Relais (ni base SQLite, ni archive pg_dump) : " + src);
  }
  // A backup file is read as immutable: no -wal or -shm is created beside it. Only when a -wal
  // file is there (a copy of a live database) is it opened normally, so that its content counts.
  std::error_code ec;
  SqlitePtr from = fs::exists(src + "-wal", ec) ? Open(src, SQLITE_OPEN_READONLY)
                                                : Open("file:" + UriPath(src) + "?immutable=1",
                                                       SQLITE_OPEN_READONLY | SQLITE_OPEN_URI);
  // Check the backup before touching the target: a damaged file must not replace good data.
  std::vector<std::string> problems;
  try {
    problems = Problems(from.get());
  } catch (const DbError& e) {
    problems.push_back(e.what());  // too damaged to be checked at all (SQLITE_CORRUPT, SQLITE_NOTADB)
  }
  if (!problems.empty()) {
    return Invalid("SRC", "la sauvegarde est endommagée, rien n'a été restauré :" + Joined(problems));
  }
  auto relais = Column(from.get(), "SELECT COUNT(*) FROM sqlite_schema WHERE name = 'schema_migrations'");
  if (relais.empty() || relais[0] == "0") {
    return Invalid("SRC", "ce fichier SQLite n'est pas une sauvegarde Relais (table schema_migrations absente), rien "
                          "n'a été restauré");
  }

  SqlitePtr to = Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  auto objects = Column(to.get(), "SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table'");
  const int tables = objects.empty() ? 0 : std::stoi(objects[0]);
  if (tables > 0 && !o.force) {
    return Conflict("la base cible n'est pas vide (" + std::to_string(tables) + " tables) : restaurez dans une "
                    "base neuve ou vide, ou ajoutez --force pour remplacer tout son contenu (ses données seront perdues)",
                    "--database");
  }
  // The backup API copies into the open target page by page, through its journal (or WAL):
  // the target file is never replaced under another connection's feet.
  sqlite3_backup* b = sqlite3_backup_init(to.get(), "main", from.get(), "main");
  if (b == nullptr) Throw(to.get(), sqlite3_errcode(to.get()), "SQLite restore");
  int rc;
  do {
    rc = sqlite3_backup_step(b, -1);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
  } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
  const int finish = sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    if (rc == SQLITE_READONLY) {
      return Error{ErrorCode::kInvalid,
                   "la base cible est en mode WAL avec une taille de page différente de la sauvegarde : restaurez "
                   "dans une base neuve", "--database"};
    }
    Throw(to.get(), rc, "SQLite restore");
  }
  if (finish != SQLITE_OK) Throw(to.get(), finish, "SQLite restore");
  return tables;
}

}  // namespace relais::db::internal
