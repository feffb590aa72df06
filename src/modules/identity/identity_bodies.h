// The JSON bodies of the identity routes, decoded and checked field by field (FieldReader).
// identity_routes.cc answers with them; they are separate so that the tests and the fuzzer
// (fuzz/json_bodies.cc) reach the very code the routes run. Pure: no I/O.
#pragma once
#include <optional>
#include <string>
#include <string_view>

#include "platform/core/error.h"

namespace relais::identity {

struct SignIn {
  std::string email;     // trimmed, 1..254 characters
  std::string password;  // 1..1024 characters
};

// The body of POST /api/v1/session. kInvalid naming every field in error when it is not a JSON
// object, gives a key twice, lacks email or password, or has another field.
Result<SignIn> DecodeSignIn(std::string_view body);

// The body of the MFA steps (POST /api/v1/session/mfa, /api/v1/account/mfa/confirm): {"code"},
// a 6-digit TOTP code or a recovery code, 1..64 characters.
Result<std::string> DecodeMfaCode(std::string_view body);

// The body of PUT /api/v1/organisation/mfa-policy: {"grace_days": 0..365 or null (the default)}.
Result<std::optional<int>> DecodeMfaPolicy(std::string_view body);

}  // namespace relais::identity
