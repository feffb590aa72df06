// Who answers subject-access requests and anonymises: role x organisation x kind, every role tried.
#include "modules/privacy/privacy_policy.h"

#include <gtest/gtest.h>

namespace relais::privacy {
namespace {
using auth::Role;

TEST(PrivacyPolicy, TheDataProtectionOfficerExportsAndAnonymisesAdministratorsOnlyExport) {
  struct Case {
    Role role;
    bool exports, anonymises;
  };
  const std::vector<Case> table = {
      {Role::kAdministrator, true, false}, {Role::kManager, false, false},   {Role::kCallAgent, false, false},
      {Role::kSocialSupport, false, false}, {Role::kReception, false, false}, {Role::kAllocation, false, false},
      {Role::kTechnical, false, false},     {Role::kCaretaker, false, false}, {Role::kDataProtection, true, true},
      {Role::kPartnerWorker, false, false}, {Role::kRegionalObserver, false, false},
  };
  ASSERT_EQ(table.size(), auth::AllRoles().size());
  for (const auto& c : table) {
    auth::Actor a;
    a.organisation_id = 1;
    a.roles = static_cast<uint32_t>(c.role);
    EXPECT_EQ(CanExportSubjectAccess(a), c.exports) << static_cast<int>(c.role);
    EXPECT_EQ(CanAnonymise(a), c.anonymises) << static_cast<int>(c.role);
    a.organisation_id = 0;  // not attached to a landlord
    EXPECT_FALSE(CanExportSubjectAccess(a));
    EXPECT_FALSE(CanAnonymise(a));
    a.organisation_id = 1;
    for (auto kind : {auth::Kind::kPartner, auth::Kind::kObserver, auth::Kind::kTenant}) {
      a.kind = kind;
      EXPECT_FALSE(CanExportSubjectAccess(a));
      EXPECT_FALSE(CanAnonymise(a));
    }
  }
  auth::Actor none;
  none.organisation_id = 1;
  EXPECT_FALSE(CanExportSubjectAccess(none));
  EXPECT_FALSE(CanAnonymise(none));
}

}  // namespace
}  // namespace relais::privacy
