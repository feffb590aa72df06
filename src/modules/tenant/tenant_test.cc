// The tenant module: its policy (table), the masked hints, and accounts on both engines (a code
// queued in the outbox, activation, wrong and expired codes, the password, sessions, scoping).
#include "modules/tenant/tenant.h"

#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/housing/policy_table_testing.h"
#include "modules/identity/throttle.h"
#include "modules/tenant/tenant_policy.h"
#include "platform/core/dates.h"
#include "platform/db/testing.h"

namespace relais::tenant {
namespace {

using db::P;

auth::Actor Staff(uint32_t roles) {
  auth::Actor a;
  a.kind = auth::Kind::kStaff;
  a.user_id = 1;
  a.organisation_id = 1;
  a.roles = roles;
  return a;
}
auth::Actor Tenant() {
  auth::Actor a;
  a.kind = auth::Kind::kTenant;
  a.user_id = 7;
  a.organisation_id = 1;
  a.household_id = 3;
  return a;
}
constexpr uint32_t kAdmin = static_cast<uint32_t>(auth::Role::kAdministrator);
constexpr uint32_t kManager = static_cast<uint32_t>(auth::Role::kManager);
constexpr uint32_t kAgent = static_cast<uint32_t>(auth::Role::kCallAgent);

TEST(TenantPolicy, Table) {
  struct Row {
    const char* who;
    auth::Actor actor;
    bool session, household, read_settings, change_settings;
  };
  auth::Actor partner = Staff(kAdmin);
  partner.kind = auth::Kind::kPartner;
  auth::Actor orphan = Tenant();
  orphan.household_id = 0;
  const Row rows[] = {
      {"tenant", Tenant(), true, true, false, false},
      {"tenant without household", orphan, false, false, false, false},
      {"administrator", Staff(kAdmin), false, false, true, true},
      {"manager", Staff(kManager), false, false, true, false},
      {"call agent", Staff(kAgent), false, false, false, false},
      {"partner with admin bit", partner, false, false, false, false},
  };
  for (const auto& r : rows) {
    EXPECT_EQ(CanUseOwnTenantSession(r.actor), r.session) << r.who;
    EXPECT_EQ(CanReadOwnHousehold(r.actor), r.household) << r.who;
    EXPECT_EQ(CanReadPortalSettings(r.actor), r.read_settings) << r.who;
    EXPECT_EQ(CanChangePortalSettings(r.actor), r.change_settings) << r.who;
  }
}

TEST(TenantHints, MaskPhonesAndAddresses) {
  EXPECT_EQ(MaskPhone("06 12 34 56 42"), "06 •• •• •• 42");
  EXPECT_EQ(MaskPhone("+33 7 12 34 56 99"), "07 •• •• •• 99");
  EXPECT_EQ(MaskEmail("jeanne.martin@exemple.fr"), "j•••@e•••.fr");
  EXPECT_TRUE(IsMobile("0612345642"));
  EXPECT_TRUE(IsMobile("+33 7 12 34 56 42"));
  EXPECT_FALSE(IsMobile("02 31 00 00 00"));
  EXPECT_FALSE(IsMobile("06 12"));
}

class TenantAccountTest : public ::testing::TestWithParam<std::string> {
 protected:
  TenantAccountTest() : test_db_(GetParam()) {
    db().Write([&](db::Connection& c) {
      c.Exec("INSERT INTO organisations (name, siren, created_at) VALUES ('Bailleur A', '100000001', 0), "
             "('Bailleur B', '100000002', 0)");
      for (int org = 1; org <= 2; ++org) {
        c.Exec("INSERT INTO buildings (organisation_id, reference, street, postal_code, commune_insee, updated_at) "
               "VALUES (?, 'B1', '3 rue des Lilas', '14000', '14118', 0)", {P(org)});
        c.Exec("INSERT INTO dwellings (organisation_id, building_id, reference, rooms, surface_cm2, financing, "
               "rent_cents, charges_cents, updated_at) VALUES (?, ?, 'D1', 3, 6512, 'PLUS', 45000, 8000, 0)",
               {P(org), P(org)});
      }
      // Household 1 (landlord A): a mobile phone. Household 2 (landlord B): an e-mail only.
      c.Exec("INSERT INTO households (organisation_id, reference, dwelling_id, email, updated_at) VALUES "
             "(1, 'T001', 1, '', 0), (2, 'T002', 2, 'jeanne@exemple.fr', 0)");
      c.Exec("INSERT INTO phones (household_id, organisation_id, position, number) VALUES (1, 1, 0, '06 12 34 56 42')");
      c.Exec("INSERT INTO members (organisation_id, household_id, position, first_name, last_name, relation) VALUES "
             "(1, 1, 0, 'Jeanne', 'Martin', 'holder'), (1, 1, 1, 'Léo', 'Martin', 'child')");
      return 0;
    });
  }
  db::Database& db() { return test_db_.db(); }
  // The code of the last queued message, read from the outbox (the test plays the gateway).
  std::string LastCode(std::string* channel = nullptr) {
    std::string body, ch;
    db().Read([&](db::Connection& c) {
      return c.Query("SELECT body, channel FROM notify_outbox ORDER BY id DESC LIMIT 1", {}, [&](const db::Row& r) {
        body = r.Str(0);
        ch = r.Str(1);
      });
    });
    if (channel) *channel = ch;
    auto at = body.find(" : ");
    return at == std::string::npos ? "" : body.substr(at + 3, 6);
  }
  int64_t Outbox() {
    return db().Read([&](db::Connection& c) { return c.QueryInt("SELECT COUNT(*) FROM notify_outbox").value_or(-1); });
  }
  Settings s_;
  db::TestDatabase test_db_;
};

TEST_P(TenantAccountTest, ACodeBySmsActivatesTheAccountAndTheTenantSeesOnlyTheirHousehold) {
  auto sent = TenantRequestsCode(db(), " T001 ", "");
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->hint, "SMS au 06 •• •• •• 42");
  EXPECT_TRUE(sent->queued);
  std::string channel;
  const std::string code = LastCode(&channel);
  EXPECT_EQ(channel, "sms");
  ASSERT_EQ(code.size(), 6u);
  EXPECT_FALSE(TenantSignsIn(db(), s_, "T001", std::string("999999") == code ? "999998" : "999999", std::nullopt,
                             "192.0.2.1").ok());
  auto login = TenantSignsIn(db(), s_, "T001", code, std::nullopt, "192.0.2.1");
  ASSERT_TRUE(login.ok()) << login.error().message;
  EXPECT_EQ(login->actor.kind, auth::Kind::kTenant);
  EXPECT_EQ(login->actor.household_id, 1);
  EXPECT_TRUE(login->session_token.starts_with("tn_"));
  auto actor = ResolveSession(db(), s_, login->session_token);
  ASSERT_TRUE(actor.has_value());
  EXPECT_EQ(actor->household_id, 1);
  EXPECT_EQ(actor->organisation_id, 1);
  auto h = TenantReadsHousehold(db(), *actor);
  ASSERT_TRUE(h.ok());
  EXPECT_EQ((*h)["reference"], "T001");
  EXPECT_DOUBLE_EQ((*h)["dwelling"]["surface_m2"].get<double>(), 65.12);
  EXPECT_EQ((*h)["address"]["commune"], "Caen");
  EXPECT_EQ((*h)["members"].size(), 2u);
  EXPECT_EQ((*h)["members"][1]["first_name"], "Léo");
  EXPECT_FALSE((*h)["members"][0].contains("last_name"));
  // A forged actor pointing at another landlord's household finds nothing.
  auth::Actor forged = *actor;
  forged.household_id = 2;
  EXPECT_EQ(TenantReadsHousehold(db(), forged).error().code, ErrorCode::kNotFound);
  // A staff token never resolves here.
  EXPECT_FALSE(ResolveSession(db(), s_, login->session_token.substr(3) + "abc").has_value());
}

TEST_P(TenantAccountTest, AnEmailWhenNoMobileAndTheSameAnswerForAnUnknownReference) {
  auto sent = TenantRequestsCode(db(), "T002", "");
  ASSERT_TRUE(sent.ok());
  EXPECT_EQ(sent->hint, "e-mail à j•••@e•••.fr");
  std::string channel;
  LastCode(&channel);
  EXPECT_EQ(channel, "email");
  const int64_t before = Outbox();
  auto unknown = TenantRequestsCode(db(), "T404", "");
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->queued);
  EXPECT_FALSE(unknown->hint.empty());
  EXPECT_EQ(TenantRequestsCode(db(), "T404", "")->hint, unknown->hint);
  EXPECT_EQ(Outbox(), before);
  EXPECT_EQ(TenantRequestsCode(db(), "  ", "").error().field, "reference");
}

TEST_P(TenantAccountTest, OneCodeAMinuteFiveTriesAndExpiry) {
  ASSERT_TRUE(TenantRequestsCode(db(), "T001", "").ok());
  const std::string first = LastCode();
  auto again = TenantRequestsCode(db(), "T001", "");
  EXPECT_FALSE(again->queued);
  EXPECT_EQ(again->hint, "SMS au 06 •• •• •• 42");
  EXPECT_EQ(Outbox(), 1);
  // Five wrong tries spend the code: the right one no longer works.
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(TenantSignsIn(db(), s_, "T001", "00000" + std::to_string(i), std::nullopt, "").error().code,
              ErrorCode::kUnauthenticated);
  }
  auto spent = TenantSignsIn(db(), s_, "T001", first, std::nullopt, "");
  EXPECT_EQ(spent.error().code, ErrorCode::kUnauthenticated);
  // (The sixth failure also locks the reference for a moment.)
  db().Write([&](db::Connection& c) { return c.Exec("DELETE FROM login_throttle"); });
  db().Write([&](db::Connection& c) { return c.Exec("UPDATE tenant_codes SET sent_at = 0"); });
  ASSERT_TRUE(TenantRequestsCode(db(), "T001", "")->queued);
  const std::string second = LastCode();
  db().Write([&](db::Connection& c) { return c.Exec("UPDATE tenant_codes SET expires_at = ?", {P(NowMillis() - 1)}); });
  EXPECT_EQ(TenantSignsIn(db(), s_, "T001", second, std::nullopt, "").error().code, ErrorCode::kUnauthenticated);
}

TEST_P(TenantAccountTest, OneAddressCannotProbeReferencesWithoutLimit) {
  // Code requests: each counts against its address, known reference or not.
  for (int i = 0; i <= identity::kAddressFreeFailures; ++i) {  // the free ones, then one that locks
    ASSERT_TRUE(TenantRequestsCode(db(), "T" + std::to_string(500 + i), "198.51.100.7").ok()) << i;
  }
  int64_t wait = 0;
  auto limited = TenantRequestsCode(db(), "T001", "198.51.100.7", &wait);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(wait, 0);
  EXPECT_EQ(Outbox(), 0);  // the limited request sent nothing
  EXPECT_TRUE(TenantRequestsCode(db(), "T001", "198.51.100.8").ok());  // another address is not slowed

  // Sign-in failures: counted per address whether the reference exists or not.
  for (int i = 0; i <= identity::kAddressFreeFailures; ++i) {  // the free ones, then one that locks
    EXPECT_EQ(TenantSignsIn(db(), s_, "T" + std::to_string(700 + i), std::string("123456"), std::nullopt,
                            "203.0.113.9").error().code,
              ErrorCode::kUnauthenticated);
  }
  wait = 0;
  auto blocked = TenantSignsIn(db(), s_, "T001", LastCode(), std::nullopt, "203.0.113.9", &wait);
  EXPECT_EQ(blocked.error().code, ErrorCode::kRateLimited);
  EXPECT_GT(wait, 0);
  EXPECT_TRUE(TenantSignsIn(db(), s_, "T001", LastCode(), std::nullopt, "203.0.113.10").ok());
}

TEST_P(TenantAccountTest, AnUnknownReferenceIsLockedLikeAKnownOne) {
  // The same failures from no address (the address throttle out of the way) against a real
  // reference with a pending code and against one that does not exist: the same answers.
  ASSERT_TRUE(TenantRequestsCode(db(), "T001", "").ok());
  auto answers = [&](const std::string& reference) {
    std::vector<std::string> seen;
    for (int i = 0; i < identity::kAccountFreeFailures + 3; ++i) {
      int64_t wait = 0;
      auto r = TenantSignsIn(db(), s_, reference, std::string("999999"), std::nullopt, "", &wait);
      seen.push_back(std::to_string(static_cast<int>(r.error().code)) + " " + r.error().message + " " +
                     std::to_string(wait));
    }
    int64_t wait = 0;
    auto by_password = TenantSignsIn(db(), s_, reference, std::nullopt, std::string("mot de passe long"), "", &wait);
    seen.push_back(std::to_string(static_cast<int>(by_password.error().code)) + " " + by_password.error().message);
    return seen;
  };
  const auto known = answers("T001");
  const auto unknown = answers("T404");
  EXPECT_EQ(known, unknown);
  // The free failures answer "incorrect", then the reference is locked with the staff's wording.
  EXPECT_NE(known[0].find("incorrect"), std::string::npos) << known[0];
  EXPECT_NE(known[identity::kAccountFreeFailures].find("incorrect"), std::string::npos);
  EXPECT_NE(known[identity::kAccountFreeFailures + 1].find("Trop de tentatives. Patientez 1 seconde"),
            std::string::npos) << known[identity::kAccountFreeFailures + 1];
  EXPECT_NE(known.back().find("Trop de tentatives"), std::string::npos);
  // Another reference is not slowed; a success clears the reference's failures.
  db().Write([&](db::Connection& c) { return c.Exec("DELETE FROM login_throttle WHERE throttle_key = 'tenant-ref:T001'"); });
  ASSERT_TRUE(TenantRequestsCode(db(), "T001", "")->queued);  // the wrong tries spent the first code
  ASSERT_TRUE(TenantSignsIn(db(), s_, "T001", LastCode(), std::nullopt, "").ok());
  EXPECT_EQ(db().Read([&](db::Connection& c) {
    return c.QueryInt("SELECT COUNT(*) FROM login_throttle WHERE throttle_key = 'tenant-ref:T001'").value_or(-1);
  }), 0);
}

TEST_P(TenantAccountTest, APasswordOnceActivated) {
  ASSERT_TRUE(TenantRequestsCode(db(), "T001", "").ok());
  // No password before activation.
  EXPECT_FALSE(TenantSignsIn(db(), s_, "T001", std::nullopt, std::string("mot de passe long"), "").ok());
  auto login = TenantSignsIn(db(), s_, "T001", LastCode(), std::nullopt, "");
  ASSERT_TRUE(login.ok());
  EXPECT_EQ(TenantSetsPassword(db(), login->actor, "court").error().field, "password");
  // The staff's rule: not one of data/common-passwords.txt, whatever the case.
  auto common = TenantSetsPassword(db(), login->actor, "1QAZ2WSX3EDC");
  ASSERT_FALSE(common.ok());
  EXPECT_EQ(common.error().field, "password");
  EXPECT_NE(common.error().message.find("les plus courants"), std::string::npos) << common.error().message;
  EXPECT_FALSE(TenantSignsIn(db(), s_, "T001", std::nullopt, std::string("1QAZ2WSX3EDC"), "").ok());
  ASSERT_TRUE(TenantSetsPassword(db(), login->actor, "mot de passe long").ok());
  auto by_password = TenantSignsIn(db(), s_, "T001", std::nullopt, std::string("mot de passe long"), "");
  ASSERT_TRUE(by_password.ok());
  EXPECT_TRUE(by_password->has_password);
  EXPECT_EQ(TenantSignsIn(db(), s_, "T001", std::string("1"), std::string("x"), "").error().code, ErrorCode::kInvalid);
  ASSERT_TRUE(TenantSignsOut(db(), by_password->actor).ok());
  EXPECT_FALSE(ResolveSession(db(), s_, by_password->session_token).has_value());
  // Everywhere: every session of the account ends, the other accounts' stay.
  auto one = TenantSignsIn(db(), s_, "T001", std::nullopt, std::string("mot de passe long"), "");
  auto two = TenantSignsIn(db(), s_, "T001", std::nullopt, std::string("mot de passe long"), "");
  ASSERT_TRUE(one.ok() && two.ok());
  ASSERT_TRUE(TenantRequestsCode(db(), "T002", "").ok());
  auto neighbour = TenantSignsIn(db(), s_, "T002", LastCode(), std::nullopt, "");
  ASSERT_TRUE(neighbour.ok());
  EXPECT_EQ(*TenantSignsOutEverywhere(db(), one->actor), 3);  // with the first one, by code
  EXPECT_FALSE(ResolveSession(db(), s_, login->session_token).has_value());
  EXPECT_FALSE(ResolveSession(db(), s_, one->session_token).has_value());
  EXPECT_FALSE(ResolveSession(db(), s_, two->session_token).has_value());
  EXPECT_TRUE(ResolveSession(db(), s_, neighbour->session_token).has_value());
}

TEST_P(TenantAccountTest, PortalSettingsHideWhatTheLandlordChooses) {
  ASSERT_TRUE(TenantRequestsCode(db(), "T001", "").ok());
  auto login = TenantSignsIn(db(), s_, "T001", LastCode(), std::nullopt, "");
  ASSERT_TRUE(login.ok());
  auth::Actor admin = Staff(kAdmin);
  ASSERT_TRUE(AdministratorSetsPortalSettings(db(), admin, {false, false, true, false}).ok());
  auto h = TenantReadsHousehold(db(), login->actor);
  ASSERT_TRUE(h.ok());
  EXPECT_FALSE(h->contains("members"));
  EXPECT_FALSE(h->contains("agency"));
  EXPECT_EQ((*h)["shown"]["rent"], false);
  // Landlord B's settings do not change landlord A's.
  auto b = db().Read([&](db::Connection& c) { return LoadPortalSettings(c, 2); });
  EXPECT_TRUE(b.show_members);
}

// The policy on real records (tenant_policy.h), as a table: every landlord role of A and of B, a
// partner with an open referral of A's household and one without, the regional observer, A's
// tenant and a tenant session forged with B's organisation on A's household: read the tenant's
// household, change the portal settings. Only the household's own tenant reads it (everyone else:
// 404, it does not exist for them); only administrators change settings, their own landlord's
// (B's administrator never changes A's); the others are told they may not (403).
TEST_P(TenantAccountTest, RoleByActionByScope) {
  ASSERT_TRUE(TenantRequestsCode(db(), "T001", "").ok());
  auto login = TenantSignsIn(db(), s_, "T001", LastCode(), std::nullopt, "");
  ASSERT_TRUE(login.ok()) << login.error().message;
  const auto partners = housing::CreateTablePartners(db(), 1, 1);
  housing::PolicyTable table({"household", "settings"});
  for (const auto& r : housing::LandlordRoles()) {
    const std::string settings = r.role == auth::Role::kAdministrator ? "ok" : "403";
    table.Add("A " + std::string(r.code), housing::TableStaff(1, r.role, 5), {"404", settings});
    table.Add("B " + std::string(r.code), housing::TableStaff(2, r.role, 5), {"404", settings});
  }
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral, 5), {"404", "403"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral, 5), {"404", "403"});
  table.Add("regional observer", housing::TableObserver(1, 5), {"404", "403"});
  table.Add("A's tenant", login->actor, {"ok", "403"});
  auth::Actor forged = login->actor;
  forged.organisation_id = 2;
  table.Add("tenant session of B on A's household", forged, {"404", "403"});
  ASSERT_EQ(table.size(), 2 * 9 + 5u);
  table.Check({
      [&](const auth::Actor& a) { return PolicyOutcome(TenantReadsHousehold(db(), a)); },
      [&](const auth::Actor& a) {
        // Each administrator sets their own landlord's settings: A hides the members, B the rent.
        const PortalSettings p = a.organisation_id == 1 ? PortalSettings{false, true, true, true}
                                                        : PortalSettings{true, false, true, true};
        return PolicyOutcome(AdministratorSetsPortalSettings(db(), a, p));
      },
  });
  const auto a = db().Read([&](db::Connection& c) { return LoadPortalSettings(c, 1); });
  const auto b = db().Read([&](db::Connection& c) { return LoadPortalSettings(c, 2); });
  EXPECT_FALSE(a.show_members);
  EXPECT_TRUE(a.show_rent);
  EXPECT_TRUE(b.show_members);
  EXPECT_FALSE(b.show_rent);
}

INSTANTIATE_TEST_SUITE_P(Engines, TenantAccountTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::tenant
