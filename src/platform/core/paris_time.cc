#include "platform/core/paris_time.h"

namespace relais {
namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

}  // namespace

int ParisOffsetSeconds(int64_t utc_ms) {
  // ParisDateOf holds the rule. Its date tells the offset apart only between 22:00 and 23:00 UTC
  // (the hour where +1 and +2 fall on different days), so probe at 22:30 UTC of a day on the same
  // side of the clock change as the instant: changes happen at 01:00 UTC, so that is the instant's
  // own UTC day from 01:00 on, and the day before earlier.
  const int64_t secs = FloorDiv(utc_ms, 1000);
  const int64_t day = FloorDiv(secs, 86400);
  const int64_t probe_day = secs - day * 86400 >= 3600 ? day : day - 1;
  const int64_t probe = probe_day * 86400 + 22 * 3600 + 1800;
  const CivilDate local = ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(probe)));
  return DaysFromCivil(local) == probe_day + 1 ? 7200 : 3600;
}

ParisTime ParisTimeOf(int64_t utc_ms) {
  const int64_t local = FloorDiv(utc_ms, 1000) + ParisOffsetSeconds(utc_ms);
  const int64_t day = FloorDiv(local, 86400);
  const int64_t rem = local - day * 86400;
  return {CivilFromDays(day), static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60),
          static_cast<int>(rem % 60)};
}

std::string FormatFrenchDate(CivilDate d) {
  static constexpr const char* kDays[] = {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"};
  static constexpr const char* kMonths[] = {"janvier", "février", "mars",      "avril",   "mai",      "juin",
                                            "juillet", "août",    "septembre", "octobre", "novembre", "décembre"};
  int64_t weekday = (DaysFromCivil(d) + 4) % 7;  // 1970-01-01 was a Thursday
  if (weekday < 0) weekday += 7;
  return std::string(kDays[weekday]) + " " + (d.day == 1 ? std::string("1er") : std::to_string(d.day)) + " " +
         kMonths[d.month - 1] + " " + std::to_string(d.year);
}

std::string FormatFrenchTime(int hour, int minute) {
  return std::to_string(hour) + " h " + (minute < 10 ? "0" : "") + std::to_string(minute);
}

}  // namespace relais
