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
  void OnRead(beast::error_code ec, size_t);
  void Reply(Response res, unsigned version, bool keep_alive);
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
  std::shared_ptr<bhttp::response<bhttp::string_body>> response_;
  Server::Impl* server_;
  std::string remote_ip_;
  bool reading_ = false;
  bool first_request_ = true;
};

struct Worker {
  asio::io_context io{1};
  std::unique_ptr<tcp::acceptor> acceptor;
  std::list<std::weak_ptr<Session>> sessions;  // only touched on this worker's thread
  std::thread thread;
};

struct Server::Impl {
  ServerOptions options;
  Router& router;
  std::vector<std::unique_ptr<Worker>> workers;
  std::atomic<int> connections{0};
  std::atomic<bool> stopping{false};

  Impl(ServerOptions o, Router& r) : options(std::move(o)), router(r) {}

  void Accept(Worker* w) {
    // One thread per io_context: no strand needed.
    w->acceptor->async_accept(w->io, [this, w](beast::error_code ec, tcp::socket socket) {
      if (ec) {
        if (ec == asio::error::operation_aborted || stopping) return;
        log::Warn("accept failed", {{"error", ec.message()}});
      } else if (connections.load() >= options.max_connections) {
        // Over the limit: refuse at once rather than let everyone wait.
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

Session::Session(tcp::socket socket, Server::Impl* server) : stream_(std::move(socket)), server_(server) {
  beast::error_code ec;
  auto ep = stream_.socket().remote_endpoint(ec);
  if (!ec) remote_ip_ = ep.address().to_string();
  ++server_->connections;
}

void Session::DoRead() {
  parser_.emplace();
  parser_->body_limit(server_->options.max_body_bytes);
  parser_->header_limit(static_cast<uint32_t>(server_->options.max_header_bytes));
  // A first request gets the request timeout; a kept-alive connection may idle longer.
  stream_.expires_after(std::chrono::seconds(first_request_ ? server_->options.request_timeout_seconds
                                                            : server_->options.idle_timeout_seconds));
  reading_ = true;
  bhttp::async_read(stream_, buffer_, *parser_, [self = shared_from_this()](beast::error_code ec, size_t n) {
    self->OnRead(ec, n);
  });
}

void Session::OnRead(beast::error_code ec, size_t) {
  reading_ = false;
  first_request_ = false;
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
    Response res = Problem(e);
    if (ec == bhttp::error::header_limit) {
      res.status = 431;
    }
    return Refuse(std::move(res), 11);
  }

  auto& msg = parser_->get();
  Request req;
  req.method = std::string(msg.method_string());
  std::string_view target(msg.target().data(), msg.target().size());
  size_t q = target.find('?');
  auto path = PercentDecode(target.substr(0, q), false);
  if (!path || path->empty() || path->front() != '/') {
    return Refuse(Problem({ErrorCode::kInvalid, "Adresse de la requête invalide.", {}, {}}), msg.version());
  }
  // A query with a malformed escape (%zz) would make its parameter look absent: a filter
  // silently dropped. Refuse the request instead.
  // Parameters that decode to invalid UTF-8 would reach SQL as text (PostgreSQL refuses it: a 500).
  if (q != std::string_view::npos) {
    auto query = PercentDecode(target.substr(q + 1), true);
    if (!query || !text::IsValidUtf8(*query)) {
      return Refuse(Problem({ErrorCode::kInvalid, "Paramètres de la requête mal encodés (UTF-8 attendu).", {}, {}}),
                    msg.version());
    }
  }
  req.path = std::move(*path);
  if (q != std::string_view::npos) req.query = std::string(target.substr(q + 1));
  for (const auto& f : msg) {
    std::string name(f.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    req.headers.emplace_back(std::move(name), std::string(f.value()));
  }
  req.body = std::move(msg.body());
  req.remote_ip = remote_ip_;
  std::string_view given_id = req.Header("x-request-id");
  req.request_id = ValidRequestId(given_id) ? std::string(given_id) : NewRequestId();
  const bool keep_alive = msg.keep_alive() && !server_->stopping;
  Response res = server_->router.Handle(req);
  Reply(std::move(res), msg.version(), keep_alive);
}

void Session::Reply(Response res, unsigned version, bool keep_alive) {
  response_ = std::make_shared<bhttp::response<bhttp::string_body>>(static_cast<bhttp::status>(res.status), version);
  auto& r = *response_;
  r.set(bhttp::field::server, "relais");
  if (!res.content_type.empty()) r.set(bhttp::field::content_type, res.content_type);
  for (auto& [k, v] : res.headers) r.insert(k, v);
  r.body() = std::move(res.body);
  r.keep_alive(keep_alive);
  r.prepare_payload();
  stream_.expires_after(std::chrono::seconds(server_->options.request_timeout_seconds));
  bhttp::async_write(stream_, r, [self = shared_from_this(), keep_alive](beast::error_code ec, size_t) {
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
