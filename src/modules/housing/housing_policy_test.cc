// Who reads and changes housing records: every role of every kind x every action. Own versus
// other landlord and partners with or without a referral: outreach_test (RoleByActionByScope).
#include "modules/housing/housing_policy.h"

#include <gtest/gtest.h>

namespace relais::housing {
namespace {
using auth::Kind;
using auth::Role;

TEST(HousingPolicy, LandlordStaffReadTheirStockPartnersOnlyReferredHouseholdsObserversNothing) {
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.organisation_id = 5;
      a.roles = static_cast<uint32_t>(r.role);
      const bool staff = kind == Kind::kStaff && (a.roles & auth::kLandlordRoles) != 0;
      const bool stock = staff && (r.role == Role::kAdministrator || r.role == Role::kManager);
      const bool households = staff && r.role != Role::kTechnical && r.role != Role::kCaretaker &&
                              r.role != Role::kDataProtection;
      const std::string what = std::string(auth::KindCode(kind)) + " " + std::string(r.code);
      EXPECT_EQ(CanReadHousing(a), staff) << what;
      EXPECT_EQ(CanEditStock(a), stock) << what;
      EXPECT_EQ(CanEditHousehold(a), households) << what;
      EXPECT_EQ(CanReadReferredHousehold(a), kind == Kind::kPartner && r.role == Role::kPartnerWorker) << what;
      const HouseholdScope expected = kind == Kind::kStaff     ? HouseholdScope::kOrganisation
                                      : kind == Kind::kPartner ? HouseholdScope::kReferred
                                                               : HouseholdScope::kNone;
      EXPECT_EQ(HouseholdScopeOf(a), expected) << what;
      a.organisation_id = 0;
      EXPECT_FALSE(CanReadHousing(a) || CanReadReferredHousehold(a)) << what;
    }
  }
}

}  // namespace
}  // namespace relais::housing
