// The payment plan's schedule to the cent and its adherence, as tables with their edges: the
// remainder on the last instalment, due dates at the end of months and in leap years, the grace
// period to the day, exactly on schedule and one cent behind.
#include "modules/support/payment_plan.h"

#include <gtest/gtest.h>

#include <numeric>

namespace relais::support {
namespace {

TEST(PaymentPlan, AddMonthsClampsToTheEndOfTheMonth) {
  struct Row { CivilDate from; int months; CivilDate expected; };
  const Row rows[] = {
      {{2026, 1, 31}, 1, {2026, 2, 28}}, {{2028, 1, 31}, 1, {2028, 2, 29}},  // leap year
      {{2026, 1, 31}, 2, {2026, 3, 31}}, {{2026, 3, 31}, 1, {2026, 4, 30}},
      {{2026, 11, 15}, 2, {2027, 1, 15}}, {{2026, 12, 1}, 0, {2026, 12, 1}},
      {{2099, 12, 31}, 12, {2100, 12, 31}}, {{2099, 2, 28}, 12, {2100, 2, 28}},  // 2100 is not a leap year
      {{2024, 2, 29}, 12, {2025, 2, 28}}, {{2024, 2, 29}, 48, {2028, 2, 29}},
  };
  for (const auto& r : rows) EXPECT_EQ(AddMonthsClamped(r.from, r.months), r.expected) << FormatIso(r.from) << " + " << r.months;
}

TEST(PaymentPlan, TheScheduleToTheCentWithTheRemainderOnTheLastInstalment) {
  struct Row { int64_t debt; int months; int64_t each; int64_t last; };
  const Row rows[] = {
      {60000, 6, 10000, 10000},   // even
      {100000, 6, 16666, 16670},  // 1000.00 over 6: 166.66 x 5 and 166.70
      {100001, 3, 33333, 33335},
      {50000, 1, 50000, 50000},
      {3600, 36, 100, 100},       // exactly the minimum instalment
      {123456, 36, 3429, 3441},
  };
  const PlanRules rules;
  for (const auto& r : rows) {
    auto s = ScheduleOf(r.debt, r.months, {2026, 12, 5}, rules);
    ASSERT_TRUE(s.ok()) << r.debt << "/" << r.months << ": " << s.error().message;
    ASSERT_EQ(s->size(), static_cast<size_t>(r.months));
    for (int i = 0; i + 1 < r.months; ++i) EXPECT_EQ((*s)[i].amount_cents, r.each) << r.debt;
    EXPECT_EQ(s->back().amount_cents, r.last) << r.debt;
    const int64_t total = std::accumulate(s->begin(), s->end(), int64_t{0},
                                          [](int64_t sum, const Instalment& i) { return sum + i.amount_cents; });
    EXPECT_EQ(total, r.debt);
    EXPECT_EQ(s->front().number, 1);
    EXPECT_EQ(s->back().number, r.months);
  }
  auto six = *ScheduleOf(100000, 6, {2026, 8, 31}, rules);
  EXPECT_EQ(six[0].due_on, (CivilDate{2026, 8, 31}));
  EXPECT_EQ(six[1].due_on, (CivilDate{2026, 9, 30}));
  EXPECT_EQ(six[6 - 1].due_on, (CivilDate{2027, 1, 31}));
}

TEST(PaymentPlan, RefusedTerms) {
  const PlanRules rules;
  EXPECT_EQ(ScheduleOf(0, 6, {2026, 12, 5}, rules).error().field, "debt_cents");
  EXPECT_EQ(ScheduleOf(-1, 6, {2026, 12, 5}, rules).error().field, "debt_cents");
  EXPECT_EQ(ScheduleOf(60000, 0, {2026, 12, 5}, rules).error().field, "months");
  EXPECT_EQ(ScheduleOf(60000, 37, {2026, 12, 5}, rules).error().field, "months");
  EXPECT_TRUE(ScheduleOf(60000, 36, {2026, 12, 5}, rules).ok());
  EXPECT_EQ(ScheduleOf(3599, 36, {2026, 12, 5}, rules).error().field, "months");  // one cent under the minimum
  EXPECT_EQ(ScheduleOf(60000, 6, {2026, 2, 30}, rules).error().field, "first_due_on");
}

TEST(PaymentPlan, AdherenceFromTheLedgerDebt) {
  const PlanRules rules;  // 10 days of grace
  const auto s = *ScheduleOf(60000, 6, {2026, 1, 5}, rules);  // 100.00 on the 5th of each month
  struct Row { CivilDate today; int64_t debt_now; int64_t expected; int64_t behind; std::optional<int> missed; bool completed; };
  const Row rows[] = {
      {{2026, 1, 1}, 60000, 60000, 0, std::nullopt, false},   // before the first due date
      {{2026, 1, 15}, 60000, 60000, 0, std::nullopt, false},  // the last day of grace: not missed yet
      {{2026, 1, 16}, 60000, 50000, 10000, 1, false},          // the day after: missed
      {{2026, 1, 16}, 50000, 50000, 0, std::nullopt, false},   // paid exactly
      {{2026, 1, 16}, 50001, 50000, 1, 1, false},              // one cent behind
      {{2026, 3, 20}, 40000, 30000, 10000, 3, false},          // the first two paid, the third not
      {{2026, 3, 20}, 70000, 30000, 40000, 1, false},          // the debt grew: behind since the first
      {{2026, 6, 16}, 0, 0, 0, std::nullopt, true},            // all paid
      {{2026, 6, 15}, 0, 10000, 0, std::nullopt, false},       // paid ahead, the last one not yet due
  };
  for (const auto& r : rows) {
    const auto a = AdherenceOf(s, 60000, r.debt_now, r.today, rules);
    const std::string what = FormatIso(r.today) + " debt " + std::to_string(r.debt_now);
    EXPECT_EQ(a.expected_debt_cents, r.expected) << what;
    EXPECT_EQ(a.behind_cents, r.behind) << what;
    EXPECT_EQ(a.first_missed, r.missed) << what;
    EXPECT_EQ(a.completed, r.completed) << what;
  }
}

TEST(PaymentPlan, EveryStatusWithEveryEvent) {
  const PlanStatus all[] = {PlanStatus::kActive, PlanStatus::kCompleted, PlanStatus::kBroken, PlanStatus::kCancelled};
  const std::pair<PlanEvent, PlanStatus> from_active[] = {
      {PlanEvent::kComplete, PlanStatus::kCompleted}, {PlanEvent::kBreak, PlanStatus::kBroken},
      {PlanEvent::kCancel, PlanStatus::kCancelled}};
  for (PlanStatus s : all) {
    for (const auto& [event, to] : from_active) {
      auto next = NextPlanStatus(s, event);
      if (s == PlanStatus::kActive) {
        ASSERT_TRUE(next.ok());
        EXPECT_EQ(*next, to);
      } else {
        ASSERT_FALSE(next.ok()) << CodeOf(s);
        EXPECT_EQ(next.error().code, ErrorCode::kConflict);
        EXPECT_EQ(next.error().field, "status");
      }
    }
    EXPECT_EQ(PlanStatusFromCode(CodeOf(s)), s);
  }
  EXPECT_FALSE(PlanStatusFromCode("paused").has_value());
}

TEST(PaymentPlan, BrokenAtTheConfiguredCountOfMissedInstalmentsAndNeverWhenOff) {
  struct Row { int after; int missed; bool broken; };
  const Row rows[] = {
      {0, 0, false}, {0, 1, false}, {0, 36, false},  // off (the default): never
      {2, 0, false}, {2, 1, false},                  // one under the count
      {2, 2, true},                                  // exactly the count
      {2, 3, true}, {1, 1, true}, {1, 0, false},
  };
  for (const auto& r : rows) {
    PlanRules rules;
    rules.broken_after_missed = r.after;
    EXPECT_EQ(PlanIsBroken(r.missed, rules), r.broken) << r.after << " / " << r.missed;
  }
}

}  // namespace
}  // namespace relais::support
