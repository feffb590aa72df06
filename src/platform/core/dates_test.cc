#include "platform/core/dates.h"

#include <gtest/gtest.h>

namespace relais {
namespace {

TEST(DatesTest, RoundTripsDaysAcrossLeapYears) {
  for (int64_t day = -800000; day < 800000; day += 37) {
    EXPECT_EQ(DaysFromCivil(CivilFromDays(day)), day);
  }
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({2024, 3, 1}) - DaysFromCivil({2024, 2, 28}), 2);
  EXPECT_EQ(DaysFromCivil({2023, 3, 1}) - DaysFromCivil({2023, 2, 28}), 1);
}

TEST(DatesTest, ParsesFrenchAndIsoForms) {
  EXPECT_EQ(ParseDate("07/03/2024"), (CivilDate{2024, 3, 7}));
  EXPECT_EQ(ParseDate("7/3/2024"), (CivilDate{2024, 3, 7}));
  EXPECT_EQ(ParseDate("2024-03-07"), (CivilDate{2024, 3, 7}));
  EXPECT_EQ(ParseDate("29/02/2024"), (CivilDate{2024, 2, 29}));
  EXPECT_FALSE(ParseDate("29/02/2023"));
  EXPECT_FALSE(ParseDate("31/04/2024"));
  EXPECT_FALSE(ParseDate("2024-3-07"));
  EXPECT_FALSE(ParseDate("07/03/24"));
  EXPECT_FALSE(ParseDate(""));
  EXPECT_FALSE(ParseDate("07/03/2024 "));
}

TEST(DatesTest, AgeCountsFullYears) {
  EXPECT_EQ(AgeOn({1940, 6, 15}, {2026, 6, 14}), 85);
  EXPECT_EQ(AgeOn({1940, 6, 15}, {2026, 6, 15}), 86);
  EXPECT_EQ(AgeOn({2000, 2, 29}, {2026, 2, 28}), 25);
}

TEST(DatesTest, ParisDateFollowsSummerTime) {
  using std::chrono::sys_seconds;
  // 2026-03-29 is the last Sunday of March: 22:30 UTC on the 28th is 23:30 CET, same day.
  auto at = [](CivilDate d, int h, int m) {
    return sys_seconds{std::chrono::seconds{DaysFromCivil(d) * 86400 + h * 3600 + m * 60}};
  };
  EXPECT_EQ(ParisDateOf(at({2026, 3, 28}, 22, 30)), (CivilDate{2026, 3, 28}));
  EXPECT_EQ(ParisDateOf(at({2026, 3, 28}, 23, 30)), (CivilDate{2026, 3, 29}));
  // Summer: 22:30 UTC is 00:30 the next day in Paris.
  EXPECT_EQ(ParisDateOf(at({2026, 7, 14}, 22, 30)), (CivilDate{2026, 7, 15}));
  EXPECT_EQ(ParisDateOf(at({2026, 7, 14}, 21, 59)), (CivilDate{2026, 7, 14}));
  // Winter: 22:30 UTC is 23:30 the same day.
  EXPECT_EQ(ParisDateOf(at({2026, 12, 24}, 22, 30)), (CivilDate{2026, 12, 24}));
}

TEST(DatesTest, ParisMidnightIsTheFirstInstantOfTheDayInParis) {
  const auto utc = [](CivilDate d, int h) { return (DaysFromCivil(d) * 86400 + h * 3600) * 1000; };
  EXPECT_EQ(ParisMidnightUtcMillis({2026, 7, 15}), utc({2026, 7, 14}, 22));    // CEST
  EXPECT_EQ(ParisMidnightUtcMillis({2026, 12, 25}), utc({2026, 12, 24}, 23));  // CET
  // The days the clocks change: both still begin under the time of the night before.
  EXPECT_EQ(ParisMidnightUtcMillis({2026, 3, 29}), utc({2026, 3, 28}, 23));
  EXPECT_EQ(ParisMidnightUtcMillis({2026, 10, 25}), utc({2026, 10, 24}, 22));
}

TEST(DatesTest, ParisLocalTimeToUtcAndBack) {
  const auto utc = [](CivilDate d, int h, int m) { return (DaysFromCivil(d) * 86400 + h * 3600 + m * 60) * 1000; };
  EXPECT_EQ(ParisLocalToUtcMillis({2026, 7, 15}, 9 * 60), utc({2026, 7, 15}, 7, 0));     // CEST
  EXPECT_EQ(ParisLocalToUtcMillis({2026, 12, 1}, 14 * 60 + 30), utc({2026, 12, 1}, 13, 30));  // CET
  // The days the clocks change: 09:00 is already under the new time.
  EXPECT_EQ(ParisLocalToUtcMillis({2026, 3, 29}, 9 * 60), utc({2026, 3, 29}, 7, 0));
  EXPECT_EQ(ParisLocalToUtcMillis({2026, 10, 25}, 9 * 60), utc({2026, 10, 25}, 8, 0));
  EXPECT_EQ(ParisLocalToUtcMillis({2026, 3, 29}, 60), utc({2026, 3, 29}, 0, 0));  // 01:00 CET, before the change
  EXPECT_EQ(ParisLocalToUtcMillis({2026, 10, 25}, 2 * 60 + 30), utc({2026, 10, 25}, 0, 30));  // first 02:30
  EXPECT_EQ(ParisMinuteOf(utc({2026, 7, 15}, 7, 0)), 9 * 60);
  EXPECT_EQ(ParisMinuteOf(utc({2026, 12, 1}, 13, 30)), 14 * 60 + 30);
  EXPECT_EQ(ParisMinuteOf(utc({2026, 12, 1}, 23, 15)), 15);  // the next day, 00:15
}

TEST(DatesTest, FormatsUtcMillis) {
  EXPECT_EQ(FormatUtcMillis(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatUtcMillis(1795383427123), "2026-11-22T21:37:07.123Z");
  EXPECT_EQ(FormatUtcMillis(1795383427009), "2026-11-22T21:37:07.009Z");
  EXPECT_EQ(FormatUtcMillis(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIso({2024, 3, 7}), "2024-03-07");
  EXPECT_EQ(FormatIso({987, 12, 31}), "0987-12-31");
}

}  // namespace
}  // namespace relais
