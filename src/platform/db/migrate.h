// Numbered schema migrations (db/migrations/NNNN_name.sql, with NNNN_name.postgres.sql where the
// dialects differ), embedded in the binary and applied in order, each in its own transaction.
// A migration, once released, is never edited: add a new one.
#pragma once
#include <string>
#include <vector>

#include "platform/db/db.h"

namespace relais::db {

struct EmbeddedMigration {
  const char* file;  // "0001_identity.sql" or "0001_identity.postgres.sql"
  const char* sql;
};
const std::vector<EmbeddedMigration>& EmbeddedMigrations();

// Applies the migrations not yet recorded in schema_migrations; returns the versions applied.
// Throws DbError when a migration fails (that migration is rolled back, later ones not tried).
std::vector<std::string> Migrate(Database& db);

}  // namespace relais::db
