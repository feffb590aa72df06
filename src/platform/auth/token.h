// Random secrets (session ids, CSRF tokens) and their stored form. A session id is 128 random
// bits sent to the browser; the database keeps only its SHA-256, so a leaked table opens nothing.
#pragma once
#include <string>
#include <string_view>

namespace relais::auth {

// `bytes` random bytes as URL-safe base64 without padding (16 bytes -> 22 characters).
std::string RandomToken(size_t bytes = 16);
// Lower-case hex SHA-256 of s.
std::string Sha256Hex(std::string_view s);
// Constant-time equality of two strings of the same length (false when lengths differ).
bool SafeEquals(std::string_view a, std::string_view b);

}  // namespace relais::auth
