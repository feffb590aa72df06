// Who may follow needs and delivery rounds: every role of every kind.
#include "modules/outreach/need_policy.h"

#include <gtest/gtest.h>

namespace relais::outreach {
namespace {
using auth::Kind;
using auth::Role;

TEST(NeedPolicy, ContactStaffOnly) {
  const uint32_t contact = static_cast<uint32_t>(Role::kAdministrator) | static_cast<uint32_t>(Role::kManager) |
                           static_cast<uint32_t>(Role::kCallAgent) | static_cast<uint32_t>(Role::kSocialSupport) |
                           static_cast<uint32_t>(Role::kReception) | static_cast<uint32_t>(Role::kAllocation);
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.organisation_id = 3;
      a.roles = static_cast<uint32_t>(r.role);
      const bool staff = kind == Kind::kStaff && (a.roles & contact) != 0;
      const std::string what = std::string(auth::KindCode(kind)) + " " + std::string(r.code);
      EXPECT_EQ(CanReadNeeds(a), staff) << what;
      EXPECT_EQ(CanRecordNeeds(a), staff) << what;
      EXPECT_EQ(CanRunDeliveryRounds(a), staff) << what;
      a.organisation_id = 0;
      EXPECT_FALSE(CanReadNeeds(a)) << what;
    }
  }
}

}  // namespace
}  // namespace relais::outreach
