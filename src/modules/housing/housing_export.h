// The two import files written back: stock and households rows as CSV in exactly the format that
// `relais import stock|households` reads (docs/import.md): `;` separator, LF line ends, dd/mm/yyyy
// dates, decimal-comma amounts, oui/non, RFC 4180 quoting. `relais demo --csv DIR` writes the
// demo data this way, so that the import and the benchmarks read a realistic file.
#pragma once
#include <string>
#include <string_view>

#include "modules/housing/housing.h"

namespace relais::housing {

// Header lines (canonical columns in documentation order, ending in "\n").
std::string StockCsvHeader();
std::string HouseholdCsvHeader();

// Appends one record ending in "\n". Preconditions: the row passes ValidateBuilding /
// ValidateDwelling (stock) or ValidateHousehold with a lease (households); names hold no `;`,
// `|`, parentheses, line break or digit (autres_occupants could not be read back otherwise).
void AppendStockCsv(std::string& out, const StockRow& row);
// What the households format cannot carry is left out: phones after the second (the file has
// telephone1 and telephone2), and a co-holder beyond the first, who becomes an "autre" occupant.
void AppendHouseholdCsv(std::string& out, const HouseholdRow& row);

// The autres_occupants cell of a household: the members other than the holder and the first
// co-holder, as ParseOtherOccupants reads them ("Prénom NOM jj/mm/aaaa (lien)", "; " between).
// A last name is written as is when the parser gives it back unchanged (one word, or the holder's
// with a one-word first name); otherwise (several words, as "Da Silva") in capitals, the only form
// the format has for it, so it reads back in capitals.
std::string OtherOccupantsCell(const Household& h);

// The last name a member gets back from OtherOccupantsCell, for tests and checks: `last_name`,
// or its capitals when the cell had to write it so.
std::string LastNameAfterRoundTrip(const Member& m, const Member& holder);

}  // namespace relais::housing
