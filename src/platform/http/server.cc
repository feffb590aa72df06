// The only translation unit that includes Beast (it compiles slowly).
#include "platform/http/server.h"

#include <array>
#include <atomic>
#include <chrono>
#include <list>
#include <thread>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "platform/auth/token.h"
#include "platform/core/text.h"
#include "platform/http/wire.h"
#include "platform/log/log.h"

namespace relais::http {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::atomic<uint64_t> g_request_counter{0};

std::string NewRequestId() {
  static const std::string prefix = auth::RandomToken(6);
  return prefix + "-" + std::to_string(g_request_counter.fetch_add(1, std::memory_order_relaxed));
}

// 431, with a body that says 431 too (a client reads the status from either).
Response HeadersTooLarge() {
  return Problem({ErrorCode::kTooLarge, "Les en-têtes de la requête dépassent la taille permise.", {}, {}}, 431,
                 "En-têtes trop volumineux", "headers-too-large");
}

bool ValidRequestId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_' && c != '.') return false;
  }
  return true;
}

}  // namespace

// One client connection. Lives on one io_context; all its handlers run on that thread.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl* server);
  void Start() { DoRead(); }
  // Called on the session's thread at shutdown: closes the connection if it is waiting for a request.
  // Not idle: bytes of a request in the buffer, or a request whose head (and part of the body)
  // the parser has already consumed.
  void CloseIfIdle() {
    if (reading_ && buffer_.size() == 0 && !(parser_ && parser_->got_some())) {
      beast::error_code ec;
      stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
      stream_.close();
    }
  }

 private:
  void DoRead();
  void ReadHead();
  void ReadMessage();
  void OnRead(beast::error_code ec, size_t);
  // The deadline of what the connection waits for now (ServerOptions says which applies when).
  enum class Wait { kIdle, kHead, kBody, kAnswer };
  void Expect(Wait w);
  void Reply(Response res, unsigned version, bool keep_alive);
  // Replies once the response's hold has resumed (Response::hold).
  void ReplyWhenResumed(Response res, unsigned version, bool keep_alive);
  // Answers a request that never reaches the router (unreadable, too large): with the same
  // security headers as any answer, then closes the connection.
  void Refuse(Response res, unsigned version);
  // Ends the connection. With `linger`, after the answer has been sent: stop sending, then read
  // and discard what the client is still sending (up to 2 s or 8 MB) before closing, so that
  // closing with unread data does not reset the connection and destroy the answer in flight
  // (a 413 to a client still uploading would otherwise never arrive).
  void Close(bool linger = false);
  void Drain(size_t total);
  std::unique_ptr<std::array<char, 16384>> drain_;

  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::string head_;  // status line and header fields of the response being written
  std::string body_;
  Server::Impl* server_;
  std::string remote_ip_;
  bool reading_ = false;
  bool first_request_ = true;
  Wait waiting_for_ = Wait::kHead;
};

struct Worker {
  asio::io_context io{1};
  std::unique_ptr<tcp::acceptor> acceptor;
  asio::steady_timer accept_retry{io};  // the pause after a failed accept (one accept pending at a time)
  std::list<std::weak_ptr<Session>> sessions;  // only touched on this worker's thread
  std::thread thread;
};

struct Server::Impl {
  ServerOptions options;
  Router& router;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<int> connections{0};
  std::atomic<uint64_t> accepted{0}, refused{0}, timed_out{0};
  std::atomic<bool> stopping{false};

  Impl(ServerOptions o, Router& r) : options(std::move(o)), router(r) {}

  void Accept(Worker* w) {
    // One thread per io_context: no strand needed.
    w->acceptor->async_accept(w->io, [this, w](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == asio::error::operation_aborted || stopping) return;
        // Out of file descriptors (EMFILE, ENFILE) or memory: the connection stays in the
        // backlog and accepting again at once would fail again, in a loop that eats a core.
        // Wait a little; connections that close meanwhile free descriptors.
        log::Warn("accept failed", {{"error", ec.message()}});
        w->accept_retry.expires_after(std::chrono::milliseconds(100));
        w->accept_retry.async_wait([this, w](beast::error_code wait_ec) {
          if (!wait_ec && !stopping) Accept(w);
        });
        return;
      } else if (connections.load() >= options.max_connections) {
        // Over the limit: refuse at once rather than let everyone wait.
        ++refused;
        static const std::string kBusy =
            "HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/problem+json\r\nConnection: close\r\n"
            "Retry-After: 1\r\nContent-Length: 128\r\n\r\n";
        std::string body = R"({"type":"urn:relais:problem:unavailable","title":"Service momentanément indisponible","status":503})";
        body.resize(128, ' ');
        beast::error_code ignored;
        asio::write(socket, asio::buffer(kBusy + body), ignored);
        socket.close(ignored);
      } else {
        beast::error_code ignored;
        socket.set_option(tcp::no_delay(true), ignored);  // no Nagle wait between header and body writes
        ++accepted;
        auto s = std::make_shared<Session>(std::move(socket), this);
        // Forget closed sessions now and then so the list stays small.
        if (w->sessions.size() > 256) w->sessions.remove_if([](const auto& p) { return p.expired(); });
        w->sessions.push_back(s);
        s->Start();
      }
      if (!stopping) Accept(w);
    });
  }
};

// The bytes read but not yet parsed: a head (at most max_header_bytes) and one read more. The
// parser consumes a body as it comes, but keeps a chunk-size line until its CRLF: without a cap a
// chunk extension of 64 MB grew the process by 64 MB. Over the cap the read fails (400).
constexpr size_t kReadSlack = 64 * 1024;

Session::Session(tcp::socket socket, Server::Impl* server)
    : stream_(std::move(socket)), buffer_(server->options.max_header_bytes + kReadSlack), server_(server) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ip_ = ep.address().to_string();
  ++server_->connections;
}

void Session::Expect(Wait w) {
  waiting_for_ = w;
  const auto& o = server_->options;
  const int seconds = w == Wait::kIdle ? o.idle_timeout_seconds
                      : w == Wait::kHead ? o.header_timeout_seconds
                                         : o.body_timeout_seconds;
  // One deadline for the whole phase, not per read: a client that sends a byte now and then
  // (slowloris) is closed all the same.
  stream_.expires_after(std::chrono::seconds(seconds));
}

void Session::DoRead() {
  parser_.emplace();
  parser_->body_limit(server_->options.max_body_bytes);
  parser_->header_limit(static_cast<uint32_t>(server_->options.max_header_bytes));
  // A new connection has header_timeout for its first head (counted from the accept); a
  // kept-alive one may idle until the first byte of its next request (ReadHead), unless that
  // request is already in the buffer (pipelined).
  Expect(first_request_ || buffer_.size() > 0 ? Wait::kHead : Wait::kIdle);
  reading_ = true;
  ReadHead();
}

// Reads until the buffer holds the whole head, so that its raw lines are checked before the
// parser unfolds them (wire::ScanHead). The bytes stay in the buffer for the parser.
void Session::ReadHead() {
  const std::string_view bytes(static_cast<const char*>(buffer_.data().data()), buffer_.size());
  switch (wire::ScanHead(bytes, server_->options.max_header_bytes)) {
    case wire::HeadScan::kComplete:
      return ReadMessage();
    case wire::HeadScan::kTooLarge:
      reading_ = false;
      first_request_ = false;
      return Refuse(HeadersTooLarge(), 11);
    case wire::HeadScan::kObsFold:
      reading_ = false;
      first_request_ = false;
      return Refuse(Problem({ErrorCode::kInvalid,
                             "Requête HTTP invalide : un en-tête continué sur la ligne suivante (obs-fold) est refusé.",
                             {}, {}}),
                    11);
    case wire::HeadScan::kIncomplete:
      break;
  }
  if (waiting_for_ == Wait::kIdle && buffer_.size() > 0) Expect(Wait::kHead);
  stream_.async_read_some(buffer_.prepare(std::min<size_t>(16 * 1024, buffer_.max_size() - buffer_.size())), [self = shared_from_this()](beast::error_code ec, size_t n) {
    self->buffer_.commit(n);
    // The end of the stream within a head: a request cut short, 400. (Not a read by the parser:
    // after the end of the stream, a read would wait for an event that never comes.)
    if (ec == asio::error::eof && self->buffer_.size() > 0) return self->OnRead(bhttp::error::partial_message, 0);
    if (ec) return self->OnRead(ec, 0);
    self->ReadHead();
  });
}

void Session::ReadMessage() {
  Expect(Wait::kBody);
  bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t n) {
    self->OnRead(ec, n);
  });
}

void Session::OnRead(beast::error_code ec, size_t) {
  reading_ = false;
  first_request_ = false;
  if (ec == beast::error::timeout) ++server_->timed_out;
  if (ec == bhttp::error::end_of_stream || ec == asio::error::operation_aborted || ec == beast::error::timeout ||
      ec == asio::error::connection_reset || ec == asio::error::eof) {
    return Close();
  }
  if (ec) {
    // Malformed or oversized request: answer once, then close (the stream is no longer in sync).
    Error e{ErrorCode::kInvalid, "Requête HTTP invalide.", {}, {}};
    if (ec == bhttp::error::body_limit) {
      e = {ErrorCode::kTooLarge, "Le corps de la requête dépasse la taille permise.", {}, {}};
    }
    if (ec == bhttp::error::header_limit) return Refuse(HeadersTooLarge(), 11);
    return Refuse(Problem(e), 11);
  }

  auto& msg = parser_->get();
  // What Beast accepts but another reader of these bytes could frame differently (smuggling):
  // refused, and the connection closed before anything after this request is read.
  {
    std::vector<std::string_view> te, cl, host;
    for (const auto& f : msg) {
      if (f.name() == bhttp::field::host) host.emplace_back(f.value().data(), f.value().size());
      if (f.name() == bhttp::field::transfer_encoding) te.emplace_back(f.value().data(), f.value().size());
      if (f.name() == bhttp::field::content_length) cl.emplace_back(f.value().data(), f.value().size());
    }
    if (auto bad = wire::CheckFraming(msg.version(), te, cl)) return Refuse(Problem(*bad), msg.version());
    if (auto bad = wire::CheckHost(msg.version(), host)) return Refuse(Problem(*bad), msg.version());
  }
  Request req;
  req.method = std::string(msg.method_string());
  auto target = wire::ParseTarget(std::string_view(msg.target().data(), msg.target().size()));
  if (!target.ok()) return Refuse(Problem(target.error()), msg.version());
  req.path = std::move(target->path);
  req.query = std::move(target->query);
  for (const auto& f : msg) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  req.body = std::move(msg.body());
  req.remote_ip = wire::ClientAddress(remote_ip_, req.Header("x-forwarded-for"), server_->options.trusted_proxy);
  std::string_view given_id = req.Header("x-request-id");
  req.request_id = ValidRequestId(given_id) ? std::string(given_id) : NewRequestId();
  const bool keep_alive = msg.keep_alive() && !server_->stopping;
  Response res = server_->router.Handle(req);
  if (res.hold) return ReplyWhenResumed(std::move(res), msg.version(), keep_alive);
  Reply(std::move(res), msg.version(), keep_alive);
}

void Session::ReplyWhenResumed(Response res, unsigned version, bool keep_alive) {
  auto hold = std::move(res.hold);
  res.hold = nullptr;
  auto held = std::make_shared<Response>(std::move(res));
  // Tracked work keeps this worker's io_context running (a graceful stop included) until the
  // answer is written.
  auto executor = asio::prefer(stream_.get_executor(), asio::execution::outstanding_work.tracked);
  hold([self = shared_from_this(), held, version, keep_alive, executor](bool durable) {
    asio::post(executor, [self, held, version, keep_alive, durable] {
      if (!durable) {
        Response failed = Problem({ErrorCode::kUnavailable,
                                   "Le service n'a pas pu enregistrer la trace de cette consultation ; réessayez dans "
                                   "un instant.",
                                   {}, {}});
        // The headers every answer carries (request id, security, cache) stay.
        failed.headers = std::move(held->headers);
        failed.SetHeader("Retry-After", "5");
        *held = std::move(failed);
      }
      self->Reply(std::move(*held), version, keep_alive);
    });
  });
}

void Session::Reply(Response res, unsigned version, bool keep_alive) {
  // The response is written as two buffers, head and body, with the fields Beast's serializer put:
  // building a bhttp::response and serialising it cost a fifth of a household GET's instructions.
  const auto status = static_cast<bhttp::status>(res.status);
  head_.clear();
  head_ += version == 10 ? "HTTP/1.0 " : "HTTP/1.1 ";
  head_ += std::to_string(res.status);
  head_ += ' ';
  const auto reason = bhttp::obsolete_reason(status);
  head_.append(reason.data(), reason.size());
  head_ += "\r\nServer: relais\r\n";
  auto field = [this](std::string_view name, std::string_view value) {
    head_ += name;
    head_ += ": ";
    head_ += value;
    head_ += "\r\n";
  };
  if (!res.content_type.empty()) field("Content-Type", res.content_type);
  for (const auto& [k, v] : res.headers) field(k, v);
  // HTTP/1.1 keeps the connection unless told; HTTP/1.0 closes it unless told.
  if (version == 11 && !keep_alive) field("Connection", "close");
  if (version == 10 && keep_alive) field("Connection", "keep-alive");
  // No Content-Length on 1xx, 204 and 304 (their bodies are empty).
  if (bhttp::to_status_class(status) != bhttp::status_class::informational && status != bhttp::status::no_content &&
      status != bhttp::status::not_modified) {
    field("Content-Length", std::to_string(res.body.size()));
  }
  head_ += "\r\n";
  body_ = std::move(res.body);
  Expect(Wait::kAnswer);
  const std::array<asio::const_buffer, 2> buffers = {asio::buffer(head_), asio::buffer(body_)};
  asio::async_write(stream_, buffers, [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
    if (ec == beast::error::timeout && self->server_) ++self->server_->timed_out;
    if (ec) return self->Close();
    if (!keep_alive || self->server_->stopping) return self->Close(/*linger=*/true);
    self->DoRead();
  });
}

void Session::Refuse(Response res, unsigned version) {
  Request req;
  req.request_id = NewRequestId();
  server_->router.AddCommonHeaders(req, res);
  Reply(std::move(res), version, false);
}

void Session::Close(bool linger) {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  if (linger && !ec && server_) {
    drain_ = std::make_unique<std::array<char, 16384>>();
    stream_.expires_after(std::chrono::seconds(2));
    return Drain(0);
  }
  stream_.close();
  if (server_) {
    --server_->connections;
    server_ = nullptr;
  }
}

void Session::Drain(size_t total) {
  stream_.async_read_some(asio::buffer(*drain_), [self = shared_from_this(), total](beast::error_code ec, size_t n) {
    if (ec || total + n > (8u << 20)) return self->Close();
    self->Drain(total + n);
  });
}

Server::Server(ServerOptions options, Router& router) : impl_(std::make_unique<Impl>(std::move(options), router)) {}

Server::~Server() {
  if (!impl_->workers.empty()) Stop(1);
}

int Server::open_connections() const { return impl_->connections.load(); }

ServerStats Server::Stats() const {
  return {impl_->connections.load(), impl_->accepted.load(), impl_->refused.load(), impl_->timed_out.load()};
}

uint16_t Server::Start() {
  auto& o = impl_->options;
  const int threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  beast::error_code ec;
  auto address = asio::ip::make_address(o.host, ec);
  if (ec) throw std::runtime_error("invalid listen address '" + o.host + "': " + ec.message());
  uint16_t port = o.port;
  for (int i = 0; i < threads; ++i) {
    auto w = std::make_unique<Worker>();
    w->acceptor = std::make_unique<tcp::acceptor>(w->io);
    tcp::endpoint ep(address, port);
    w->acceptor->open(ep.protocol());
    w->acceptor->set_option(asio::socket_base::reuse_address(true));
    w->acceptor->set_option(asio::detail::socket_option::boolean<SOL_SOCKET, SO_REUSEPORT>(true));
    w->acceptor->bind(ep, ec);
    if (ec) throw std::runtime_error("cannot listen on " + o.host + ":" + std::to_string(port) + ": " + ec.message());
    w->acceptor->listen(asio::socket_base::max_listen_connections);
    port = w->acceptor->local_endpoint().port();  // with port 0, the others join the same port
    impl_->workers.push_back(std::move(w));
  }
  for (auto& w : impl_->workers) {
    Worker* raw = w.get();
    impl_->Accept(raw);
    raw->thread = std::thread([raw] {
      for (;;) {
        try {
          raw->io.run();
          break;
        } catch (const std::exception& e) {
          log::Error("worker error", {{"error", e.what()}});
        }
      }
    });
  }
  return port;
}

void Server::Stop(int grace_seconds) {
  if (impl_->workers.empty()) return;
  impl_->stopping = true;
  for (auto& w : impl_->workers) {
    Worker* raw = w.get();
    asio::post(raw->io, [raw] {
      beast::error_code ec;
      raw->acceptor->close(ec);
      raw->accept_retry.cancel();
      for (auto& weak : raw->sessions) {
        if (auto s = weak.lock()) s->CloseIfIdle();
      }
    });
  }
  // In-flight requests finish and their connections close; then each io_context runs out of work.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(grace_seconds);
  while (impl_->connections.load() > 0 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  for (auto& w : impl_->workers) w->io.stop();
  for (auto& w : impl_->workers) {
    if (w->thread.joinable()) w->thread.join();
  }
  impl_->workers.clear();
}

}  // namespace relais::http
