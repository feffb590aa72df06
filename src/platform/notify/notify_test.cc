// The outbox on both engines: queued in the caller's transaction, delivered once, retried with
// backoff, abandoned after max_attempts, personal data wiped after delivery or abandonment; the
// backoff; the SMS spool file.
#include "platform/notify/notify.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <nlohmann/json.hpp>

#include "platform/db/testing.h"

namespace relais::notify {
namespace {

using db::P;

TEST(Backoff, DoublesFromTheBaseUpToTheCap) {
  EXPECT_EQ(BackoffMs(0, 1000, 60'000), 0);
  EXPECT_EQ(BackoffMs(1, 1000, 60'000), 1000);
  EXPECT_EQ(BackoffMs(2, 1000, 60'000), 2000);
  EXPECT_EQ(BackoffMs(3, 1000, 60'000), 4000);
  EXPECT_EQ(BackoffMs(6, 1000, 60'000), 32'000);
  EXPECT_EQ(BackoffMs(7, 1000, 60'000), 60'000);
  EXPECT_EQ(BackoffMs(1000, 1000, 60'000), 60'000);  // no overflow
}

Message Email(std::string body = "Bonjour, votre code est 123456.") {
  return {Channel::kEmail, "locataire@example.org", "Votre code", std::move(body), {}};
}

class OutboxTest : public ::testing::TestWithParam<std::string> {
 protected:
  OutboxTest() : test_db_(GetParam()) {}
  db::Database& db() { return test_db_.db(); }
  int64_t QueueOne(const Message& m, int64_t now = 1000) {
    return db().Write([&](db::Connection& c) { return Queue(c, m, now); });
  }
  struct Row {
    std::string status, recipient, subject, body;
    int attempts;
    int64_t next;
    bool has_attachment;
  };
  Row Load(int64_t id) {
    Row row;
    db().Read([&](db::Connection& c) {
      return c.Query("SELECT status, recipient, subject, body, attempts, next_attempt_ms, attachments_json "
                     "FROM notify_outbox WHERE id = ?",
                     {P(id)}, [&](const db::Row& r) {
                       row = {r.Str(0), r.Str(1), r.Str(2), r.Str(3), static_cast<int>(r.Int(4)), r.Int(5),
                              !r.IsNull(6)};
                     });
    });
    return row;
  }
  Options Opts() {
    Options o;
    o.max_attempts = 3;
    o.retry_base_ms = 1000;
    o.retry_max_ms = 10'000;
    return o;
  }
  db::TestDatabase test_db_;
};

TEST_P(OutboxTest, AMessageQueuedInARolledBackTransactionIsNeverSent) {
  try {
    db().Write([&](db::Connection& c) -> int64_t {
      Queue(c, Email(), 1000);
      throw std::runtime_error("the change failed");
    });
  } catch (const std::runtime_error&) {
  }
  int calls = 0;
  Worker w(db(), Opts(), [&](int64_t, const Message&) { ++calls; return Delivery{true, {}}; });
  EXPECT_EQ(w.RunOnce(5000), 0);
  EXPECT_EQ(calls, 0);
}

TEST_P(OutboxTest, ASentMessageIsDeliveredOnceAndItsPersonalDataWiped) {
  Message m = Email();
  m.attachments = {Attachment{"invitation.ics", "text/calendar; charset=utf-8; method=PUBLISH", "BEGIN:VCALENDAR"},
                   Attachment{"avis.pdf", "application/pdf", std::string("%PDF\0\x01\xff", 7)}};
  const int64_t id = QueueOne(m);
  std::vector<Message> seen;
  Worker w(db(), Opts(), [&](int64_t got, const Message& msg) {
    EXPECT_EQ(got, id);
    seen.push_back(msg);
    return Delivery{true, {}};
  });
  EXPECT_EQ(w.RunOnce(1000), 1);
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0].recipient, "locataire@example.org");
  EXPECT_EQ(seen[0].body, "Bonjour, votre code est 123456.");
  ASSERT_EQ(seen[0].attachments.size(), 2u);  // both, in order
  EXPECT_EQ(seen[0].attachments[0].filename, "invitation.ics");
  EXPECT_EQ(seen[0].attachments[0].data, "BEGIN:VCALENDAR");
  EXPECT_EQ(seen[0].attachments[1].content_type, "application/pdf");
  EXPECT_EQ(seen[0].attachments[1].data, std::string("%PDF\0\x01\xff", 7));  // binary survives the outbox
  auto row = Load(id);
  EXPECT_EQ(row.status, "sent");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.recipient, "");
  EXPECT_EQ(row.subject, "");
  EXPECT_EQ(row.body, "");
  EXPECT_FALSE(row.has_attachment);
  EXPECT_EQ(w.RunOnce(999'999), 0);  // never again
  EXPECT_EQ(w.stats().sent, 1);
}

TEST_P(OutboxTest, AMessageQueuedBeforeSeveralAttachmentsStillCarriesItsOne) {
  const int64_t id = db().Write([&](db::Connection& c) {
    return c.QueryInt("INSERT INTO notify_outbox (channel, recipient, subject, body, attachment_name, attachment_type, "
                      "attachment_base64, created_ms, next_attempt_ms) VALUES ('email', 'a@example.org', 's', 'b', "
                      "'avis.pdf', 'application/pdf', ?, 1, 1) RETURNING id",
                      {P(Base64("%PDF-1.4"))}).value_or(0);
  });
  std::vector<Message> seen;
  Worker w(db(), Opts(), [&](int64_t, const Message& msg) {
    seen.push_back(msg);
    return Delivery{true, {}};
  });
  EXPECT_EQ(w.RunOnce(1000), 1);
  ASSERT_EQ(seen.size(), 1u);
  ASSERT_EQ(seen[0].attachments.size(), 1u);
  EXPECT_EQ(seen[0].attachments[0].data, "%PDF-1.4");
  std::vector<std::pair<int64_t, OutboxStatus>> status;
  db().Read([&](db::Connection& c) {
    status = StatusOf(c, {id, id + 1000});
    return 0;
  });
  ASSERT_EQ(status.size(), 1u);  // the unknown id is absent
  EXPECT_EQ(status[0].second.status, "sent");
  EXPECT_EQ(status[0].second.attempts, 1);
  EXPECT_EQ(status[0].second.done_ms, 1000);
}

TEST_P(OutboxTest, AFailedMessageIsRetriedWithBackoffThenAbandonedAndWiped) {
  const int64_t id = QueueOne(Email());
  int calls = 0;
  Worker w(db(), Opts(), [&](int64_t, const Message&) { ++calls; return Delivery{false, "smtp: timeout"}; });
  EXPECT_EQ(w.RunOnce(1000), 1);
  auto row = Load(id);
  EXPECT_EQ(row.status, "pending");
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next, 2000);              // 1 s after the first failure
  EXPECT_EQ(row.body, Email().body);      // kept for the retry
  EXPECT_EQ(w.RunOnce(1999), 0);          // not due yet
  EXPECT_EQ(w.RunOnce(2000), 1);
  EXPECT_EQ(Load(id).next, 4000);         // 2 s after the second
  EXPECT_EQ(w.RunOnce(4000), 1);          // third and last attempt
  row = Load(id);
  EXPECT_EQ(row.status, "abandoned");
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(row.recipient, "");
  EXPECT_EQ(row.body, "");
  EXPECT_EQ(w.RunOnce(999'999), 0);
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(w.stats().abandoned, 1);
  EXPECT_EQ(w.stats().failed_attempts, 3);
}

TEST_P(OutboxTest, PurgeDeletesOnlyFinishedRowsDoneBeforeTheDate) {
  const int64_t sent = QueueOne(Email());
  const int64_t pending = QueueOne(Email(), 10'000);
  Worker w(db(), Opts(), [&](int64_t id, const Message&) { return Delivery{id == sent, "x"}; });
  w.RunOnce(1000);
  EXPECT_EQ(w.Purge(1000), 0);  // done at 1000: not before
  EXPECT_EQ(w.Purge(1001), 1);
  EXPECT_EQ(Load(sent).status, "");
  EXPECT_EQ(Load(pending).status, "pending");
}

TEST_P(OutboxTest, AMessageThatSucceedsOnRetryIsSent) {
  const int64_t id = QueueOne(Email());
  int calls = 0;
  Worker w(db(), Opts(), [&](int64_t, const Message&) { return Delivery{++calls > 1, "smtp: refused"}; });
  w.RunOnce(1000);
  w.RunOnce(2000);
  EXPECT_EQ(Load(id).status, "sent");
  EXPECT_EQ(Load(id).attempts, 2);
}

TEST_P(OutboxTest, TheThreadDeliversWhenWoken) {
  Options o = Opts();
  o.poll_ms = 60'000;
  std::atomic<int> calls{0};
  Worker w(db(), o, [&](int64_t, const Message&) { ++calls; return Delivery{true, {}}; });
  w.Start();
  QueueOne(Email(), NowMs());
  w.Wake();
  for (int i = 0; i < 200 && calls.load() == 0; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  w.Stop();
  EXPECT_EQ(calls.load(), 1);
}

TEST_P(OutboxTest, AnUnconfiguredChannelFailsWithoutPersonalDataInTheError) {
  const int64_t id = QueueOne({Channel::kSms, "0612345642", "", "Votre code : 123456", {}});
  Worker w(db(), Opts());  // the real transports, nothing configured
  w.RunOnce(1000);
  std::string error;
  db().Read([&](db::Connection& c) {
    return c.Query("SELECT last_error FROM notify_outbox WHERE id = ?", {P(id)},
                   [&](const db::Row& r) { error = r.Str(0); });
  });
  EXPECT_NE(error.find("notify.sms_spool_dir"), std::string::npos);
  EXPECT_EQ(error.find("0612345642"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Engines, OutboxTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(SmsSpool, WritesOneJsonFilePerMessage) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("relais-sms-test-" + std::to_string(NowMs()));
  fs::create_directories(dir);
  Options o;
  o.sms_spool_dir = dir.string();
  auto d = WriteSms(o, 42, {Channel::kSms, "+33612345642", "", "Votre code : 123456", {}});
  ASSERT_TRUE(d.ok) << d.error;
  std::ifstream in(dir / "relais-sms-42.json");
  auto j = nlohmann::json::parse(in);
  EXPECT_EQ(j["id"], 42);
  EXPECT_EQ(j["to"], "+33612345642");
  EXPECT_EQ(j["text"], "Votre code : 123456");
  int files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  EXPECT_EQ(files, 1);  // no temporary left behind
  fs::remove_all(dir);
}

TEST(SmsSpool, AMissingDirectoryIsAFailedAttempt) {
  Options o;
  o.sms_spool_dir = "/nonexistent/relais-spool";
  EXPECT_FALSE(WriteSms(o, 1, {Channel::kSms, "+33612345642", "", "x", {}}).ok);
}

TEST(Queue, RefusesALineBreakInTheRecipient) {
  db::TestDatabase t("sqlite");
  EXPECT_THROW(t.db().Write([&](db::Connection& c) {
    return Queue(c, {Channel::kEmail, "a@b.c\r\nBcc: x@y.z", "s", "b", {}}, 1);
  }), std::invalid_argument);
}

}  // namespace
}  // namespace relais::notify
