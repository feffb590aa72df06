// Tests of the CSV export: demo rows written as the import files and read back by the importer
// give the same rows (what the format carries), and the awkward cases of autres_occupants.
#include "modules/housing/housing_export.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "modules/housing/demo_data.h"
#include "modules/housing/housing_import.h"

namespace relais::housing {
namespace {

std::string Problems(const std::vector<csv::Problem>& problems) {
  std::string s;
  for (size_t i = 0; i < problems.size() && i < 5; ++i) s += csv::Describe(problems[i]) + "\n";
  return s;
}

// The fields the stock file carries, one line per row.
std::string StockText(const StockRow& r) {
  const Building& b = r.building;
  const Dwelling& d = r.dwelling;
  return b.reference + '|' + b.name + '|' + b.street + '|' + b.postal_code + '|' + b.commune_insee + '|' +
         b.commune_name + '|' + r.agency_name + '|' + std::to_string(b.qpv) + std::to_string(b.has_lift) + '|' +
         std::to_string(b.floors) + '|' + d.reference + '|' + d.building_reference + '|' + std::to_string(d.floor) +
         '|' + std::to_string(d.rooms) + '|' + std::to_string(d.surface_cm2) + '|' +
         std::string(FinancingCode(d.financing)) + '|' + std::to_string(d.rent_cents) + '|' +
         std::to_string(d.charges_cents) + '|' + std::to_string(d.accessible_prm);
}

// The fields the households file carries. `generated` says the row is the writer's input: its
// phones are cut to the two columns and the last names of other occupants take the form that
// LastNameAfterRoundTrip announces.
std::string HouseholdText(const Household& h, bool generated) {
  std::string s = h.reference + '|' + h.dwelling_reference + '|' + h.email + '|' + h.preferred_language + '|' +
                  h.notes;
  if (h.lease) {
    s += '|' + FormatIso(h.lease->start_date) + '|' + std::to_string(h.lease->rent_cents) + '|' +
         std::to_string(h.lease->charges_cents) + '|' + std::to_string(h.lease->housing_benefit_cents) + '|' +
         std::to_string(h.lease->benefit_paid_to_landlord);
  }
  for (size_t i = 0; i < h.members.size(); ++i) {
    const Member& m = h.members[i];
    const bool other = i > 0 && m.relation != Relation::kCoHolder;
    const std::string last = generated && other ? LastNameAfterRoundTrip(m, h.members[0]) : m.last_name;
    s += '|' + m.first_name + ' ' + last + ' ' + (m.birth_date ? FormatIso(*m.birth_date) : "") + ' ' +
         std::string(RelationCode(m.relation));
  }
  for (size_t i = 0; i < h.phones.size() && (!generated || i < 2); ++i) {
    s += '|' + h.phones[i].number + ' ' + h.phones[i].label;
  }
  return s;
}

TEST(HousingExport, DemoRowsRoundTripThroughTheImporter) {
  demo::Options o;
  o.households = 6'000;
  o.seed = 11;
  o.reference_date = {2026, 11, 27};
  auto data = demo::Generate(o, Communes());
  ASSERT_TRUE(data.ok());
  ASSERT_EQ(data->size(), 1u);
  const demo::LandlordData& l = data->front();

  std::string stock = StockCsvHeader(), households = HouseholdCsvHeader();
  for (const auto& r : l.stock) AppendStockCsv(stock, r);
  for (const auto& r : l.households) AppendHouseholdCsv(households, r);

  StockFile sf = ReadStockFile(stock, nullptr);
  ASSERT_TRUE(sf.problems.empty()) << Problems(sf.problems);
  EXPECT_TRUE(sf.warnings.empty());
  ASSERT_EQ(sf.rows.size(), l.stock.size());
  for (size_t i = 0; i < sf.rows.size(); ++i) {
    ASSERT_EQ(StockText(sf.rows[i]), StockText(l.stock[i])) << "stock row " << i;
  }

  HouseholdFile hf = ReadHouseholdFile(households, nullptr);
  ASSERT_TRUE(hf.problems.empty()) << Problems(hf.problems);
  EXPECT_TRUE(hf.warnings.empty());
  ASSERT_EQ(hf.rows.size(), l.households.size());
  size_t capitals = 0, cut_phones = 0, co_holders = 0;
  for (size_t i = 0; i < hf.rows.size(); ++i) {
    const Household& in = l.households[i].household;
    ASSERT_EQ(HouseholdText(hf.rows[i].household, false), HouseholdText(in, true)) << "household row " << i;
    for (size_t k = 1; k < in.members.size(); ++k) {
      capitals += LastNameAfterRoundTrip(in.members[k], in.members[0]) != in.members[k].last_name;
      co_holders += in.members[k].relation == Relation::kCoHolder;
    }
    cut_phones += in.phones.size() > 2;
  }
  // What the comparison above let through, for the record (the demo has few of each).
  std::printf("%zu households: %zu co-holders, %zu last names read back in capitals, %zu households with a "
              "third phone left out\n",
              hf.rows.size(), co_holders, capitals, cut_phones);
}

Member Person(std::string first, std::string last, Relation r, std::optional<CivilDate> birth = std::nullopt) {
  Member m;
  m.first_name = std::move(first);
  m.last_name = std::move(last);
  m.relation = r;
  m.birth_date = birth;
  return m;
}

TEST(HousingExport, OtherOccupantsKeepTheirNamesWhereTheFormatAllows) {
  Household h;
  h.members = {
      Person("Ana", "Da Silva", Relation::kHolder),
      Person("Marie Ange", "Martin", Relation::kSpouse, CivilDate{1980, 2, 29}),
      Person("Lucas", "Da Silva", Relation::kChild, CivilDate{2014, 1, 2}),
      Person("Jean Paul", "Da Silva", Relation::kChild),
      Person("Zoé", "Al Hassan", Relation::kOther),
      Person("Ömer", "Şahin", Relation::kOther),
      Person("Élise", "Lefèvre", Relation::kCoHolder),
  };
  const std::string cell = OtherOccupantsCell(h);
  EXPECT_EQ(cell,
            "Marie Ange Martin 29/02/1980 (conjoint); Lucas 02/01/2014 (enfant); Jean Paul DA SILVA (enfant); "
            "Zoé AL HASSAN (autre); Ömer Şahin (autre)");
  auto back = ParseOtherOccupants(cell, "Da Silva");
  ASSERT_TRUE(back.ok()) << back.error().message;
  ASSERT_EQ(back->size(), 5u);
  const std::vector<std::string> lasts = {"Martin", "Da Silva", "DA SILVA", "AL HASSAN", "Şahin"};
  for (size_t i = 0; i < lasts.size(); ++i) {
    EXPECT_EQ((*back)[i].last_name, lasts[i]) << i;
    EXPECT_EQ((*back)[i].last_name, LastNameAfterRoundTrip(h.members[i + 1], h.members[0])) << i;
    EXPECT_EQ((*back)[i].first_name, h.members[i + 1].first_name) << i;
    EXPECT_EQ((*back)[i].birth_date, h.members[i + 1].birth_date) << i;
  }
  EXPECT_EQ((*back)[0].relation, Relation::kSpouse);
  EXPECT_EQ((*back)[1].relation, Relation::kChild);
  EXPECT_EQ((*back)[3].relation, Relation::kOther);
}

TEST(HousingExport, CellsWithSeparatorsQuotesOrLineBreaksAreQuoted) {
  HouseholdRow row;
  Household& h = row.household;
  h.reference = "LOC-1";
  h.dwelling_reference = "L-1";
  h.members = {Person("Hélène", "O'Neil", Relation::kHolder, CivilDate{1950, 7, 14})};
  h.phones = {{"0639980012", "mobile"}, {"0199001234", "fixe"}, {"0639980013", "mobile"}};
  h.lease = Lease{0, {2017, 9, 15}, 37835, 4850, 19045, true};
  h.notes = "Malentendante ; préférer les \"SMS\".\nRappeler le matin.";
  h.preferred_language = "fr";
  std::string out;
  AppendHouseholdCsv(out, row);
  EXPECT_EQ(out,
            "LOC-1;L-1;15/09/2017;378,35;48,50;190,45;oui;O'Neil;Hélène;14/07/1950;;;;;06 39 98 00 12;"
            "01 99 00 12 34;;fr;\"Malentendante ; préférer les \"\"SMS\"\".\nRappeler le matin.\"\n");
  HouseholdFile f = ReadHouseholdFile(HouseholdCsvHeader() + out, nullptr);
  ASSERT_TRUE(f.problems.empty()) << Problems(f.problems);
  ASSERT_EQ(f.rows.size(), 1u);
  EXPECT_EQ(f.rows[0].household.notes, h.notes);
  EXPECT_EQ(f.rows[0].household.phones.size(), 2u);
}

}  // namespace
}  // namespace relais::housing
