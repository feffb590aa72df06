// The HTTP/1.1 server: Boost.Beast, one io_context per thread, each with its own SO_REUSEPORT
// acceptor; keep-alive; header and body size limits; a deadline per request against slow clients;
// a maximum number of connections. Stop() is graceful: it stops accepting, lets in-flight
// requests finish and closes idle connections.
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
  int request_timeout_seconds = 30;  // whole request (headers + body) must arrive within this
  int idle_timeout_seconds = 60;     // keep-alive connection without a request
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

  struct Impl;  // defined in server.cc, the only file that sees Beast

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace relais::http
