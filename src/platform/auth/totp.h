// One-time codes of a second factor (RFC 6238 TOTP over RFC 4226 HOTP): HMAC-SHA-1, 6 digits,
// 30-second steps, the step before and after accepted (clock drift). HMAC-SHA-1 comes from
// OpenSSL's libcrypto (libsodium has none; docs/adr/0009-mfa-and-login-hardening.md).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace relais::auth {

constexpr int64_t kTotpStepSeconds = 30;

// RFC 4648 base32 without padding (what authenticator apps read in an otpauth:// URI).
std::string Base32Encode(std::string_view bytes);
// nullopt when `text` holds a character outside A-Z2-7 (spaces and case are ignored).
std::optional<std::string> Base32Decode(std::string_view text);

// The HOTP value of `key` at `counter`, `digits` long (leading zeros kept).
std::string Hotp(std::string_view key, uint64_t counter, int digits = 6);
// The TOTP step of a Unix time in seconds.
inline int64_t TotpStep(int64_t unix_seconds) { return unix_seconds / kTotpStepSeconds; }

// The step that `code` matches among step-1, step, step+1 of `unix_seconds`, and that is later
// than `last_used_step` (a code is good once); nullopt otherwise.
std::optional<int64_t> MatchTotp(std::string_view key, std::string_view code, int64_t unix_seconds,
                                 int64_t last_used_step);

// A new random 160-bit secret (RFC 4226's recommended length), raw bytes.
std::string NewTotpSecret();

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
std::string OtpauthUri(std::string_view issuer, std::string_view account, std::string_view key);

// An SVG picture of the QR code of `text` (libqrencode, error correction M); empty on failure.
std::string QrSvg(std::string_view text);

}  // namespace relais::auth
