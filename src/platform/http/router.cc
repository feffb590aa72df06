#include "platform/http/router.h"

#include <algorithm>
#include <chrono>

#include "platform/auth/policy.h"
#include "platform/auth/token.h"
#include "platform/core/text.h"
#include "platform/http/static_files.h"
#include "platform/log/log.h"

namespace relais::http {

struct Router::Route {
  std::string method;
  std::string pattern;
  std::vector<std::string> segments;  // "{id}" marks a parameter
  Access access;
  Handler handler;
  Metrics::Route* metric;
};

namespace {
std::vector<std::string_view> SplitPath(std::string_view path) {
  std::vector<std::string_view> out;
  if (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (true) {
    size_t slash = path.find('/');
    out.push_back(path.substr(0, slash));
    if (slash == std::string_view::npos) break;
    path.remove_prefix(slash + 1);
  }
  return out;
}

bool IsStateChanging(std::string_view method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A body must be JSON by its media type too: one Content-Type, application/json, and if a charset
// is given, UTF-8. An HTML form of another site can post text/plain or form data (whose bytes
// may well be JSON) without a CORS preflight; the sign-in route has no CSRF token to stop it.
bool IsJsonBody(const Request& req) {
  std::string_view type;
  int count = 0;
  for (const auto& [k, v] : req.headers) {
    if (k == "content-type") type = v, ++count;
  }
  if (count != 1) return false;
  size_t semi = type.find(';');
  if (Lower(text::Trim(type.substr(0, semi))) != "application/json") return false;
  while (semi != std::string_view::npos) {
    type.remove_prefix(semi + 1);
    semi = type.find(';');
    const std::string_view param = text::Trim(type.substr(0, semi));
    const size_t eq = param.find('=');
    if (eq == std::string_view::npos || Lower(text::Trim(param.substr(0, eq))) != "charset") continue;
    std::string_view value = text::Trim(param.substr(eq + 1));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') value = value.substr(1, value.size() - 2);
    if (Lower(value) != "utf-8") return false;
  }
  return true;
}
}  // namespace

std::string_view AccessName(Access a) {
  switch (a) {
    case Access::kPublic: return "public";
    case Access::kSession: return "session";
    case Access::kTenant: return "tenant";
  }
  return "?";
}

std::string_view Context::Param(std::string_view name) const {
  for (const auto& [k, v] : params) {
    if (k == name) return v;
  }
  return {};
}

Result<int64_t> Context::IdParam(std::string_view name) const {
  std::string_view v = Param(name);
  if (v.empty() || v.size() > 18 || v.front() == '0') return NotFound();
  int64_t id = 0;
  for (char c : v) {
    if (c < '0' || c > '9') return NotFound();
    id = id * 10 + (c - '0');
  }
  return id;
}

Router::Router()
    : not_found_metric_(metrics_.Register("*", "(unmatched)")),
      static_metric_(metrics_.Register("GET", "(static)")) {}
Router::~Router() = default;

void Router::Add(std::string method, std::string pattern, Access access, Handler handler) {
  auto r = std::make_unique<Route>();
  for (auto s : SplitPath(pattern)) r->segments.emplace_back(s);
  r->metric = metrics_.Register(method, pattern);
  r->method = std::move(method);
  r->pattern = std::move(pattern);
  r->access = access;
  r->handler = std::move(handler);
  const size_t n = r->segments.size();
  const size_t index = routes_.size();
  if (buckets_.size() <= n) buckets_.resize(n + 1);
  Bucket& b = buckets_[n];
  const std::string& key = r->segments[std::min(kKeySegment, n - 1)];
  if (key.size() > 2 && key.front() == '{' && key.back() == '}') {
    b.with_parameter.push_back(index);
    for (auto& [literal, list] : b.by_literal) list.push_back(index);
  } else {
    auto [it, added] = b.by_literal.try_emplace(key);
    if (added) it->second = b.with_parameter;  // the earlier routes with a parameter there
    it->second.push_back(index);
  }
  routes_.push_back(std::move(r));
}

const std::vector<size_t>& Router::Candidates(const std::vector<std::string_view>& parts) const {
  static const std::vector<size_t> kNone;
  const size_t n = parts.size();
  if (n >= buckets_.size()) return kNone;
  const Bucket& b = buckets_[n];
  auto it = b.by_literal.find(parts[std::min(kKeySegment, n - 1)]);
  return it != b.by_literal.end() ? it->second : b.with_parameter;
}

std::vector<Router::RouteInfo> Router::Routes() const {
  std::vector<RouteInfo> out;
  for (const auto& r : routes_) out.push_back({r->method, r->pattern, r->access});
  return out;
}

Response Router::Dispatch(const Request& req, Metrics::Route** metric, std::string* pattern) {
  const auto parts = SplitPath(req.path);
  // The number of literal segments by which route r matches the path, -1 when it does not.
  auto literals = [&](const Route& r, std::vector<std::pair<std::string_view, std::string_view>>* params) {
    if (r.segments.size() != parts.size()) return -1;
    int n = 0;
    for (size_t i = 0; i < parts.size(); ++i) {
      const std::string& seg = r.segments[i];
      if (seg.size() > 2 && seg.front() == '{' && seg.back() == '}') {
        if (parts[i].empty()) return -1;
        if (params) params->emplace_back(std::string_view(seg).substr(1, seg.size() - 2), parts[i]);
      } else if (seg != parts[i]) {
        return -1;
      } else {
        ++n;
      }
    }
    return n;
  };
  // Only the most literal patterns compete: /households/search is not /households/{id} with
  // id "search", whatever the order of registration, and its Allow lists only its own methods.
  // Only the candidates can match: any other route has another number of segments or another
  // literal at the key segment.
  const std::vector<size_t>& candidates = Candidates(parts);
  int best = -1;
  for (size_t i : candidates) best = std::max(best, literals(*routes_[i], nullptr));
  std::string allowed;
  for (size_t i : candidates) {
    const auto& r = routes_[i];
    std::vector<std::pair<std::string_view, std::string_view>> params;
    if (best < 0 || literals(*r, &params) != best) continue;
    if (r->method != req.method) {
      if (allowed.find(r->method) == std::string::npos) allowed += (allowed.empty() ? "" : ", ") + r->method;
      continue;
    }
    *metric = r->metric;
    *pattern = r->pattern;
    std::optional<auth::Actor> actor;
    if (authenticate_) actor = authenticate_(req);
    if (actor) actor->remote_ip = req.remote_ip;
    if (r->access != Access::kPublic) {
      if (!actor) {
        return Problem({ErrorCode::kUnauthenticated, "Votre session a expiré ou vous n'êtes pas connecté·e.", {}, {}});
      }
      // A tenant knows nothing of the staff routes, and staff nothing of the tenant ones.
      if ((r->access == Access::kTenant) != (actor->kind == auth::Kind::kTenant)) {
        *pattern = "(unmatched)";
        return Problem(NotFound("Cette adresse n'existe pas."));
      }
      if (IsStateChanging(req.method) && !auth::SafeEquals(req.Header("x-csrf-token"), actor->csrf_token)) {
        return Problem(Forbidden("Jeton anti-falsification (CSRF) absent ou invalide. Rechargez la page."));
      }
    }
    if (IsStateChanging(req.method) && !req.body.empty() && !IsJsonBody(req)) {
      return Problem({ErrorCode::kInvalid, "Le corps de la requête doit être du JSON (Content-Type: application/json).",
                      {}, {}},
                     415, "Type de contenu non pris en charge", "unsupported-media-type");
    }
    Context ctx{req, actor ? &*actor : nullptr, std::move(params)};
    if (r->access == Access::kPublic) return r->handler(ctx);
    // A signed-in route must ask its module's policy (auth::Decide) before it answers with
    // success; one that did not is a programming error, and its answer is not sent.
    auth::PolicyDecisions::Reset();
    Response res = r->handler(ctx);
    if (res.status < 400 && auth::PolicyDecisions::Count() == 0) {
      log::Error("route answered without a policy decision", {{"request_id", req.request_id}, {"route", r->pattern}});
      return Problem({ErrorCode::kInternal, "Erreur interne du serveur.", {}, {}});
    }
    return res;
  }
  if (!allowed.empty()) {
    *pattern = "(method not allowed)";
    Response res = Problem({ErrorCode::kInvalid, "Méthode " + req.method + " non permise ici.", {}, {}});
    res.status = 405;
    nlohmann::json body = nlohmann::json::parse(res.body);
    body["status"] = 405;
    body["title"] = "Méthode non permise";
    body["type"] = "urn:relais:problem:method-not-allowed";
    res.body = body.dump();
    res.SetHeader("Allow", allowed);
    return res;
  }
  if ((req.method == "GET" || req.method == "HEAD") && static_ && req.path != "/api" && !req.path.starts_with("/api/")) {
    if (auto file = static_->Find(req.path)) {
      *metric = static_metric_;
      *pattern = "(static)";
      return *file;
    }
  }
  *pattern = "(unmatched)";
  return Problem(NotFound("Cette adresse n'existe pas."));
}

void Router::AddCommonHeaders(const Request& req, Response& res) const {
  res.headers.reserve(res.headers.size() + 9);  // one allocation instead of four as they are added
  res.SetHeader("X-Content-Type-Options", "nosniff");
  res.SetHeader("Referrer-Policy", "no-referrer");
  res.SetHeader("X-Frame-Options", "DENY");
  res.SetHeader("Content-Security-Policy",
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
                "form-action 'self'; frame-ancestors 'none'");
  if (hsts_) res.SetHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
  res.SetHeader("X-Request-Id", req.request_id);
  bool has_cache = false;
  for (const auto& [k, v] : res.headers) has_cache = has_cache || k == "Cache-Control";
  if (!has_cache) res.SetHeader("Cache-Control", "no-store");
}

Response Router::Handle(const Request& req) {
  const auto start = std::chrono::steady_clock::now();
  Metrics::Route* metric = not_found_metric_;
  std::string pattern;
  Response res;
  try {
    res = Dispatch(req, &metric, &pattern);
  } catch (const InfraError& e) {
    log::Error("request failed", {{"request_id", req.request_id}, {"route", pattern}, {"error", e.what()}});
    res = Problem(e.ToError());
  } catch (const std::exception& e) {
    // Infrastructure failure (database down, disk full...): the module mapped nothing, so map here.
    log::Error("request failed", {{"request_id", req.request_id}, {"route", pattern}, {"error", e.what()}});
    res = Problem({ErrorCode::kInternal, "Erreur interne du serveur. Rien n'a été enregistré.", {}, {}});
  }
  AddCommonHeaders(req, res);
  // A 503 is temporary by definition (database unreachable, disk error): say when to come back,
  // so that clients retry rather than hammer or give up.
  if (res.status == 503 && std::none_of(res.headers.begin(), res.headers.end(),
                                        [](const auto& h) { return h.first == "Retry-After"; })) {
    res.SetHeader("Retry-After", "5");
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics_.Observe(metric, res.status, seconds);
  log::Request(req.method, pattern, res.status, seconds * 1000.0, req.request_id);
  return res;
}

}  // namespace relais::http
