#include "platform/audit/audit.h"

#include <atomic>
#include <chrono>
#include <memory>

#include "platform/auth/token.h"
#include "platform/core/dates.h"
#include "platform/log/log.h"

namespace relais::audit {
namespace {

using db::P;

struct Head {
  int64_t seq = 0;
  std::string hash;
};

constexpr std::string_view kInsert =
    "INSERT INTO audit_entries (seq, at_ms, organisation_id, user_id, operation, record_type, record_id, "
    "remote_ip, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

// Appends `e` at the head of the chain (the caller holds the chain's lock: LockHead).
void Seal(db::Connection& c, const Entry& e, Head& head) {
  const int64_t seq = head.seq + 1;
  std::string hash = HashOf(seq, e, head.hash);
  c.Exec(kInsert, {P(seq), P(e.at_ms), P(e.organisation_id), P(e.user_id), P(e.operation), P(e.record_type),
                   P(e.record_id), P(e.remote_ip), P(head.hash), P(hash)});
  head = {seq, std::move(hash)};
}

// One length-prefixed field of the hashed text, so that no two entries hash the same text.
void Field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
  out += '|';
}
void Field(std::string& out, int64_t v) { Field(out, std::to_string(v)); }

// Locks the chain's row for this transaction (PostgreSQL: until commit; SQLite has one writer) and
// reads its head.
Head LockHead(db::Connection& c) {
  c.Exec("UPDATE audit_chain SET head_seq = head_seq WHERE id = 1");
  Head h;
  c.Query("SELECT head_seq, head_hash FROM audit_chain WHERE id = 1", {}, [&](const db::Row& r) {
    h.seq = r.Int(0);
    h.hash = r.Str(1);
  });
  return h;
}

void SaveHead(db::Connection& c, const Head& h) {
  c.Exec("UPDATE audit_chain SET head_seq = ?, head_hash = ? WHERE id = 1", {P(h.seq), P(h.hash)});
}

// Moves the entries that changes left in audit_pending into the chain, oldest first; returns how many.
int64_t SealPendingEntries(db::Connection& c, Head& head) {
  std::vector<Entry> pending;
  int64_t last_id = 0;
  c.Query("SELECT id, at_ms, organisation_id, user_id, operation, record_type, record_id, remote_ip "
          "FROM audit_pending ORDER BY id",
          {}, [&](const db::Row& r) {
            last_id = r.Int(0);
            pending.push_back({r.Int(1), r.Int(2), r.Int(3), r.Str(4), r.Str(5), r.Int(6), r.Str(7)});
          });
  if (pending.empty()) return 0;
  for (const auto& e : pending) Seal(c, e, head);
  c.Exec("DELETE FROM audit_pending WHERE id <= ?", {P(last_id)});
  return static_cast<int64_t>(pending.size());
}

}  // namespace

std::string HashOf(int64_t seq, const Entry& e, std::string_view prev_hash) {
  std::string text;
  text.reserve(160);
  Field(text, prev_hash);
  Field(text, seq);
  Field(text, e.at_ms);
  Field(text, e.organisation_id);
  Field(text, e.user_id);
  Field(text, e.operation);
  Field(text, e.record_type);
  Field(text, e.record_id);
  Field(text, e.remote_ip);
  return auth::Sha256Hex(text);
}

Entry Of(const auth::Actor& actor, std::string_view operation, std::string_view record_type, int64_t record_id) {
  return {NowMillis(), actor.organisation_id, actor.user_id, std::string(operation), std::string(record_type),
          record_id, actor.remote_ip};
}

void AppendInTransaction(db::Connection& c, const Entry& e) {
  c.Exec("INSERT INTO audit_pending (at_ms, organisation_id, user_id, operation, record_type, record_id, remote_ip) "
         "VALUES (?, ?, ?, ?, ?, ?, ?)",
         {P(e.at_ms ? e.at_ms : NowMillis()), P(e.organisation_id), P(e.user_id), P(e.operation), P(e.record_type),
          P(e.record_id), P(e.remote_ip)});
}

int64_t SealPending(db::Database& db) {
  return db.Write([](db::Connection& c) {
    Head head = LockHead(c);
    const int64_t n = SealPendingEntries(c, head);
    if (n > 0) SaveHead(c, head);
    return n;
  });
}

Trail::Trail(db::Database& db, Options options) : db_(db), options_(options) {
  thread_ = std::thread([this] { Run(); });
}

Trail::~Trail() {
  {
    std::lock_guard lock(mu_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void Trail::Record(Entry e, std::function<void(bool)> done) {
  if (e.at_ms == 0) e.at_ms = NowMillis();
  {
    std::lock_guard lock(mu_);
    queue_.push_back({std::move(e), std::move(done)});
    // Wake the writer when it may be sleeping (the first entry) or its batch is full enough; in
    // between it is writing, or gathering and checking the queue when it wakes.
    const auto n = static_cast<int>(queue_.size());
    if (n != 1 && n != options_.gather_entries) return;
  }
  wake_.notify_one();
}

std::function<void(std::function<void(bool)>)> Trail::HoldAll(std::vector<Entry> entries) {
  if (entries.empty() || !options_.record_reads) return nullptr;
  return [this, entries = std::move(entries)](std::function<void(bool)> resume) {
    struct State {
      std::atomic<size_t> left;
      std::atomic<bool> durable{true};
      std::function<void(bool)> resume;
    };
    auto s = std::make_shared<State>();
    s->left = entries.size();
    s->resume = std::move(resume);
    for (const auto& e : entries) {
      Record(e, [s](bool durable) {
        if (!durable) s->durable = false;
        if (--s->left == 0) s->resume(s->durable.load());
      });
    }
  };
}

bool Trail::RecordAndWait(Entry e) {
  std::mutex m;
  std::condition_variable cv;
  std::optional<bool> outcome;
  Record(std::move(e), [&](bool durable) {
    std::lock_guard lock(m);
    outcome = durable;
    cv.notify_one();
  });
  std::unique_lock lock(m);
  cv.wait(lock, [&] { return outcome.has_value(); });
  return *outcome;
}

void Trail::Nudge() {
  {
    std::lock_guard lock(mu_);
    nudged_ = true;
  }
  wake_.notify_one();
}

void Trail::Flush() {
  std::unique_lock lock(mu_);
  const int64_t ticket = ++flush_requested_;
  wake_.notify_one();
  flushed_.wait(lock, [&] { return flush_done_ >= ticket; });
}

Trail::Stats Trail::stats() const {
  std::lock_guard lock(mu_);
  return stats_;
}

void Trail::Run() {
  std::unique_lock lock(mu_);
  for (;;) {
    wake_.wait_for(lock, std::chrono::milliseconds(options_.seal_interval_ms), [&] {
      return stopping_ || nudged_ || !queue_.empty() || flush_requested_ > flush_done_;
    });
    // Whatever woke it (or the interval), write what waits and seal what changes appended.
    do {
      // Group commit: a batch costs about the same for one entry as for thirty (one commit, one
      // fsync). When few are waiting, give the others a moment to join.
      if (!queue_.empty() && static_cast<int>(queue_.size()) < options_.gather_entries && !stopping_ &&
          flush_requested_ <= flush_done_) {
        wake_.wait_for(lock, std::chrono::microseconds(options_.gather_us), [&] {
          return stopping_ || static_cast<int>(queue_.size()) >= options_.gather_entries ||
                 flush_requested_ > flush_done_;
        });
      }
      std::vector<Waiting> batch;
      while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      const int64_t flush_ticket = flush_requested_;
      nudged_ = false;
      lock.unlock();
      WriteBatch(batch);
      lock.lock();
      if (queue_.empty()) flush_done_ = std::max(flush_done_, flush_ticket);
    } while (!queue_.empty());
    flushed_.notify_all();
    if (stopping_) return;
    // The retention: once a day (and at start), entries older than retention_days go.
    const int64_t now = NowMillis();
    if (options_.retention_days > 0 && now - last_purge_ms_ >= 24LL * 3600 * 1000) {
      last_purge_ms_ = now;
      lock.unlock();
      try {
        const int64_t purged = Purge(db_, now - options_.retention_days * 24LL * 3600 * 1000);
        if (purged > 0) log::Info("audit entries past retention deleted", {{"entries", std::to_string(purged)}});
      } catch (const std::exception& ex) {
        log::Error("audit retention purge failed", {{"error", ex.what()}});
      }
      lock.lock();
    }
  }
}

// One transaction: the queued read entries inserted already sealed, then the entries that changes
// appended sealed after them; one commit makes them all durable before any read is answered.
void Trail::WriteBatch(std::vector<Waiting>& batch) {
  int64_t sealed = 0;
  bool ok = true;
  const auto start = std::chrono::steady_clock::now();
  try {
    // Nothing queued: write only when a change left an entry to seal (an idle server stays idle).
    if (batch.empty() && !db_.ReadOneStatement([](db::Connection& c) {
          return c.QueryInt("SELECT 1 FROM audit_pending LIMIT 1").has_value();
        })) {
      return;
    }
    sealed = db_.Write([&](db::Connection& c) {
      Head head = LockHead(c);
      const int64_t before = head.seq;
      for (const auto& w : batch) Seal(c, w.entry, head);
      const int64_t n = SealPendingEntries(c, head);
      if (head.seq != before) SaveHead(c, head);
      return n;
    });
  } catch (const std::exception& ex) {
    ok = false;
    log::Error("audit trail not written", {{"entries", std::to_string(batch.size())}, {"error", ex.what()}});
  }
  {
    std::lock_guard lock(mu_);
    ++stats_.batches;
    stats_.write_us +=
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start).count();
    if (ok) {
      stats_.entries += static_cast<int64_t>(batch.size());
      stats_.sealed += sealed;
    } else {
      ++stats_.failures;
    }
  }
  for (auto& w : batch) {
    if (w.done) w.done(ok);
  }
}

Verification Verify(db::Database& db) {
  SealPending(db);
  return db.Read([](db::Connection& c) {
    Verification v;
    int64_t head_seq = 0, anchor_seq = 0;
    std::string head_hash, anchor_hash;
    c.Query("SELECT head_seq, head_hash, anchor_seq, anchor_hash FROM audit_chain WHERE id = 1", {},
            [&](const db::Row& r) {
              head_seq = r.Int(0);
              head_hash = r.Str(1);
              anchor_seq = r.Int(2);
              anchor_hash = r.Str(3);
            });
    v.unsealed = c.QueryInt("SELECT COUNT(*) FROM audit_pending").value_or(0);
    v.first_seq = anchor_seq + 1;
    int64_t expected = anchor_seq + 1;
    std::string prev = anchor_hash;
    auto fail = [&](int64_t seq, std::string why) {
      if (!v.broken_seq) {
        v.broken_seq = seq;
        v.reason = std::move(why);
      }
    };
    c.Query("SELECT seq, at_ms, organisation_id, user_id, operation, record_type, record_id, remote_ip, "
            "prev_hash, hash FROM audit_entries ORDER BY seq",
            {}, [&](const db::Row& r) {
              if (v.broken_seq) return;
              const int64_t seq = r.Int(0);
              const Entry e{r.Int(1), r.Int(2), r.Int(3), r.Str(4), r.Str(5), r.Int(6), r.Str(7)};
              if (seq != expected) {
                return fail(expected, seq < expected ? "entry before the anchor still present"
                                                     : "entry missing (expected position " +
                                                           std::to_string(expected) + ", found " +
                                                           std::to_string(seq) + ")");
              }
              if (r.Str(8) != prev) return fail(seq, "previous hash does not match the entry before it");
              const std::string hash = HashOf(seq, e, prev);
              if (r.Str(9) != hash) return fail(seq, "hash does not match the entry's content");
              ++v.checked;
              v.last_seq = seq;
              prev = hash;
              ++expected;
            });
    if (!v.broken_seq && (expected - 1 != head_seq || prev != head_hash)) {
      fail(expected, "chain ends at position " + std::to_string(expected - 1) + " but its head says " +
                         std::to_string(head_seq) + " (entries removed from the end)");
    }
    return v;
  });
}

int64_t Purge(db::Database& db, int64_t before_ms) {
  SealPending(db);
  return db.Write([&](db::Connection& c) {
    Head head = LockHead(c);
    const int64_t anchor = c.QueryInt("SELECT anchor_seq FROM audit_chain WHERE id = 1").value_or(0);
    // The purge point: just before the first entry (in chain order) that is recent enough. Old
    // entries are at the start of the chain, so this reads about as many rows as it deletes.
    const int64_t keep_from =
        c.QueryInt("SELECT seq FROM audit_entries WHERE seq > ? AND at_ms >= ? ORDER BY seq LIMIT 1",
                   {P(anchor), P(before_ms)})
            .value_or(head.seq + 1);
    const int64_t last = keep_from - 1;
    if (last <= anchor) return int64_t{0};
    std::string last_hash;
    c.Query("SELECT hash FROM audit_entries WHERE seq = ?", {P(last)},
            [&](const db::Row& r) { last_hash = r.Str(0); });
    c.Exec("UPDATE audit_chain SET anchor_seq = ?, anchor_hash = ? WHERE id = 1", {P(last), P(last_hash)});
    return c.Exec("DELETE FROM audit_entries WHERE seq <= ?", {P(last)});
  });
}

std::vector<Listed> List(db::Connection& c, const Filter& f) {
  std::string sql =
      "SELECT seq, at_ms, user_id, operation, record_type, record_id, remote_ip FROM audit_entries "
      "WHERE organisation_id = ?";
  std::vector<db::Param> params{P(f.organisation_id)};
  auto where = [&](std::string_view condition, db::Param value) {
    sql += condition;
    params.push_back(std::move(value));
  };
  if (f.user_id) where(" AND user_id = ?", P(*f.user_id));
  if (f.record_type) where(" AND record_type = ?", P(*f.record_type));
  if (f.record_id) where(" AND record_id = ?", P(*f.record_id));
  if (f.from_ms) where(" AND at_ms >= ?", P(*f.from_ms));
  if (f.to_ms) where(" AND at_ms < ?", P(*f.to_ms));
  if (f.before_seq) where(" AND seq < ?", P(*f.before_seq));
  where(" ORDER BY seq DESC LIMIT ?", P(static_cast<int64_t>(f.limit)));
  std::vector<Listed> out;
  c.Query(sql, params, [&](const db::Row& r) {
    out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Str(3), r.Str(4), r.Int(5), r.Str(6)});
  });
  return out;
}

std::vector<Listed> ListAbout(db::Connection& c, int64_t org, const std::vector<RecordsAbout>& about) {
  std::vector<Listed> out;
  if (about.empty()) return out;
  // Each part is a lookup of the (organisation_id, record_type, record_id, seq) index.
  std::string sql;
  std::vector<db::Param> params;
  for (const auto& a : about) {
    if (!sql.empty()) sql += " UNION ALL ";
    sql += "SELECT seq, at_ms, user_id, operation, record_type, record_id, remote_ip FROM audit_entries "
           "WHERE organisation_id = ? AND record_type = ? AND record_id IN (" + a.ids_sql + ")";
    params.push_back(P(org));
    params.push_back(P(a.record_type));
    params.insert(params.end(), a.params.begin(), a.params.end());
  }
  sql += " ORDER BY 1";
  c.Query(sql, params, [&](const db::Row& r) {
    out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Str(3), r.Str(4), r.Int(5), r.Str(6)});
  });
  return out;
}

}  // namespace relais::audit
