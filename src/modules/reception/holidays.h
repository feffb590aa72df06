// French public holidays (jours fériés) of metropolitan France, computed for any Gregorian year:
// the eight fixed ones (Code du travail, art. L3133-1) and the three that follow Easter (Easter
// Monday, Ascension Thursday, Whit Monday). Alsace-Moselle's extra days (Good Friday, 26 December)
// are not in this list. No reception slot is offered on these days.
#pragma once
#include <string>
#include <vector>

#include "platform/core/dates.h"

namespace relais::reception {

struct PublicHoliday {
  CivilDate date;
  std::string name;  // French name: "Lundi de Pâques"
};

// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
CivilDate EasterSunday(int year);
// The eleven holidays of the year, in date order.
std::vector<PublicHoliday> FrenchPublicHolidays(int year);
bool IsFrenchPublicHoliday(CivilDate d);

}  // namespace relais::reception
