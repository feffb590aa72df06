// The manager's crisis view on both engines: profiles by effective level in the perimeter (override
// and objection honoured), calls due / done / overdue today, reach rate, open tasks, the daily
// series, open needs and escalations, an agency-scoped manager, who may read it, and the CSV export.
#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/outreach/crisis_plan_store.h"
#include "modules/outreach/crisis_report.h"
#include "platform/db/testing.h"

namespace relais::outreach {
namespace {
using auth::Kind;
using auth::Role;

constexpr const char* kToday = "2026-07-05";

class CrisisReportTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    org_ = Org("Habitat A", "732829320");
    other_ = Org("Habitat B", "552100554");
    db().Write([&](db::Connection& c) {
      north_ = *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Agence Nord') RETURNING id", {db::P(org_)});
      south_ = *c.QueryInt("INSERT INTO agencies (organisation_id, name) VALUES (?, 'Agence Sud') RETURNING id", {db::P(org_)});
      b_north_ = Building(c, "N", north_, "50502");
      b_south_ = Building(c, "S", south_, "50129");
      b_east_ = Building(c, "E", south_, "14118");
      return 0;
    });
  }
  db::Database& db() { return t_->db(); }
  int64_t Org(const std::string& name, const std::string& siren) {
    auto id = db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, name, siren, "landlord"); });
    return id.ok() ? *id : 0;
  }
  int64_t Building(db::Connection& c, const std::string& tag, int64_t agency, const std::string& commune) {
    return *c.QueryInt("INSERT INTO buildings (organisation_id, reference, street, commune_insee, agency_id, updated_at) "
                       "VALUES (?, ?, '1 rue des Lilas', ?, ?, 0) RETURNING id",
                       {db::P(org_), db::P("BAT-" + tag), db::P(commune), db::P(agency)});
  }
  // A household of one member in `building`, with a profile; returns {household, member}.
  std::pair<int64_t, int64_t> Person(int64_t building, const std::string& birth, std::vector<std::string> factors,
                                     std::optional<int> override_level = std::nullopt, bool objection = false) {
    return db().Write([&](db::Connection& c) {
      const int n = ++people_;
      const int64_t d = *c.QueryInt(
          "INSERT INTO dwellings (organisation_id, building_id, reference, rooms, surface_cm2, financing, rent_cents, "
          "charges_cents, updated_at) VALUES (?, ?, ?, 2, 500000, 'PLUS', 40000, 5000, 0) RETURNING id",
          {db::P(org_), db::P(building), db::P("LOG-" + std::to_string(n))});
      const int64_t h = *c.QueryInt(
          "INSERT INTO households (organisation_id, reference, dwelling_id, updated_at) VALUES (?, ?, ?, 0) RETURNING id",
          {db::P(org_), db::P("M-" + std::to_string(n)), db::P(d)});
      const int64_t m = *c.QueryInt(
          "INSERT INTO members (organisation_id, household_id, position, first_name, last_name, birth_date, relation) "
          "VALUES (?, ?, 0, 'Jeanne', 'Martin', ?, 'holder') RETURNING id",
          {db::P(org_), db::P(h), db::P(birth)});
      c.Exec("INSERT INTO vulnerability_profiles (member_id, organisation_id, override_level, objection_at, updated_by, "
             "updated_at) VALUES (?, ?, ?, ?, 1, 0)",
             {db::P(m), db::P(org_), override_level ? db::P(int64_t{*override_level}) : db::Param{},
              objection ? db::P(int64_t{1}) : db::Param{}});
      for (const auto& f : factors)
        c.Exec("INSERT INTO vulnerability_factors (member_id, factor, source, recorded_on) VALUES (?, ?, 'tenant', "
               "'2026-01-01')", {db::P(m), db::P(f)});
      return std::pair{h, m};
    });
  }
  void Call(int64_t plan, std::pair<int64_t, int64_t> person, int64_t agency, const std::string& list_date,
            const std::string& state, int attempts, const std::string& due_date = "") {
    db().Write([&](db::Connection& c) {
      c.Exec("INSERT INTO outreach_calls (organisation_id, plan_id, member_id, household_id, agency_id, list_date, "
             "level, due_date, state, attempts, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 3, ?, ?, ?, 0, 0)",
             {db::P(org_), db::P(plan), db::P(person.second), db::P(person.first), db::P(agency), db::P(list_date),
              db::P(due_date.empty() ? list_date : due_date), db::P(state), db::P(int64_t{attempts})});
      return 0;
    });
  }
  void Task(int64_t household, const std::string& status) {
    db().Write([&](db::Connection& c) {
      c.Exec("INSERT INTO outreach_tasks (organisation_id, household_id, kind, due_date, status, created_by, created_at) "
             "VALUES (?, ?, 'update_contact', '2026-07-05', ?, 1, 0)",
             {db::P(org_), db::P(household), db::P(status)});
      return 0;
    });
  }
  int64_t Plan(Perimeter perimeter, const std::string& start = "2026-07-01", const std::string& end = "") {
    CrisisPlan p;
    p.kind = CrisisKind::kHeatwave;
    p.start_date = start;
    p.end_date = end;
    p.perimeter = std::move(perimeter);
    p.cadence = DefaultCadence(p.kind);
    p.windows = {{540, 720}};
    return db().Write([&](db::Connection& c) { return InsertCrisisPlan(c, org_, p, user_); });
  }
  // An open need (no action yet) or one given up.
  void Need(int64_t household, bool cancelled = false) {
    db().Write([&](db::Connection& c) {
      c.Exec("INSERT INTO outreach_needs (organisation_id, household_id, category, created_by, created_at, cancelled_at) "
             "VALUES (?, ?, 'food', 1, 0, ?)",
             {db::P(org_), db::P(household), cancelled ? db::P(int64_t{5}) : db::Param{}});
      return 0;
    });
  }
  void Escalation(int64_t plan, std::pair<int64_t, int64_t> person, int64_t agency, const std::string& since,
                  const std::string& status) {
    db().Write([&](db::Connection& c) {
      c.Exec("INSERT INTO outreach_escalations (organisation_id, member_id, household_id, agency_id, plan_id, "
             "unreachable_since, raised_at, status) VALUES (?, ?, ?, ?, ?, ?, 0, ?)",
             {db::P(org_), db::P(person.second), db::P(person.first), db::P(agency), db::P(plan), db::P(since),
              db::P(status)});
      return 0;
    });
  }
  static auth::Actor Actor(int64_t org, Role role, Kind kind = Kind::kStaff) {
    auth::Actor a;
    a.kind = kind;
    a.user_id = 7;
    a.organisation_id = org;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }
  static VulnerabilityRule Rule() {
    VulnerabilityRule r;
    r.age_from = 75;
    r.weights[static_cast<size_t>(Factor::kAge)] = 2;
    r.weights[static_cast<size_t>(Factor::kLivesAlone)] = 1;
    r.level_min_score = {1, 2, 3};
    return r;
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t org_ = 0, other_ = 0, north_ = 0, south_ = 0, b_north_ = 0, b_south_ = 0, b_east_ = 0, user_ = 7;
  int people_ = 0;
};

TEST_P(CrisisReportTest, CountsThePerimeterTodayAndEachDay) {
  const auto old_alone = Person(b_north_, "1940-03-01", {"lives_alone"});   // 2 + 1: level 3
  const auto old = Person(b_north_, "1945-01-01", {});                       // 2: level 2
  const auto overridden = Person(b_north_, "1990-01-01", {}, 3);             // override: level 3
  Person(b_north_, "1940-01-01", {"lives_alone"}, std::nullopt, true);       // objection: not counted
  const auto young_alone = Person(b_south_, "1990-01-01", {"lives_alone"});  // 1: level 1
  const auto outside = Person(b_east_, "1930-01-01", {"lives_alone"});      // not in the perimeter

  const int64_t plan = Plan({false, {north_}, {"50129"}, {}});  // north agency + the south's commune
  Call(plan, old_alone, north_, "2026-07-03", "reached", 1);
  Call(plan, old_alone, north_, "2026-07-04", "unreachable", 3);
  Call(plan, old_alone, north_, kToday, "reached", 2);
  Call(plan, old, north_, kToday, "due", 0);
  Call(plan, overridden, north_, kToday, "retry", 1, "2026-07-04");  // due yesterday: overdue
  Call(plan, overridden, north_, "2026-07-04", "callback", 1);       // open on an earlier list: overdue
  Call(plan, young_alone, south_, kToday, "wrong_number", 1);
  Call(plan, outside, south_, "2026-07-02", "cancelled", 0);
  Call(plan, outside, south_, "2026-07-06", "due", 0);  // tomorrow: not in the report
  Task(old.first, "open");
  Task(young_alone.first, "open");
  Task(young_alone.first, "done");
  Need(old.first);
  Need(old.first);
  Need(old_alone.first, true);  // given up
  Need(young_alone.first);
  Need(outside.first);          // not in the perimeter
  Escalation(plan, old_alone, north_, "2026-07-01", "open");
  Escalation(plan, old_alone, north_, "2026-06-20", "closed");
  Escalation(plan, outside, south_, "2026-07-01", "open");  // not in the perimeter

  auto r = ManagerReadsCrisisReport(db(), Actor(org_, Role::kManager), plan, Rule(), kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(r->period_end, kToday);
  const auto& t = r->totals;
  EXPECT_EQ(t.profiles_by_level, (std::array<int64_t, 4>{0, 1, 1, 2}));
  EXPECT_EQ(t.calls_due_today, 4);
  EXPECT_EQ(t.calls_done_today, 2);  // reached + wrong_number
  EXPECT_EQ(t.calls_overdue, 2);
  EXPECT_EQ(t.calls_attempted, 6);
  EXPECT_EQ(t.calls_reached, 2);
  EXPECT_EQ(t.open_tasks, 2);
  EXPECT_EQ(t.open_needs, 3);
  EXPECT_EQ(t.open_escalations, 1);

  ASSERT_EQ(r->agencies.size(), 2u);
  EXPECT_EQ(r->agencies[0].name, "Agence Nord");
  EXPECT_EQ(r->agencies[0].counts.profiles_by_level, (std::array<int64_t, 4>{0, 0, 1, 2}));
  EXPECT_EQ(r->agencies[0].counts.calls_overdue, 2);
  EXPECT_EQ(r->agencies[0].counts.open_needs, 2);
  EXPECT_EQ(r->agencies[0].counts.open_escalations, 1);
  EXPECT_EQ(r->agencies[1].name, "Agence Sud");
  EXPECT_EQ(r->agencies[1].counts.calls_done_today, 1);
  EXPECT_EQ(r->agencies[1].counts.open_needs, 1);
  EXPECT_EQ(r->agencies[1].counts.open_escalations, 0);

  ASSERT_EQ(r->days.size(), 5u);  // 1 to 5 July
  EXPECT_EQ(r->days[0].date, "2026-07-01");
  EXPECT_EQ(r->days[0].listed, 0);
  EXPECT_EQ(r->days[1].listed, 0);  // the cancelled call is not listed
  EXPECT_EQ(r->days[2].reached, 1);
  EXPECT_EQ(r->days[3].listed, 2);
  EXPECT_EQ(r->days[3].unreachable, 1);
  EXPECT_EQ(r->days[4].listed, 4);
  EXPECT_EQ(r->days[4].reached, 1);

  const std::string csv = CrisisReportCsv(*r);
  EXPECT_EQ(csv.rfind("\xEF\xBB\xBF" "date;agence_id;agence;appels_listes;joints;injoignables;besoins_ouverts;alertes_ouvertes\r\n", 0), 0u);
  // Today's open needs and escalations on the last day's rows only.
  EXPECT_NE(csv.find("2026-07-05;" + std::to_string(north_) + ";Agence Nord;3;1;0;2;1\r\n"), std::string::npos);
  EXPECT_NE(csv.find("2026-07-01;" + std::to_string(south_) + ";Agence Sud;0;0;0;;\r\n"), std::string::npos);
}

TEST_P(CrisisReportTest, AnAgencyManagerSeesTheirAgencies) {
  const auto a = Person(b_north_, "1940-03-01", {"lives_alone"});
  const auto b = Person(b_south_, "1940-03-01", {"lives_alone"});
  const int64_t plan = Plan({});
  Call(plan, a, north_, kToday, "due", 0);
  Call(plan, b, south_, kToday, "due", 0);
  Need(a.first);
  Escalation(plan, a, north_, "2026-07-01", "open");
  Need(b.first);
  auto manager = Actor(org_, Role::kManager);
  manager.agency_ids = {south_};
  auto r = ManagerReadsCrisisReport(db(), manager, plan, Rule(), kToday);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r->agencies.size(), 1u);
  EXPECT_EQ(r->agencies[0].agency_id, south_);
  EXPECT_EQ(r->totals.calls_due_today, 1);
  EXPECT_EQ(r->totals.profiles_by_level[3], 1);
  EXPECT_EQ(r->totals.open_needs, 1);
  EXPECT_EQ(r->totals.open_escalations, 0);
}

TEST_P(CrisisReportTest, OnlyManagersOfTheLandlordReadIt) {
  const int64_t plan = Plan({}, "2026-08-01", "2026-08-31");  // upcoming: no day yet
  auto r = ManagerReadsCrisisReport(db(), Actor(org_, Role::kAdministrator), plan, Rule(), kToday);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->days.empty());
  EXPECT_EQ(ManagerReadsCrisisReport(db(), Actor(org_, Role::kCallAgent), plan, Rule(), kToday).error().code,
            ErrorCode::kForbidden);
  for (const auto& who : {Actor(other_, Role::kManager), Actor(org_, Role::kPartnerWorker, Kind::kPartner),
                          Actor(org_, Role::kRegionalObserver, Kind::kObserver)}) {
    EXPECT_EQ(ManagerReadsCrisisReport(db(), who, plan, Rule(), kToday).error().code, ErrorCode::kNotFound);
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, CrisisReportTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::outreach
