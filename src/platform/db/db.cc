#include "platform/db/db.h"

#include "platform/db/pool.h"

namespace relais::db {

Error DbError::ToError() const {
  switch (kind_) {
    case DbErrorKind::kConstraint:
      return Conflict("Cet enregistrement existe déjà ou est encore utilisé.");
    case DbErrorKind::kBusy:
      return {ErrorCode::kUnavailable,
              "La base de données est momentanément indisponible. Réessayez dans un instant.", {}, {}};
    case DbErrorKind::kUnavailable:
      // The words "database unreachable" are stable, for operators reading logs and probes.
      return {ErrorCode::kUnavailable,
              "La base de données est injoignable (database unreachable). Réessayez dans un instant : "
              "Relais se reconnecte seul dès qu'elle répond.", {}, {}};
    case DbErrorKind::kDiskFull:
      return {ErrorCode::kStorageFull,
              "L'enregistrement est impossible : l'espace disque du serveur est plein. Rien n'a été "
              "enregistré.", {}, {}};
    case DbErrorKind::kIo:
      // The disk failed a read or a write: the operator must look, but the request may well
      // succeed later (the connection is reopened, docs/adr/0007-faults-and-overload.md).
      return {ErrorCode::kUnavailable,
              "L'enregistrement est impossible : le disque du serveur signale une erreur. Rien n'a été "
              "enregistré. Réessayez dans un instant.", {}, {}};
    case DbErrorKind::kOther:
      break;
  }
  return {ErrorCode::kInternal, "Erreur interne du serveur. Rien n'a été enregistré.", {}, {}};
}

std::optional<int64_t> Connection::QueryInt(std::string_view sql, std::initializer_list<Param> params) {
  std::optional<int64_t> out;
  Run(sql, params.begin(), params.size(), [&](const Row& r) {
    if (!out && r.columns() > 0 && !r.IsNull(0)) out = r.Int(0);
  });
  return out;
}

std::unique_ptr<Database> Database::Open(const std::string& url, int pool_size) {
  if (url == "sqlite::memory:") return OpenSqlite(":memory:", 1);
  if (url.starts_with("sqlite://")) {
    std::string path = url.substr(9);  // "sqlite:///abs" -> "/abs"; "sqlite://rel" -> "rel"
    if (path.empty()) throw DbError(DbErrorKind::kOther, "database URL has no file path: " + url);
    return OpenSqlite(path, pool_size);
  }
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    return OpenPostgres(url, pool_size);
  }
  throw DbError(DbErrorKind::kOther,
                "unsupported database URL (expected sqlite:///path or postgresql://...): " + url);
}

PooledDatabase::PooledDatabase(Dialect dialect, Factory reader, int pool_size, Factory writer)
    : dialect_(dialect),
      reader_factory_(std::move(reader)),
      writer_factory_(std::move(writer)),
      pool_size_(pool_size < 1 ? 1 : pool_size) {
  if (writer_factory_) writer_ = writer_factory_();
  // Open one reader now so that a bad URL or credentials fail at start, not at first request.
  readers_.push_back(reader_factory_());
  free_.push_back(readers_.back().get());
}

PooledDatabase::~PooledDatabase() = default;

PoolStats PooledDatabase::Stats() const {
  std::lock_guard lock(mu_);
  return {static_cast<int>(readers_.size()) + (writer_ ? 1 : 0), in_use_, waits_};
}

bool PooledDatabase::Ping() {
  try {
    auto lease = Acquire(false);
    return (**lease).QueryInt("SELECT 1").value_or(0) == 1;
  } catch (const DbError&) {
    return false;
  }
}

std::unique_ptr<Database::Lease> PooledDatabase::Acquire(bool write) {
  if (write && writer_) {
    writer_mu_.lock();
    {
      std::lock_guard lock(mu_);
      ++in_use_;
    }
    if (writer_->Broken()) {
      try {
        writer_ = writer_factory_();
      } catch (...) {
        Release(nullptr, true);
        throw;
      }
    }
    return std::make_unique<Lease>(this, writer_.get(), true);
  }
  return AcquireFromPool(write, true);
}

std::unique_ptr<Database::Lease> PooledDatabase::TryAcquireReader() { return AcquireFromPool(false, false); }

std::unique_ptr<Database::Lease> PooledDatabase::AcquireFromPool(bool write, bool wait) {
  std::unique_lock lock(mu_);
  if (!wait && free_.empty() && static_cast<int>(readers_.size()) >= pool_size_) return nullptr;
  while (free_.empty() && static_cast<int>(readers_.size()) >= pool_size_) {
    ++waits_;
    cv_.wait(lock);
  }
  Connection* c = nullptr;
  if (!free_.empty()) {
    c = free_.back();
    free_.pop_back();
  } else {
    lock.unlock();
    auto fresh = reader_factory_();  // may throw: nothing taken yet
    lock.lock();
    readers_.push_back(std::move(fresh));
    c = readers_.back().get();
  }
  if (c->Broken()) {
    // Replace a connection that lost its server (PostgreSQL restarted).
    for (auto& owned : readers_) {
      if (owned.get() == c) {
        lock.unlock();
        std::unique_ptr<Connection> fresh;
        try {
          fresh = reader_factory_();
        } catch (...) {
          lock.lock();
          free_.push_back(c);
          cv_.notify_one();
          throw;
        }
        lock.lock();
        owned = std::move(fresh);
        c = owned.get();
        break;
      }
    }
  }
  ++in_use_;
  return std::make_unique<Lease>(this, c, write);
}

void PooledDatabase::Release(Connection* c, bool write) {
  if (write && writer_) {
    {
      std::lock_guard lock(mu_);
      --in_use_;
    }
    writer_mu_.unlock();
    return;
  }
  std::lock_guard lock(mu_);
  --in_use_;
  free_.push_back(c);
  cv_.notify_one();
}

}  // namespace relais::db
