#include "platform/auth/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <qrencode.h>
#include <sodium.h>

#include <memory>
#include <stdexcept>

#include "platform/auth/token.h"

namespace relais::auth {
namespace {
constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string UriEscape(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char ch : s) {
    if (std::isalnum(ch) || ch == '-' || ch == '.' || ch == '_' || ch == '~' || ch == '@') {
      out += static_cast<char>(ch);
    } else {
      out += '%';
      out += kHex[ch >> 4];
      out += kHex[ch & 15];
    }
  }
  return out;
}
}  // namespace

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char ch : bytes) {
    buffer = (buffer << 8) | ch;
    bits += 8;
    while (bits >= 5) {
      out += kAlphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (5 - bits)) & 31];
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (char raw : text) {
    if (raw == ' ' || raw == '=') continue;
    char ch = static_cast<char>(std::toupper(static_cast<unsigned char>(raw)));
    auto v = kAlphabet.find(ch);
    if (v == std::string_view::npos) return std::nullopt;
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xFF);
      bits -= 8;
    }
  }
  return out;
}

std::string Hotp(std::string_view key, uint64_t counter, int digits) {
  unsigned char msg[8];
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), msg, sizeof msg, mac, &len) || len != 20) {
    throw std::runtime_error("HMAC-SHA-1 failed");
  }
  const int offset = mac[19] & 0x0F;
  const uint32_t binary = (static_cast<uint32_t>(mac[offset] & 0x7F) << 24) |
                          (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                          (static_cast<uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  uint32_t modulo = 1;
  for (int i = 0; i < digits; ++i) modulo *= 10;
  std::string code = std::to_string(binary % modulo);
  return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

std::optional<int64_t> MatchTotp(std::string_view key, std::string_view code, int64_t unix_seconds,
                                 int64_t last_used_step) {
  if (code.size() != 6) return std::nullopt;
  const int64_t now_step = TotpStep(unix_seconds);
  for (int64_t step = now_step - 1; step <= now_step + 1; ++step) {
    if (step <= last_used_step || step < 0) continue;
    if (SafeEquals(Hotp(key, static_cast<uint64_t>(step)), code)) return step;
  }
  return std::nullopt;
}

std::string NewTotpSecret() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string key(20, '\0');
  randombytes_buf(key.data(), key.size());
  return key;
}

std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view key) {
  return "otpauth://totp/" + UriEscape(issuer) + ":" + UriEscape(account) + "?secret=" + Base32Encode(key) +
         "&issuer=" + UriEscape(issuer) + "&algorithm=SHA1&digits=6&period=30";
}

std::string QrSvg(std::string_view text) {
  const std::string s(text);
  std::unique_ptr<QRcode, decltype(&QRcode_free)> qr(QRcode_encodeString8bit(s.c_str(), 0, QR_ECLEVEL_M),
                                                     &QRcode_free);
  if (!qr) return {};
  const int n = qr->width, quiet = 4, size = n + 2 * quiet;
  std::string path;
  for (int y = 0; y < n; ++y) {
    for (int x = 0; x < n; ++x) {
      if (qr->data[y * n + x] & 1) {
        path += "M" + std::to_string(x + quiet) + " " + std::to_string(y + quiet) + "h1v1h-1z";
      }
    }
  }
  const std::string dim = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + dim + " " + dim +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + dim + "\" height=\"" + dim +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

}  // namespace relais::auth
