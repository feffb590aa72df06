// The audit trail on both engines: group commit of reads, sealing of the entries that changes
// append, verification of the chain (and that tampering is caught), retention purge.
#include "platform/audit/audit.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "platform/db/testing.h"

namespace relais::audit {
namespace {

using db::P;

Entry Read(int64_t org, int64_t user, int64_t household, int64_t at_ms = 0) {
  return {at_ms, org, user, "read", "household", household, "192.0.2.7"};
}

class AuditTest : public ::testing::TestWithParam<std::string> {
 protected:
  AuditTest() : test_db_(GetParam()) {}
  db::Database& db() { return test_db_.db(); }
  int64_t Count(std::string_view table = "audit_entries") {
    return db().Read([&](db::Connection& c) {
      return c.QueryInt("SELECT COUNT(*) FROM " + std::string(table)).value_or(-1);
    });
  }
  // Runs raw SQL that the triggers must refuse; true when it was refused.
  bool Refused(const std::string& sql) {
    try {
      db().Write([&](db::Connection& c) { return c.Exec(sql); });
      return false;
    } catch (const db::DbError&) {
      return true;
    }
  }
  db::TestDatabase test_db_;
};

TEST_P(AuditTest, ReadsAreDurableWhenTheirCallbackSaysSoAndTheChainVerifies) {
  Trail trail(db());
  std::atomic<int> durable{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&, t] {
      for (int i = 0; i < 50; ++i) {
        if (trail.RecordAndWait(Read(1, 10 + t, i))) ++durable;
      }
    });
  }
  for (auto& r : readers) r.join();
  EXPECT_EQ(durable.load(), 400);
  // Every acknowledged entry is in the table when its callback ran, sealed.
  EXPECT_EQ(Count(), 400);
  // Group commit: 8 threads waiting at once share transactions.
  EXPECT_LT(trail.stats().batches, 400);
  auto v = Verify(db());
  EXPECT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(v.checked, 400);
  EXPECT_EQ(v.first_seq, 1);
  EXPECT_EQ(v.last_seq, 400);
}

TEST_P(AuditTest, AChangeEntryCommitsWithItsChangeAndIsSealedAfterwards) {
  Trail trail(db(), {.seal_interval_ms = 3'600'000});  // seals only when asked below
  db().Write([](db::Connection& c) {
    AppendInTransaction(c, {0, 1, 5, "update", "household", 42, "192.0.2.8"});
    return 0;
  });
  // A change rolled back leaves no entry.
  EXPECT_THROW(db().Write([](db::Connection& c) -> int {
    AppendInTransaction(c, {0, 1, 5, "update", "household", 43, "192.0.2.8"});
    throw std::runtime_error("the change failed");
  }),
               std::runtime_error);
  EXPECT_EQ(Count("audit_pending"), 1);
  EXPECT_EQ(Count(), 0);
  trail.Nudge();
  trail.Flush();
  EXPECT_EQ(Count("audit_pending"), 0);
  EXPECT_EQ(Count(), 1);
  EXPECT_EQ(trail.stats().sealed, 1);
  ASSERT_TRUE(trail.RecordAndWait(Read(1, 5, 42)));
  auto v = Verify(db());
  EXPECT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(v.checked, 2);
  auto listed = db().Read([](db::Connection& c) { return List(c, {.organisation_id = 1, .record_id = 42}); });
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].operation, "read");  // newest first
  EXPECT_EQ(listed[1].operation, "update");
  EXPECT_EQ(listed[1].remote_ip, "192.0.2.8");
}

TEST_P(AuditTest, TheTriggersRefuseToChangeOrDeleteASealedEntry) {
  Trail trail(db());
  ASSERT_TRUE(trail.RecordAndWait(Read(1, 5, 42)));
  EXPECT_TRUE(Refused("UPDATE audit_entries SET user_id = 6"));
  EXPECT_TRUE(Refused("UPDATE audit_entries SET hash = 'x'"));
  EXPECT_TRUE(Refused("DELETE FROM audit_entries"));
  EXPECT_EQ(Count(), 1);
}

TEST_P(AuditTest, VerifyFindsTheFirstTamperedEntry) {
  Trail trail(db());
  for (int i = 1; i <= 5; ++i) ASSERT_TRUE(trail.RecordAndWait(Read(1, 5, i)));
  ASSERT_TRUE(Verify(db()).ok());
  // Someone with write access to the database files drops the guard and edits entry 3.
  db().Write([&](db::Connection& c) {
    if (GetParam() == "sqlite") {
      c.ExecScript("DROP TRIGGER audit_entries_append_only");
    } else {
      c.ExecScript("DROP TRIGGER audit_entries_guard ON audit_entries");
    }
    c.Exec("UPDATE audit_entries SET user_id = 99 WHERE seq = 3");
    return 0;
  });
  auto v = Verify(db());
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(*v.broken_seq, 3);
  EXPECT_EQ(v.checked, 2);
  EXPECT_NE(v.reason.find("hash"), std::string::npos) << v.reason;
}

TEST_P(AuditTest, VerifyFindsADeletedEntryAndACutEnd) {
  Trail trail(db());
  for (int i = 1; i <= 5; ++i) ASSERT_TRUE(trail.RecordAndWait(Read(1, 5, i)));
  db().Write([&](db::Connection& c) {
    if (GetParam() == "sqlite") {
      c.ExecScript("DROP TRIGGER audit_entries_purge_only");
    } else {
      c.ExecScript("DROP TRIGGER audit_entries_guard ON audit_entries");
    }
    c.Exec("DELETE FROM audit_entries WHERE seq = 5");
    return 0;
  });
  auto cut = Verify(db());
  ASSERT_FALSE(cut.ok());
  EXPECT_EQ(*cut.broken_seq, 5);
  db().Write([](db::Connection& c) { return c.Exec("DELETE FROM audit_entries WHERE seq = 2"); });
  auto gap = Verify(db());
  ASSERT_FALSE(gap.ok());
  EXPECT_EQ(*gap.broken_seq, 2);
}

TEST_P(AuditTest, PurgeDeletesTheOldStartOfTheChainWhichStillVerifies) {
  Trail trail(db());
  // Three entries of last year, then two of today.
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(trail.RecordAndWait(Read(1, 5, i, 1'000'000 + i)));
  for (int i = 4; i <= 5; ++i) ASSERT_TRUE(trail.RecordAndWait(Read(1, 5, i)));
  EXPECT_EQ(Purge(db(), 2'000'000), 3);
  EXPECT_EQ(Count(), 2);
  auto v = Verify(db());
  EXPECT_TRUE(v.ok()) << v.reason;
  EXPECT_EQ(v.first_seq, 4);
  EXPECT_EQ(v.checked, 2);
  // Nothing older is left: a second purge deletes nothing; newer entries are never purged.
  EXPECT_EQ(Purge(db(), 2'000'000), 0);
  EXPECT_TRUE(Refused("DELETE FROM audit_entries WHERE seq = 4"));
}

TEST_P(AuditTest, AFailedBatchAcknowledgesNothing) {
  Trail trail(db());
  // Every insert fails (as on a full disk): the writer says so to the waiting read.
  db().Write([&](db::Connection& c) {
    if (GetParam() == "sqlite") {
      c.ExecScript("CREATE TRIGGER audit_fail BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'no space'); END");
    } else {
      c.ExecScript(
          "CREATE FUNCTION audit_fail() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'no space'; END $$;"
          "CREATE TRIGGER audit_fail BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_fail()");
    }
    return 0;
  });
  EXPECT_FALSE(trail.RecordAndWait(Read(1, 5, 1)));
  EXPECT_EQ(trail.stats().failures, 1);
  db().Write([&](db::Connection& c) {
    c.ExecScript(GetParam() == "sqlite" ? "DROP TRIGGER audit_fail" : "DROP TRIGGER audit_fail ON audit_entries");
    return 0;
  });
  // And it recovers by itself once it can write again.
  EXPECT_TRUE(trail.RecordAndWait(Read(1, 5, 2)));
  EXPECT_EQ(Count(), 1);
  EXPECT_TRUE(Verify(db()).ok());
}

TEST(AuditHash, EveryFieldAndThePreviousHashChangeTheHash) {
  const Entry e{1700000000000, 1, 5, "read", "household", 42, "192.0.2.7"};
  const std::string prev(64, '0');
  const std::string h = HashOf(1, e, prev);
  EXPECT_EQ(h.size(), 64u);
  EXPECT_EQ(h, HashOf(1, e, prev));
  EXPECT_NE(h, HashOf(2, e, prev));
  EXPECT_NE(h, HashOf(1, e, std::string(63, '0') + "1"));
  auto changed = [&](auto mutate) {
    Entry c = e;
    mutate(c);
    return HashOf(1, c, prev) != h;
  };
  EXPECT_TRUE(changed([](Entry& c) { c.at_ms += 1; }));
  EXPECT_TRUE(changed([](Entry& c) { c.organisation_id = 2; }));
  EXPECT_TRUE(changed([](Entry& c) { c.user_id = 6; }));
  EXPECT_TRUE(changed([](Entry& c) { c.operation = "update"; }));
  EXPECT_TRUE(changed([](Entry& c) { c.record_type = "building"; }));
  EXPECT_TRUE(changed([](Entry& c) { c.record_id = 43; }));
  EXPECT_TRUE(changed([](Entry& c) { c.remote_ip = "192.0.2.8"; }));
  // Length prefixes: moving text from one field to the next changes the hash.
  EXPECT_NE(HashOf(1, {1, 1, 5, "readh", "ousehold", 42, ""}, prev), h);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuditTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::audit
