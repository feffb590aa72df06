// Backup and restore on both engines (SQLite: a temporary file; PostgreSQL: the server that the
// test harness starts, RELAIS_TEST_PG_URL, and the real pg_dump / pg_restore).
// The main test writes from several threads while a backup runs, restores the backup into a new
// database and checks that it holds exactly a prefix of the commits: every write acknowledged
// before the backup began, none begun after its snapshot, no gap, nothing half-written.
#include "platform/db/backup.h"

#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <thread>

#include "platform/db/backup_internal.h"
#include "platform/db/migrate.h"
#include "platform/db/testing.h"

namespace relais::db {
namespace {
namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr int kWriters = 4;
constexpr int kItemsPerWrite = 5;

// A folder of its own for the backup files of one test.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("relais_backup_test_" + std::to_string(getpid()) + "_" + std::to_string(++counter));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  fs::path operator/(const std::string& name) const { return path_ / name; }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

// The probe tables: one write = the global counter bumped + one probe_writes row + its items, in
// one transaction. The counter row serialises the writes, so gseq is the commit order.
void CreateProbe(Database& db) {
  auto lease = db.Acquire(true);
  (*lease)->ExecScript(
      "CREATE TABLE probe_counter (id BIGINT PRIMARY KEY, n BIGINT NOT NULL);"
      "INSERT INTO probe_counter (id, n) VALUES (1, 0);"
      "CREATE TABLE probe_writes (gseq BIGINT PRIMARY KEY, writer INTEGER NOT NULL, seq BIGINT NOT NULL,"
      "  checksum BIGINT NOT NULL, UNIQUE (writer, seq));"
      "CREATE TABLE probe_items (gseq BIGINT NOT NULL REFERENCES probe_writes (gseq), k INTEGER NOT NULL,"
      "  value BIGINT NOT NULL, PRIMARY KEY (gseq, k));"
      "CREATE TABLE probe_padding (id BIGINT PRIMARY KEY, data TEXT NOT NULL);");
}

// Some megabytes, so that the SQLite copy takes many steps while the writers go on.
void Pad(Database& db, int rows) {
  (void)db.Write([&](Connection& c) -> Result<Unit> {
    auto bulk = c.Bulk("probe_padding", {"id", "data"});
    for (int i = 0; i < rows; ++i) bulk->Add({P(i), P(std::string(1000, static_cast<char>('a' + i % 26)))});
    bulk->Finish();
    return Unit{};
  });
}

// The newest migration this binary carries: the schema of a database it has migrated.
std::string LatestMigration() {
  std::string latest;
  for (const auto& m : EmbeddedMigrations()) {
    std::string file = m.file;
    latest = std::max(latest, file.substr(0, file.find('.')));
  }
  return latest;
}

int64_t ItemValue(int writer, int64_t seq, int k) { return writer * 1'000'000'000LL + seq * 10 + k; }

struct Ack {
  int64_t seq;
  int64_t gseq;
  bool began_after_snapshot;  // the write started after the backup's snapshot was fixed
};

// Writer threads that record a write only once its commit has returned.
class Writers {
 public:
  explicit Writers(Database& db) : db_(db) {
    for (int w = 0; w < kWriters; ++w) threads_.emplace_back([this, w] { Run(w); });
  }
  ~Writers() { Stop(); }

  void Stop() {
    stop_ = true;
    for (auto& t : threads_) {
      if (t.joinable()) t.join();
    }
  }
  int64_t total() const { return total_.load(); }
  int64_t acked(int w) const { return acked_[w].load(); }
  void MarkSnapshot() { snapshot_ = true; }
  // Waits until `n` more writes than now are acknowledged; false after the timeout (the writers
  // are blocked or failing).
  bool WaitForMore(int64_t n, std::chrono::seconds timeout = 60s) {
    const int64_t goal = total() + n;
    std::unique_lock lock(mu_);
    return cv_.wait_for(lock, timeout, [&] { return total_.load() >= goal || !error_.empty(); }) && error_.empty();
  }
  const std::vector<Ack>& log(int w) const { return log_[w]; }
  std::string error() const {
    std::lock_guard lock(mu_);
    return error_;
  }

 private:
  void Run(int w) {
    for (int64_t seq = 1; !stop_; ++seq) {
      const bool after = snapshot_.load();
      try {
        auto gseq = db_.Write([&](Connection& c) -> Result<int64_t> {
          auto n = c.QueryInt("UPDATE probe_counter SET n = n + 1 WHERE id = 1 RETURNING n");
          int64_t sum = 0;
          for (int k = 0; k < kItemsPerWrite; ++k) sum += ItemValue(w, seq, k);
          c.Exec("INSERT INTO probe_writes (gseq, writer, seq, checksum) VALUES (?, ?, ?, ?)",
                 {P(*n), P(w), P(seq), P(sum)});
          for (int k = 0; k < kItemsPerWrite; ++k) {
            c.Exec("INSERT INTO probe_items (gseq, k, value) VALUES (?, ?, ?)", {P(*n), P(k), P(ItemValue(w, seq, k))});
          }
          return *n;
        });
        if (!gseq.ok()) throw std::runtime_error(gseq.error().message);
        // Acknowledged: only now is the write recorded.
        log_[w].push_back({seq, *gseq, after});
        acked_[w].store(seq);
        ++total_;
      } catch (const std::exception& e) {
        std::lock_guard lock(mu_);
        error_ = "writer " + std::to_string(w) + ": " + e.what();
        cv_.notify_all();
        return;
      }
      cv_.notify_all();
    }
  }

  Database& db_;
  std::vector<std::thread> threads_;
  std::atomic<bool> stop_{false}, snapshot_{false};
  std::atomic<int64_t> total_{0};
  std::atomic<int64_t> acked_[kWriters] = {};
  std::vector<Ack> log_[kWriters];
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::string error_;
};

class BackupTest : public ::testing::TestWithParam<std::string> {};

TEST_P(BackupTest, RestoreHoldsExactlyAPrefixOfTheCommitsWhileWritersRun) {
  TestDatabase source(GetParam());
  CreateProbe(source.db());
  Pad(source.db(), 3000);
  TempDir dir;

  Writers writers(source.db());
  ASSERT_TRUE(writers.WaitForMore(30)) << writers.error();

  // "Before the backup began": what each writer had acknowledged at this instant.
  int64_t acked_before[kWriters];
  for (int w = 0; w < kWriters; ++w) acked_before[w] = writers.acked(w);
  const int64_t total_before = writers.total();

  BackupOptions options;
  options.pages_per_step = 50;
  std::atomic<int> steps{0};
  bool writers_ran_during_backup = true;
  options.on_snapshot = [&] {
    writers.MarkSnapshot();
    // Writes committed after the snapshot: they must not be in the backup.
    writers_ran_during_backup = writers.WaitForMore(10) && writers_ran_during_backup;
  };
  options.on_progress = [&](int64_t done, int64_t total) {
    // Between copy steps the writers must go on committing: the backup does not block them.
    if (++steps % 5 == 1) writers_ran_during_backup = writers.WaitForMore(3) && writers_ran_during_backup;
  };
  auto report = Backup(source.url(), (dir / "backup").string(), options);
  const int64_t total_after = writers.total();
  ASSERT_TRUE(writers.WaitForMore(5)) << writers.error();  // and still after it
  writers.Stop();
  ASSERT_TRUE(report.ok()) << report.error().message;
  ASSERT_EQ(writers.error(), "");
  std::cout << "writes acknowledged: " << total_before << " before the backup, " << total_after - total_before
            << " during it (" << steps.load() << " copy steps), " << writers.total() - total_after << " after\n";
  EXPECT_TRUE(writers_ran_during_backup) << "the writers stalled while the backup ran";
  EXPECT_GE(total_after - total_before, 10);
  if (GetParam() == "sqlite") {
    EXPECT_GT(steps.load(), 5) << "the copy should take several steps";
  }
  EXPECT_EQ(report->path, (dir / "backup").string());
  EXPECT_GT(report->bytes, GetParam() == "sqlite" ? 3'000'000u : 10'000u);
  EXPECT_EQ(report->schema_version, LatestMigration());

  TestDatabase target(GetParam(), /*migrate=*/false);
  auto restored = Restore(report->path, target.url());
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_TRUE(restored->migrations.empty());
  EXPECT_EQ(restored->schema_version, report->schema_version);

  auto db = Database::Open(target.url(), 1);
  auto lease = db->Acquire(false);
  Connection& c = **lease;
  // (writer, seq) -> gseq, and the items of each write.
  std::map<std::pair<int, int64_t>, int64_t> present;
  std::vector<int64_t> gseqs;
  c.Query("SELECT writer, seq, gseq, checksum FROM probe_writes ORDER BY gseq", {}, [&](const Row& r) {
    present[{static_cast<int>(r.Int(0)), r.Int(1)}] = r.Int(2);
    gseqs.push_back(r.Int(2));
    int64_t sum = 0;
    for (int k = 0; k < kItemsPerWrite; ++k) sum += ItemValue(static_cast<int>(r.Int(0)), r.Int(1), k);
    EXPECT_EQ(r.Int(3), sum) << "write " << r.Int(2) << " has a wrong checksum";
  });
  ASSERT_FALSE(gseqs.empty());
  // A prefix of the commit order: 1..G without a gap, and the counter says G.
  for (size_t i = 0; i < gseqs.size(); ++i) ASSERT_EQ(gseqs[i], static_cast<int64_t>(i + 1)) << "gap in the commits";
  const auto g = static_cast<int64_t>(gseqs.size());
  std::cout << "restored: the first " << g << " commits; " << total_before << " had been acknowledged before the "
            << "backup began\n";
  EXPECT_EQ(c.QueryInt("SELECT n FROM probe_counter WHERE id = 1"), g);
  EXPECT_GE(g, total_before);
  // Nothing half-written: every write has all its items, with the right values, and no more.
  EXPECT_EQ(c.QueryInt("SELECT COUNT(*) FROM probe_items"), g * kItemsPerWrite);
  int64_t wrong_items = 0;
  c.Query("SELECT w.writer, w.seq, i.k, i.value FROM probe_items i JOIN probe_writes w ON w.gseq = i.gseq", {},
          [&](const Row& r) {
            if (r.Int(3) != ItemValue(static_cast<int>(r.Int(0)), r.Int(1), static_cast<int>(r.Int(2)))) ++wrong_items;
          });
  EXPECT_EQ(wrong_items, 0);
  EXPECT_EQ(c.QueryInt("SELECT COUNT(*) FROM probe_padding"), 3000);

  for (int w = 0; w < kWriters; ++w) {
    int64_t last_present = 0;
    for (const Ack& a : writers.log(w)) {
      auto it = present.find({w, a.seq});
      if (a.seq <= acked_before[w]) {
        ASSERT_TRUE(it != present.end()) << "write " << w << "/" << a.seq << " was acknowledged before the backup began "
                                     << "and is missing";
      }
      if (a.began_after_snapshot) {
        EXPECT_TRUE(it == present.end()) << "write " << w << "/" << a.seq << " began after the snapshot and is present";
      }
      if (it != present.end()) {
        EXPECT_EQ(it->second, a.gseq);
        EXPECT_EQ(a.seq, last_present + 1) << "writer " << w << ": its writes in the backup are not a prefix";
        last_present = a.seq;
      }
    }
    // Every write in the backup was acknowledged to its writer (none that failed or never ran).
    int64_t in_backup = 0;
    for (const auto& [key, gseq] : present) in_backup += key.first == w;
    EXPECT_EQ(in_backup, last_present);
  }

  // The engine's own integrity checks, asked directly.
  if (GetParam() == "sqlite") {
    std::vector<std::string> integrity, fk;
    c.Query("PRAGMA integrity_check", {}, [&](const Row& r) { integrity.push_back(r.Str(0)); });
    c.Query("PRAGMA foreign_key_check", {}, [&](const Row& r) { fk.push_back(r.Str(0)); });
    EXPECT_EQ(integrity, std::vector<std::string>{"ok"});
    EXPECT_TRUE(fk.empty());
  } else {
    EXPECT_EQ(c.QueryInt("SELECT COUNT(*) FROM pg_constraint WHERE NOT convalidated"), 0);
    EXPECT_EQ(c.QueryInt("SELECT COUNT(*) FROM pg_constraint WHERE conrelid = 'probe_items'::regclass "
                         "AND contype = 'f'"), 1);
    EXPECT_EQ(c.QueryInt("SELECT COUNT(*) FROM probe_items i LEFT JOIN probe_writes w ON w.gseq = i.gseq "
                         "WHERE w.gseq IS NULL"), 0);
  }
  EXPECT_TRUE(CheckIntegrity(c).empty());
}

// A source database with the probe tables and a few writes, and its backup.
struct SmallBackup {
  explicit SmallBackup(const std::string& engine) : source(engine) {
    CreateProbe(source.db());
    (void)source.db().Write([](Connection& c) -> Result<Unit> {
      c.Exec("INSERT INTO probe_writes (gseq, writer, seq, checksum) VALUES (1, 0, 1, 0)");
      c.Exec("INSERT INTO probe_items (gseq, k, value) VALUES (1, 0, 42)");
      return Unit{};
    });
    auto r = Backup(source.url(), (dir / "small").string());
    if (!r.ok()) throw std::runtime_error(r.error().message);
    path = r->path;
  }
  TestDatabase source;
  TempDir dir;
  std::string path;
};

int64_t Count(const std::string& url, const std::string& sql) {
  auto db = Database::Open(url, 1);
  return db->Read([&](Connection& c) { return c.QueryInt(sql).value_or(-1); });
}

TEST_P(BackupTest, RestoreRefusesADatabaseThatHoldsDataUnlessForced) {
  SmallBackup backup(GetParam());
  TestDatabase target(GetParam());  // migrated: it has tables
  (void)target.db().Write([](Connection& c) -> Result<Unit> {
    c.Exec("INSERT INTO organisations (name, siren, created_at) VALUES ('Garder', '123456789', 0)");
    return Unit{};
  });
  auto refused = Restore(backup.path, target.url());
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("n'est pas vide"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("--force"), std::string::npos);
  EXPECT_EQ(Count(target.url(), "SELECT COUNT(*) FROM organisations"), 1) << "a refused restore changed the target";

  RestoreOptions force;
  force.force = true;
  auto replaced = Restore(backup.path, target.url(), force);
  ASSERT_TRUE(replaced.ok()) << replaced.error().message;
  EXPECT_EQ(Count(target.url(), "SELECT COUNT(*) FROM organisations"), 0);
  EXPECT_EQ(Count(target.url(), "SELECT value FROM probe_items WHERE gseq = 1"), 42);
}

TEST_P(BackupTest, RestoreUpgradesAnOlderBackup) {
  // A database of an older Relais: only the first migration.
  TestDatabase old(GetParam(), /*migrate=*/false);
  std::string first;
  {
    auto lease = old.db().Acquire(true);
    for (const auto& m : EmbeddedMigrations()) {
      if (std::string(m.file) == "0001_housing.sql") {
        first = "0001_housing";
        (*lease)->ExecScript(ExpandDialect(m.sql, old.db().dialect()));
      }
    }
    ASSERT_EQ(first, "0001_housing");
    (*lease)->ExecScript("CREATE TABLE schema_migrations (version TEXT PRIMARY KEY, applied_at BIGINT NOT NULL);"
                         "INSERT INTO schema_migrations VALUES ('0001_housing', 0);"
                         "INSERT INTO organisations (name, siren, created_at) VALUES ('Ancien', '987654321', 0);");
  }
  TempDir dir;
  auto backup = Backup(old.url(), (dir / "old").string());
  ASSERT_TRUE(backup.ok()) << backup.error().message;
  EXPECT_EQ(backup->schema_version, "0001_housing");

  TestDatabase target(GetParam(), /*migrate=*/false);
  auto restored = Restore(backup->path, target.url());
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->backup_schema_version, "0001_housing");
  ASSERT_FALSE(restored->migrations.empty());
  EXPECT_EQ(restored->migrations.front(), "0002_identity");
  EXPECT_EQ(restored->schema_version, LatestMigration());
  EXPECT_EQ(Count(target.url(), "SELECT COUNT(*) FROM organisations WHERE siren = '987654321'"), 1);
  EXPECT_EQ(Count(target.url(), "SELECT COUNT(*) FROM staff_users"), 0);  // created by 0002
}

TEST_P(BackupTest, BackupRefusesToOverwriteAndLeavesNothingWhenItFails) {
  SmallBackup backup(GetParam());
  // An existing file is kept unless asked.
  auto again = Backup(backup.source.url(), backup.path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("existe déjà"), std::string::npos);
  BackupOptions overwrite;
  overwrite.overwrite = true;
  EXPECT_TRUE(Backup(backup.source.url(), backup.path, overwrite).ok());

  // A database without the Relais schema is refused, and nothing is written.
  TestDatabase empty(GetParam(), /*migrate=*/false);
  auto refused = Backup(empty.url(), (backup.dir / "empty").string());
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("schema_migrations"), std::string::npos) << refused.error().message;
  for (const auto& entry : fs::directory_iterator(backup.dir.path())) {
    EXPECT_EQ(entry.path().filename(), "small") << "left behind: " << entry.path();
  }
}

TEST_P(BackupTest, ATruncatedBackupIsRefusedBeforeTheTargetIsTouched) {
  SmallBackup backup(GetParam());
  const auto size = fs::file_size(backup.path);
  fs::resize_file(backup.path, size - size / 4);
  TestDatabase target(GetParam());
  (void)target.db().Write([](Connection& c) -> Result<Unit> {
    c.Exec("INSERT INTO organisations (name, siren, created_at) VALUES ('Garder', '123456789', 0)");
    return Unit{};
  });
  RestoreOptions force;
  force.force = true;
  auto r = Restore(backup.path, target.url(), force);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error().message.find(GetParam() == "sqlite" ? "endommagée" : "tronquée"), std::string::npos)
      << r.error().message;
  EXPECT_EQ(Count(target.url(), "SELECT COUNT(*) FROM organisations"), 1) << "the target was changed";
}

TEST_P(BackupTest, BackupIntoAFolderNamesTheFileByDate) {
  TestDatabase source(GetParam());
  TempDir dir;
  auto r = Backup(source.url(), dir.path().string());
  ASSERT_TRUE(r.ok()) << r.error().message;
  const std::string name = fs::path(r->path).filename().string();
  EXPECT_TRUE(name.starts_with("relais-")) << name;
  EXPECT_TRUE(name.ends_with(GetParam() == "sqlite" ? ".db" : ".dump")) << name;
  EXPECT_EQ(fs::path(r->path).parent_path(), dir.path());
}

INSTANTIATE_TEST_SUITE_P(Engines, BackupTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(BackupAcrossEngines, ARestoreIntoTheOtherEngineIsRefused) {
  SmallBackup sqlite("sqlite");
  SmallBackup postgres("postgres");
  TestDatabase pg_target("postgres", /*migrate=*/false);
  TestDatabase sqlite_target("sqlite", /*migrate=*/false);
  auto a = Restore(sqlite.path, pg_target.url());
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("vient de SQLite"), std::string::npos) << a.error().message;
  auto b = Restore(postgres.path, sqlite_target.url());
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.error().message.find("vient de PostgreSQL"), std::string::npos) << b.error().message;
  TempDir dir;
  std::ofstream(dir / "junk") << "not a backup";
  auto c = Restore((dir / "junk").string(), sqlite_target.url());
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("n'est pas une sauvegarde"), std::string::npos) << c.error().message;
}

TEST(BackupAcrossEngines, AFileThatIsNotARelaisDatabaseIsRefusedBeforeTheTargetIsTouched) {
  TempDir dir;
  // A SQLite database of something else.
  const std::string other = (dir / "other.db").string();
  {
    auto db = Database::Open("sqlite://" + other, 1);
    auto lease = db->Acquire(true);
    (*lease)->ExecScript("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)");
  }
  const std::string target = (dir / "target.db").string();
  auto a = Restore(other, "sqlite://" + target);
  ASSERT_FALSE(a.ok());
  EXPECT_NE(a.error().message.find("n'est pas une sauvegarde Relais"), std::string::npos) << a.error().message;
  EXPECT_FALSE(fs::exists(target)) << "the target was created";

  // A pg_dump archive of something else.
  TestDatabase pg_other("postgres", /*migrate=*/false);
  {
    auto lease = pg_other.db().Acquire(true);
    (*lease)->ExecScript("CREATE TABLE notes (id BIGINT PRIMARY KEY, text TEXT)");
  }
  auto target_pg = internal::SplitPgUrl(pg_other.url());
  ASSERT_TRUE(target_pg.ok());
  std::string out;
  ASSERT_EQ(internal::RunProgram({*internal::FindPgTool("pg_dump"), "--format=custom", "--file=" + (dir / "other.dump").string(),
                                  "--dbname=" + target_pg->conninfo}, {}, out), 0) << out;
  TestDatabase pg_target("postgres", /*migrate=*/false);
  auto b = Restore((dir / "other.dump").string(), pg_target.url());
  ASSERT_FALSE(b.ok());
  EXPECT_NE(b.error().message.find("n'est pas une sauvegarde Relais"), std::string::npos) << b.error().message;
  EXPECT_EQ(Count(pg_target.url(), "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'"), 0);
}

TEST(BackupPostgresUrl, ThePasswordStaysOutOfTheCommandLine) {
  auto t = internal::SplitPgUrl("postgresql://relais:s3cr%27et@db.example:5433/relais_prod?sslmode=require");
  ASSERT_TRUE(t.ok()) << t.error().message;
  EXPECT_EQ(t->password, "s3cr'et");
  EXPECT_EQ(t->dbname, "relais_prod");
  EXPECT_EQ(t->conninfo.find("s3cr"), std::string::npos) << t->conninfo;
  EXPECT_NE(t->conninfo.find("host='db.example'"), std::string::npos) << t->conninfo;
  EXPECT_NE(t->conninfo.find("port='5433'"), std::string::npos);
  EXPECT_NE(t->conninfo.find("sslmode='require'"), std::string::npos);
  EXPECT_NE(t->conninfo.find("user='relais'"), std::string::npos);
  // Quotes and backslashes in a value are escaped for the conninfo syntax.
  auto q = internal::SplitPgUrl("postgresql://u@h/d%27b%5C");
  ASSERT_TRUE(q.ok());
  EXPECT_NE(q->conninfo.find(R"(dbname='d\'b\\')"), std::string::npos) << q->conninfo;
  EXPECT_EQ(internal::WithDbname(*q, "postgres").substr(q->conninfo.size()), " dbname='postgres'");
  EXPECT_FALSE(internal::SplitPgUrl("postgresql://h/x?nosuchoption=1").ok());

  EXPECT_EQ(RedactUrl("postgresql://relais:secret@db:5432/relais"), "postgresql://relais:***@db:5432/relais");
  EXPECT_EQ(RedactUrl("postgresql://db/relais?user=a&password=secret&sslmode=require"),
            "postgresql://db/relais?user=a&password=***&sslmode=require");
  EXPECT_EQ(RedactUrl("sqlite:///var/lib/relais/relais.db"), "sqlite:///var/lib/relais/relais.db");
}

TEST(BackupPostgresTools, FindsTheNewestPgDumpOrTheFolderGiven) {
  auto found = internal::FindPgTool("pg_dump");
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(found->starts_with("/usr/lib/postgresql/")) << *found;
  std::string out;
  EXPECT_EQ(internal::RunProgram({*found, "--version"}, {}, out), 0);
  EXPECT_NE(out.find("pg_dump (PostgreSQL)"), std::string::npos) << out;

  TempDir dir;
  ::setenv("RELAIS_PG_BIN", dir.path().c_str(), 1);
  EXPECT_FALSE(internal::FindPgTool("pg_dump").has_value()) << "a folder given must not be replaced by another";
  ::unsetenv("RELAIS_PG_BIN");

  // The child gets the extra variables, and nothing goes through a shell.
  EXPECT_EQ(internal::RunProgram({"/bin/sh", "-c", "test \"$PGPASSWORD\" = 'a b;c' && echo yes"},
                                 {"PGPASSWORD=a b;c"}, out), 0);
  EXPECT_EQ(out, "yes\n");
  EXPECT_EQ(internal::RunProgram({"/nonexistent/pg_dump"}, {}, out), -1);
}

TEST(BackupPrune, KeepsTheNewestBackupsAndNothingElseIsTouched) {
  TempDir dir;
  for (const char* name : {"relais-20260101T000000Z.db", "relais-20260102T000000Z.db", "relais-20260103T000000Z.dump",
                           "relais-20260104T000000Z.db", "notes.txt", "relais-manual.db"}) {
    std::ofstream(dir / name) << "x";
  }
  // Temporary files: of a process that is gone (deleted), and of this one, still copying (kept).
  pid_t gone = ::fork();
  if (gone == 0) ::_exit(0);
  ASSERT_GT(gone, 0);
  ::waitpid(gone, nullptr, 0);
  const std::string dead = ".relais-20260105T000000Z.db.tmp-" + std::to_string(gone);
  const std::string alive = ".relais-20260105T000000Z.db.tmp-" + std::to_string(::getpid());
  std::ofstream(dir / dead) << "x";
  std::ofstream(dir / alive) << "x";
  auto deleted = PruneBackups(dir.path().string(), 2);
  EXPECT_EQ(deleted.size(), 3u);
  EXPECT_FALSE(fs::exists(dir / dead));
  EXPECT_TRUE(fs::exists(dir / alive));
  EXPECT_TRUE(fs::exists(dir / "relais-20260104T000000Z.db"));
  EXPECT_TRUE(fs::exists(dir / "relais-20260103T000000Z.dump"));
  EXPECT_FALSE(fs::exists(dir / "relais-20260102T000000Z.db"));
  EXPECT_FALSE(fs::exists(dir / "relais-20260101T000000Z.db"));
  EXPECT_TRUE(fs::exists(dir / "notes.txt"));
  EXPECT_TRUE(fs::exists(dir / "relais-manual.db"));
  EXPECT_EQ(internal::BackupFileName(Dialect::kSqlite, 1773454500), "relais-20260314T021500Z.db");
}

}  // namespace
}  // namespace relais::db
