// Tokens that prove the server made them, for links people carry on paper (the QR code of a
// convocation, ADR 0017): a short public payload and an HMAC-SHA-512-256 (libsodium crypto_auth)
// under a 32-byte server key kept in a file outside the database, like the seal key of ADR 0009.
// The form is "<payload>.<mac>", both base64url without padding; the payload is readable by anyone
// and must hold no personal data. A purpose ("convocation", "calendar") is bound into the MAC so a
// token made for one use is refused by another.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "platform/auth/seal.h"

namespace relais::auth {

// Precondition: key is not empty.
std::string SignToken(const SealKey& key, std::string_view purpose, std::string_view payload);
// The payload; nullopt when the token is malformed, was made for another purpose or with another
// key, or was altered.
std::optional<std::string> VerifyToken(const SealKey& key, std::string_view purpose, std::string_view token);

}  // namespace relais::auth
