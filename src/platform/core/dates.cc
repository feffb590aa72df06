#include "platform/core/dates.h"

#include <cstdio>

namespace relais {

int64_t DaysFromCivil(CivilDate d) {
  int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (d.month + (d.month > 2 ? -3 : 9)) + 2) / 5 + d.day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

bool IsLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && IsLeapYear(y) ? 29 : kDays[m - 1];
}

bool IsValid(CivilDate d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= DaysInMonth(d.year, d.month);
}

namespace {
// Reads 1..max_digits digits at s[i]; returns -1 when none.
int ReadNumber(std::string_view s, size_t& i, size_t min_digits, size_t max_digits) {
  size_t start = i;
  int v = 0;
  while (i < s.size() && i - start < max_digits && s[i] >= '0' && s[i] <= '9') v = v * 10 + (s[i++] - '0');
  return i - start >= min_digits ? v : -1;
}
}  // namespace

std::optional<CivilDate> ParseDate(std::string_view s) {
  CivilDate d;
  size_t i = 0;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    d.year = ReadNumber(s, i, 4, 4);
    if (d.year < 0 || s[i++] != '-') return std::nullopt;
    d.month = ReadNumber(s, i, 2, 2);
    if (d.month < 0 || s[i++] != '-') return std::nullopt;
    d.day = ReadNumber(s, i, 2, 2);
  } else {
    d.day = ReadNumber(s, i, 1, 2);
    if (d.day < 0 || i >= s.size() || s[i++] != '/') return std::nullopt;
    d.month = ReadNumber(s, i, 1, 2);
    if (d.month < 0 || i >= s.size() || s[i++] != '/') return std::nullopt;
    d.year = ReadNumber(s, i, 4, 4);
  }
  if (i != s.size() || !IsValid(d)) return std::nullopt;
  return d;
}

namespace {
// Writes v (0 <= v < 10^width) as `width` digits ending just before `end`.
void Digits(char* end, int v, int width) {
  for (int k = 0; k < width; ++k, v /= 10) *--end = static_cast<char>('0' + v % 10);
}
}  // namespace

std::string FormatIso(CivilDate d) {
  if (d.year < 0 || d.year > 9999 || d.month < 0 || d.month > 99 || d.day < 0 || d.day > 99) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
    return buf;
  }
  // Formatted by hand: snprintf cost more than the rest of a household's JSON.
  std::string s = "0000-00-00";
  Digits(s.data() + 4, d.year, 4);
  Digits(s.data() + 7, d.month, 2);
  Digits(s.data() + 10, d.day, 2);
  return s;
}

int AgeOn(CivilDate birth, CivilDate on) {
  int age = on.year - birth.year;
  if (on.month < birth.month || (on.month == birth.month && on.day < birth.day)) --age;
  return age;
}

namespace {
// Days number of the last Sunday of a month.
int64_t LastSunday(int year, int month) {
  int64_t last = DaysFromCivil({year, month, DaysInMonth(year, month)});
  int64_t weekday = (last + 4) % 7;  // 1970-01-01 was a Thursday (4); 0 = Sunday
  if (weekday < 0) weekday += 7;
  return last - weekday;
}
}  // namespace

CivilDate ParisDateOf(std::chrono::sys_seconds utc) {
  const int64_t secs = utc.time_since_epoch().count();
  const int64_t day = (secs >= 0 ? secs : secs - 86399) / 86400;
  const int year = CivilFromDays(day).year;
  const int64_t dst_start = LastSunday(year, 3) * 86400 + 3600;
  const int64_t dst_end = LastSunday(year, 10) * 86400 + 3600;
  const int64_t offset = (secs >= dst_start && secs < dst_end) ? 7200 : 3600;
  const int64_t local = secs + offset;
  return CivilFromDays((local >= 0 ? local : local - 86399) / 86400);
}

int64_t NowMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string FormatUtcMillis(int64_t ms) {
  int64_t secs = ms >= 0 ? ms / 1000 : (ms - 999) / 1000;
  int64_t day = (secs >= 0 ? secs : secs - 86399) / 86400;
  int64_t rem = secs - day * 86400;
  CivilDate d = CivilFromDays(day);
  if (d.year < 0 || d.year > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", d.year, d.month, d.day,
                  static_cast<int>(rem / 3600), static_cast<int>(rem / 60 % 60), static_cast<int>(rem % 60),
                  static_cast<int>(ms - secs * 1000));
    return buf;
  }
  std::string s = FormatIso(d) + "T00:00:00.000Z";
  Digits(s.data() + 13, static_cast<int>(rem / 3600), 2);
  Digits(s.data() + 16, static_cast<int>(rem / 60 % 60), 2);
  Digits(s.data() + 19, static_cast<int>(rem % 60), 2);
  Digits(s.data() + 23, static_cast<int>(ms - secs * 1000), 3);
  return s;
}

int64_t ParisMidnightUtcMillis(CivilDate d) {
  // Midnight in Paris is 22:00 UTC the day before in summer (CEST), 23:00 in winter (CET); the
  // clocks change at 01:00 UTC, never near midnight.
  const int64_t utc_midnight = DaysFromCivil(d) * 86400;
  const int64_t summer = utc_midnight - 7200;
  if (ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(summer))) == d) return summer * 1000;
  return (utc_midnight - 3600) * 1000;
}

namespace {
// Europe/Paris offset from UTC at a UTC instant, in seconds (the EU rule of ParisDateOf).
int64_t ParisOffsetAt(int64_t secs) {
  const int64_t day = (secs >= 0 ? secs : secs - 86399) / 86400;
  const int year = CivilFromDays(day).year;
  const int64_t dst_start = LastSunday(year, 3) * 86400 + 3600;
  const int64_t dst_end = LastSunday(year, 10) * 86400 + 3600;
  return (secs >= dst_start && secs < dst_end) ? 7200 : 3600;
}
}  // namespace

int64_t ParisLocalToUtcMillis(CivilDate d, int minute) {
  const int64_t local = DaysFromCivil(d) * 86400 + int64_t{minute} * 60;
  // Summer first: valid when the instant it gives is indeed in summer time.
  if (ParisOffsetAt(local - 7200) == 7200) return (local - 7200) * 1000;
  if (ParisOffsetAt(local - 3600) == 3600) return (local - 3600) * 1000;
  return (local - 7200) * 1000;  // the hour skipped in spring
}

int ParisMinuteOf(int64_t utc_ms) {
  const int64_t secs = utc_ms >= 0 ? utc_ms / 1000 : (utc_ms - 999) / 1000;
  int64_t local = secs + ParisOffsetAt(secs);
  int64_t rem = local % 86400;
  if (rem < 0) rem += 86400;
  return static_cast<int>(rem / 60);
}

}  // namespace relais
