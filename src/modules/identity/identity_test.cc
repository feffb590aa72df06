#include "modules/identity/identity.h"
#include "modules/identity/identity_policy.h"

#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "platform/db/testing.h"

namespace relais::identity {
namespace {

class IdentityTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    org_ = *t_->db().Write([](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat A", "732829320"); });
    NewStaffUser u;
    u.organisation_id = org_;
    u.email = "Agent@Example.org";
    u.display_name = "Agent A";
    u.password = "un mot de passe long";
    u.roles = static_cast<uint32_t>(auth::Role::kCallAgent);
    auto id = t_->db().Write([&](db::Connection& c) { return AdminCreatesStaffUser(c, u); });
    ASSERT_TRUE(id.ok()) << id.error().message;
    user_id_ = *id;
  }
  db::Database& db() { return t_->db(); }
  std::unique_ptr<db::TestDatabase> t_;
  int64_t org_ = 0, user_id_ = 0;
  Settings settings_;
};

TEST_P(IdentityTest, SignsInOpensASessionAndSignsOut) {
  auto login = UserLogsIn(db(), settings_, "agent@example.org", "un mot de passe long");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_EQ(login->session_token.size(), 22u);
  EXPECT_EQ(login->actor.user_id, user_id_);
  EXPECT_EQ(login->actor.organisation_id, org_);
  EXPECT_TRUE(login->actor.Has(auth::Role::kCallAgent));
  // Only the hash of the session id is stored.
  auto stored = db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM sessions WHERE id_hash = ?", {db::P(login->session_token)});
  });
  EXPECT_EQ(stored, 0);
  auto actor = ResolveSession(db(), settings_, login->session_token);
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->csrf_token, login->actor.csrf_token);
  ASSERT_TRUE(UserLogsOut(db(), *actor).ok());
  EXPECT_FALSE(ResolveSession(db(), settings_, login->session_token));
}

TEST_P(IdentityTest, SessionsCarryTheUsersAgenciesInOrder) {
  auto agency = [&](const std::string& name) {
    return *db().Write([&](db::Connection& c) -> Result<int64_t> {
      return *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, ?) RETURNING id",
                         {db::P(org_), db::P(name)});
    });
  };
  const int64_t first = agency("Agence de Caen"), second = agency("Agence de Bayeux");
  NewStaffUser u;
  u.organisation_id = org_;
  u.email = "chef@example.org";
  u.display_name = "Chef";
  u.password = "un mot de passe long";
  u.roles = static_cast<uint32_t>(auth::Role::kManager);
  u.agency_ids = {second, first};
  ASSERT_TRUE(db().Write([&](db::Connection& c) { return AdminCreatesStaffUser(c, u); }).ok());
  auto login = UserLogsIn(db(), settings_, "chef@example.org", "un mot de passe long");
  ASSERT_TRUE(login.ok());
  auto actor = ResolveSession(db(), settings_, login->session_token);
  ASSERT_TRUE(actor);
  EXPECT_EQ(actor->agency_ids, (std::vector<int64_t>{first, second}));
  EXPECT_EQ(actor->display_name, "Chef");
  // A user without agency: the whole organisation.
  auto agent = UserLogsIn(db(), settings_, "agent@example.org", "un mot de passe long");
  ASSERT_TRUE(agent.ok());
  auto whole = ResolveSession(db(), settings_, agent->session_token);
  ASSERT_TRUE(whole);
  EXPECT_TRUE(whole->agency_ids.empty());
}

TEST_P(IdentityTest, SaysTheSameForAWrongPasswordAndAnUnknownAccount) {
  auto wrong = UserLogsIn(db(), settings_, "agent@example.org", "pas le bon mot de passe");
  auto unknown = UserLogsIn(db(), settings_, "personne@example.org", "pas le bon mot de passe");
  ASSERT_FALSE(wrong.ok());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
  EXPECT_EQ(wrong.error().message, unknown.error().message);
}

TEST_P(IdentityTest, BacksOffAfterRepeatedFailures) {
  for (int i = 0; i < 6; ++i) (void)UserLogsIn(db(), settings_, "agent@example.org", "mauvais mot de passe");
  auto locked = UserLogsIn(db(), settings_, "agent@example.org", "un mot de passe long");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::kRateLimited);
}

TEST_P(IdentityTest, RefusesUnknownExpiredAndMalformedSessions) {
  EXPECT_FALSE(ResolveSession(db(), settings_, "AAAAAAAAAAAAAAAAAAAAAA"));
  EXPECT_FALSE(ResolveSession(db(), settings_, "short"));
  auto login = UserLogsIn(db(), settings_, "agent@example.org", "un mot de passe long");
  ASSERT_TRUE(login.ok());
  (void)db().Write([&](db::Connection& c) -> Result<Unit> {
    c.Exec("UPDATE sessions SET idle_expires_at = 1");
    return Unit{};
  });
  EXPECT_FALSE(ResolveSession(db(), settings_, login->session_token));
}

TEST_P(IdentityTest, ChecksNewAccounts) {
  NewStaffUser u;
  u.organisation_id = org_;
  u.email = "agent@example.org";
  u.display_name = "Doublon";
  u.password = "un mot de passe long";
  u.roles = 1;
  auto dup = db().Write([&](db::Connection& c) { return AdminCreatesStaffUser(c, u); });
  EXPECT_EQ(dup.error().code, ErrorCode::kConflict);
  u.email = "autre@example.org";
  u.password = "court";
  auto weak = db().Write([&](db::Connection& c) { return AdminCreatesStaffUser(c, u); });
  EXPECT_EQ(weak.error().field, "password");
  u.password = "un mot de passe long";
  u.roles = 0;
  auto no_role = db().Write([&](db::Connection& c) { return AdminCreatesStaffUser(c, u); });
  EXPECT_EQ(no_role.error().field, "roles");
}

// An account's kind is its organisation's: set on sign-in and on every request; its roles must fit.
TEST_P(IdentityTest, AccountsOfAPartnerOrOfTheRegionalAssociationHaveTheirKindAndRoleOnly) {
  const int64_t ccas = *db().Write([](db::Connection& c) {
    return housing::CreateOrganisation(c, "CCAS de Caen", "130023757", "partner");
  });
  const int64_t regional = *db().Write([](db::Connection& c) {
    return housing::CreateOrganisation(c, "Association régionale", "130221732", "regional");
  });
  auto make = [&](int64_t org, const std::string& email, auth::Role role) {
    NewStaffUser u;
    u.organisation_id = org;
    u.email = email;
    u.display_name = "Compte";
    u.password = "un mot de passe long";
    u.roles = static_cast<uint32_t>(role);
    return db().Write([&](db::Connection& c) { return AdminCreatesStaffUser(c, u); });
  };
  EXPECT_EQ(make(ccas, "x1@example.org", auth::Role::kCallAgent).error().field, "roles");
  EXPECT_EQ(make(regional, "x2@example.org", auth::Role::kManager).error().field, "roles");
  EXPECT_EQ(make(org_, "x3@example.org", auth::Role::kPartnerWorker).error().field, "roles");
  ASSERT_TRUE(make(ccas, "ccas@example.org", auth::Role::kPartnerWorker).ok());
  ASSERT_TRUE(make(regional, "obs@example.org", auth::Role::kRegionalObserver).ok());
  for (const auto& [email, kind] : {std::pair{"ccas@example.org", auth::Kind::kPartner},
                                    std::pair{"obs@example.org", auth::Kind::kObserver},
                                    std::pair{"agent@example.org", auth::Kind::kStaff}}) {
    auto login = UserLogsIn(db(), settings_, email, "un mot de passe long");
    ASSERT_TRUE(login.ok()) << email;
    EXPECT_EQ(login->actor.kind, kind) << email;
    auto resolved = ResolveSession(db(), settings_, login->session_token);
    ASSERT_TRUE(resolved.has_value());
    EXPECT_EQ(resolved->kind, kind) << email;
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, IdentityTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

TEST(IdentityPolicy, EveryKindAndRoleUsesItsOwnSessionOnly) {
  for (auth::Kind kind : {auth::Kind::kStaff, auth::Kind::kPartner, auth::Kind::kObserver, auth::Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.roles = static_cast<uint32_t>(r.role);
      a.user_id = 4;
      EXPECT_TRUE(CanUseOwnSession(a)) << auth::KindCode(kind) << " " << r.code;
      a.user_id = 0;
      EXPECT_FALSE(CanUseOwnSession(a)) << auth::KindCode(kind) << " " << r.code;
    }
  }
}

TEST(PasswordPolicyTest, CountsCharactersNotBytes) {
  EXPECT_TRUE(CheckPasswordPolicy("éééééééééé1"));   // 11 characters, 21 bytes
  EXPECT_FALSE(CheckPasswordPolicy("éééééééééé12"));  // 12 characters
  EXPECT_TRUE(CheckPasswordPolicy(std::string(129, 'a')));
}

}  // namespace
}  // namespace relais::identity
