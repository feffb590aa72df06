#include "platform/notify/notify.h"

#include <chrono>
#include <stdexcept>

#include <sodium.h>

#include <nlohmann/json.hpp>

#include "platform/log/log.h"

namespace relais::notify {
namespace {

using db::P;

}  // namespace

std::string Base64(std::string_view raw) {
  if (raw.empty()) return {};
  std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()), raw.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

namespace {

std::string Unbase64(std::string_view b64) {
  std::string out(b64.size(), '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr,
                        &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    throw std::runtime_error("notify: attachment is not valid base64");
  }
  out.resize(len);
  return out;
}

bool HasLineBreak(std::string_view s) { return s.find_first_of("\r\n") != std::string_view::npos; }

// The columns a sent or abandoned message keeps: none of them personal.
constexpr const char* kWipe =
    "recipient = '', subject = '', body = '', attachment_name = NULL, attachment_type = NULL, "
    "attachment_base64 = NULL, attachments_json = NULL";

// Attachments are stored as one JSON array [{name, type, base64}] (migration 0045); rows queued
// before it may still carry the single attachment_* columns, read as a one-element list.
std::string AttachmentsJson(const std::vector<Attachment>& list) {
  auto a = nlohmann::json::array();
  for (const auto& at : list) a.push_back({{"name", at.filename}, {"type", at.content_type}, {"base64", Base64(at.data)}});
  return a.dump();
}

}  // namespace

std::string_view NameOf(Channel c) { return c == Channel::kEmail ? "email" : "sms"; }

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t Queue(db::Connection& c, const Message& m) { return Queue(c, m, NowMs()); }

int64_t Queue(db::Connection& c, const Message& m, int64_t now_ms) {
  // Callers validate addresses; a line break here would be a header injection, so it is a bug.
  if (m.recipient.empty() || HasLineBreak(m.recipient) || HasLineBreak(m.subject)) {
    throw std::invalid_argument("notify::Queue: empty recipient or line break in recipient or subject");
  }
  const bool att = !m.attachments.empty();
  auto id = c.QueryInt(
      "INSERT INTO notify_outbox (channel, recipient, subject, body, attachments_json, created_ms, "
      "next_attempt_ms) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {P(NameOf(m.channel)), P(m.recipient), P(m.subject), P(m.body),
       att ? P(AttachmentsJson(m.attachments)) : P(nullptr), P(now_ms), P(now_ms)});
  return id.value_or(0);
}

int64_t BackoffMs(int attempts, int64_t base_ms, int64_t max_ms) {
  if (attempts < 1) return 0;
  int64_t d = base_ms;
  for (int i = 1; i < attempts && d < max_ms; ++i) d *= 2;
  return d < max_ms ? d : max_ms;
}

Worker::Worker(db::Database& db, Options options, Deliver deliver)
    : db_(db), options_(std::move(options)), deliver_(std::move(deliver)) {
  if (!deliver_) {
    deliver_ = [this](int64_t id, const Message& m) {
      if (m.channel == Channel::kEmail) return SendEmail(options_, id, m);
      return options_.sms_gateway_url.empty() ? WriteSms(options_, id, m) : PostSms(options_, id, m);
    };
  }
}

Worker::~Worker() { Stop(); }

void Worker::Start() {
  if (thread_.joinable()) return;
  thread_ = std::thread([this] { Loop(); });
}

void Worker::Stop() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void Worker::Wake() {
  {
    std::lock_guard lock(mu_);
    wake_ = true;
  }
  cv_.notify_all();
}

int64_t AbandonPending(db::Connection& c, const std::vector<int64_t>& ids) {
  int64_t n = 0;
  const int64_t now = NowMs();
  for (int64_t id : ids) {
    n += c.Exec(std::string("UPDATE notify_outbox SET status = 'abandoned', done_ms = ?, last_error = 'anonymisé', ") +
                    kWipe + " WHERE id = ? AND status = 'pending'",
                {P(now), P(id)});
  }
  return n;
}

int64_t AbandonPendingTo(db::Connection& c, const std::vector<std::string>& recipients) {
  int64_t n = 0;
  const int64_t now = NowMs();
  for (const auto& r : recipients) {
    if (r.empty()) continue;
    // The pending messages are few (the worker's index): the recipient is compared on those only.
    n += c.Exec(std::string("UPDATE notify_outbox SET status = 'abandoned', done_ms = ?, last_error = 'anonymisé', ") +
                    kWipe + " WHERE status = 'pending' AND LOWER(recipient) = LOWER(?)",
                {P(now), P(r)});
  }
  return n;
}

int64_t Worker::Purge(int64_t before_ms) {
  return db_.Write([&](db::Connection& c) {
    return c.Exec("DELETE FROM notify_outbox WHERE status IN ('sent', 'abandoned') AND done_ms < ?", {P(before_ms)});
  });
}

void Worker::Loop() {
  constexpr int64_t kHour = 3600'000, kKeepMs = 30 * 24 * kHour;
  int64_t last_purge = 0;
  for (;;) {
    try {
      if (const int64_t now = NowMs(); now - last_purge > kHour) {
        last_purge = now;
        Purge(now - kKeepMs);
      }
      // A full batch means more may be due: go again at once.
      while (RunOnce(NowMs()) == 50) {
        std::lock_guard lock(mu_);
        if (stop_) return;
      }
    } catch (const std::exception& e) {
      log::Error("notify: delivery round failed", {{"error", e.what()}});
    }
    std::unique_lock lock(mu_);
    cv_.wait_for(lock, std::chrono::milliseconds(options_.poll_ms), [this] { return stop_ || wake_; });
    if (stop_) return;
    wake_ = false;
  }
}

std::vector<std::pair<int64_t, OutboxStatus>> StatusOf(db::Connection& c, const std::vector<int64_t>& ids) {
  std::vector<std::pair<int64_t, OutboxStatus>> out;
  for (int64_t id : ids) {
    c.Query("SELECT status, attempts, last_error, done_ms FROM notify_outbox WHERE id = ?", {P(id)},
            [&](const db::Row& r) {
              out.push_back({id, {r.Str(0), static_cast<int>(r.Int(1)), r.OptStr(2).value_or(""),
                                  r.IsNull(3) ? 0 : r.Int(3)}});
            });
  }
  return out;
}

int Worker::RunOnce(int64_t now_ms, int limit) {
  struct Due {
    int64_t id;
    int attempts;
    Message m;
  };
  std::vector<Due> due;
  db_.Read([&](db::Connection& c) {
    c.Query(
        "SELECT id, channel, recipient, subject, body, attachment_name, attachment_type, attachment_base64, "
        "attempts, attachments_json FROM notify_outbox WHERE status = 'pending' AND next_attempt_ms <= ? "
        "ORDER BY next_attempt_ms, id LIMIT ?",
        {P(now_ms), P(limit)}, [&](const db::Row& r) {
          Due d{r.Int(0), static_cast<int>(r.Int(8)), {}};
          d.m.channel = r.Text(1) == "sms" ? Channel::kSms : Channel::kEmail;
          d.m.recipient = r.Str(2);
          d.m.subject = r.Str(3);
          d.m.body = r.Str(4);
          if (!r.IsNull(5)) d.m.attachments.push_back(Attachment{r.Str(5), r.Str(6), Unbase64(r.Text(7))});
          if (!r.IsNull(9)) {
            for (const auto& a : nlohmann::json::parse(r.Str(9))) {
              d.m.attachments.push_back(Attachment{a.at("name").get<std::string>(), a.at("type").get<std::string>(),
                                                   Unbase64(a.at("base64").get<std::string>())});
            }
          }
          due.push_back(std::move(d));
        });
    return 0;
  });
  for (auto& d : due) {
    Delivery result;
    try {
      result = deliver_(d.id, d.m);
    } catch (const std::exception& e) {
      result = {false, e.what()};
    }
    const int attempts = d.attempts + 1;
    const std::string channel(NameOf(d.m.channel));
    if (result.ok) {
      db_.Write([&](db::Connection& c) {
        return c.Exec(std::string("UPDATE notify_outbox SET status = 'sent', attempts = ?, done_ms = ?, "
                                  "last_error = NULL, ") + kWipe + " WHERE id = ?",
                      {P(attempts), P(now_ms), P(d.id)});
      });
      ++sent_;
      log::Info("notify: sent", {{"id", d.id}, {"channel", channel}, {"attempts", attempts}});
    } else if (attempts >= options_.max_attempts) {
      db_.Write([&](db::Connection& c) {
        return c.Exec(std::string("UPDATE notify_outbox SET status = 'abandoned', attempts = ?, done_ms = ?, "
                                  "last_error = ?, ") + kWipe + " WHERE id = ?",
                      {P(attempts), P(now_ms), P(result.error), P(d.id)});
      });
      ++failed_;
      ++abandoned_;
      log::Error("notify: abandoned",
                 {{"id", d.id}, {"channel", channel}, {"attempts", attempts}, {"error", result.error}});
    } else {
      const int64_t next = now_ms + BackoffMs(attempts, options_.retry_base_ms, options_.retry_max_ms);
      db_.Write([&](db::Connection& c) {
        return c.Exec("UPDATE notify_outbox SET attempts = ?, next_attempt_ms = ?, last_error = ? WHERE id = ?",
                      {P(attempts), P(next), P(result.error), P(d.id)});
      });
      ++failed_;
      log::Warn("notify: attempt failed, will retry",
                {{"id", d.id}, {"channel", channel}, {"attempts", attempts}, {"error", result.error},
                 {"next_attempt_ms", next}});
    }
  }
  return static_cast<int>(due.size());
}

std::string Worker::MetricsText() const {
  const auto s = stats();
  return "# HELP relais_notify_sent_total Notifications (e-mail, SMS) delivered.\n"
         "# TYPE relais_notify_sent_total counter\nrelais_notify_sent_total " + std::to_string(s.sent) +
         "\n# HELP relais_notify_failed_attempts_total Delivery attempts that failed (retried or abandoned).\n"
         "# TYPE relais_notify_failed_attempts_total counter\nrelais_notify_failed_attempts_total " +
         std::to_string(s.failed_attempts) +
         "\n# HELP relais_notify_abandoned_total Notifications abandoned after notify.max_attempts.\n"
         "# TYPE relais_notify_abandoned_total counter\nrelais_notify_abandoned_total " + std::to_string(s.abandoned) +
         "\n";
}

}  // namespace relais::notify
