// Secrets kept in the database but unreadable without a key held outside it (ADR 0009): the TOTP
// secrets of staff accounts. XSalsa20-Poly1305 (libsodium secretbox) with a random nonce per value;
// the stored form is "sb1:" followed by base64 of nonce and ciphertext. A database dump or backup
// alone no longer gives the second factor of every account.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>

namespace relais::auth {

// The 32-byte server key. All zero: no key (Seal refuses).
struct SealKey {
  std::array<unsigned char, 32> bytes{};
  bool empty() const;
};

// Reads the key file (exactly 32 bytes), or creates it with a new random key (mode 0600, parent
// directory created) when it does not exist. Throws std::runtime_error with a French message
// naming the file when it cannot be read or created, or has the wrong size or permissions open to
// others.
SealKey LoadOrCreateSealKey(const std::string& path);

// A key from bytes, for tests.
SealKey SealKeyOf(std::string_view bytes32);

bool IsSealed(std::string_view stored);
std::string Seal(const SealKey& key, std::string_view plain);
// The plain value; nullopt when the value is not sealed, or was sealed with another key or altered.
std::optional<std::string> Unseal(const SealKey& key, std::string_view stored);

}  // namespace relais::auth
