// The connection pool behind both engines (private to platform/db).
// Readers come from a pool grown lazily up to its size; writes go to a dedicated writer
// connection when the engine has one (SQLite: one writer at a time), else to the pool.
#pragma once
#include <condition_variable>
#include <functional>
#include <mutex>

#include "platform/db/db.h"

namespace relais::db {

class PooledDatabase : public Database {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  PooledDatabase(Dialect dialect, Factory reader, int pool_size, Factory writer);
  ~PooledDatabase() override;

  Dialect dialect() const override { return dialect_; }
  PoolStats Stats() const override;
  bool Ping() override;
  std::unique_ptr<Lease> Acquire(bool write) override;
  std::unique_ptr<Lease> TryAcquireReader() override;

 protected:
  void Release(Connection* c, bool write) override;

 private:
  // A connection of the pool (readers; all connections when there is no writer), lent as a
  // write lease when `write`; waits for one when `wait`, else returns nullptr.
  std::unique_ptr<Lease> AcquireFromPool(bool write, bool wait);

  Dialect dialect_;
  Factory reader_factory_;
  Factory writer_factory_;
  int pool_size_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Connection>> readers_;  // owned
  std::vector<Connection*> free_;
  int in_use_ = 0;
  int64_t waits_ = 0;

  std::mutex writer_mu_;  // held while the writer is lent
  std::unique_ptr<Connection> writer_;
};

}  // namespace relais::db
