// Password hashing with Argon2id (libsodium): t=2 passes, 19 MiB of memory at least
// (OWASP's minimum), a random salt per hash; the encoded string carries its own parameters.
#pragma once
#include <string>
#include <string_view>

namespace relais::auth {

// Returns the encoded hash ("$argon2id$v=19$m=...").  Throws std::runtime_error when out of memory.
std::string HashPassword(std::string_view password);
// True when password matches the encoded hash (constant time in the password).
bool VerifyPassword(std::string_view password, const std::string& encoded);

}  // namespace relais::auth
