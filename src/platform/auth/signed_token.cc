#include "platform/auth/signed_token.h"

#include <sodium.h>

#include <stdexcept>

namespace relais::auth {
namespace {

constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

std::string B64(const unsigned char* data, size_t len) {
  std::string out(sodium_base64_encoded_len(len, kVariant), '\0');
  sodium_bin2base64(out.data(), out.size(), data, len, kVariant);
  out.resize(out.size() - 1);
  return out;
}

std::optional<std::string> Unb64(std::string_view s) {
  std::string out(s.size(), '\0');
  size_t len = 0;
  const char* end = nullptr;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), s.data(), s.size(), nullptr, &len,
                        &end, kVariant) != 0 ||
      end != s.data() + s.size()) {
    return std::nullopt;
  }
  out.resize(len);
  return out;
}

// The MAC covers the purpose, a separator the purpose cannot contain, then the payload.
std::string Mac(const SealKey& key, std::string_view purpose, std::string_view payload) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
  std::string message(purpose);
  message += '\0';
  message += payload;
  unsigned char mac[crypto_auth_BYTES];
  crypto_auth(mac, reinterpret_cast<const unsigned char*>(message.data()), message.size(), key.bytes.data());
  return std::string(reinterpret_cast<const char*>(mac), sizeof mac);
}

}  // namespace

std::string SignToken(const SealKey& key, std::string_view purpose, std::string_view payload) {
  if (key.empty()) throw std::invalid_argument("SignToken: no key");
  const std::string mac = Mac(key, purpose, payload);
  return B64(reinterpret_cast<const unsigned char*>(payload.data()), payload.size()) + "." +
         B64(reinterpret_cast<const unsigned char*>(mac.data()), mac.size());
}

std::optional<std::string> VerifyToken(const SealKey& key, std::string_view purpose, std::string_view token) {
  if (key.empty() || token.size() > 512) return std::nullopt;
  const auto dot = token.find('.');
  if (dot == std::string_view::npos || dot == 0) return std::nullopt;
  auto payload = Unb64(token.substr(0, dot));
  auto mac = Unb64(token.substr(dot + 1));
  if (!payload || !mac || mac->size() != crypto_auth_BYTES) return std::nullopt;
  std::string message(purpose);
  message += '\0';
  message += *payload;
  if (crypto_auth_verify(reinterpret_cast<const unsigned char*>(mac->data()),
                         reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                         key.bytes.data()) != 0) {
    return std::nullopt;
  }
  return payload;
}

}  // namespace relais::auth
