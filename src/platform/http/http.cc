#include "platform/http/http.h"

namespace relais::http {

std::string_view Request::Header(std::string_view lower_name) const {
  for (const auto& [k, v] : headers) {
    if (k == lower_name) return v;
  }
  return {};
}

std::optional<std::string> Request::QueryParam(std::string_view name) const {
  std::string_view q = query;
  while (!q.empty()) {
    size_t amp = q.find('&');
    std::string_view pair = q.substr(0, amp);
    size_t eq = pair.find('=');
    std::string_view key = pair.substr(0, eq);
    if (auto k = PercentDecode(key, true); k && *k == name) {
      return eq == std::string_view::npos ? std::string() : PercentDecode(pair.substr(eq + 1), true);
    }
    if (amp == std::string_view::npos) break;
    q.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

std::string Request::Cookie(std::string_view name) const {
  for (const auto& [k, v] : headers) {
    if (k != "cookie") continue;
    std::string_view s = v;
    while (!s.empty()) {
      while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
      size_t semi = s.find(';');
      std::string_view item = s.substr(0, semi);
      size_t eq = item.find('=');
      if (eq != std::string_view::npos && item.substr(0, eq) == name) return std::string(item.substr(eq + 1));
      if (semi == std::string_view::npos) break;
      s.remove_prefix(semi + 1);
    }
  }
  return {};
}

Response Json(const nlohmann::json& body, int status) {
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response JsonText(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

Response NoContent() {
  Response r;
  r.status = 204;
  r.content_type.clear();
  return r;
}

namespace {
std::string_view TitleOf(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return "Données invalides";
    case ErrorCode::kUnauthenticated: return "Connexion requise";
    case ErrorCode::kForbidden: return "Action non autorisée";
    case ErrorCode::kNotFound: return "Introuvable";
    case ErrorCode::kConflict: return "Conflit";
    case ErrorCode::kTooLarge: return "Requête trop volumineuse";
    case ErrorCode::kRateLimited: return "Trop de tentatives";
    case ErrorCode::kUnavailable: return "Service momentanément indisponible";
    case ErrorCode::kStorageFull: return "Espace de stockage plein";
    case ErrorCode::kInternal: return "Erreur interne";
  }
  return "Erreur";
}
}  // namespace

Response Problem(const Error& e) {
  return Problem(e, HttpStatusOf(e.code), TitleOf(e.code), NameOf(e.code));
}

Response Problem(const Error& e, int64_t retry_after_seconds) {
  Response res = Problem(e);
  if (e.code == ErrorCode::kRateLimited) {
    res.SetHeader("Retry-After", std::to_string(std::max<int64_t>(1, retry_after_seconds)));
  }
  return res;
}

Response Problem(const Error& e, int status, std::string_view title, std::string_view type) {
  nlohmann::json body = {
      {"type", "urn:relais:problem:" + std::string(type)},
      {"title", title},
      {"status", status},
      {"detail", e.message.empty() ? std::string(title) : e.message},
  };
  if (!e.field.empty()) body["field"] = e.field;
  // errors[] lists every offending field, also when a rule names just one (Invalid(field, ...)):
  // a form reads one list whichever layer refused the input.
  if (!e.fields.empty()) {
    auto errors = nlohmann::json::array();
    for (const auto& [f, m] : e.fields) errors.push_back({{"field", f}, {"message", m}});
    body["errors"] = std::move(errors);
  } else if (!e.field.empty()) {
    body["errors"] = nlohmann::json::array({{{"field", e.field}, {"message", body["detail"]}}});
  }
  Response r = Json(body, status);
  r.content_type = "application/problem+json";
  return r;
}

std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c == '%') {
      if (i + 2 >= s.size()) return std::nullopt;
      int hi = hex(s[i + 1]), lo = hex(s[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      char d = static_cast<char>(hi * 16 + lo);
      if (d == '\0') return std::nullopt;
      out += d;
      i += 2;
    } else if (c == '\0') {
      return std::nullopt;  // raw as well as decoded: no caller has a use for a NUL
    } else if (c == '+' && plus_is_space) {
      out += ' ';
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace relais::http
