#include "modules/reception/holidays.h"

#include <algorithm>

namespace relais::reception {

CivilDate EasterSunday(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3;
  const int h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4;
  const int l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31;
  const int day = (h + l - 7 * m + 114) % 31 + 1;
  return {year, month, day};
}

std::vector<PublicHoliday> FrenchPublicHolidays(int year) {
  const int64_t easter = DaysFromCivil(EasterSunday(year));
  std::vector<PublicHoliday> out = {
      {{year, 1, 1}, "Jour de l'an"},
      {CivilFromDays(easter + 1), "Lundi de Pâques"},
      {{year, 5, 1}, "Fête du Travail"},
      {{year, 5, 8}, "Victoire 1945"},
      {CivilFromDays(easter + 39), "Ascension"},
      {CivilFromDays(easter + 50), "Lundi de Pentecôte"},
      {{year, 7, 14}, "Fête nationale"},
      {{year, 8, 15}, "Assomption"},
      {{year, 11, 1}, "Toussaint"},
      {{year, 11, 11}, "Armistice 1918"},
      {{year, 12, 25}, "Noël"},
  };
  std::stable_sort(out.begin(), out.end(), [](const auto& x, const auto& y) { return x.date < y.date; });
  return out;
}

bool IsFrenchPublicHoliday(CivilDate d) {
  for (const auto& h : FrenchPublicHolidays(d.year))
    if (h.date == d) return true;
  return false;
}

}  // namespace relais::reception
