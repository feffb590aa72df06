// Who may do what with referrals: every role of every kind x every action.
#include "modules/outreach/outreach_policy.h"

#include <gtest/gtest.h>

namespace relais::outreach {
namespace {
using auth::Kind;
using auth::Role;

TEST(OutreachPolicy, ContactStaffReferAndPartnersFollowObserversNever) {
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
      const bool partner = kind == Kind::kPartner && r.role == Role::kPartnerWorker;
      const std::string what = std::string(auth::KindCode(kind)) + " " + std::string(r.code);
      EXPECT_EQ(CanOpenReferral(a), staff) << what;
      EXPECT_EQ(CanListPartners(a), staff) << what;
      EXPECT_EQ(CanReadReferrals(a), staff || partner) << what;
      EXPECT_EQ(CanCloseReferral(a), staff || partner) << what;
      EXPECT_EQ(CanAnswerReferral(a), partner) << what;
      a.organisation_id = 0;
      EXPECT_FALSE(CanReadReferrals(a)) << what;
    }
  }
  auth::Actor partner;
  partner.kind = Kind::kPartner;
  EXPECT_EQ(ReferralScopeOf(partner), ReferralScope::kPartner);
  partner.kind = Kind::kObserver;
  EXPECT_EQ(ReferralScopeOf(partner), ReferralScope::kNone);
}

}  // namespace
}  // namespace relais::outreach
