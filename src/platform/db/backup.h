// Online backup and restore of a Relais database, the same two calls on both engines.
// SQLite: the online backup API copies the pages inside one read transaction of the source, so the
// copy is one snapshot and, in WAL mode, writers are never blocked. PostgreSQL: pg_dump
// --format=custom on a snapshot exported by our own transaction. Either way the copy goes to a
// temporary file beside the destination, is checked, then renamed: DEST is complete or absent.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::db {

struct BackupOptions {
  bool overwrite = false;      // replace an existing destination file
  int pages_per_step = 1024;   // SQLite: pages copied between two on_progress calls (4 MiB)
  // Called once the snapshot is fixed, before anything is copied: a write committed from then on
  // is not in the backup. (Tests use it to write during the backup.)
  std::function<void()> on_snapshot;
  // SQLite: called after each step with the pages copied so far and the pages in the snapshot.
  std::function<void(int64_t done, int64_t total)> on_progress;
};

struct BackupReport {
  Dialect dialect = Dialect::kSqlite;
  std::string path;            // the file written
  uint64_t bytes = 0;
  double seconds = 0;
  std::string schema_version;  // last migration applied at the snapshot, e.g. "0003_household_search"
  int tables = 0;              // tables in the backup (Relais's own and any other)
  std::string checks;          // what was verified on the copy, for the operator
};

// Takes a consistent backup of the database at `url` (which may be serving writes) into `dest`.
// `dest` is a file, or an existing directory where a file named relais-YYYYMMDDTHHMMSSZ.db
// (SQLite) or .dump (PostgreSQL, pg_dump custom format) is created. Errors (French messages):
// destination exists without overwrite, database missing or not a Relais database, pg_dump not
// found or failed, the copy failing its integrity check; nothing is left at dest then.
// Throws DbError when the database cannot be reached at all.
Result<BackupReport> Backup(const std::string& url, const std::string& dest, const BackupOptions& options = {});

// Deletes the oldest relais-*.db / relais-*.dump files of `dir` (the names Backup gives) so that
// `keep` remain, and the temporary files of backups whose process is gone (killed mid-copy);
// other files are never touched. Returns the paths deleted.
std::vector<std::string> PruneBackups(const std::string& dir, int keep);

struct RestoreOptions {
  bool force = false;  // replace the content of a database that is not empty
};

struct RestoreReport {
  Dialect dialect = Dialect::kSqlite;
  std::string backup_schema_version;      // the schema of the backup
  std::vector<std::string> migrations;    // migrations applied after the restore (older backup)
  std::string schema_version;             // the schema now
  int tables = 0;
  int64_t rows = 0;                       // rows in all tables after the restore
  double seconds = 0;
  std::string checks;                     // what was verified, for the operator
};

// Restores the backup file `src` (made by Backup, or by sqlite3 .backup / pg_dump -Fc) into the
// database at `url`, which must be new or empty unless options.force: a SQLite file is created
// if missing, a PostgreSQL database is created if missing and the role may. Then applies the
// migrations the backup lacks and checks integrity. Errors (French messages): the target holds
// data, the file is not a backup of this engine, the restore or a check failed.
// Throws DbError when the target cannot be reached.
Result<RestoreReport> Restore(const std::string& src, const std::string& url, const RestoreOptions& options = {});

// Integrity checks of an open database: SQLite PRAGMA integrity_check and foreign_key_check;
// PostgreSQL every constraint validated, every index valid, every table readable.
// Returns the problems found, in French; empty when the database is sound.
std::vector<std::string> CheckIntegrity(Connection& c);

// The URL with its password replaced by "***", for messages and logs.
std::string RedactUrl(const std::string& url);

}  // namespace relais::db
