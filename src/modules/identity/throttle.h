// Backoff after failed attempts (ADR 0009), kept in the login_throttle table so that every server
// of an instance shares it. A key counts its failures within an hour: past `free_failures`, each
// failure locks the key for twice as long as the one before (1 s, 2 s, 4 s ... at most 15
// minutes), and 100 failures lock it until the hour is over: an account never takes more than 100
// wrong guesses an hour. Keys: "account:EMAIL" (whether the account exists or not, so that the
// answer tells nothing), "ip:ADDRESS" and "mfa:USER_ID" (second-factor codes).
#pragma once
#include <cstdint>
#include <string>

#include "platform/db/db.h"

namespace relais::identity {

constexpr int kAccountFreeFailures = 5;
// One office's staff often share one address: more room before the address slows down.
constexpr int kAddressFreeFailures = 30;
constexpr int kMfaFreeFailures = 5;
constexpr int kMaxFailuresPerHour = 100;

// Seconds to wait before `key` may try again (0: now).
int64_t ThrottleWaitSeconds(db::Connection& c, const std::string& key, int64_t now_ms);
// Counts a failure of `key` and locks it as the rule says.
void ThrottleFailure(db::Connection& c, const std::string& key, int free_failures, int64_t now_ms);
// Forgets the failures of `key` (a success).
void ThrottleClear(db::Connection& c, const std::string& key);

// "Trop de tentatives. Patientez N secondes (minutes) avant de réessayer."
std::string WaitMessage(int64_t seconds);

}  // namespace relais::identity
