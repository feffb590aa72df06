// Who manages staff accounts: role x action x own organisation / another one, every role tried,
// and every kind of account.
#include "modules/staff/staff_policy.h"

#include <gtest/gtest.h>

namespace relais::staff {
namespace {

constexpr StaffAction kActions[] = {StaffAction::kList,   StaffAction::kRead,       StaffAction::kInvite,
                                    StaffAction::kRevoke, StaffAction::kUpdate,     StaffAction::kDeactivate,
                                    StaffAction::kReactivate};

TEST(StaffPolicy, OnlyAnAdministratorManagesTheStaffOfTheirOwnOrganisation) {
  for (const auto& r : auth::AllRoles()) {
    auth::Actor a;
    a.user_id = 7;
    a.organisation_id = 1;
    a.roles = static_cast<uint32_t>(r.role);
    for (StaffAction action : kActions) {
      const int i = static_cast<int>(action);
      EXPECT_EQ(MayManageStaff(a, action, 1), r.role == auth::Role::kAdministrator) << r.code << " action " << i;
      EXPECT_FALSE(MayManageStaff(a, action, 2)) << r.code << " other organisation, action " << i;
    }
  }
}

TEST(StaffPolicy, AnAdministratorAmongOtherRolesStillManages) {
  auth::Actor a;
  a.organisation_id = 1;
  a.roles = static_cast<uint32_t>(auth::Role::kManager) | static_cast<uint32_t>(auth::Role::kAdministrator);
  EXPECT_TRUE(MayManageStaff(a, StaffAction::kUpdate, 1));
  EXPECT_FALSE(MayManageStaff(a, StaffAction::kUpdate, 2));
}

TEST(StaffPolicy, NoOtherKindOfAccountNorAnAccountWithoutOrganisationManages) {
  for (auth::Kind kind : {auth::Kind::kPartner, auth::Kind::kObserver, auth::Kind::kTenant}) {
    auth::Actor a;
    a.kind = kind;
    a.organisation_id = 1;
    a.roles = static_cast<uint32_t>(auth::Role::kAdministrator);
    for (StaffAction action : kActions) EXPECT_FALSE(MayManageStaff(a, action, 1));
  }
  auth::Actor orphan;
  orphan.roles = static_cast<uint32_t>(auth::Role::kAdministrator);
  EXPECT_FALSE(MayManageStaff(orphan, StaffAction::kList, 0));
  auth::Actor no_role;
  no_role.organisation_id = 1;
  EXPECT_FALSE(MayManageStaff(no_role, StaffAction::kList, 1));
}

TEST(StaffPolicy, OnlyALandlordsStaffLearnThatAnAccountExists) {
  for (auth::Kind kind : {auth::Kind::kStaff, auth::Kind::kPartner, auth::Kind::kObserver, auth::Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.organisation_id = 1;
      a.roles = static_cast<uint32_t>(r.role);
      EXPECT_EQ(SeesStaffAccounts(a), kind == auth::Kind::kStaff) << auth::KindCode(kind) << " " << r.code;
      a.organisation_id = 0;
      EXPECT_FALSE(SeesStaffAccounts(a)) << auth::KindCode(kind) << " " << r.code << " without organisation";
    }
  }
}

}  // namespace
}  // namespace relais::staff
