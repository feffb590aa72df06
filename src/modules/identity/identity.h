// The identity module: staff accounts with roles, password login, server-side sessions and the
// actor of each request. Sessions live in the database (several servers can share them); the
// browser holds only a random 128-bit id, the database its SHA-256.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/auth/actor.h"
#include "platform/auth/seal.h"
#include "platform/core/error.h"
#include "platform/db/db.h"

namespace relais::http {
class Router;
}

namespace relais::identity {

struct Settings {
  int staff_idle_minutes = 15;
  int absolute_hours = 12;
  // Plain http on loopback (development): cookie without Secure and without the __Host- prefix.
  bool dev_mode = false;
  // Days a staff account may sign in without a second factor, when its organisation sets none
  // (configuration identity.mfa_grace_days).
  int mfa_grace_days = 30;
  // Seals the TOTP secrets in the database (platform/auth/seal.h). Empty: enrolment is refused.
  auth::SealKey seal_key;
};

// The stage of a session (ADR 0009): "full" once signed in; "mfa" when the password was right and
// the second factor is awaited; "enrolment" when the grace period is over and the account has no
// second factor yet. A session at another stage than "full" reaches only the routes of its step.
inline constexpr std::string_view kStageFull = "full";
inline constexpr std::string_view kStageMfa = "mfa";
inline constexpr std::string_view kStageEnrolment = "enrolment";
// Whether a session at `stage` reaches `method path`.
bool StageReaches(std::string_view stage, std::string_view method, std::string_view path);

// The session cookie's name: "__Host-relais_session", or "relais_session" in development mode.
std::string SessionCookieName(const Settings& s);

struct NewStaffUser {
  int64_t organisation_id = 0;
  std::string email;
  std::string display_name;
  std::string password;
  uint32_t roles = 0;
  std::vector<int64_t> agency_ids;
};

// An e-mail address as stored: trimmed, lower case.
std::string NormalizeEmail(std::string_view e);
// A plausible address (something@domain.tld, no space, at most 254 characters).
bool LooksLikeEmail(const std::string& e);

// Password rule: 12 to 128 characters, not one of data/common-passwords.txt (whatever the case).
// Returns the French reason when refused.
std::optional<std::string> CheckPasswordPolicy(const std::string& password);

// Creates a staff account (CLI `relais user add`, demo). kInvalid naming the field, kConflict when
// the e-mail is taken.
Result<int64_t> AdminCreatesStaffUser(db::Connection& c, const NewStaffUser& u);

// True when `password` is on the list of common passwords (case-insensitive). The list is read
// once, from the copy of data/common-passwords.txt built into the binary.
bool IsCommonPassword(std::string_view password);

struct Login {
  std::string session_token;  // goes in the cookie, never stored
  auth::Actor actor;
  std::string stage{kStageFull};
  bool mfa_enabled = false;
  int64_t mfa_deadline_ms = 0;  // without a second factor: when the grace period ends
};
// Checks the password and opens a session at the stage the account's second factor calls for.
// kUnauthenticated with the same message whether the e-mail exists or not; kRateLimited after
// repeated failures of the account or of the address (throttle.h), with the seconds to wait in
// *retry_after.
Result<Login> UserLogsIn(db::Database& db, const Settings& s, const std::string& email, const std::string& password,
                         const std::string& remote_ip = {}, int64_t* retry_after = nullptr);

// The actor of a valid session (slides the idle timeout); nullopt when unknown or expired.
// *stage receives the session's stage.
std::optional<auth::Actor> ResolveSession(db::Database& db, const Settings& s, const std::string& token,
                                          std::string* stage = nullptr);

// Module-internal: opens a session of `a` at `stage` (sets its session_hash and csrf_token) and
// returns the token for the cookie.
std::string OpenSession(db::Connection& c, const Settings& s, auth::Actor& a, std::string_view stage, int64_t now);
// Module-internal: whether the account has a second factor, and else when its grace period ends.
struct MfaStatus {
  bool enabled = false;
  int64_t deadline_ms = 0;
};
MfaStatus MfaStatusOf(db::Connection& c, const Settings& s, int64_t user_id);

// Ends the actor's session.
Result<Unit> UserLogsOut(db::Database& db, const auth::Actor& actor);
// Ends every session of the actor's account, on every device (a lost phone, a shared computer);
// returns how many ended.
Result<int64_t> UserLogsOutEverywhere(db::Database& db, const auth::Actor& actor);

// Display names of the accounts of `organisation_id` among `ids`, and of the partners attached to
// it as "Name (Partner)" (others are left out).
std::unordered_map<int64_t, std::string> StaffNames(db::Connection& c, int64_t organisation_id,
                                                    const std::vector<int64_t>& ids);

// Registers /api/v1/session routes and the router's authenticator.
void RegisterRoutes(http::Router& router, db::Database& db, const Settings& s);

}  // namespace relais::identity
