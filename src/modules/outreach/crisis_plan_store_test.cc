// Crisis plans on both engines through the use cases the API will run: declare, list, read,
// change, close; the perimeter's ids of another landlord refused with the field; other landlord 404.
#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/housing/policy_table_testing.h"
#include "modules/outreach/crisis_plan_store.h"
#include "modules/outreach/crisis_report.h"
#include "platform/db/testing.h"

namespace relais::outreach {
namespace {
using auth::Kind;
using auth::Role;

class CrisisPlanStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    a_ = Org("Habitat A", "732829320");
    b_ = Org("Habitat B", "552100554");
    building_b_ = Building(Actor(b_, Role::kManager), "B");
    building_a_ = Building(Actor(a_, Role::kManager), "A");
  }
  db::Database& db() { return t_->db(); }
  int64_t Org(const std::string& name, const std::string& siren) {
    auto id = db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, "landlord"); });
    EXPECT_TRUE(id.ok());
    return id.ok() ? *id : 0;
  }
  static auth::Actor Actor(int64_t org, Role role, Kind kind = Kind::kStaff) {
    auth::Actor a;
    a.kind = kind;
    a.user_id = 7;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }
  int64_t Building(const auth::Actor& manager, const std::string& tag) {
    housing::Building b;
    b.reference = "BAT-" + tag;
    b.street = "1 rue des Lilas";
    b.commune_insee = "50502";
    auto made = housing::ManagerCreatesBuilding(db(), manager, b);
    EXPECT_TRUE(made.ok()) << made.error().message;
    return made.ok() ? made->id : 0;
  }
  static CrisisPlan Heatwave() {
    CrisisPlan p;
    p.kind = CrisisKind::kHeatwave;
    p.start_date = "2026-07-01";
    p.end_date = "2026-07-31";
    p.cadence = DefaultCadence(p.kind);
    p.windows = {{540, 720}, {840, 1080}};
    p.call_script = "Bonjour, ici votre bailleur.";
    return p;
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t a_ = 0, b_ = 0, building_a_ = 0, building_b_ = 0;
};

TEST_P(CrisisPlanStoreTest, DeclareReadChangeClose) {
  const auto manager = Actor(a_, Role::kManager);
  auto plan = Heatwave();
  plan.perimeter = {false, {}, {"50502"}, {building_a_}};
  auto made = ManagerDeclaresCrisisPlan(db(), manager, plan);
  ASSERT_TRUE(made.ok()) << made.error().message;
  EXPECT_EQ(made->organisation_id, a_);
  EXPECT_EQ(made->cadence.level3_days, 1);
  ASSERT_EQ(made->windows.size(), 2u);
  EXPECT_EQ(made->windows[1].end_minute, 1080);
  EXPECT_EQ(made->perimeter.building_ids, std::vector<int64_t>{building_a_});
  EXPECT_EQ(made->perimeter.communes, std::vector<std::string>{"50502"});

  const auto agent = Actor(a_, Role::kCallAgent);
  auto list = StaffListsCrisisPlans(db(), agent);
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].call_script, "Bonjour, ici votre bailleur.");
  EXPECT_EQ(ManagerChangesCrisisPlan(db(), agent, *made).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ManagerClosesCrisisPlan(db(), agent, made->id, "2026-07-10").error().code, ErrorCode::kForbidden);

  auto changed = *made;
  changed.escalation_days = 3;
  changed.cadence.level2_days = 5;
  auto after = ManagerChangesCrisisPlan(db(), Actor(a_, Role::kAdministrator), changed);
  ASSERT_TRUE(after.ok()) << after.error().message;
  EXPECT_EQ(after->escalation_days, 3);
  EXPECT_EQ(after->cadence.level2_days, 5);

  auto closed = ManagerClosesCrisisPlan(db(), manager, made->id, "2026-07-10");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->end_date, "2026-07-10");
  auto early = ManagerClosesCrisisPlan(db(), manager, made->id, "2026-06-01");  // before it starts
  ASSERT_TRUE(early.ok());
  EXPECT_EQ(early->end_date, "2026-07-01");
}

TEST_P(CrisisPlanStoreTest, OtherLandlordsPlansAndIdsDoNotExist) {
  auto made = ManagerDeclaresCrisisPlan(db(), Actor(a_, Role::kManager), Heatwave());
  ASSERT_TRUE(made.ok());
  const auto other = Actor(b_, Role::kManager);
  EXPECT_EQ(StaffReadsCrisisPlan(db(), other, made->id).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ManagerChangesCrisisPlan(db(), other, *made).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(ManagerClosesCrisisPlan(db(), other, made->id, "2026-07-02").error().code, ErrorCode::kNotFound);
  EXPECT_TRUE(StaffListsCrisisPlans(db(), other)->empty());
  for (const auto& who : {Actor(a_, Role::kPartnerWorker, Kind::kPartner),
                          Actor(a_, Role::kRegionalObserver, Kind::kObserver)}) {
    EXPECT_EQ(StaffReadsCrisisPlan(db(), who, made->id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(StaffListsCrisisPlans(db(), who).error().code, ErrorCode::kNotFound);
  }

  auto plan = Heatwave();
  plan.perimeter = {false, {}, {}, {building_b_}};
  auto refused = ManagerDeclaresCrisisPlan(db(), Actor(a_, Role::kManager), plan);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "perimeter.building_ids");
  plan.perimeter = {false, {}, {"14118"}, {}};
  refused = ManagerDeclaresCrisisPlan(db(), Actor(a_, Role::kManager), plan);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "perimeter.communes");
  plan.perimeter = {};
  plan.end_date = "2026-06-01";
  refused = ManagerDeclaresCrisisPlan(db(), Actor(a_, Role::kManager), plan);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().field, "end_date");
}

// The policy on real records (crisis_plan_policy.h), as a table: every landlord role of A and of
// B, a partner with an open referral of a household of A and one without, the regional observer
// and that household's tenant; on A's plan: list the plans, read it, declare one, change it, close
// it, read its crisis view. Every staff member of A reads A's plans (the call agents work under
// them); its managers and administrators declare, change, close and read the crisis view, the
// other roles are told they may not (403). B's staff list only B's plans (none of A's) and find
// A's plan nowhere (404); B's managers declare their own. Partners, observers and tenants: 404.
TEST_P(CrisisPlanStoreTest, RoleByActionByScope) {
  auto plan = ManagerDeclaresCrisisPlan(db(), Actor(a_, Role::kManager), Heatwave());
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  const int64_t household = housing::CreateTableHousehold(db(), a_);
  const auto partners = housing::CreateTablePartners(db(), a_, household);
  housing::PolicyTable table({"list", "read", "declare", "change", "close", "crisis view"});
  for (const auto& r : housing::LandlordRoles()) {
    const std::string manages = r.role == Role::kManager || r.role == Role::kAdministrator ? "ok" : "403";
    table.Add("A " + std::string(r.code), Actor(a_, r.role), {"ok", "ok", manages, manages, manages, manages});
    table.Add("B " + std::string(r.code), Actor(b_, r.role), {"ok", "404", manages, "404", "404", "404"});
  }
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral),
            {"404", "404", "404", "404", "404", "404"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral),
            {"404", "404", "404", "404", "404", "404"});
  table.Add("regional observer", housing::TableObserver(a_), {"404", "404", "404", "404", "404", "404"});
  table.Add("the household's tenant", housing::TableTenant(a_, household), {"404", "404", "404", "404", "404", "404"});
  ASSERT_EQ(table.size(), 2 * 9 + 4u);
  VulnerabilityRule rule;
  rule.age_from = 75;
  table.Check({
      [&](const auth::Actor& a) {
        auto plans = StaffListsCrisisPlans(db(), a);
        // A landlord's staff list their own landlord's plans only.
        if (plans.ok()) {
          for (const auto& p : *plans) EXPECT_EQ(p.organisation_id, a.organisation_id);
        }
        return PolicyOutcome(plans);
      },
      [&](const auth::Actor& a) { return PolicyOutcome(StaffReadsCrisisPlan(db(), a, plan->id)); },
      [&](const auth::Actor& a) { return PolicyOutcome(ManagerDeclaresCrisisPlan(db(), a, Heatwave())); },
      [&](const auth::Actor& a) { return PolicyOutcome(ManagerChangesCrisisPlan(db(), a, *plan)); },
      [&](const auth::Actor& a) { return PolicyOutcome(ManagerClosesCrisisPlan(db(), a, plan->id, "2026-07-20")); },
      [&](const auth::Actor& a) {
        return PolicyOutcome(ManagerReadsCrisisReport(db(), a, plan->id, rule, "2026-07-10"));
      },
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, CrisisPlanStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::outreach
