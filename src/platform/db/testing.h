// Fresh, migrated databases for tests, on either engine. SQLite: a temporary file. PostgreSQL: a
// new database on the server the test harness started (RELAIS_TEST_PG_URL), dropped afterwards.
#pragma once
#include <memory>
#include <string>

#include "platform/db/db.h"

namespace relais::db {

class TestDatabase {
 public:
  // engine: "sqlite" or "postgres". Throws when PostgreSQL is asked for and RELAIS_TEST_PG_URL is unset.
  explicit TestDatabase(const std::string& engine, bool migrate = true);
  ~TestDatabase();
  Database& db() { return *db_; }
  const std::string& url() const { return url_; }

 private:
  std::string engine_, url_, admin_url_, name_, path_;
  std::unique_ptr<Database> db_;
};

}  // namespace relais::db
