// Lookups that other modules make inside their own transactions (reception's notices and
// convocations): the organisation's name and how to reach a household. Kept apart from housing.h so
// that the many files including it are not rebuilt for two functions.
#pragma once
#include <optional>
#include <string>

#include "modules/housing/housing.h"

namespace relais::housing {

// The organisation `org`; nullopt when it does not exist.
std::optional<Organisation> FindOrganisation(db::Connection& c, int64_t org);
// How to reach a household of `org`: its display name (or the holder's name), e-mail (may be
// empty) and first mobile number (06/07, national form; empty when none). nullopt when the
// household is not of `org`.
struct HouseholdContact {
  std::string name;
  std::string email;
  std::string mobile;
};
std::optional<HouseholdContact> FindHouseholdContact(db::Connection& c, int64_t org, int64_t household_id);

}  // namespace relais::housing
