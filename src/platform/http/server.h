// The HTTP/1.1 server: Boost.Beast, one io_context per thread, each with its own SO_REUSEPORT
// acceptor; keep-alive; header and body size limits; deadlines against slow clients (the head,
// then the body, each within its time); a maximum number of connections, beyond which a new
// connection gets a 503 and is closed at once. Stop() is graceful: it stops accepting, lets
// in-flight requests finish and closes idle connections.
#pragma once
#include <cstdint>
#include <memory>
#include <string>

#include "platform/http/router.h"

namespace relais::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;  // 0: any free port (Start() returns it)
  int threads = 2;
  size_t max_body_bytes = 1 << 20;
  size_t max_header_bytes = 16 * 1024;
  int max_connections = 4096;
  // A new connection must deliver the whole head of its request within header_timeout; a
  // kept-alive one may idle idle_timeout, then its next head must arrive within header_timeout
  // of its first byte. Once the head is in, the body must arrive within body_timeout, and the
  // answer be taken by the client within body_timeout too. On expiry the connection is closed.
  int header_timeout_seconds = 10;
  int body_timeout_seconds = 30;
  int idle_timeout_seconds = 60;
  // The reverse proxy's address (server.trusted_proxy): requests from it carry the client's address
  // in X-Forwarded-For (wire::ClientAddress). Empty: the peer is the client.
  std::string trusted_proxy;
};

// Connection counts since Start(), for /metrics.
struct ServerStats {
  int open = 0;            // connections open now
  uint64_t accepted = 0;   // connections accepted
  uint64_t refused = 0;    // connections refused (503) because max_connections were open
  uint64_t timed_out = 0;  // connections closed because a head, a body or an answer was too slow
};

class Server {
 public:
  Server(ServerOptions options, Router& router);
  ~Server();
  // Binds and starts the threads. Returns the bound port. Throws std::runtime_error on bind failure.
  uint16_t Start();
  // Graceful stop; returns when every thread has finished (at most grace_seconds later).
  void Stop(int grace_seconds = 10);
  int open_connections() const;
  ServerStats Stats() const;

  struct Impl;  // defined in server.cc, the only file that sees Beast

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace relais::http
