// Relais's own HTTP request and response types: what routes see. Beast stays inside server.cc.
// Helpers build JSON and RFC 9457 problem responses with the project's security headers.
#pragma once
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "platform/core/error.h"

namespace relais::http {

struct Request {
  std::string method;  // "GET"
  std::string path;    // percent-decoded path, without the query
  std::string query;   // raw query string, without '?'
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote_ip;
  std::string request_id;

  // Value of a header (first occurrence), empty when absent.
  std::string_view Header(std::string_view lower_name) const;
  // Percent-decoded value of a query parameter; nullopt when absent.
  std::optional<std::string> QueryParam(std::string_view name) const;
  // Value of a cookie, empty when absent.
  std::string Cookie(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // Set by a handler whose answer may leave only once something else is durable (the audit entry
  // of a read): the server calls it with `resume`, which any thread may call once; resume(false)
  // turns the answer into a 503. Meanwhile the server goes on serving its other connections.
  std::function<void(std::function<void(bool durable)> resume)> hold;

  void SetHeader(std::string name, std::string value) { headers.emplace_back(std::move(name), std::move(value)); }
};

// 200 (or `status`) with a JSON body.
Response Json(const nlohmann::json& body, int status = 200);
// 200 (or `status`) with a body already serialised as JSON (JsonWriter on hot paths).
Response JsonText(std::string body, int status = 200);
// An RFC 9457 problem+json response for an Error (French title and detail, field, errors[]).
Response Problem(const Error& e);
// The same, with Retry-After (at least 1 s) when the error is kRateLimited (429).
Response Problem(const Error& e, int64_t retry_after_seconds);
// The same with a status that no ErrorCode maps to (405, 415, 431): the body's status, title and
// type follow it.
Response Problem(const Error& e, int status, std::string_view title, std::string_view type);
// 204 No Content.
Response NoContent();

// Decodes %XX and (when plus_is_space) '+'. nullopt on a malformed escape or a NUL, raw or decoded.
std::optional<std::string> PercentDecode(std::string_view s, bool plus_is_space);

}  // namespace relais::http
