// Who may do what with crisis plans: every role of every kind x every action.
#include "modules/outreach/crisis_plan_policy.h"

#include <gtest/gtest.h>

namespace relais::outreach {
namespace {
using auth::Kind;
using auth::Role;

TEST(CrisisPlanPolicy, StaffReadManagersDeclareOthersNever) {
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.organisation_id = 3;
      a.roles = static_cast<uint32_t>(r.role);
      const bool staff = kind == Kind::kStaff && (a.roles & auth::kLandlordRoles) != 0;
      const bool manager = staff && (r.role == Role::kManager || r.role == Role::kAdministrator);
      const std::string what = std::string(auth::KindCode(kind)) + " " + std::string(r.code);
      EXPECT_EQ(CanReadCrisisPlans(a), staff) << what;
      EXPECT_EQ(CanManageCrisisPlans(a), manager) << what;
      EXPECT_EQ(CanReadCrisisReport(a), manager) << what;
      a.organisation_id = 0;
      EXPECT_FALSE(CanReadCrisisReport(a)) << what;
      EXPECT_FALSE(CanReadCrisisPlans(a)) << what;
      EXPECT_FALSE(CanManageCrisisPlans(a)) << what;
    }
  }
}

}  // namespace
}  // namespace relais::outreach
