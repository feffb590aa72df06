#include "modules/identity/throttle.h"

#include <algorithm>

namespace relais::identity {
namespace {
constexpr int64_t kHourMillis = 3600 * 1000;
constexpr int64_t kMaxLockMillis = 15 * 60 * 1000;
}  // namespace

int64_t ThrottleWaitSeconds(db::Connection& c, const std::string& key, int64_t now_ms) {
  auto until = c.QueryInt("SELECT locked_until FROM login_throttle WHERE throttle_key = ?", {db::P(key)});
  if (!until || *until <= now_ms) return 0;
  return (*until - now_ms + 999) / 1000;
}

void ThrottleFailure(db::Connection& c, const std::string& key, int free_failures, int64_t now_ms) {
  c.Exec("INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until) VALUES (?, 0, ?, 0) "
         "ON CONFLICT (throttle_key) DO NOTHING",
         {db::P(key), db::P(now_ms)});
  int64_t failures = 0, window_start = now_ms;
  c.Query("SELECT failures, window_start FROM login_throttle WHERE throttle_key = ?", {db::P(key)},
          [&](const db::Row& r) {
            failures = r.Int(0);
            window_start = r.Int(1);
          });
  if (now_ms - window_start >= kHourMillis) {
    failures = 0;
    window_start = now_ms;
  }
  ++failures;
  int64_t locked_until = 0;
  if (failures >= kMaxFailuresPerHour) {
    locked_until = window_start + kHourMillis;
  } else if (failures > free_failures) {
    locked_until = now_ms + std::min<int64_t>(kMaxLockMillis, int64_t{1000} << std::min<int64_t>(failures - free_failures - 1, 20));
  }
  c.Exec("UPDATE login_throttle SET failures = ?, window_start = ?, locked_until = ? WHERE throttle_key = ?",
         {db::P(failures), db::P(window_start), db::P(locked_until), db::P(key)});
}

void ThrottleClear(db::Connection& c, const std::string& key) {
  c.Exec("DELETE FROM login_throttle WHERE throttle_key = ?", {db::P(key)});
}

std::string WaitMessage(int64_t seconds) {
  if (seconds < 60) {
    return "Trop de tentatives. Patientez " + std::to_string(seconds) + " seconde" + (seconds > 1 ? "s" : "") +
           " avant de réessayer.";
  }
  const int64_t minutes = (seconds + 59) / 60;
  return "Trop de tentatives. Patientez " + std::to_string(minutes) + " minute" + (minutes > 1 ? "s" : "") +
         " avant de réessayer.";
}

}  // namespace relais::identity
