// The two import files of `relais import stock|households FILE`, read into the rows that
// UpsertStock / UpsertHouseholds take. Every cell is parsed, every row validated with the rules
// the API uses, and every problem reported as "line N, column C: reason" before anything is
// written: an import is all or nothing. The columns are documented in docs/import.md.
#pragma once
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "modules/housing/housing.h"
#include "platform/csv/csv.h"

namespace relais::housing {

// The canonical columns, in documentation order: the stock file has one row per dwelling (its
// building's columns repeated), the households file one row per household.
std::span<const csv::Column> StockColumns();
std::span<const csv::Column> HouseholdColumns();

// A file read for import. rows may be written only when problems is empty.
template <class Row>
struct ImportFile {
  std::vector<Row> rows;
  std::vector<int64_t> lines;          // physical line of each row in the file (same index)
  std::vector<csv::Problem> problems;  // every problem, ordered by line
  std::vector<std::string> warnings;   // ignored columns, unused mapping entries
  csv::Encoding encoding = csv::Encoding::kUtf8;
  char separator = ';';
};
using StockFile = ImportFile<StockRow>;
using HouseholdFile = ImportFile<HouseholdRow>;

// Reads a stock file's bytes; mapping (may be null) renames another export's headers.
// Besides each cell and ValidateBuilding / ValidateDwelling, it refuses a dwelling reference
// given twice and a building whose repeated columns disagree between its rows.
// A missing required column stops there: the problems are then about the header only.
StockFile ReadStockFile(std::string bytes, const csv::Mapping* mapping);
StockFile StockRowsOf(const csv::Table& table, const csv::Mapping* mapping);

// Reads a households file's bytes, as ReadStockFile. Refuses a tenant reference given twice and
// two households in one dwelling. Phones are stored in national form ("0639980012").
HouseholdFile ReadHouseholdFile(std::string bytes, const csv::Mapping* mapping);
HouseholdFile HouseholdRowsOf(const csv::Table& table, const csv::Mapping* mapping);

// The problem to show when UpsertStock / UpsertHouseholds refuses a row: their Error names the
// 0-based row index in `field`, turned here into the row's file line (line 0 when it does not).
csv::Problem ProblemOfUpsert(const Error& e, std::span<const int64_t> lines);

// The other occupants of a household, from the autres_occupants cell: entries separated by `;`,
// `|` or a line break, each `Prénom NOM [jj/mm/aaaa] [(lien)]`. The last name is the word(s)
// in capitals, else the last word; a lone first name takes holder_last_name. Lien: enfant,
// conjoint(e), époux/épouse, concubin(e), partenaire, autre (default: autre).
// Errors: kInvalid with a French reason naming the entry ("occupant 2 : date invalide ...").
Result<std::vector<Member>> ParseOtherOccupants(std::string_view cell, std::string_view holder_last_name);

// Typology "T1".."T6", "T6+", "F3", "3", "studio" -> rooms (1..6; 6 means six or more).
Result<int> ParseTypology(std::string_view s);
// Floor "3", "-1", "RDC", "1er", "2e" -> floor number (0 = ground floor).
Result<int> ParseFloor(std::string_view s);

}  // namespace relais::housing
