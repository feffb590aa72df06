// Who may do what with ledgers and arrears: every kind x every role x every action, with and
// without an organisation. Scoping to the actor's organisation is tested on the store
// (arrears_store_test.cc) and by the isolation API test.
#include "modules/rent/rent_policy.h"

#include <gtest/gtest.h>

namespace relais::rent {
namespace {
using auth::Kind;
using auth::Role;

TEST(RentPolicy, OfficersAndManagersReadOfficersRecordOthersNever) {
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.organisation_id = 3;
      a.roles = static_cast<uint32_t>(r.role);
      const bool staff = kind == Kind::kStaff && (a.roles & auth::kLandlordRoles) != 0;
      const bool officer = staff && r.role == Role::kSocialSupport;
      const bool manager = staff && r.role == Role::kManager;
      const std::string what = std::string(auth::KindCode(kind)) + " " + std::string(r.code);
      EXPECT_EQ(CanReadArrears(a), officer || manager) << what;
      EXPECT_EQ(CanComputeArrears(a), officer || manager) << what;
      EXPECT_EQ(CanRecordArrearsStep(a), officer) << what;
      a.organisation_id = 0;
      EXPECT_FALSE(CanReadArrears(a)) << what;
      EXPECT_FALSE(CanComputeArrears(a)) << what;
      EXPECT_FALSE(CanRecordArrearsStep(a)) << what;
    }
  }
  // An officer who is also a call agent keeps the officer's rights.
  auth::Actor both;
  both.kind = Kind::kStaff;
  both.organisation_id = 3;
  both.roles = static_cast<uint32_t>(Role::kSocialSupport) | static_cast<uint32_t>(Role::kCallAgent);
  EXPECT_TRUE(CanRecordArrearsStep(both));
}

}  // namespace
}  // namespace relais::rent
