// The engine halves of Backup and Restore (private to platform/db, declared here so that the
// tests can reach the pieces that are easy to get wrong: URL splitting, tool lookup, naming).
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "platform/db/backup.h"

namespace relais::db::internal {

// Fills `tmp` with a backup of the SQLite file `path`; report fields except path/bytes/seconds.
Result<BackupReport> SqliteBackup(const std::string& path, const std::string& tmp, const BackupOptions& o);
// Copies the SQLite backup `src` into the file `path` (created if missing); empty or forced.
// Returns the number of tables the target held before (0 when new or empty).
Result<int> SqliteLoad(const std::string& src, const std::string& path, const RestoreOptions& o);

Result<BackupReport> PostgresBackup(const std::string& url, const std::string& tmp, const BackupOptions& o);
// Restores the pg_dump custom archive `src` into the database of `url` (created if missing and
// allowed); empty or forced. Returns the number of relations dropped by force.
Result<int> PostgresLoad(const std::string& src, const std::string& url, const RestoreOptions& o);

// A postgresql:// URL split for a client program: a conninfo string without the password (safe
// on a command line, which every local user can read in /proc) and the password apart, for the
// child's PGPASSWORD. Error when libpq cannot parse the URL.
struct PgTarget {
  std::string conninfo;               // "host='h' port='5432' dbname='relais' ..."
  std::optional<std::string> password;
  std::string dbname;                 // empty when the URL names none (libpq then uses the user name)
};
Result<PgTarget> SplitPgUrl(const std::string& url);
// The same target, on another database of the server (for CREATE DATABASE from "postgres").
std::string WithDbname(const PgTarget& t, const std::string& dbname);

// Where the PostgreSQL client program `name` (pg_dump, pg_restore) is: $RELAIS_PG_BIN/name when
// that variable is set, else the newest /usr/lib/postgresql/N/bin/name (Debian; a newer pg_dump
// reads older servers, never the reverse), else `name` on PATH. nullopt when none exists.
std::optional<std::string> FindPgTool(const std::string& name);

// Runs `argv` (argv[0] is the program's path) without a shell, stdin from /dev/null, with
// `extra_env` ("NAME=value") added to the environment. Returns the exit status (-1 when it could
// not start or was killed) and fills `output` with what it wrote on stdout and stderr.
int RunProgram(const std::vector<std::string>& argv, const std::vector<std::string>& extra_env, std::string& output);

// The file name Backup gives in a directory: relais-20260314T021500Z.db (or .dump).
std::string BackupFileName(Dialect dialect, int64_t unix_seconds);

}  // namespace relais::db::internal
