#include "platform/http/wire.h"

#include <set>

#include "platform/core/text.h"
#include "platform/http/http.h"

namespace relais::http::wire {
namespace {

bool IEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    if (lower(a[i]) != lower(b[i])) return false;
  }
  return true;
}

Error BadFraming(std::string message) { return {ErrorCode::kInvalid, std::move(message), {}, {}}; }

}  // namespace

namespace {

bool IsTokenChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$%&'*+-.^_`|~").find(c) != std::string_view::npos;
}

bool IsToken(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!IsTokenChar(c)) return false;
  }
  return true;
}

// method SP request-target SP HTTP-version, nothing else (RFC 9112 §3).
bool IsRequestLine(std::string_view line) {
  const size_t sp1 = line.find(' ');
  if (sp1 == std::string_view::npos || !IsToken(line.substr(0, sp1))) return false;
  const size_t sp2 = line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || sp2 == sp1 + 1) return false;
  const std::string_view version = line.substr(sp2 + 1);
  return version.size() == 8 && version.starts_with("HTTP/") && version[5] >= '0' && version[5] <= '9' &&
         version[6] == '.' && version[7] >= '0' && version[7] <= '9';
}

}  // namespace

HeadScan ScanHead(std::string_view bytes, size_t limit) {
  size_t pos = 0;
  for (bool first = true;; first = false) {
    const size_t nl = bytes.find('\n', pos);
    const bool complete = nl != std::string_view::npos;
    std::string_view line = bytes.substr(pos, complete ? nl - pos : std::string_view::npos);
    if (complete) {
      if (line.empty() || line.back() != '\r') return HeadScan::kComplete;  // a bare LF
      line.remove_suffix(1);
    }
    if (first) {
      // The CR of a CRLF whose LF has not arrived yet.
      if (!complete && !line.empty() && line.back() == '\r') line.remove_suffix(1);
      for (char c : line) {
        if ((c < 0x21 || c > 0x7e) && c != ' ') return HeadScan::kComplete;
      }
      if (complete && !IsRequestLine(line)) return HeadScan::kComplete;
    } else {
      if (complete && line.empty()) return nl + 1 > limit ? HeadScan::kTooLarge : HeadScan::kComplete;
      if (!line.empty() && (line.front() == ' ' || line.front() == '\t')) return HeadScan::kObsFold;
      if (complete) {
        const size_t colon = line.find(':');
        if (colon == std::string_view::npos || !IsToken(line.substr(0, colon))) return HeadScan::kComplete;
      }
    }
    if (!complete) break;
    pos = nl + 1;
  }
  return bytes.size() > limit ? HeadScan::kTooLarge : HeadScan::kIncomplete;
}

std::optional<Error> CheckFraming(unsigned version, std::span<const std::string_view> transfer_encodings,
                                  std::span<const std::string_view> content_lengths) {
  if (!transfer_encodings.empty()) {
    if (version < 11) return BadFraming("Transfer-Encoding n'existe pas en HTTP/1.0.");
    if (transfer_encodings.size() > 1 || !IEquals(text::Trim(transfer_encodings.front()), "chunked")) {
      return BadFraming("Transfer-Encoding non pris en charge : seul « chunked » est accepté, une seule fois.");
    }
  }
  if (content_lengths.size() > 1 ||
      (content_lengths.size() == 1 && content_lengths.front().find(',') != std::string_view::npos)) {
    return BadFraming("Content-Length ne peut être donné qu'une fois.");
  }
  return std::nullopt;
}

std::optional<Error> CheckHost(unsigned version, std::span<const std::string_view> hosts) {
  if (hosts.size() > 1) return BadFraming("L'en-tête Host est donné plusieurs fois.");
  if (hosts.empty()) {
    if (version >= 11) return BadFraming("L'en-tête Host est obligatoire en HTTP/1.1.");
    return std::nullopt;
  }
  for (char c : hosts.front()) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    std::string_view("-._~!$&'()*+,;=%:[]").find(c) != std::string_view::npos;
    if (!ok) return BadFraming("L'en-tête Host n'est pas un nom d'hôte valide.");
  }
  return std::nullopt;
}

Result<Target> ParseTarget(std::string_view target) {
  const Error bad = Invalid("", "Adresse de la requête invalide.");
  if (target.empty() || target.front() != '/') return bad;
  for (char c : target) {
    const auto u = static_cast<unsigned char>(c);
    if (u <= 0x20 || u >= 0x7f || c == '#' || c == '\\') return bad;
  }
  const size_t q = target.find('?');
  auto path = PercentDecode(target.substr(0, q), false);
  if (!path || !text::IsValidUtf8(*path)) return bad;
  for (char c : *path) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') return bad;
  }
  // Segments: no "." nor "..", no empty one but the last ("/api/v1/households/" stays a 404).
  std::string_view rest = std::string_view(*path).substr(1);
  for (;;) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == "." || segment == "..") return bad;
    if (slash == std::string_view::npos) break;
    if (segment.empty()) return bad;
    rest.remove_prefix(slash + 1);
  }
  Target out{std::move(*path), {}};
  if (q == std::string_view::npos) return out;
  out.query = std::string(target.substr(q + 1));
  std::set<std::string> names;
  std::string_view query = out.query;
  while (!query.empty()) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (!pair.empty()) {
      const size_t eq = pair.find('=');
      auto name = PercentDecode(pair.substr(0, eq), true);
      std::optional<std::string> value = std::string();
      if (eq != std::string_view::npos) value = PercentDecode(pair.substr(eq + 1), true);
      if (!name || !value || !text::IsValidUtf8(*name) || !text::IsValidUtf8(*value)) {
        return Invalid("", "Paramètres de la requête mal encodés (UTF-8 attendu).");
      }
      if (!names.insert(*name).second) {
        return Invalid(*name, "Le paramètre « " + *name + " » est donné plusieurs fois.");
      }
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return out;
}

std::string ClientAddress(std::string_view peer, std::string_view forwarded_for, std::string_view trusted_proxy) {
  if (trusted_proxy.empty() || peer != trusted_proxy || forwarded_for.empty()) return std::string(peer);
  const size_t comma = forwarded_for.rfind(',');
  std::string_view last = forwarded_for.substr(comma == std::string_view::npos ? 0 : comma + 1);
  while (!last.empty() && (last.front() == ' ' || last.front() == '\t')) last.remove_prefix(1);
  while (!last.empty() && (last.back() == ' ' || last.back() == '\t')) last.remove_suffix(1);
  const bool ip = !last.empty() && last.size() <= 45 && last.find_first_not_of("0123456789abcdefABCDEF:.") ==
                                                          std::string_view::npos;
  return std::string(ip ? last : peer);
}

}  // namespace relais::http::wire
