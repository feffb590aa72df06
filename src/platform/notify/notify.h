// platform/notify: e-mails and SMS sent to people, through an outbox. Queue() writes a message in
// the caller's transaction (so a message exists exactly when the change that causes it commits);
// the Worker, a thread started by `relais serve`, delivers it: e-mail over SMTP (libcurl), SMS by an
// HTTP POST to the landlord's SMS gateway (notify.sms_gateway_url), or else as a file in a spool
// directory that a gateway picks up (formats in docs/operations.md).
// A failed delivery is retried with exponential backoff and abandoned after max_attempts.
// Personal data (recipient, subject, body, attachments) is wiped from the outbox once a message is
// sent or abandoned; logs and metrics carry only ids, channels and counts.
// Knows no module.
#pragma once
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "platform/db/db.h"

namespace relais::notify {

enum class Channel { kEmail, kSms };
std::string_view NameOf(Channel c);

struct Attachment {
  std::string filename;      // as the recipient sees it, e.g. "avis.pdf"
  std::string content_type;  // e.g. "application/pdf"
  std::string data;          // raw bytes
};

struct Message {
  Channel channel = Channel::kEmail;
  std::string recipient;  // e-mail address, or phone number for SMS
  std::string subject;    // e-mail only (ignored for SMS)
  std::string body;       // plain text, in French
  std::vector<Attachment> attachments;  // e-mail only, in this order (e.g. invitation.ics, convocation.pdf)
};

// Adds `m` to the outbox in the caller's transaction; returns its id. Delivered after commit.
int64_t Queue(db::Connection& c, const Message& m);
// Same, with the clock given (tests).
int64_t Queue(db::Connection& c, const Message& m, int64_t now_ms);

// Delay before the next attempt after `attempts` failed ones (1, 2, ...): base doubled at each
// failure, capped at max_ms.
int64_t BackoffMs(int attempts, int64_t base_ms, int64_t max_ms);

struct Options {
  std::string smtp_url;       // smtp://host:port (STARTTLS when offered) or smtps://host:port
  std::string smtp_user;      // empty: no authentication
  std::string smtp_password;
  std::string smtp_from;      // envelope and From: address
  bool smtp_require_tls = false;  // smtp://: refuse to send when the server offers no STARTTLS
  std::string sms_spool_dir;  // where SMS files are written for the gateway (when no sms_gateway_url)
  // The HTTP SMS gateway: a JSON POST {"id", "to", "text", "sender"} to this https:// (or http://)
  // URL, with HTTP Basic authentication when sms_gateway_user is set; any 2xx answer is a delivery.
  // When set, it is the SMS transport and the spool directory is not used.
  std::string sms_gateway_url;
  std::string sms_gateway_user;
  std::string sms_gateway_password;
  std::string sms_sender;  // the sender name shown on the phone (e.g. "RELAIS"), when the gateway allows it
  int max_attempts = 8;
  int64_t retry_base_ms = 60'000;       // first retry after a minute, then 2, 4, 8...
  int64_t retry_max_ms = 6 * 3600'000;  // never wait more than 6 hours between attempts
  int64_t poll_ms = 2'000;              // how often the worker looks for due messages
};

// The outcome of one delivery attempt: ok, or a transport error without personal data.
struct Delivery {
  bool ok = false;
  std::string error;
};

// Delivers one message (id is the outbox id). The default uses SendEmail, and PostSms when
// sms_gateway_url is set, else WriteSms.
using Deliver = std::function<Delivery(int64_t id, const Message& m)>;

// Sends an e-mail over SMTP with libcurl.
Delivery SendEmail(const Options& o, int64_t id, const Message& m);
// The e-mail as sent over SMTP (headers, text part, attachments): exposed for tests.
std::string ComposeEmail(const Options& o, int64_t id, const Message& m);
// Posts an SMS to o.sms_gateway_url (libcurl). The id lets the gateway recognise a retry.
// Not ok on a connection failure or a non-2xx answer; the error names the HTTP status, never the text.
Delivery PostSms(const Options& o, int64_t id, const Message& m);
// Writes an SMS into o.sms_spool_dir as relais-sms-<id>.json (written to a .tmp file, then renamed).
Delivery WriteSms(const Options& o, int64_t id, const Message& m);

struct Stats {
  int64_t sent = 0;
  int64_t failed_attempts = 0;
  int64_t abandoned = 0;
};

class Worker {
 public:
  // Starts no thread: call Start() (relais serve) or RunOnce() (tests, commands).
  Worker(db::Database& db, Options options, Deliver deliver = nullptr);
  ~Worker();  // stops the thread, if started
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  void Start();
  void Stop();
  // Delivers the messages due at now_ms (at most `limit`); returns how many were attempted.
  int RunOnce(int64_t now_ms, int limit = 50);
  // Deletes sent and abandoned rows (already wiped) done before `before_ms`; returns how many.
  // The thread does it once an hour for rows older than 30 days.
  int64_t Purge(int64_t before_ms);
  // Wakes the thread to look for due messages now (after a Queue, for instance).
  void Wake();
  Stats stats() const { return {sent_.load(), failed_.load(), abandoned_.load()}; }
  // Prometheus text of the counters.
  std::string MetricsText() const;

 private:
  void Loop();
  db::Database& db_;
  Options options_;
  Deliver deliver_;
  std::atomic<int64_t> sent_{0}, failed_{0}, abandoned_{0};
  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false, wake_ = false;
  std::thread thread_;
};

// Where a queued message stands: "pending", "sent" or "abandoned", its attempts and last error.
struct OutboxStatus {
  std::string status;
  int attempts = 0;
  std::string last_error;
  int64_t done_ms = 0;  // 0 while pending
};
// The status of each id still in the outbox (rows are purged 30 days after delivery); missing ids
// are absent from the result.
std::vector<std::pair<int64_t, OutboxStatus>> StatusOf(db::Connection& c, const std::vector<int64_t>& ids);

// Abandons the messages among `ids` still pending and wipes their personal columns, in the
// caller's transaction (the notices of a household being anonymised must not go out with its old
// name); sent and abandoned ones are already wiped. Returns how many were pending.
int64_t AbandonPending(db::Connection& c, const std::vector<int64_t>& ids);
// The same for every pending message addressed to one of `recipients` (phone numbers as queued,
// e-mail addresses compared without case), whoever queued it: a household being anonymised must
// not receive, after it, a one-time code or a notice naming it. Empty recipients are ignored.
// Returns how many were pending.
int64_t AbandonPendingTo(db::Connection& c, const std::vector<std::string>& recipients);

int64_t NowMs();
// Standard base64 (RFC 4648, with padding, no line breaks).
std::string Base64(std::string_view raw);

}  // namespace relais::notify
