// Who may do what at reception: every kind x every role x own organisation / none, as a table.
#include "modules/reception/reception_policy.h"

#include <gtest/gtest.h>

namespace relais::reception {
namespace {
using auth::Kind;
using auth::Role;

TEST(ReceptionPolicy, EveryKindAndRole) {
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      for (int64_t org : {int64_t{3}, int64_t{0}}) {
        auth::Actor a;
        a.kind = kind;
        a.organisation_id = org;
        a.roles = static_cast<uint32_t>(r.role);
        a.household_id = kind == Kind::kTenant ? 12 : 0;
        const bool staff = kind == Kind::kStaff && org > 0 && (a.roles & auth::kLandlordRoles) != 0;
        const bool manager = staff && (r.role == Role::kManager || r.role == Role::kAdministrator);
        const bool desk = manager || (staff && r.role == Role::kReception);
        const bool booker = desk || (staff && (r.role == Role::kCallAgent || r.role == Role::kSocialSupport ||
                                               r.role == Role::kAllocation));
        const std::string what = std::string(auth::KindCode(kind)) + " " + std::string(r.code) + " org " + std::to_string(org);
        EXPECT_EQ(CanReadReceptionSetup(a), staff) << what;
        EXPECT_EQ(CanManageReceptionSetup(a), manager) << what;
        EXPECT_EQ(CanBookAppointments(a), booker) << what;
        EXPECT_EQ(CanRecordAttendance(a), desk) << what;
        EXPECT_EQ(CanTenantBook(a), kind == Kind::kTenant && org > 0) << what;
      }
    }
  }
  // Caretakers, technical staff and the DPO read the setup but never a booking.
  for (Role role : {Role::kCaretaker, Role::kTechnical, Role::kDataProtection}) {
    auth::Actor a;
    a.organisation_id = 3;
    a.roles = static_cast<uint32_t>(role);
    EXPECT_TRUE(CanReadReceptionSetup(a));
    EXPECT_FALSE(CanBookAppointments(a));
  }
  // A tenant without a household (never signed in properly) books nothing.
  auth::Actor t;
  t.kind = Kind::kTenant;
  t.organisation_id = 3;
  EXPECT_FALSE(CanTenantBook(t));
}

}  // namespace
}  // namespace relais::reception
