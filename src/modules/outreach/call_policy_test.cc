// Who may do what with calls, tasks and escalations: every role of every kind x every action.
#include "modules/outreach/call_policy.h"

#include <gtest/gtest.h>

namespace relais::outreach {
namespace {
using auth::Kind;
using auth::Role;

TEST(CallPolicy, EveryRoleOfEveryKind) {
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.user_id = 7;
      a.organisation_id = 3;
      a.roles = static_cast<uint32_t>(r.role);
      const bool staff = kind == Kind::kStaff && (a.roles & auth::kLandlordRoles) != 0;
      const bool reader = staff && (r.role == Role::kCallAgent || r.role == Role::kManager || r.role == Role::kSocialSupport);
      const bool manager = staff && r.role == Role::kManager;
      const bool agent = staff && r.role == Role::kCallAgent;
      const std::string what = std::string(auth::KindCode(kind)) + " " + std::string(r.code);
      EXPECT_EQ(CanReadCalls(a), reader) << what;
      EXPECT_EQ(CanSeeCallOfAgency(a, 5), reader) << what;
      EXPECT_EQ(CanRecordAttempt(a, 7), manager || agent) << what;  // their own call
      EXPECT_EQ(CanRecordAttempt(a, 8), manager) << what;            // a colleague's call
      EXPECT_EQ(CanRecordAttempt(a, 0), manager) << what;            // nobody's call
      EXPECT_EQ(CanCloseTask(a, 7), reader) << what;
      EXPECT_EQ(CanCloseTask(a, 0), manager) << what;
      EXPECT_EQ(CanManageEscalations(a), staff && (r.role == Role::kManager || r.role == Role::kAdministrator)) << what;
      a.agency_ids = {4};
      EXPECT_FALSE(CanSeeCallOfAgency(a, 5)) << what;
      EXPECT_EQ(CanSeeCallOfAgency(a, 4), reader) << what;
      a.organisation_id = 0;
      EXPECT_FALSE(CanReadCalls(a)) << what;
      EXPECT_FALSE(CanRecordAttempt(a, 7)) << what;
      EXPECT_FALSE(CanManageEscalations(a)) << what;
    }
  }
}

}  // namespace
}  // namespace relais::outreach
