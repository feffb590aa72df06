// Wall-clock time in Europe/Paris, and dates and times as French readers expect them (UX.md):
// "jeudi 12 mars 2026", "14 h 30". The CET/CEST rule itself lives in dates.h (ParisDateOf); this
// only reads it.
#pragma once
#include <cstdint>
#include <string>

#include "platform/core/dates.h"

namespace relais {

struct ParisTime {
  CivilDate date;
  int hour = 0, minute = 0, second = 0;
};
// The wall-clock time in Europe/Paris of a UTC instant (milliseconds).
ParisTime ParisTimeOf(int64_t utc_ms);
// The offset of Europe/Paris from UTC at a UTC instant, in seconds: 3600 (CET) or 7200 (CEST).
int ParisOffsetSeconds(int64_t utc_ms);

// "jeudi 12 mars 2026"; the first of the month is "1er" ("samedi 1er août 2026").
std::string FormatFrenchDate(CivilDate d);
// "14 h 30", "9 h 05".
std::string FormatFrenchTime(int hour, int minute);

}  // namespace relais
