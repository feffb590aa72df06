#include "platform/db/migrate.h"

#include <map>

#include "platform/core/dates.h"

namespace relais::db {

std::vector<std::string> Migrate(Database& db) {
  const bool pg = db.dialect() == Dialect::kPostgres;
  // version ("0001_identity") -> SQL for this dialect
  std::map<std::string, std::string> chosen;
  for (const auto& m : EmbeddedMigrations()) {
    std::string file = m.file;
    const bool pg_only = file.ends_with(".postgres.sql");
    std::string version = file.substr(0, file.size() - (pg_only ? 13 : 4));
    if (pg_only && !pg) continue;
    if (!pg_only && chosen.count(version)) continue;  // the .postgres.sql variant won
    chosen[version] = m.sql;
  }
  std::vector<std::string> applied;
  auto lease = db.Acquire(true);
  Connection& c = **lease;
  c.ExecScript(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)");
  for (const auto& [version, sql] : chosen) {
    c.Begin(true);
    try {
      // Several servers may start together on one PostgreSQL: one migrates, the others wait.
      if (pg) c.Exec("SELECT pg_advisory_xact_lock(7401)");
      bool done = c.QueryInt("SELECT COUNT(*) FROM schema_migrations WHERE version = ?", {P(version)}).value_or(0) > 0;
      if (!done) {
        c.ExecScript(sql);
        c.Exec("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)", {P(version), P(NowMillis())});
        applied.push_back(version);
      }
      c.Commit();
    } catch (...) {
      try { c.Rollback(); } catch (...) {}
      throw;
    }
  }
  return applied;
}

}  // namespace relais::db
