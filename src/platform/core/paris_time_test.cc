#include "platform/core/paris_time.h"

#include <gtest/gtest.h>

namespace relais {
namespace {

int64_t Utc(CivilDate d, int h, int m, int s = 0) { return (DaysFromCivil(d) * 86400 + h * 3600 + m * 60 + s) * 1000; }

TEST(ParisTime, FollowsTheClockChangesAtOneUtc) {
  struct Case { int64_t utc; int offset; CivilDate date; int hour, minute; };
  const Case cases[] = {
      {Utc({2026, 3, 29}, 0, 59, 59), 3600, {2026, 3, 29}, 1, 59},  // the second before the spring change
      {Utc({2026, 3, 29}, 1, 0), 7200, {2026, 3, 29}, 3, 0},        // 02:00 never happens
      {Utc({2026, 10, 25}, 0, 59, 59), 7200, {2026, 10, 25}, 2, 59},
      {Utc({2026, 10, 25}, 1, 0), 3600, {2026, 10, 25}, 2, 0},      // 02:00 happens twice
      {Utc({2026, 3, 28}, 22, 30), 3600, {2026, 3, 28}, 23, 30},    // the evening before, winter
      {Utc({2026, 10, 24}, 22, 30), 7200, {2026, 10, 25}, 0, 30},   // the evening before, summer
      {Utc({2026, 12, 31}, 23, 30), 3600, {2027, 1, 1}, 0, 30},     // new year in Paris first
      {Utc({2024, 2, 28}, 23, 15), 3600, {2024, 2, 29}, 0, 15},     // leap day
      {Utc({2024, 2, 29}, 23, 15), 3600, {2024, 3, 1}, 0, 15},      // the day after it
      {Utc({2026, 7, 14}, 8, 0), 7200, {2026, 7, 14}, 10, 0},
      {Utc({1969, 12, 31}, 23, 0), 3600, {1970, 1, 1}, 0, 0},       // before the epoch
  };
  for (const auto& c : cases) {
    EXPECT_EQ(ParisOffsetSeconds(c.utc), c.offset) << c.utc;
    const auto t = ParisTimeOf(c.utc);
    EXPECT_EQ(t.date, c.date) << c.utc;
    EXPECT_EQ(t.hour, c.hour) << c.utc;
    EXPECT_EQ(t.minute, c.minute) << c.utc;
  }
}

TEST(ParisTime, AgreesWithParisDateOfEveryQuarterHourOfAYear) {
  for (int64_t t = Utc({2027, 1, 1}, 0, 0); t < Utc({2028, 1, 1}, 0, 0); t += 15 * 60 * 1000) {
    ASSERT_EQ(ParisTimeOf(t).date, ParisDateOf(std::chrono::sys_seconds(std::chrono::seconds(t / 1000)))) << t;
  }
}

TEST(FrenchFormat, DatesAndTimesAsPeopleReadThem) {
  EXPECT_EQ(FormatFrenchDate({2026, 3, 12}), "jeudi 12 mars 2026");
  EXPECT_EQ(FormatFrenchDate({2026, 8, 1}), "samedi 1er août 2026");
  EXPECT_EQ(FormatFrenchDate({2024, 2, 29}), "jeudi 29 février 2024");
  EXPECT_EQ(FormatFrenchDate({2026, 11, 29}), "dimanche 29 novembre 2026");
  EXPECT_EQ(FormatFrenchDate({2027, 12, 31}), "vendredi 31 décembre 2027");
  EXPECT_EQ(FormatFrenchTime(14, 30), "14 h 30");
  EXPECT_EQ(FormatFrenchTime(9, 5), "9 h 05");
  EXPECT_EQ(FormatFrenchTime(0, 0), "0 h 00");
}

}  // namespace
}  // namespace relais
