// The staff module on both engines: invitation tokens are stored hashed and serve once, a
// privilege change or a deactivation ends sessions, the last administrator is kept, and another
// organisation's accounts do not exist for an administrator.
#include "modules/staff/staff.h"

#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/housing/policy_table_testing.h"
#include "modules/identity/identity.h"
#include "platform/db/testing.h"

namespace relais::staff {
namespace {

constexpr uint32_t kAdmin = static_cast<uint32_t>(auth::Role::kAdministrator);
constexpr uint32_t kAgent = static_cast<uint32_t>(auth::Role::kCallAgent);
const std::string kPassword = "un mot de passe long";

class StaffTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    org_ = *db().Write([](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat A", "732829320"); });
    other_org_ = *db().Write([](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat B", "552100554"); });
    admin_ = Account(org_, "admin@a.fr", kAdmin);
    agent_ = Account(org_, "agent@a.fr", kAgent);
    other_ = Account(other_org_, "agent@b.fr", kAgent);
  }
  db::Database& db() { return t_->db(); }
  int64_t Account(int64_t org, const std::string& email, uint32_t roles) {
    auto id = db().Write([&](db::Connection& c) {
      return identity::AdminCreatesStaffUser(c, {org, email, email, kPassword, roles, {}});
    });
    EXPECT_TRUE(id.ok()) << id.error().message;
    return *id;
  }
  auth::Actor SignIn(const std::string& email) {
    auto login = identity::UserLogsIn(db(), identity::Settings{}, email, kPassword);
    EXPECT_TRUE(login.ok()) << login.error().message;
    session_token_ = login->session_token;
    return login->actor;
  }
  bool SessionAlive() { return identity::ResolveSession(db(), identity::Settings{}, session_token_).has_value(); }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t org_ = 0, other_org_ = 0, admin_ = 0, agent_ = 0, other_ = 0;
  std::string session_token_;
};

TEST_P(StaffTest, AnInvitationTokenIsStoredHashedAndServesOnce) {
  const auth::Actor admin = SignIn("admin@a.fr");
  auto issued = AdminInvitesStaff(db(), admin, Settings{}, {"New@A.fr", "Nouvelle", kAgent, {}});
  ASSERT_TRUE(issued.ok()) << issued.error().message;
  EXPECT_EQ(issued->token.size(), 22u);
  EXPECT_EQ(InvitationLink(issued->token), "/invitation/" + issued->token);
  auto clear = db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM staff_invitations WHERE token_hash = ?", {db::P(issued->token)});
  });
  EXPECT_EQ(clear, 0);
  auto open = VisitorReadsInvitation(db(), issued->token);
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(open->organisation_name, "Habitat A");
  EXPECT_EQ(open->email, "new@a.fr");

  auto weak = InviteeAccepts(db(), issued->token, "court");
  ASSERT_FALSE(weak.ok());
  EXPECT_EQ(weak.error().field, "password");
  auto user = InviteeAccepts(db(), issued->token, kPassword);
  ASSERT_TRUE(user.ok()) << user.error().message;
  EXPECT_EQ(InviteeAccepts(db(), issued->token, kPassword).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(VisitorReadsInvitation(db(), issued->token).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(identity::UserLogsIn(db(), identity::Settings{}, "new@a.fr", kPassword).ok());
}

TEST_P(StaffTest, AnExpiredInvitationIsClosed) {
  const auth::Actor admin = SignIn("admin@a.fr");
  auto issued = AdminInvitesStaff(db(), admin, Settings{}, {"late@a.fr", "En retard", kAgent, {}});
  ASSERT_TRUE(issued.ok());
  ASSERT_TRUE(db().Write([&](db::Connection& c) -> Result<Unit> {
    c.Exec("UPDATE staff_invitations SET expires_at = 1 WHERE id = ?", {db::P(issued->invitation.id)});
    return Unit{};
  }).ok());
  EXPECT_EQ(VisitorReadsInvitation(db(), issued->token).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(InviteeAccepts(db(), issued->token, kPassword).error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(AdminListsInvitations(db(), admin)->empty());
}

TEST_P(StaffTest, ARoleChangeEndsSessionsAndANameChangeDoesNot) {
  const auth::Actor admin = SignIn("admin@a.fr");
  SignIn("agent@a.fr");
  ASSERT_TRUE(AdminUpdatesStaff(db(), admin, agent_, {.display_name = "Agent renommé"}).ok());
  EXPECT_TRUE(SessionAlive());
  auto changed = AdminUpdatesStaff(db(), admin, agent_, {.roles = static_cast<uint32_t>(auth::Role::kReception)});
  ASSERT_TRUE(changed.ok()) << changed.error().message;
  EXPECT_FALSE(SessionAlive());
}

TEST_P(StaffTest, DeactivationEndsSessionsAndRefusesSignInLikeAWrongPassword) {
  const auth::Actor admin = SignIn("admin@a.fr");
  SignIn("agent@a.fr");
  ASSERT_TRUE(AdminDeactivatesStaff(db(), admin, agent_).ok());
  EXPECT_FALSE(SessionAlive());
  auto refused = identity::UserLogsIn(db(), identity::Settings{}, "agent@a.fr", kPassword);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            identity::UserLogsIn(db(), identity::Settings{}, "agent@a.fr", "pas le bon mot de passe").error().message);
  ASSERT_TRUE(AdminReactivatesStaff(db(), admin, agent_).ok());
  EXPECT_TRUE(identity::UserLogsIn(db(), identity::Settings{}, "agent@a.fr", kPassword).ok());
}

TEST_P(StaffTest, TheLastActiveAdministratorIsKept) {
  const auth::Actor admin = SignIn("admin@a.fr");
  EXPECT_EQ(AdminDeactivatesStaff(db(), admin, admin_).error().code, ErrorCode::kConflict);
  EXPECT_EQ(AdminUpdatesStaff(db(), admin, admin_, {.roles = kAgent}).error().code, ErrorCode::kConflict);
  // Another administrator, deactivated, does not count.
  const int64_t second = Account(org_, "admin2@a.fr", kAdmin);
  ASSERT_TRUE(AdminDeactivatesStaff(db(), admin, second).ok());
  EXPECT_EQ(AdminUpdatesStaff(db(), admin, admin_, {.roles = kAgent}).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(AdminReactivatesStaff(db(), admin, second).ok());
  EXPECT_TRUE(AdminUpdatesStaff(db(), admin, admin_, {.roles = kAgent}).ok());
}

TEST_P(StaffTest, AnotherOrganisationsAccountIsNotFoundAndAnotherRoleIsForbidden) {
  const auth::Actor admin = SignIn("admin@a.fr");
  EXPECT_EQ(AdminReadsStaff(db(), admin, other_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(AdminDeactivatesStaff(db(), admin, other_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(AdminUpdatesStaff(db(), admin, other_, {.display_name = "x"}).error().code, ErrorCode::kNotFound);
  auto listed = AdminListsStaff(db(), admin);
  ASSERT_TRUE(listed.ok());
  EXPECT_EQ(listed->size(), 2u);
  for (const auto& m : *listed) EXPECT_NE(m.id, other_);
  const auth::Actor agent = SignIn("agent@a.fr");
  EXPECT_EQ(AdminReadsStaff(db(), agent, admin_).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(AdminReadsStaff(db(), agent, other_).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(AdminListsStaff(db(), agent).error().code, ErrorCode::kForbidden);
}

// The policy on real records (staff_policy.h), as a table: every landlord role of A and of B, a
// partner with an open referral of a household of A and one without, the regional observer and
// that household's tenant; on A's call agent and A's invitations: list the staff, read the agent,
// invite, rename the agent, deactivate and reactivate them, revoke an invitation. A's
// administrators do it all; A's other roles are told they may not (403); B's administrators list
// and invite for B, and B's roles find neither A's accounts nor A's invitations (404). Partners,
// observers and tenants may not list or invite (403, which says nothing of a record) and find no
// account or invitation of A (404): for them, staff accounts do not exist.
TEST_P(StaffTest, RoleByActionByScope) {
  const auth::Actor admin = SignIn("admin@a.fr");
  const int64_t household = housing::CreateTableHousehold(db(), org_);
  const auto partners = housing::CreateTablePartners(db(), org_, household);
  housing::PolicyTable table(
      {"list", "read", "invite", "rename", "deactivate", "reactivate", "revoke invitation"});
  for (const auto& r : housing::LandlordRoles()) {
    const std::string manages = r.role == auth::Role::kAdministrator ? "ok" : "403";
    table.Add("A " + std::string(r.code), housing::TableStaff(org_, r.role, admin_),
              {manages, manages, manages, manages, manages, manages, manages});
    table.Add("B " + std::string(r.code), housing::TableStaff(other_org_, r.role, other_),
              {manages, "404", manages, "404", "404", "404", "404"});
  }
  const std::vector<std::string> outsider = {"403", "404", "403", "404", "404", "404", "404"};
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral), outsider);
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral), outsider);
  table.Add("regional observer", housing::TableObserver(org_), outsider);
  table.Add("the household's tenant", housing::TableTenant(org_, household), outsider);
  ASSERT_EQ(table.size(), 2 * 9 + 4u);
  int invited = 0;
  table.Check({
      [&](const auth::Actor& a) {
        auto listed = AdminListsStaff(db(), a);
        if (listed.ok()) {
          for (const auto& m : *listed) EXPECT_EQ(m.id == other_, a.organisation_id == other_org_);
        }
        return PolicyOutcome(listed);
      },
      [&](const auth::Actor& a) { return PolicyOutcome(AdminReadsStaff(db(), a, agent_)); },
      [&](const auth::Actor& a) {
        const std::string email = "nouveau" + std::to_string(++invited) + "@a.fr";
        return PolicyOutcome(AdminInvitesStaff(db(), a, Settings{}, {email, "Nouvelle", kAgent, {}}));
      },
      [&](const auth::Actor& a) {
        return PolicyOutcome(AdminUpdatesStaff(db(), a, agent_, {.display_name = "Agent A"}));
      },
      [&](const auth::Actor& a) { return PolicyOutcome(AdminDeactivatesStaff(db(), a, agent_)); },
      [&](const auth::Actor& a) { return PolicyOutcome(AdminReactivatesStaff(db(), a, agent_)); },
      [&](const auth::Actor& a) {
        // A pending invitation of A for each row, made by A's administrator.
        const std::string email = "attente" + std::to_string(++invited) + "@a.fr";
        auto pending = AdminInvitesStaff(db(), admin, Settings{}, {email, "En attente", kAgent, {}});
        EXPECT_TRUE(pending.ok());
        return PolicyOutcome(AdminRevokesInvitation(db(), a, pending->invitation.id));
      },
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, StaffTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::staff
