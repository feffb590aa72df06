// SQL of the housing module (private to the module). Every function takes the organisation id
// and filters on it; nothing here checks roles (the use cases do, through housing_policy).
#pragma once
#include "modules/housing/housing.h"

namespace relais::housing::repo {

std::optional<Building> FindBuilding(db::Connection& c, int64_t org, int64_t id);
std::optional<int64_t> BuildingIdByReference(db::Connection& c, int64_t org, const std::string& reference);
Page<Building> ListBuildings(db::Connection& c, int64_t org, const BuildingFilter& f);
int64_t InsertBuilding(db::Connection& c, int64_t org, const Building& b);
void UpdateBuilding(db::Connection& c, int64_t org, const Building& b);

std::optional<Dwelling> FindDwelling(db::Connection& c, int64_t org, int64_t id);
std::optional<int64_t> DwellingIdByReference(db::Connection& c, int64_t org, const std::string& reference);
std::vector<Dwelling> ListDwellingsOfBuilding(db::Connection& c, int64_t org, int64_t building_id);
int64_t InsertDwelling(db::Connection& c, int64_t org, const Dwelling& d);
void UpdateDwelling(db::Connection& c, int64_t org, const Dwelling& d);

std::optional<Household> FindHousehold(db::Connection& c, int64_t org, int64_t id);
std::optional<int64_t> HouseholdIdByReference(db::Connection& c, int64_t org, const std::string& reference);
Page<HouseholdSummary> ListHouseholds(db::Connection& c, int64_t org, const HouseholdFilter& f);
// How much of the token index one search may read (docs/adr/0004-household-search.md).
struct SearchBounds {
  int64_t word_rows = 10000;  // a word prefixing more index rows than this is "common"
  int candidates = 1000;      // the candidates kept when the first word of several is common
};
// The households matching every word of `q` (ADR 0004), best first, at most `limit`. When the
// most selective word is common, the answer is the best of its first candidates (see bounds).
std::vector<HouseholdSummary> SearchHouseholds(db::Connection& c, int64_t org, const std::string& q, int limit,
                                               const SearchBounds& bounds = {});
// Inserts the household with its members, phones, current lease and search tokens.
int64_t InsertHousehold(db::Connection& c, int64_t org, const Household& h);
// Replaces the household's fields, members, phones, current lease and search tokens.
void UpdateHousehold(db::Connection& c, int64_t org, const Household& h);

std::optional<int64_t> AgencyIdByName(db::Connection& c, int64_t org, const std::string& name);
int64_t InsertAgency(db::Connection& c, int64_t org, const std::string& name);

// Stable digest of a record's content: equal digests mean nothing to update on re-import.
std::string ContentHash(const Building& b);
std::string ContentHash(const Dwelling& d);
std::string ContentHash(const Household& h);

}  // namespace relais::housing::repo
