// The second factor of staff accounts (ADR 0009): TOTP enrolment and confirmation, recovery codes,
// the second step of signing in, the organisation's grace period and the administrator's reset.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/identity/identity.h"

namespace relais::identity {

constexpr int kRecoveryCodes = 10;
constexpr int kMaxGraceDays = 365;

// Ten new recovery codes, "XXXX-XXXX-XXXX-XXXX" (80 random bits each, base32).
std::vector<std::string> NewRecoveryCodes();
// The stored form of a recovery code: SHA-256 of its letters and digits in upper case (dashes,
// spaces and case do not matter when typed).
std::string RecoveryCodeHash(std::string_view code);

struct MfaEnrolment {
  std::string secret;       // base32, for typing into the app by hand
  std::string otpauth_uri;  // what the QR code holds
  std::string qr_svg;
};
// Starts (or restarts) the enrolment of the actor's account: a new secret waits for a code.
// kConflict when the account already has a second factor. The secret is stored sealed with
// s.seal_key (kUnavailable without a key).
Result<MfaEnrolment> UserStartsMfaEnrolment(db::Database& db, const Settings& s, const auth::Actor& actor);

struct MfaConfirmed {
  std::vector<std::string> recovery_codes;  // shown once, stored hashed
  std::optional<Login> login;               // a new full session when the session was at "enrolment"
};
// Activates the pending secret with a code of it (audited "mfa_enrol"). kConflict without a
// pending secret; kInvalid on "code" when wrong; kRateLimited (throttle "mfa:ID").
Result<MfaConfirmed> UserConfirmsMfa(db::Database& db, const Settings& s, const auth::Actor& actor,
                                     const std::string& code, int64_t* retry_after);

// The second step of signing in: a TOTP code or an unused recovery code turns the "mfa" session
// into a full one with a NEW id. kConflict when the session is not at that stage; kInvalid on
// "code" when wrong; kRateLimited (throttle "mfa:ID").
Result<Login> UserCompletesMfaSignIn(db::Database& db, const Settings& s, const auth::Actor& actor,
                                     const std::string& code, int64_t* retry_after);

// Seals the TOTP secrets still stored in clear (written before secrets were sealed); returns how
// many. Run at each start of the server: afterwards no secret is in clear.
int SealClearMfaSecrets(db::Database& db, const auth::SealKey& key);

struct MfaPolicy {
  std::optional<int> grace_days;  // nullopt: the instance's default
  int default_grace_days = 0;
};
Result<MfaPolicy> AdminReadsMfaPolicy(db::Database& db, const Settings& s, const auth::Actor& actor);
// Sets the grace period of the actor's organisation (0..365 days, nullopt: the default); audited.
Result<MfaPolicy> AdminSetsMfaPolicy(db::Database& db, const Settings& s, const auth::Actor& actor,
                                     std::optional<int> grace_days);

// Whether `staff_id` is a staff account of `organisation_id`.
bool StaffIsInOrganisation(db::Database& db, int64_t organisation_id, int64_t staff_id);
// Removes the second factor of a staff account of the actor's organisation (kNotFound otherwise)
// and ends its sessions; audited "mfa_reset".
Result<Unit> AdminResetsStaffMfa(db::Database& db, const auth::Actor& actor, int64_t staff_id);
// The same for an operator (CLI `relais user reset-mfa EMAIL`), audited as the system.
Result<Unit> OperatorResetsMfa(db::Connection& c, const std::string& email);

}  // namespace relais::identity
