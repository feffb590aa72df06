// French public holidays: Easter and its followers against the published calendars, the fixed
// days, a date that falls on the same day twice (Ascension on 1 May 2008), leap and century years.
#include "modules/reception/holidays.h"

#include <gtest/gtest.h>

namespace relais::reception {
namespace {

TEST(Holidays, EasterSundayOfKnownYears) {
  struct Case { int year, month, day; };
  for (const Case& c : std::vector<Case>{{2000, 4, 23}, {2008, 3, 23}, {2011, 4, 24}, {2019, 4, 21},
                                          {2020, 4, 12}, {2024, 3, 31}, {2025, 4, 20}, {2026, 4, 5},
                                          {2027, 3, 28}, {2038, 4, 25}, {2100, 3, 28}, {1818, 3, 22}}) {
    EXPECT_EQ(EasterSunday(c.year), (CivilDate{c.year, c.month, c.day})) << c.year;
  }
}

TEST(Holidays, MovableHolidaysFollowEaster) {
  struct Case { int year; CivilDate monday, ascension, whit; };
  for (const Case& c : std::vector<Case>{
           {2020, {2020, 4, 13}, {2020, 5, 21}, {2020, 6, 1}},
           {2024, {2024, 4, 1}, {2024, 5, 9}, {2024, 5, 20}},  // leap year, Easter in March
           {2026, {2026, 4, 6}, {2026, 5, 14}, {2026, 5, 25}},
           {2027, {2027, 3, 29}, {2027, 5, 6}, {2027, 5, 17}},
           {2038, {2038, 4, 26}, {2038, 6, 3}, {2038, 6, 14}},  // latest Easter: Whit Monday in June
       }) {
    const auto list = FrenchPublicHolidays(c.year);
    auto find = [&](const std::string& name) {
      for (const auto& h : list) if (h.name == name) return h.date;
      return CivilDate{};
    };
    EXPECT_EQ(find("Lundi de Pâques"), c.monday) << c.year;
    EXPECT_EQ(find("Ascension"), c.ascension) << c.year;
    EXPECT_EQ(find("Lundi de Pentecôte"), c.whit) << c.year;
  }
}

TEST(Holidays, ElevenDaysSortedWithTheFixedOnes) {
  const auto list = FrenchPublicHolidays(2026);
  ASSERT_EQ(list.size(), 11u);
  for (size_t i = 1; i < list.size(); ++i) EXPECT_LE(list[i - 1].date, list[i].date);
  for (auto [m, d] : std::vector<std::pair<int, int>>{{1, 1}, {5, 1}, {5, 8}, {7, 14}, {8, 15}, {11, 1}, {11, 11}, {12, 25}})
    EXPECT_TRUE(IsFrenchPublicHoliday({2026, m, d})) << m << "/" << d;
}

TEST(Holidays, DaysBeforeAndAfterAreWorkingDays) {
  EXPECT_FALSE(IsFrenchPublicHoliday({2026, 4, 5}));   // Easter Sunday itself is a Sunday, not listed
  EXPECT_TRUE(IsFrenchPublicHoliday({2026, 4, 6}));
  EXPECT_FALSE(IsFrenchPublicHoliday({2026, 4, 7}));
  EXPECT_FALSE(IsFrenchPublicHoliday({2026, 12, 24}));
  EXPECT_FALSE(IsFrenchPublicHoliday({2026, 12, 26}));  // Alsace-Moselle only
  EXPECT_FALSE(IsFrenchPublicHoliday({2026, 4, 3}));    // Good Friday: Alsace-Moselle only
  EXPECT_TRUE(IsFrenchPublicHoliday({2024, 2, 29}) == false);
}

TEST(Holidays, AscensionOnMayDayStillCountsOnce) {
  // 2008: Easter on 23 March, Ascension on 1 May.
  const auto list = FrenchPublicHolidays(2008);
  int may_first = 0;
  for (const auto& h : list) may_first += h.date == CivilDate{2008, 5, 1};
  EXPECT_EQ(may_first, 2);  // two names, one day
  EXPECT_TRUE(IsFrenchPublicHoliday({2008, 5, 1}));
  EXPECT_TRUE(IsFrenchPublicHoliday({2008, 5, 12}));  // Whit Monday
}

}  // namespace
}  // namespace relais::reception
