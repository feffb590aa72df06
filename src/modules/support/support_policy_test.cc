// The policy of support cases as a table: every role of every kind of account, of the
// organisation or without one.
#include "modules/support/support_policy.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace relais::support {
namespace {
using auth::Kind;
using auth::Role;

struct Expected {
  bool exists, read, open, work, post_aid, end_plan;
};

TEST(SupportPolicy, RoleByKindByOrganisation) {
  // For a landlord's staff; every other kind of account is refused everything.
  const std::map<Role, Expected> staff{
      {Role::kAdministrator, {true, false, false, false, false, false}},   {Role::kManager, {true, true, false, false, false, false}},
      {Role::kCallAgent, {true, false, false, false, false, false}},       {Role::kSocialSupport, {true, true, true, true, true, true}},
      {Role::kReception, {true, false, false, false, false, false}},       {Role::kAllocation, {true, false, false, false, false, false}},
      {Role::kTechnical, {false, false, false, false, false, false}},      {Role::kCaretaker, {false, false, false, false, false, false}},
      {Role::kDataProtection, {false, false, false, false, false, false}}, {Role::kPartnerWorker, {false, false, false, false, false, false}},
      {Role::kRegionalObserver, {false, false, false, false, false, false}},
  };
  ASSERT_EQ(staff.size(), auth::AllRoles().size());
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      for (int64_t org : {int64_t{3}, int64_t{0}}) {
        auth::Actor a;
        a.kind = kind;
        a.organisation_id = org;
        a.roles = static_cast<uint32_t>(r.role);
        const Expected e = kind == Kind::kStaff && org > 0 ? staff.at(r.role) : Expected{false, false, false, false, false, false};
        const std::string what =
            std::string(auth::KindCode(kind)) + " " + std::string(r.code) + " org " + std::to_string(org);
        EXPECT_EQ(CanSeeCaseExists(a), e.exists) << what;
        EXPECT_EQ(CanReadCase(a), e.read) << what;
        EXPECT_EQ(CanOpenCase(a), e.open) << what;
        EXPECT_EQ(CanWorkOnCase(a), e.work) << what;
        EXPECT_EQ(CanPostAidPayment(a), e.post_aid) << what;
        EXPECT_EQ(CanEndPaymentPlan(a), e.end_plan) << what;
      }
    }
  }
}

TEST(SupportPolicy, SeveralRolesAddUp) {
  auth::Actor a;
  a.organisation_id = 3;
  a.roles = static_cast<uint32_t>(Role::kCallAgent) | static_cast<uint32_t>(Role::kSocialSupport);
  EXPECT_TRUE(CanWorkOnCase(a));
  a.roles = static_cast<uint32_t>(Role::kCallAgent) | static_cast<uint32_t>(Role::kTechnical);
  EXPECT_TRUE(CanSeeCaseExists(a));
  EXPECT_FALSE(CanReadCase(a));
}

}  // namespace
}  // namespace relais::support
