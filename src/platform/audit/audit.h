// platform/audit: the trail of who read or changed which record, tamper-evident (ARCHITECTURE.md §6,
// ADR 0008). Entries never hold the data itself: who (user), when (UTC), what operation, which
// record, from which address.
//
// The trail is one table, append-only (triggers refuse updates, and deletes except the retention
// purge), and hash-chained: an entry carries its position `seq` in the chain, the hash of the
// entry before it and its own hash (SHA-256 over both). The chain has one writer, the Trail's
// thread. Reads hand their entry to it: it appends every waiting entry in one transaction (group
// commit) and only then lets the reads answer. Changes write theirs into audit_pending inside
// their own transaction, so that a change and its entry commit together; the writer moves them
// into the chain a moment later ("sealing").
#pragma once
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "platform/auth/actor.h"
#include "platform/db/db.h"

namespace relais::audit {

// One entry, as given by its caller. `operation` is a stable code: "read", "create", "update",
// "delete", "export", "import" (a whole file, record_id 0)...; `record_type` names the kind of
// record ("household", "building", "dwelling", "audit_trail"...). Both come from the one lists of
// src/modules/audit/audit.h (Operations, RecordTypes), which tests check against the sources.
struct Entry {
  int64_t at_ms = 0;  // UTC milliseconds; 0: now
  int64_t organisation_id = 0;
  int64_t user_id = 0;  // 0: the system (CLI, jobs)
  std::string operation;
  std::string record_type;
  int64_t record_id = 0;
  std::string remote_ip;
};

// The entry of `actor` doing `operation` on a record.
Entry Of(const auth::Actor& actor, std::string_view operation, std::string_view record_type, int64_t record_id);

// Appends `e` to audit_pending in the caller's write transaction: it commits or rolls back with
// the change it records. The Trail's writer seals it into the chain shortly after.
void AppendInTransaction(db::Connection& c, const Entry& e);

// The writer of the trail: group commit of reads, sealing of every unsealed entry.
class Trail {
 public:
  struct Options {
    // How long the writer sleeps when nobody waits, before sealing what changes appended.
    int seal_interval_ms = 500;
    // Entries inserted per transaction at most (a long queue is written in several).
    int max_batch = 2048;
    // Group commit: with fewer than gather_entries waiting, the writer waits up to gather_us for
    // more before it writes (each read then waits that much longer, at most).
    int gather_entries = 32;
    int gather_us = 1000;
    // Entries older than this are deleted once a day by the writer (0: never).
    int retention_days = 0;
    // False only to measure what the trail costs (make bench, RELAIS_AUDIT_READS=off): reads are
    // then not recorded at all. Changes always are.
    bool record_reads = true;
  };
  Trail(db::Database& db, Options options);
  explicit Trail(db::Database& db) : Trail(db, Options{}) {}
  ~Trail();  // writes and seals what is waiting, then stops the writer
  Trail(const Trail&) = delete;
  Trail& operator=(const Trail&) = delete;

  // Queues a read entry; `done(true)` runs on the writer thread once the entry is durable,
  // `done(false)` when it could not be written (the read must then not be answered).
  void Record(Entry e, std::function<void(bool durable)> done);
  // The hold of an HTTP answer (http::Response::hold) that may leave once `e` is durable.
  std::function<void(std::function<void(bool durable)>)> Hold(Entry e) {
    if (!options_.record_reads) return nullptr;
    return [this, e = std::move(e)](std::function<void(bool)> resume) mutable {
      Record(std::move(e), std::move(resume));
    };
  }
  // The hold of an answer that shows several records: it leaves once every entry of `entries` is
  // durable (resumed with false if one could not be written). nullptr when `entries` is empty or
  // reads are not recorded.
  std::function<void(std::function<void(bool durable)>)> HoldAll(std::vector<Entry> entries);
  // The same, waiting for the outcome (CLI, tests).
  bool RecordAndWait(Entry e);
  // Wakes the writer to seal entries appended by changes (optional: it also wakes on its own).
  void Nudge();
  // Writes and seals everything queued or appended so far; returns when done (tests, shutdown).
  void Flush();

  struct Stats {
    int64_t batches = 0;
    int64_t entries = 0;   // read entries written
    int64_t sealed = 0;    // pending entries (of changes) sealed
    int64_t failures = 0;  // batches that failed
    int64_t write_us = 0;  // time spent writing batches (transaction and commit)
  };
  Stats stats() const;

 private:
  struct Waiting {
    Entry entry;
    std::function<void(bool)> done;
  };
  void Run();
  void WriteBatch(std::vector<Waiting>& batch);

  db::Database& db_;
  Options options_;
  mutable std::mutex mu_;
  std::condition_variable wake_;
  std::condition_variable flushed_;
  std::deque<Waiting> queue_;
  bool nudged_ = false;
  bool stopping_ = false;
  int64_t flush_requested_ = 0, flush_done_ = 0;
  Stats stats_;
  int64_t last_purge_ms_ = 0;
  std::thread thread_;
};

// Seals the pending entries (oldest first) in one transaction of its own; returns how many.
// The Trail does this; `relais audit verify` calls it first so that nothing is left unchecked.
int64_t SealPending(db::Database& db);

// What `relais audit verify` reports.
struct Verification {
  int64_t checked = 0;     // sealed entries checked
  int64_t unsealed = 0;    // pending entries not sealed yet (written by a change a moment ago)
  int64_t first_seq = 0;   // the first entry of the chain (after the retention purge)
  int64_t last_seq = 0;
  std::optional<int64_t> broken_seq;  // the first entry that does not verify
  std::string reason;                 // why (French is for users; this is for operators: English)
  bool ok() const { return !broken_seq; }
};
// Checks the whole chain: positions without gaps from the purge point to the head, each entry's
// previous hash equal to the hash before it, each hash recomputed from the entry.
Verification Verify(db::Database& db);

// Deletes the entries older than `before_ms` (the retention: 12 months by default) from the start
// of the chain, keeping the hash of the last one deleted as the chain's new anchor. Returns how many.
int64_t Purge(db::Database& db, int64_t before_ms);

// Listing for administrators (and the data protection officer). Filters are optional.
struct Filter {
  int64_t organisation_id = 0;  // required
  std::optional<int64_t> user_id;
  std::optional<std::string> record_type;
  std::optional<int64_t> record_id;
  std::optional<int64_t> from_ms, to_ms;  // [from, to)
  std::optional<int64_t> before_seq;      // keyset: entries before this position
  int limit = 100;
};
struct Listed {
  int64_t seq = 0;
  int64_t at_ms = 0;
  int64_t user_id = 0;  // 0: the system
  std::string operation, record_type;
  int64_t record_id = 0;
  std::string remote_ip;
};
// Newest first. Pending entries appear once sealed (within Options::seal_interval_ms).
std::vector<Listed> List(db::Connection& c, const Filter& f);

// The records of one type that a subject-access export is about, given by the module that owns
// them: `ids_sql` selects one column, the ids the trail names as record_id for `record_type`
// (e.g. "SELECT id FROM appointments WHERE household_id = ? AND organisation_id = ?"), with `params`.
struct RecordsAbout {
  std::string record_type;
  std::string ids_sql;
  std::vector<db::Param> params;
};
// Every sealed entry of organisation `org` whose record is one of `about`, oldest first. One query
// whatever the number of records (a UNION ALL of one indexed lookup per type). Empty `about`: none.
std::vector<Listed> ListAbout(db::Connection& c, int64_t org, const std::vector<RecordsAbout>& about);

// The hash of an entry at position `seq` after `prev_hash` (hex). Exposed for tests.
std::string HashOf(int64_t seq, const Entry& e, std::string_view prev_hash);

}  // namespace relais::audit
