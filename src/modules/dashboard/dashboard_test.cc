// Small-number suppression, the dashboard's policy (role x kind) and the figures on both engines.
#include <gtest/gtest.h>

#include "modules/dashboard/dashboard.h"
#include "modules/dashboard/dashboard_policy.h"
#include "modules/housing/housing.h"
#include "modules/housing/policy_table_testing.h"
#include "modules/outreach/outreach.h"
#include "platform/db/testing.h"

namespace relais::dashboard {
namespace {
using auth::Kind;
using auth::Role;

std::vector<std::optional<int64_t>> Column(const Table& t, size_t j) {
  std::vector<std::optional<int64_t>> out;
  for (const auto& row : t.rows) out.push_back(row[j].value);
  return out;
}

TEST(Suppress, CellsBelowElevenAreHiddenAndFlagged) {
  auto t = Suppress({{11}, {25}, {40}}, 1);
  EXPECT_EQ(Column(t, 0), (std::vector<std::optional<int64_t>>{11, 25, 40}));
  EXPECT_EQ(t.totals[0].value, 76);
  t = Suppress({{0}, {10}, {40}, {50}}, 1);
  EXPECT_TRUE(t.rows[0][0].suppressed);
  EXPECT_TRUE(t.rows[1][0].suppressed);
  EXPECT_FALSE(t.rows[0][0].value.has_value());
}

TEST(Suppress, ALoneHiddenCellTakesTheSmallestShownOneWithIt) {
  // 3 could be recomputed as 100 - 40 - 57: the 40 is hidden too.
  auto t = Suppress({{3}, {40}, {57}}, 1);
  EXPECT_EQ(Column(t, 0), (std::vector<std::optional<int64_t>>{std::nullopt, std::nullopt, 57}));
  EXPECT_EQ(t.totals[0].value, 100);
}

TEST(Suppress, HiddenCellsThatAddUpToLessThanElevenTakeAnotherOne) {
  // 2 + 4 = 6 = total - shown: the group would reveal a small number; 30 joins them.
  auto t = Suppress({{2}, {4}, {30}, {50}}, 1);
  EXPECT_EQ(Column(t, 0), (std::vector<std::optional<int64_t>>{std::nullopt, std::nullopt, std::nullopt, 50}));
  // Whatever is hidden, total minus the shown cells is at least 11 and never one single cell.
  for (const auto& counts : std::vector<std::vector<std::vector<int64_t>>>{
           {{1}, {12}}, {{5}, {5}, {5}, {100}}, {{9}}, {{0}, {0}, {11}}, {{10}, {10}, {10}}}) {
    auto s = Suppress(counts, 1);
    int64_t total = 0, shown = 0;
    int hidden = 0;
    for (size_t i = 0; i < counts.size(); ++i) {
      total += counts[i][0];
      if (s.rows[i][0].suppressed) ++hidden;
      else shown += *s.rows[i][0].value;
    }
    if (!s.totals[0].suppressed && hidden > 0) {
      EXPECT_GE(hidden, 2);
      EXPECT_GE(total - shown, kThreshold);
    }
  }
}

TEST(Suppress, AColumnWhoseTotalIsSmallHidesItsTotal) {
  auto t = Suppress({{1, 20}, {2, 30}}, 2);
  EXPECT_TRUE(t.totals[0].suppressed);
  EXPECT_EQ(t.totals[1].value, 50);
  EXPECT_EQ(Column(t, 1), (std::vector<std::optional<int64_t>>{20, 30}));  // columns are independent
  // One row: its single hidden cell equals the total, hidden as well.
  t = Suppress({{12, 4}}, 2);
  EXPECT_EQ(t.totals[0].value, 12);
  EXPECT_TRUE(t.totals[1].suppressed);
}

TEST(DashboardPolicy, ObserversAndManagersOnly) {
  for (Kind kind : {Kind::kStaff, Kind::kPartner, Kind::kObserver, Kind::kTenant}) {
    for (const auto& r : auth::AllRoles()) {
      auth::Actor a;
      a.kind = kind;
      a.organisation_id = 2;
      a.roles = static_cast<uint32_t>(r.role);
      const bool expected = (kind == Kind::kObserver && r.role == Role::kRegionalObserver) ||
                            (kind == Kind::kStaff && r.role == Role::kManager);
      EXPECT_EQ(CanReadFigures(a), expected) << auth::KindCode(kind) << " " << r.code;
      EXPECT_EQ(CanReadOpenEscalations(a), kind == Kind::kStaff && r.role == Role::kManager)
          << auth::KindCode(kind) << " " << r.code;
      a.organisation_id = 0;
      EXPECT_FALSE(CanReadFigures(a));
      EXPECT_FALSE(CanReadOpenEscalations(a));
    }
  }
}

class FiguresTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override { t_ = std::make_unique<db::TestDatabase>(GetParam()); }
  db::Database& db() { return t_->db(); }
  int64_t Org(const std::string& name, const std::string& siren, const std::string& kind) {
    auto id = db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, kind); });
    EXPECT_TRUE(id.ok());
    return *id;
  }
  static auth::Actor Actor(int64_t org, Role role, Kind kind = Kind::kStaff) {
    auth::Actor a;
    a.kind = kind;
    a.user_id = 1;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }
  // `n` households in `insee`, each in its own dwelling.
  void Fill(const auth::Actor& manager, const std::string& insee, int n, const std::string& tag) {
    housing::Building b;
    b.reference = "B-" + tag;
    b.street = "1 rue";
    b.commune_insee = insee;
    auto building = housing::ManagerCreatesBuilding(db(), manager, b);
    ASSERT_TRUE(building.ok());
    for (int i = 0; i < n; ++i) {
      housing::Dwelling d;
      d.reference = "D-" + tag + std::to_string(i);
      d.building_id = building->id;
      d.surface_cm2 = 4000;
      auto dwelling = housing::ManagerCreatesDwelling(db(), manager, d);
      ASSERT_TRUE(dwelling.ok());
      housing::Household h;
      h.reference = "H-" + tag + std::to_string(i);
      h.dwelling_id = dwelling->id;
      h.members.push_back({0, "Jean", "Martin", std::nullopt, housing::Relation::kHolder});
      ASSERT_TRUE(housing::AgentCreatesHousehold(db(), manager, h).ok());
    }
  }
  // Agencies North and South of `org`, and a heatwave plan of `org` (for escalations).
  struct Outreach {
    int64_t north = 0, south = 0, plan = 0;
  };
  Outreach AgenciesAndPlan(int64_t org) {
    return db().Write([&](db::Connection& c) {
      Outreach o;
      o.north = *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Agence Nord') RETURNING id",
                            {db::P(org)});
      o.south = *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Agence Sud') RETURNING id",
                            {db::P(org)});
      o.plan = *c.QueryInt(
          "INSERT INTO crisis_plans (organisation_id, kind, start_date, level1_days, level2_days, level3_days, "
          "call_hours, created_by, created_at, updated_at) VALUES (?, 'heatwave', '2026-07-01', 14, 7, 1, "
          "'09:00-18:00', 1, 0, 0) RETURNING id",
          {db::P(org)});
      return o;
    });
  }
  std::unique_ptr<db::TestDatabase> t_;
};

TEST_P(FiguresTest, ObserversSeeEveryLandlordManagersTheirOwnAndSmallCountsNever) {
  const int64_t a = Org("Habitat A", "732829320", "landlord");
  const int64_t b = Org("Habitat B", "552100554", "landlord");
  const int64_t regional = Org("Association régionale", "130221732", "regional");
  Fill(Actor(a, Role::kManager), "50502", 30, "a1");  // Saint-Lô
  Fill(Actor(a, Role::kManager), "14118", 12, "a2");  // Caen
  Fill(Actor(b, Role::kManager), "50502", 4, "b1");

  auto mine = ActorReadsFigures(db(), Actor(a, Role::kManager), GroupBy::kCommune);
  ASSERT_TRUE(mine.ok());
  EXPECT_EQ(mine->scope, "organisation");
  ASSERT_EQ(mine->keys.size(), 2u);
  EXPECT_EQ(mine->keys[0].second, "Caen");
  EXPECT_EQ(mine->table.rows[0][0].value, 12);
  EXPECT_EQ(mine->table.rows[1][0].value, 30);
  EXPECT_EQ(mine->table.totals[0].value, 42);
  // No referral: the referral columns are zero, hence hidden, totals too.
  EXPECT_TRUE(mine->table.totals[2].suppressed);

  auto region = ActorReadsFigures(db(), Actor(regional, Role::kRegionalObserver, Kind::kObserver), GroupBy::kLandlord);
  ASSERT_TRUE(region.ok());
  EXPECT_EQ(region->scope, "region");
  ASSERT_EQ(region->keys.size(), 2u);
  EXPECT_EQ(region->keys[1].second, "Habitat B");
  // B's 4 households are hidden, and A's 42 with them (else 46 - 42 = 4).
  EXPECT_TRUE(region->table.rows[1][0].suppressed);
  EXPECT_TRUE(region->table.rows[0][0].suppressed);
  EXPECT_EQ(region->table.totals[0].value, 46);

  EXPECT_EQ(ActorReadsFigures(db(), Actor(a, Role::kCallAgent), GroupBy::kCommune).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ActorReadsFigures(db(), Actor(a, Role::kPartnerWorker, Kind::kPartner), GroupBy::kCommune).error().code,
            ErrorCode::kNotFound);
}

TEST_P(FiguresTest, AManagerSeesTheOpenEscalationsOfTheirAgenciesOldestFirst) {
  const int64_t a = Org("Habitat A", "732829320", "landlord");
  const int64_t b = Org("Habitat B", "552100554", "landlord");
  Fill(Actor(a, Role::kManager), "50502", 3, "a1");
  Fill(Actor(b, Role::kManager), "50502", 1, "b1");
  const Outreach made = AgenciesAndPlan(a);
  // Plain copies, not a structured binding: lambdas below capture them (clang 14 refuses bindings).
  const int64_t north = made.north, south = made.south, plan = made.plan;
  db().Write([&](db::Connection& c) {
    std::vector<std::pair<int64_t, int64_t>> people;  // (household, member) of A
    c.Query("SELECT h.id, m.id FROM households h JOIN members m ON m.household_id = h.id WHERE h.organisation_id = ? "
            "ORDER BY h.id", {db::P(a)}, [&](const db::Row& r) { people.emplace_back(r.Int(0), r.Int(1)); });
    auto raise = [&](std::pair<int64_t, int64_t> p, int64_t agency, int64_t at, const std::string& status) {
      c.Exec("INSERT INTO outreach_escalations (organisation_id, member_id, household_id, agency_id, plan_id, "
             "unreachable_since, raised_at, status) VALUES (?, ?, ?, ?, ?, '2026-07-01', ?, ?)",
             {db::P(a), db::P(p.second), db::P(p.first), db::P(agency), db::P(plan), db::P(at), db::P(status)});
    };
    raise(people[0], north, 3000, "open");
    raise(people[1], south, 1000, "open");
    raise(people[2], north, 2000, "closed");  // closed: no longer on the dashboard
    return 0;
  });

  auto all = ManagerReadsOpenEscalations(db(), Actor(a, Role::kManager));
  ASSERT_TRUE(all.ok()) << all.error().message;
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].agency_name, "Agence Sud");  // raised first
  EXPECT_EQ((*all)[1].agency_name, "Agence Nord");
  EXPECT_EQ((*all)[1].member_name, "Jean Martin");

  auto scoped = Actor(a, Role::kManager);
  scoped.agency_ids = {north};
  auto north_only = ManagerReadsOpenEscalations(db(), scoped);
  ASSERT_TRUE(north_only.ok());
  ASSERT_EQ(north_only->size(), 1u);
  EXPECT_EQ((*north_only)[0].agency_id, north);

  auto other = ManagerReadsOpenEscalations(db(), Actor(b, Role::kManager));
  ASSERT_TRUE(other.ok());
  EXPECT_TRUE(other->empty());
  EXPECT_EQ(ManagerReadsOpenEscalations(db(), Actor(a, Role::kCallAgent)).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ManagerReadsOpenEscalations(db(), Actor(a, Role::kRegionalObserver, Kind::kObserver)).error().code,
            ErrorCode::kNotFound);
  EXPECT_EQ(ManagerReadsOpenEscalations(db(), Actor(a, Role::kPartnerWorker, Kind::kPartner)).error().code,
            ErrorCode::kNotFound);
}

// The policy on real records (dashboard_policy.h), as a table: every landlord role of A and of B,
// A's managers limited to the agency of an open escalation (North) and to another (South), a
// partner with an open referral of A's household and one without, the regional observer and the
// household's tenant: the figures by commune and by landlord, and the open escalations. Managers
// read their own landlord's figures and escalations (an agency-limited manager, their agencies'
// escalations only), never the other landlord's; A's and B's other roles are told they may not
// (403); the observer reads the region's figures and no escalation (404); partners and tenants
// find nothing (404).
TEST_P(FiguresTest, RoleByActionByScope) {
  const int64_t a = Org("Habitat A", "732829320", "landlord");
  const int64_t b = Org("Habitat B", "552100554", "landlord");
  const int64_t household = housing::CreateTableHousehold(db(), a, "A");
  housing::CreateTableHousehold(db(), b, "B");
  const Outreach made = AgenciesAndPlan(a);
  // Plain copies, not a structured binding: lambdas below capture them (clang 14 refuses bindings).
  const int64_t north = made.north, south = made.south, plan = made.plan;
  ASSERT_TRUE(db().Write([&](db::Connection& c) -> Result<int> {
    const int64_t member = *c.QueryInt(
        "INSERT INTO members (organisation_id, household_id, position, first_name, last_name, relation) "
        "VALUES (?, ?, 0, 'Germaine', 'Lefèvre', 'holder') RETURNING id",
        {db::P(a), db::P(household)});
    c.Exec("INSERT INTO outreach_escalations (organisation_id, member_id, household_id, agency_id, plan_id, "
           "unreachable_since, raised_at, status) VALUES (?, ?, ?, ?, ?, '2026-07-01', 1000, 'open')",
           {db::P(a), db::P(member), db::P(household), db::P(north), db::P(plan)});
    return 0;
  }).ok());
  const auto partners = housing::CreateTablePartners(db(), a, household);
  housing::PolicyTable table({"figures by commune", "figures by landlord", "open escalations"});
  for (const auto& r : housing::LandlordRoles()) {
    const std::string manages = r.role == Role::kManager ? "ok" : "403";
    table.Add("A " + std::string(r.code), housing::TableStaff(a, r.role), {manages, manages, manages});
    table.Add("B " + std::string(r.code), housing::TableStaff(b, r.role), {manages, manages, manages});
  }
  auth::Actor north_manager = housing::TableStaff(a, Role::kManager), south_manager = north_manager;
  north_manager.agency_ids = {north};
  south_manager.agency_ids = {south};
  table.Add("A manager of North", north_manager, {"ok", "ok", "ok"});
  table.Add("A manager of South", south_manager, {"ok", "ok", "ok"});
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral), {"404", "404", "404"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral), {"404", "404", "404"});
  table.Add("regional observer", housing::TableObserver(a), {"ok", "ok", "404"});
  table.Add("the household's tenant", housing::TableTenant(a, household), {"404", "404", "404"});
  ASSERT_EQ(table.size(), 2 * 9 + 6u);
  table.Check({
      [&](const auth::Actor& x) { return PolicyOutcome(ActorReadsFigures(db(), x, GroupBy::kCommune)); },
      [&](const auth::Actor& x) {
        auto figures = ActorReadsFigures(db(), x, GroupBy::kLandlord);
        // A manager's figures are their own landlord's; the observer's, both landlords'.
        if (figures.ok()) {
          std::vector<std::string> keys;
          for (const auto& k : figures->keys) keys.push_back(k.first);
          const auto expected = x.kind == Kind::kObserver ? std::vector<std::string>{std::to_string(a), std::to_string(b)}
                                                          : std::vector<std::string>{std::to_string(x.organisation_id)};
          EXPECT_EQ(keys, expected);
        }
        return PolicyOutcome(figures);
      },
      [&](const auth::Actor& x) {
        auto open = ManagerReadsOpenEscalations(db(), x);
        if (open.ok()) {
          const bool sees = x.organisation_id == a && (x.agency_ids.empty() || x.agency_ids[0] == north);
          EXPECT_EQ(open->size(), sees ? 1u : 0u);
        }
        return PolicyOutcome(open);
      },
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, FiguresTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::dashboard
