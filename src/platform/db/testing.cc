#include "platform/db/testing.h"

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "platform/db/migrate.h"

namespace relais::db {
namespace {
std::atomic<int> g_counter{0};

// Replaces the database name (the path after the last '/') of a postgresql:// URL.
std::string WithDatabase(const std::string& url, const std::string& name) {
  auto q = url.find('?');
  std::string base = url.substr(0, q);
  auto slash = base.rfind('/');
  if (slash == std::string::npos || slash < std::string("postgresql://").size()) base += "/";
  else base = base.substr(0, slash + 1);
  return base + name + (q == std::string::npos ? "" : url.substr(q));
}
}  // namespace

TestDatabase::TestDatabase(const std::string& engine, bool migrate) : engine_(engine) {
  const std::string unique = std::to_string(getpid()) + "_" + std::to_string(++g_counter);
  if (engine == "sqlite") {
    path_ = (std::filesystem::temp_directory_path() / ("relais_test_" + unique + ".db")).string();
    std::filesystem::remove(path_);
    url_ = "sqlite://" + path_;
  } else {
    const char* admin = std::getenv("RELAIS_TEST_PG_URL");
    if (admin == nullptr) throw std::runtime_error("RELAIS_TEST_PG_URL is not set: run the tests through `make test`");
    admin_url_ = admin;
    name_ = "relais_t_" + unique;
    auto server = Database::Open(admin_url_, 1);
    auto lease = server->Acquire(true);
    (**lease).ExecScript("DROP DATABASE IF EXISTS " + name_);
    (**lease).ExecScript("CREATE DATABASE " + name_ + " TEMPLATE template0 ENCODING 'UTF8'");
    url_ = WithDatabase(admin_url_, name_);
  }
  db_ = Database::Open(url_, 4);
  if (migrate) Migrate(*db_);
}

TestDatabase::~TestDatabase() {
  db_.reset();
  if (!path_.empty()) {
    std::filesystem::remove(path_);
    std::filesystem::remove(path_ + "-wal");
    std::filesystem::remove(path_ + "-shm");
  }
  if (!name_.empty()) {
    try {
      auto server = Database::Open(admin_url_, 1);
      auto lease = server->Acquire(true);
      (**lease).ExecScript("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
    }
  }
}

}  // namespace relais::db
