// The router: maps method + path pattern ("/api/v1/households/{id}") to a module's handler.
// It also owns what every request goes through: the actor from the session, CSRF on state
// changes, a JSON media type for request bodies (415 otherwise), the error-to-problem mapping,
// security and cache headers, one log line and metrics.
#pragma once
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/auth/actor.h"
#include "platform/http/http.h"
#include "platform/http/metrics.h"

namespace relais::http {

class StaticFiles;

// Who may call a route.
enum class Access {
  kPublic,   // no session needed (login, health, metrics, public verification pages)
  kSession,  // a signed-in staff, partner or observer actor; state changes also need the CSRF token
  kTenant,   // a signed-in tenant (the tenant web app); state changes also need the CSRF token
};
// "public", "session" or "tenant" (`relais routes`).
std::string_view AccessName(Access a);

struct Context {
  const Request& req;
  const auth::Actor* actor;  // null on public routes without a session
  std::vector<std::pair<std::string_view, std::string_view>> params;

  // The path parameter `name` ("{id}" in the pattern).
  std::string_view Param(std::string_view name) const;
  // The path parameter as a positive id; kNotFound when it is not one (ids are never guessed).
  Result<int64_t> IdParam(std::string_view name = "id") const;
  // The actor, for kSession routes (always set there).
  const auth::Actor& Actor() const { return *actor; }
};

using Handler = std::function<Response(Context&)>;

// Resolves the actor of a request from its session cookie (and slides the idle timeout).
// nullopt when there is no valid session.
using Authenticator = std::function<std::optional<auth::Actor>(const Request&)>;

class Router {
 public:
  Router();
  ~Router();

  // Registers a route. Patterns are literal segments and {name} parameters.
  void Add(std::string method, std::string pattern, Access access, Handler handler);
  void SetAuthenticator(Authenticator a) { authenticate_ = std::move(a); }
  // Adds an authenticator after the current one: the first that finds an actor wins (staff
  // sessions, then tenant sessions, each with its own cookie).
  void AddAuthenticator(Authenticator a) {
    if (!authenticate_) {
      authenticate_ = std::move(a);
      return;
    }
    authenticate_ = [first = std::move(authenticate_), next = std::move(a)](const Request& req) {
      auto actor = first(req);
      return actor ? actor : next(req);
    };
  }
  // Files of the built web app, served for GET requests outside /api (SPA fallback to index.html).
  void SetStaticFiles(std::shared_ptr<const StaticFiles> files) { static_ = std::move(files); }
  // Adds Strict-Transport-Security to every answer: on when people reach Relais over TLS (in
  // production a TLS-terminating proxy in front; see ServedOverTls in platform/config).
  void SetHsts(bool on) { hsts_ = on; }

  // Handles one request; never throws. Logs one line and records metrics.
  Response Handle(const Request& req);

  struct RouteInfo {
    std::string method, pattern;
    Access access;
  };
  std::vector<RouteInfo> Routes() const;
  Metrics& metrics() { return metrics_; }
  // Security headers, X-Request-Id and (unless set) Cache-Control: no-store. Handle() adds them;
  // the server calls it for the answers it gives before a request reaches the router.
  void AddCommonHeaders(const Request& req, Response& res) const;

 private:
  struct Route;
  Response Dispatch(const Request& req, Metrics::Route** metric, std::string* pattern);

  // The routes a path may match, by its number of segments and its segment kKeySegment (the
  // resource's name in /api/v1/<name>/...): the indexes of the routes with that many segments
  // whose key segment is that literal or a parameter, in the order of registration. Dispatch
  // looks only at those (188 routes tried twice per request cost 8 % of a household GET).
  static constexpr size_t kKeySegment = 2;
  struct TextHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  struct Bucket {
    std::unordered_map<std::string, std::vector<size_t>, TextHash, std::equal_to<>> by_literal;
    std::vector<size_t> with_parameter;  // key segment a parameter: a candidate for every path
  };
  const std::vector<size_t>& Candidates(const std::vector<std::string_view>& parts) const;

  std::vector<std::unique_ptr<Route>> routes_;
  std::vector<Bucket> buckets_;  // by number of segments
  Authenticator authenticate_;
  std::shared_ptr<const StaticFiles> static_;
  Metrics metrics_;
  Metrics::Route* not_found_metric_;
  Metrics::Route* static_metric_;
  bool hsts_ = false;
};

}  // namespace relais::http
