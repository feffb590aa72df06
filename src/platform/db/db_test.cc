// The same tests on both engines: SQLite (a temporary file) and PostgreSQL (the server that the
// test harness starts; its URL is in RELAIS_TEST_PG_URL).
#include "platform/db/db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <thread>

#include "platform/db/migrate.h"

namespace relais::db {
namespace {

std::vector<std::string> Engines() { return {"sqlite", "postgres"}; }

class DbTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "sqlite") {
      static int counter = 0;
      path_ = std::filesystem::temp_directory_path() /
              ("relais_db_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter) + ".db");
      std::filesystem::remove(path_);
      db_ = Database::Open("sqlite://" + path_.string(), 3);
    } else {
      // make test starts PostgreSQL and exports its URL; without it this test fails, never skips.
      const char* url = std::getenv("RELAIS_TEST_PG_URL");
      ASSERT_NE(url, nullptr) << "RELAIS_TEST_PG_URL is not set: run the tests through `make test`";
      db_ = Database::Open(url, 3);
    }
    table_ = "t_" + std::to_string(getpid());
    auto w = db_->Acquire(true);
    (*w)->ExecScript("DROP TABLE IF EXISTS " + table_);
    (*w)->ExecScript("CREATE TABLE " + table_ +
                     " (id BIGINT PRIMARY KEY, name TEXT NOT NULL UNIQUE, amount BIGINT, note TEXT)");
  }
  void TearDown() override {
    if (!db_) return;
    {
      auto w = db_->Acquire(true);
      (*w)->ExecScript("DROP TABLE IF EXISTS " + table_);
    }
    db_.reset();
    if (!path_.empty()) {
      std::filesystem::remove(path_);
      std::filesystem::remove(path_.string() + "-wal");
      std::filesystem::remove(path_.string() + "-shm");
    }
  }
  std::filesystem::path path_;
  std::unique_ptr<Database> db_;
  std::string table_;
};

TEST_P(DbTest, BindsAndReadsEveryType) {
  auto r = db_->Write([&](Connection& c) -> Result<Unit> {
    c.Exec("INSERT INTO " + table_ + " (id, name, amount, note) VALUES (?, ?, ?, ?)",
           {P(1), P("Hélène 'quote' ?"), P(int64_t{-123456789012}), P(nullptr)});
    return Unit{};
  });
  ASSERT_TRUE(r.ok());
  int rows = 0;
  db_->Read([&](Connection& c) {
    c.Query("SELECT id, name, amount, note FROM " + table_ + " WHERE id = ?", {P(1)}, [&](const Row& row) {
      ++rows;
      EXPECT_EQ(row.Int(0), 1);
      EXPECT_EQ(row.Text(1), "Hélène 'quote' ?");
      EXPECT_EQ(row.Int(2), -123456789012);
      EXPECT_TRUE(row.IsNull(3));
      EXPECT_EQ(row.OptStr(3), std::nullopt);
    });
    return 0;
  });
  EXPECT_EQ(rows, 1);
}

TEST_P(DbTest, RollsBackWhenTheUseCaseReturnsAnError) {
  auto r = db_->Write([&](Connection& c) -> Result<Unit> {
    c.Exec("INSERT INTO " + table_ + " (id, name) VALUES (?, ?)", {P(1), P("a")});
    return Invalid("name", "refusé");
  });
  EXPECT_FALSE(r.ok());
  auto count = db_->Read([&](Connection& c) { return c.QueryInt("SELECT COUNT(*) FROM " + table_); });
  EXPECT_EQ(count, 0);
}

TEST_P(DbTest, RollsBackOnExceptionAndReportsConstraints) {
  (void)db_->Write([&](Connection& c) -> Result<Unit> {
    c.Exec("INSERT INTO " + table_ + " (id, name) VALUES (?, ?)", {P(1), P("a")});
    return Unit{};
  });
  try {
    (void)db_->Write([&](Connection& c) -> Result<Unit> {
      c.Exec("INSERT INTO " + table_ + " (id, name) VALUES (?, ?)", {P(2), P("b")});
      c.Exec("INSERT INTO " + table_ + " (id, name) VALUES (?, ?)", {P(3), P("a")});  // duplicate name
      return Unit{};
    });
    FAIL() << "expected a constraint error";
  } catch (const DbError& e) {
    EXPECT_EQ(e.kind(), DbErrorKind::kConstraint);
    EXPECT_EQ(e.ToError().code, ErrorCode::kConflict);
  }
  auto count = db_->Read([&](Connection& c) { return c.QueryInt("SELECT COUNT(*) FROM " + table_); });
  EXPECT_EQ(count, 1);
}

TEST_P(DbTest, CountsChangedRowsAndReturnsIds) {
  (void)db_->Write([&](Connection& c) -> Result<Unit> {
    for (int i = 1; i <= 5; ++i) {
      auto id = c.QueryInt("INSERT INTO " + table_ + " (id, name, amount) VALUES (?, ?, ?) RETURNING id",
                           {P(i), P("n" + std::to_string(i)), P(i * 100)});
      EXPECT_EQ(id, i);
    }
    EXPECT_EQ(c.Exec("UPDATE " + table_ + " SET amount = amount + 1 WHERE amount >= ?", {P(300)}), 3);
    return Unit{};
  });
}

TEST_P(DbTest, BulkLoadsRowsWithAwkwardText) {
  (void)db_->Write([&](Connection& c) -> Result<Unit> {
    auto bulk = c.Bulk(table_, {"id", "name", "amount", "note"});
    for (int i = 0; i < 10000; ++i) {
      std::string name = "row\t" + std::to_string(i) + "\\\n";
      bulk->Add({P(i), P(name), P(i), i % 2 ? P(nullptr) : P("é")});
    }
    bulk->Finish();
    return Unit{};
  });
  db_->Read([&](Connection& c) {
    EXPECT_EQ(c.QueryInt("SELECT COUNT(*) FROM " + table_), 10000);
    c.Query("SELECT name, note FROM " + table_ + " WHERE id = ?", {P(42)}, [](const Row& r) {
      EXPECT_EQ(r.Text(0), "row\t42\\\n");
      EXPECT_EQ(r.Text(1), "é");
    });
    return 0;
  });
}

TEST_P(DbTest, ReadersRunInParallelWithTheWriter) {
  (void)db_->Write([&](Connection& c) -> Result<Unit> {
    c.Exec("INSERT INTO " + table_ + " (id, name, amount) VALUES (1, 'x', 0)");
    return Unit{};
  });
  std::vector<std::thread> threads;
  std::atomic<int> reads{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 50; ++i) {
        db_->Read([&](Connection& c) { return c.QueryInt("SELECT amount FROM " + table_ + " WHERE id = 1"); });
        ++reads;
      }
    });
  }
  for (int i = 0; i < 50; ++i) {
    (void)db_->Write([&](Connection& c) -> Result<Unit> {
      c.Exec("UPDATE " + table_ + " SET amount = amount + 1 WHERE id = 1");
      return Unit{};
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(reads.load(), 200);
  EXPECT_EQ(db_->Read([&](Connection& c) { return c.QueryInt("SELECT amount FROM " + table_); }), 50);
  EXPECT_EQ(db_->Stats().in_use, 0);
}

// TryAcquireReader lends an idle reader, or opens one while the pool is not full (a cold pool has
// opened one), and otherwise answers nullptr at once: it never waits, and SQLite's writer, idle,
// is not a reader to lend.
TEST_P(DbTest, TryAcquireReaderLendsOrOpensAndNeverWaits) {
  const PoolStats cold = db_->Stats();
  EXPECT_EQ(cold.size, GetParam() == "sqlite" ? 2 : 1);  // one reader opened (and SQLite's writer)
  auto first = db_->Acquire(false);
  auto second = db_->TryAcquireReader();  // opened now, without waiting
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(db_->Stats().size, cold.size + 1);
  auto third = db_->TryAcquireReader();
  ASSERT_NE(third, nullptr);
  EXPECT_EQ(db_->Stats().size, cold.size + 2);
  // The pool (3) is full and every reader lent: nullptr, no wait counted.
  EXPECT_EQ(db_->TryAcquireReader(), nullptr);
  EXPECT_EQ(db_->Stats().in_use, 3);
  EXPECT_EQ(db_->Stats().waits, 0);
  // Each lent connection works.
  EXPECT_EQ((*second)->QueryInt("SELECT 2"), 2);
  EXPECT_EQ((*third)->QueryInt("SELECT 3"), 3);
  // One given back: lent again, nothing new opened.
  third.reset();
  auto again = db_->TryAcquireReader();
  ASSERT_NE(again, nullptr);
  EXPECT_EQ(db_->Stats().size, cold.size + 2);
  EXPECT_EQ(db_->Stats().waits, 0);
  again.reset();
  second.reset();
  first.reset();
  EXPECT_EQ(db_->Stats().in_use, 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, DbTest, ::testing::ValuesIn(Engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
// A full disk, made by capping the writer's file (PRAGMA max_page_count, per connection): the
// write fails with kDiskFull (507 for the client) and nothing of it stays; the pool then replaces
// the writer that met the error, so the next write, on a fresh connection without the cap, works.
TEST(SqliteFaultsTest, AFullDiskFailsTheWriteAndTheNextWriteGetsAFreshConnection) {
  const auto path = std::filesystem::temp_directory_path() / ("relais_full_" + std::to_string(getpid()) + ".db");
  std::filesystem::remove(path);
  {
    auto db = Database::Open("sqlite://" + path.string(), 2);
    ASSERT_TRUE(db->Write([](Connection& c) -> Result<Unit> {
      c.ExecScript("CREATE TABLE big (id INTEGER PRIMARY KEY, blob TEXT)");
      return Unit{};
    }).ok());
    {
      auto w = db->Acquire(true);
      (*w)->ExecScript("PRAGMA max_page_count = 8");
    }
    const std::string kilobytes(64 * 1024, 'x');
    try {
      (void)db->Write([&](Connection& c) -> Result<Unit> {
        c.Exec("INSERT INTO big (blob) VALUES (?)", {P(kilobytes)});
        return Unit{};
      });
      FAIL() << "the write went through a full disk";
    } catch (const DbError& e) {
      EXPECT_EQ(e.kind(), DbErrorKind::kDiskFull) << e.what();
      EXPECT_EQ(e.ToError().code, ErrorCode::kStorageFull);
    }
    auto count = [&] {
      return db->Read([](Connection& c) { return c.QueryInt("SELECT COUNT(*) FROM big").value_or(-1); });
    };
    EXPECT_EQ(count(), 0);
    ASSERT_TRUE(db->Write([&](Connection& c) -> Result<Unit> {
      c.Exec("INSERT INTO big (blob) VALUES (?)", {P(kilobytes)});
      return Unit{};
    }).ok());
    EXPECT_EQ(count(), 1);
  }
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
}

}  // namespace relais::db
