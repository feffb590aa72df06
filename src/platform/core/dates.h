// Civil dates (no time zone) as French users and exports write them, and the day arithmetic
// the domain rules need. Days are counted from 1970-01-01 (Howard Hinnant's algorithms).
#pragma once
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace relais {

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const CivilDate&) const = default;
};

// Days since 1970-01-01 of a valid date, and back.
int64_t DaysFromCivil(CivilDate d);
CivilDate CivilFromDays(int64_t days);

bool IsLeapYear(int year);
int DaysInMonth(int year, int month);
bool IsValid(CivilDate d);

// Parses "2024-03-07" or "07/03/2024" (also "7/3/2024"). nullopt when malformed or not a real date.
std::optional<CivilDate> ParseDate(std::string_view s);
// "2024-03-07".
std::string FormatIso(CivilDate d);
// Full years between birth and on (age in years on the date `on`).
int AgeOn(CivilDate birth, CivilDate on);

// The civil date in Europe/Paris of a UTC instant (CET/CEST by the EU rule: last Sunday of
// March 01:00 UTC to last Sunday of October 01:00 UTC).
CivilDate ParisDateOf(std::chrono::sys_seconds utc);
// The UTC instant (milliseconds) at which the day `d` begins in Europe/Paris.
int64_t ParisMidnightUtcMillis(CivilDate d);

// The UTC instant (milliseconds) of a local wall-clock time in Europe/Paris: `minute` minutes after
// midnight of `d` (0..1440). In the hour skipped in spring the summer offset is used; in the hour
// repeated in autumn, the first (summer) occurrence.
int64_t ParisLocalToUtcMillis(CivilDate d, int minute);
// Minutes since local midnight in Europe/Paris of a UTC instant (0..1439).
int ParisMinuteOf(int64_t utc_ms);

// Milliseconds since the Unix epoch, UTC; the stored form of timestamps.
int64_t NowMillis();
// "2026-11-27T21:37:07.123Z" of a millisecond timestamp.
std::string FormatUtcMillis(int64_t ms);

}  // namespace relais
