#include "platform/http/wire.h"

#include "platform/core/text.h"

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

}  // namespace relais::http::wire
