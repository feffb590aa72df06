// Who reads the audit trail: role x organisation, every role tried.
#include "modules/audit/audit_policy.h"

#include <gtest/gtest.h>

namespace relais::audit {
namespace {

TEST(AuditPolicy, OnlyAdministratorsAndTheDataProtectionOfficerOfALandlordReadTheTrail) {
  for (const auto& r : auth::AllRoles()) {
    auth::Actor a;
    a.organisation_id = 1;
    a.roles = static_cast<uint32_t>(r.role);
    const bool expected = r.role == auth::Role::kAdministrator || r.role == auth::Role::kDataProtection;
    EXPECT_EQ(CanReadTrail(a), expected) << r.code;
    a.organisation_id = 0;  // not attached to a landlord
    EXPECT_FALSE(CanReadTrail(a)) << r.code;
  }
  auth::Actor none;
  none.organisation_id = 1;
  EXPECT_FALSE(CanReadTrail(none));
}

TEST(AuditPolicy, NoOtherKindOfAccountReadsTheTrailWhateverItsRoles) {
  for (auth::Kind kind : {auth::Kind::kPartner, auth::Kind::kObserver, auth::Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.organisation_id = 1;
      a.roles = static_cast<uint32_t>(r.role);
      EXPECT_FALSE(CanReadTrail(a)) << auth::KindCode(kind) << " " << r.code;
    }
  }
}

}  // namespace
}  // namespace relais::audit
