// Checks of a request as it arrives on the wire, before it reaches the router: what Beast's parser
// accepts but Relais refuses because another reader of the same bytes (a proxy, a log, a cache)
// could understand them differently — request smuggling — or because they cannot be a request to
// Relais. Pure functions of the request's fields, without Beast, so that they are unit-tested and
// fuzzed. docs/adr/0005-hostile-input.md gives the reasons; server.cc answers each refusal with a
// 400 and closes the connection.
#pragma once
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "platform/core/error.h"

namespace relais::http::wire {

// Where the head of a request stands in the bytes read so far (`bytes` starts at the request
// line). The server reads until this is no longer kIncomplete and only then lets Beast's parser
// see the bytes, so that:
// - kObsFold: a field line continued on a line that starts with a space or a tab. The parser would
//   replace it with a space, silently; RFC 9112 §5.2 lets a server do that or answer 400, and a
//   proxy in front may do the other (or take the continuation for a field of its own): refused.
// - kTooLarge: the head (through its blank line) is longer than `limit`, whatever the pieces it
//   arrived in: 431.
// - kComplete: the whole head is there, or enough for the parser to refuse it at once (a byte
//   that cannot be in a request line, a request line of another shape, a field line without a
//   name and a colon, a bare LF), so that garbage is answered without waiting for a blank line.
enum class HeadScan { kIncomplete, kComplete, kObsFold, kTooLarge };
HeadScan ScanHead(std::string_view bytes, size_t limit);

// The framing of the body. `version` is 10 or 11; the spans hold the value of each
// Transfer-Encoding and Content-Length field, in order. Refused (kInvalid): Transfer-Encoding in
// HTTP/1.0, given twice, or anything but exactly "chunked" (we decode no other coding, and a
// body whose length cannot be known must not be guessed); Content-Length given twice or as a list,
// even of equal values. nullopt when the framing is unambiguous.
std::optional<Error> CheckFraming(unsigned version, std::span<const std::string_view> transfer_encodings,
                                  std::span<const std::string_view> content_lengths);

// The Host fields (RFC 9112 §3.2): exactly one in HTTP/1.1, at most one in HTTP/1.0, each a
// uri-host with an optional port (letters, digits, "-._~!$&'()*+,;=%:[]"; may be empty). A
// second Host, or one with user information, a path or white space, is how a request is made to
// look addressed to another site: kInvalid.
std::optional<Error> CheckHost(unsigned version, std::span<const std::string_view> hosts);

// A request target in origin form ("/path?query"), checked.
struct Target {
  std::string path;   // percent-decoded
  std::string query;  // as sent, without '?' (Request::QueryParam decodes each parameter)
};
// Refused (kInvalid, with the parameter's name in field when one is at fault):
// - a target that is not origin form (absolute URL, authority, "*"), holds bytes outside
//   printable ASCII, a fragment ('#') or a backslash;
// - a path whose escapes are malformed or decode to NUL, to invalid UTF-8, to a control
//   character or a backslash; a "." or ".." segment (raw or encoded: traversal); an empty segment
//   other than a trailing one ("//etc/passwd");
// - a query whose escapes are malformed, decode to NUL or invalid UTF-8, or that gives one
//   parameter twice (which one counts would depend on the reader: a filter silently dropped).
Result<Target> ParseTarget(std::string_view target);

// The client's address: the connection's peer, or, when the peer is the trusted reverse proxy
// (server.trusted_proxy), the last address of its X-Forwarded-For (the one that proxy added; the
// ones before it are whatever the client sent). A value that is not an IP address is ignored.
std::string ClientAddress(std::string_view peer, std::string_view forwarded_for, std::string_view trusted_proxy);

}  // namespace relais::http::wire
