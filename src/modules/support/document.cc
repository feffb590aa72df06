#include "modules/support/document.h"

#include <algorithm>

#include "platform/core/text.h"

namespace relais::support {

const std::vector<std::string>& DocumentContentTypes() {
  static const std::vector<std::string> kTypes{"application/pdf", "image/jpeg", "image/png"};
  return kTypes;
}

std::optional<std::string> DecodeBase64(std::string_view text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  size_t end = text.size();
  int padding = 0;
  while (end > 0 && text[end - 1] == '=' && padding < 2) {
    --end;
    ++padding;
  }
  if (padding > 0 && text.size() % 4 != 0) return std::nullopt;
  if (end % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(end * 3 / 4);
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < end; ++i) {
    const int v = value(text[i]);
    if (v < 0) return std::nullopt;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  // The bits left over must be zero (a canonical encoding).
  if (bits > 0 && (acc & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

std::string_view SniffContentType(std::string_view b) {
  if (b.starts_with("%PDF-")) return "application/pdf";
  if (b.size() >= 3 && static_cast<unsigned char>(b[0]) == 0xFF && static_cast<unsigned char>(b[1]) == 0xD8 &&
      static_cast<unsigned char>(b[2]) == 0xFF)
    return "image/jpeg";
  if (b.starts_with(std::string_view("\x89PNG\r\n\x1a\n", 8))) return "image/png";
  return "";
}

Result<CheckedDocument> CheckDocument(std::string_view filename, std::string_view content_type,
                                      std::string_view content_base64, int64_t max_bytes) {
  const std::string name(text::Trim(filename));
  if (name.empty()) return Invalid("filename", "Le nom du fichier est obligatoire.");
  if (!text::IsValidUtf8(name) || name.size() > 200 || name.find_first_of("/\\") != std::string::npos ||
      std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
    return Invalid("filename", "Nom de fichier invalide : 200 caractères au plus, sans / ni \\.");
  const auto& types = DocumentContentTypes();
  if (std::find(types.begin(), types.end(), content_type) == types.end())
    return Invalid("content_type", "Seuls les fichiers PDF, JPEG et PNG sont acceptés.");
  // Refused before decoding when the text alone is too long for the limit.
  if (static_cast<int64_t>(content_base64.size()) > (max_bytes + 2) / 3 * 4)
    return Error{ErrorCode::kTooLarge, "Le fichier dépasse la taille maximale (" + std::to_string(max_bytes / 1024) + " Ko).",
                 "content_base64"};
  auto bytes = DecodeBase64(content_base64);
  if (!bytes) return Invalid("content_base64", "Le contenu du fichier n'est pas un base64 valide.");
  if (bytes->empty()) return Invalid("content_base64", "Le fichier est vide.");
  if (static_cast<int64_t>(bytes->size()) > max_bytes)
    return Error{ErrorCode::kTooLarge, "Le fichier dépasse la taille maximale (" + std::to_string(max_bytes / 1024) + " Ko).",
                 "content_base64"};
  if (SniffContentType(*bytes) != content_type)
    return Invalid("content_type", "Le contenu du fichier ne correspond pas à son type déclaré (" +
                                       std::string(content_type) + ").");
  return CheckedDocument{name, std::string(content_type), std::move(*bytes)};
}

}  // namespace relais::support
