// Outreach calls on both engines through the use cases the API runs: an attempt, the contact state
// it keeps, a refusal's objection on a member without profile, the day end, and the escalation of
// an unreachable level-3 member with its e-mail to the agency's managers (once per run).
#include <gtest/gtest.h>

#include "modules/housing/housing.h"
#include "modules/housing/policy_table_testing.h"
#include "modules/outreach/call_store.h"
#include "modules/outreach/crisis_plan_store.h"
#include "platform/core/outcome_testing.h"
#include "platform/db/testing.h"

namespace relais::outreach {
namespace {
using auth::Role;

class CallStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    t_ = std::make_unique<db::TestDatabase>(GetParam());
    org_ = *db().Write([&](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat A", "732829320", "landlord"); });
    db().Write([&](db::Connection& c) {
      manager_ = Staff(c, "manager@a.test", static_cast<int64_t>(Role::kManager));
      agent_ = Staff(c, "agent@a.test", static_cast<int64_t>(Role::kCallAgent));
      const int64_t building = *c.QueryInt(
          "INSERT INTO buildings (organisation_id, reference, street, commune_insee, updated_at) "
          "VALUES (?, 'BAT-1', '1 rue des Lilas', '50502', 0) RETURNING id",
          {db::P(org_)});
      const int64_t dwelling = *c.QueryInt(
          "INSERT INTO dwellings (organisation_id, building_id, reference, rooms, surface_cm2, financing, rent_cents, "
          "charges_cents, updated_at) VALUES (?, ?, 'LGT-1', 2, 400000, 'PLUS', 30000, 5000, 0) RETURNING id",
          {db::P(org_), db::P(building)});
      household_ = *c.QueryInt(
          "INSERT INTO households (organisation_id, reference, dwelling_id, updated_at) VALUES (?, 'TEN-1', ?, 0) "
          "RETURNING id",
          {db::P(org_), db::P(dwelling)});
      member_ = *c.QueryInt(
          "INSERT INTO members (organisation_id, household_id, position, first_name, last_name, relation) "
          "VALUES (?, ?, 0, 'Germaine', 'Lefèvre', 'holder') RETURNING id",
          {db::P(org_), db::P(household_)});
      CrisisPlan p;
      p.kind = CrisisKind::kHeatwave;
      p.start_date = "2026-01-01";
      p.cadence = DefaultCadence(p.kind);
      p.windows = {{540, 720}, {840, 1080}};
      p.escalation_days = DefaultEscalationDays(p.kind);
      plan_ = InsertCrisisPlan(c, org_, p, manager_);
      return 0;
    });
  }
  db::Database& db() { return t_->db(); }
  int64_t Staff(db::Connection& c, const std::string& email, int64_t roles) {
    return *c.QueryInt(
        "INSERT INTO staff_users (organisation_id, email, display_name, password_hash, roles, created_at) "
        "VALUES (?, ?, ?, 'x', ?, 0) RETURNING id",
        {db::P(org_), db::P(email), db::P(email), db::P(roles)});
  }
  auth::Actor Actor(int64_t user, Role role) const {
    auth::Actor a;
    a.user_id = user;
    a.organisation_id = org_;
    a.roles = static_cast<uint32_t>(role);
    return a;
  }
  int64_t Call(const std::string& date, int level = 3) {
    return db().Write([&](db::Connection& c) { return InsertCall(c, {org_, plan_, member_, date, level, "", agent_}); });
  }
  std::optional<std::string> ContactText(const char* column) {
    std::optional<std::string> out;
    db().Read([&](db::Connection& c) {
      c.Query(std::string("SELECT ") + column + " FROM outreach_contact_state WHERE member_id = ?", {db::P(member_)},
              [&](const db::Row& r) { out = r.OptStr(0); });
      return 0;
    });
    return out;
  }
  int64_t Count(const std::string& sql) {
    return db().Read([&](db::Connection& c) { return c.QueryInt(sql, {}).value_or(-1); });
  }

  std::unique_ptr<db::TestDatabase> t_;
  int64_t org_ = 0, manager_ = 0, agent_ = 0, household_ = 0, member_ = 0, plan_ = 0;
  const CallSettings settings_{};
  // Wednesday 1 July 2026, 10:00 in Paris (UTC+2).
  const int64_t wednesday_10h_ = ParisMidnightUtcMillis({2026, 7, 1}) + 10 * 3'600'000;
};

TEST_P(CallStoreTest, AnAttemptMovesTheCallAndKeepsTheContactState) {
  const int64_t id = Call("2026-07-01");
  auto missed = AgentRecordsAttempt(db(), Actor(agent_, Role::kCallAgent), id, {CallOutcome::kNoAnswer, "", {}},
                                    settings_, wednesday_10h_);
  ASSERT_TRUE(missed.ok()) << missed.error().message;
  EXPECT_EQ(missed->call.state, CallState::kRetry);
  // 10:00 + 2 h is 12:00, when the morning window closes: the afternoon's start, 14:00.
  EXPECT_EQ(missed->call.next_attempt_at, wednesday_10h_ + 4 * 3'600'000);
  EXPECT_EQ(ContactText("last_reached_on"), std::nullopt);
  auto reached = AgentRecordsAttempt(db(), Actor(agent_, Role::kCallAgent), id,
                                     {CallOutcome::kReachedFine, "va bien", {}}, settings_, wednesday_10h_ + 1000);
  ASSERT_TRUE(reached.ok());
  EXPECT_EQ(reached->call.state, CallState::kReached);
  EXPECT_EQ(reached->attempts.size(), 2u);
  EXPECT_EQ(reached->attempts[1].note, "va bien");
  EXPECT_EQ(ContactText("last_reached_on"), "2026-07-01");
  EXPECT_EQ(ContactText("unreachable_since"), std::nullopt);
  // Another agent may not; a caretaker does not see it.
  const auth::Actor other = [&] { auto a = Actor(agent_ + 100, Role::kCallAgent); return a; }();
  const int64_t next = Call("2026-07-02");
  auto refused = AgentRecordsAttempt(db(), other, next, {CallOutcome::kReachedFine, "", {}}, settings_, wednesday_10h_);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  auto hidden = StaffReadsCall(db(), Actor(manager_, Role::kCaretaker), next, settings_);
  ASSERT_FALSE(hidden.ok());
  EXPECT_EQ(hidden.error().code, ErrorCode::kNotFound);
}

TEST_P(CallStoreTest, ARefusalRecordsTheObjectionAndCancelsTheOtherOpenCalls) {
  const int64_t today = Call("2026-07-01");
  const int64_t later = Call("2026-07-03");
  auto r = AgentRecordsAttempt(db(), Actor(agent_, Role::kCallAgent), today, {CallOutcome::kReachedRefuses, "", {}},
                               settings_, wednesday_10h_);
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM vulnerability_profiles WHERE objection_at IS NOT NULL"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outreach_calls WHERE id = " + std::to_string(later) + " AND state = 'cancelled'"), 1);
}

TEST_P(CallStoreTest, AWrongNumberOpensATask) {
  const int64_t id = Call("2026-07-01");
  ASSERT_TRUE(AgentRecordsAttempt(db(), Actor(agent_, Role::kCallAgent), id, {CallOutcome::kWrongNumber, "boulangerie", {}},
                                  settings_, wednesday_10h_).ok());
  auto tasks = StaffListsOutreachTasks(db(), Actor(manager_, Role::kManager), {});
  ASSERT_TRUE(tasks.ok());
  ASSERT_EQ(tasks->size(), 1u);
  EXPECT_EQ((*tasks)[0].kind, "update_contact");
  EXPECT_EQ((*tasks)[0].call_id, id);
}

TEST_P(CallStoreTest, TheDayEndEscalatesOncePerRunAndMailsTheManagers) {
  Call("2026-07-01");
  auto first = EndCallingDay(db(), EndOfParisDay({2026, 7, 1}), true);
  EXPECT_EQ(first.closed, 1);
  EXPECT_EQ(first.escalations, 0);
  EXPECT_EQ(ContactText("unreachable_since"), "2026-07-01");
  Call("2026-07-02");
  auto second = EndCallingDay(db(), EndOfParisDay({2026, 7, 2}), true);
  EXPECT_EQ(second.closed, 1);
  EXPECT_EQ(second.escalations, 1);  // heatwave: 2 days
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notify_outbox WHERE recipient = 'manager@a.test'"), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notify_outbox WHERE recipient = 'agent@a.test'"), 0);
  Call("2026-07-03");
  EXPECT_EQ(EndCallingDay(db(), EndOfParisDay({2026, 7, 3}), true).escalations, 0);
  // Today's call stays open while the plan's hours are not over.
  Call("2026-07-06");
  EXPECT_EQ(EndCallingDay(db(), ParisMidnightUtcMillis({2026, 7, 6}) + 11 * 3'600'000, true).closed, 0);
  EXPECT_EQ(EndCallingDay(db(), ParisMidnightUtcMillis({2026, 7, 6}) + 18 * 3'600'000, true).closed, 1);

  auto list = ManagerListsEscalations(db(), Actor(manager_, Role::kManager), {});
  ASSERT_TRUE(list.ok());
  ASSERT_EQ(list->size(), 1u);
  EXPECT_EQ((*list)[0].unreachable_since, "2026-07-01");
  auto noOutcome = ManagerClosesEscalation(db(), Actor(manager_, Role::kManager), (*list)[0].id, " ");
  ASSERT_FALSE(noOutcome.ok());
  EXPECT_EQ(noOutcome.error().field, "outcome");
  auto closed = ManagerClosesEscalation(db(), Actor(manager_, Role::kManager), (*list)[0].id, "Va bien");
  ASSERT_TRUE(closed.ok());
  EXPECT_EQ(closed->status, "closed");
}

TEST_P(CallStoreTest, WithoutSmtpTheEscalationIsRaisedWithoutEMail) {
  Call("2026-07-01");
  Call("2026-07-02");
  EXPECT_EQ(EndCallingDay(db(), EndOfParisDay({2026, 7, 2}), false).escalations, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM notify_outbox"), 0);
}

// The policy on real records (call_policy.h), as a table: every landlord role of A and of B, a
// partner with an open referral of the household and one without, the regional observer and the
// household's tenant; on A's call: read it, record a missed attempt. A's call agents, managers and
// CESF read calls; the agent it is assigned to and managers record attempts (a CESF is told the
// call is someone else's, 403); for everyone else, another landlord, partners even with a
// referral, observers and tenants, the call does not exist (404).
TEST_P(CallStoreTest, RoleByActionByScope) {
  const int64_t id = Call("2026-07-01");
  const int64_t other_org = *db().Write(
      [&](db::Connection& c) { return housing::CreateOrganisation(c, "Habitat B", "552100554", "landlord"); });
  const auto partners = housing::CreateTablePartners(db(), org_, household_);
  housing::PolicyTable table({"read", "attempt"});
  for (const auto& r : housing::LandlordRoles()) {
    const bool agent = r.role == Role::kCallAgent, manager = r.role == Role::kManager;
    const bool reader = agent || manager || r.role == Role::kSocialSupport;
    table.Add("A " + std::string(r.code), housing::TableStaff(org_, r.role, agent ? agent_ : manager_),
              {reader ? "ok" : "404", agent || manager ? "ok" : reader ? "403" : "404"});
    table.Add("B " + std::string(r.code), housing::TableStaff(other_org, r.role, 9), {"404", "404"});
  }
  table.Add("partner with referral", housing::TablePartnerWorker(partners.with_referral, 9), {"404", "404"});
  table.Add("partner without referral", housing::TablePartnerWorker(partners.without_referral, 9), {"404", "404"});
  table.Add("regional observer", housing::TableObserver(org_, 9), {"404", "404"});
  table.Add("the household's tenant", housing::TableTenant(org_, household_, 9), {"404", "404"});
  ASSERT_EQ(table.size(), 2 * 9 + 4u);
  int64_t at = wednesday_10h_;
  table.Check({
      [&](const auth::Actor& a) { return PolicyOutcome(StaffReadsCall(db(), a, id, settings_)); },
      [&](const auth::Actor& a) {
        return PolicyOutcome(AgentRecordsAttempt(db(), a, id, {CallOutcome::kNoAnswer, "", {}}, settings_, at += 1000));
      },
  });
}

INSTANTIATE_TEST_SUITE_P(Engines, CallStoreTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::outreach
