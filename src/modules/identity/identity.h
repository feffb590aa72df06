// The identity module: staff accounts with roles, password login, server-side sessions and the
// actor of each request. Sessions live in the database (several servers can share them); the
// browser holds only a random 128-bit id, the database its SHA-256.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "platform/auth/actor.h"
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
};

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

// Password rule: 12 to 128 characters. Returns the French reason when refused.
std::optional<std::string> CheckPasswordPolicy(const std::string& password);

// Creates a staff account (CLI `relais user add`, demo). kInvalid naming the field, kConflict when
// the e-mail is taken.
Result<int64_t> AdminCreatesStaffUser(db::Connection& c, const NewStaffUser& u);

struct Login {
  std::string session_token;  // goes in the cookie, never stored
  auth::Actor actor;
};
// Checks the password and opens a session. kUnauthenticated with the same message whether the
// e-mail exists or not; kRateLimited after repeated failures (backoff per account).
Result<Login> UserLogsIn(db::Database& db, const Settings& s, const std::string& email, const std::string& password);

// The actor of a valid session (slides the idle timeout); nullopt when unknown or expired.
std::optional<auth::Actor> ResolveSession(db::Database& db, const Settings& s, const std::string& token);

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
