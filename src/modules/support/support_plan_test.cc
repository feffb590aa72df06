// Payment plans on both engines: set up from the ledger's arrears, the case moving to "plan
// active", the PDF, and the nightly check against the ledger: a missed instalment opens one task
// on the case (not two on the next night), a plan paid to the end is completed.
#include "modules/support/support_plan.h"

#include <gtest/gtest.h>

#include "modules/support/support.h"
#include "modules/support/support_test_fixture.h"

namespace relais::support {
namespace {
using auth::Role;

class SupportPlanTest : public CaseFixture {};

TEST_P(SupportPlanTest, SetUpFromTheLedgerThenCheckedEachNight) {
  // Three months of rent unpaid: 900.00; December's rent is not late yet on 10 December.
  for (int m : {9, 10, 11, 12}) Post({2026, m, 1}, rent::LineKind::kRent, 30000);
  const CivilDate today{2026, 12, 10};
  EXPECT_EQ(db().Read([&](db::Connection& c) { return ArrearsOf(c, org_, lease_, today, 10); }), 90000);
  auto opened = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(opened.ok());
  const PlanRules rules;  // 10 days of grace
  EXPECT_EQ(OfficerSetsUpPaymentPlan(db(), officer_, rules, opened->id, {6, {2027, 1, 5}, {2026, 12, 11}}, today).error().field,
            "signed_on");
  EXPECT_EQ(OfficerSetsUpPaymentPlan(db(), officer_, rules, opened->id, {6, {2026, 12, 1}, {2026, 12, 10}}, today).error().field,
            "first_due_on");
  EXPECT_EQ(OfficerSetsUpPaymentPlan(db(), officer_, rules, opened->id, {37, {2027, 1, 5}, today}, today).error().field, "months");
  auth::Actor agent = officer_;
  agent.roles = static_cast<uint32_t>(Role::kCallAgent);
  EXPECT_EQ(OfficerSetsUpPaymentPlan(db(), agent, rules, opened->id, {6, {2027, 1, 5}, today}, today).error().code,
            ErrorCode::kForbidden);
  auth::Actor other = officer_;
  other.organisation_id = org_ + 100;
  EXPECT_EQ(OfficerSetsUpPaymentPlan(db(), other, rules, opened->id, {6, {2027, 1, 5}, today}, today).error().code,
            ErrorCode::kNotFound);

  auto plan = OfficerSetsUpPaymentPlan(db(), officer_, rules, opened->id, {6, {2027, 1, 5}, today}, today);
  ASSERT_TRUE(plan.ok()) << plan.error().message;
  EXPECT_EQ(plan->debt_cents, 90000);
  ASSERT_EQ(plan->instalments.size(), 6u);
  EXPECT_EQ(plan->instalments[0].instalment.amount_cents, 15000);
  EXPECT_EQ(StaffReadsSupportCase(db(), officer_, opened->id)->state, "plan_active");
  EXPECT_EQ(OfficerSetsUpPaymentPlan(db(), officer_, rules, opened->id, {6, {2027, 1, 5}, today}, today).error().code,
            ErrorCode::kConflict);  // already a plan running
  auto pdf = PaymentPlanPdf(*plan);
  ASSERT_TRUE(pdf.ok()) << pdf.error().message;
  EXPECT_TRUE(pdf->starts_with("%PDF-"));

  // January: rent paid and the first instalment paid on the 5th: on track.
  Post({2027, 1, 1}, rent::LineKind::kRent, 30000);
  Post({2026, 12, 20}, rent::LineKind::kPayment, 30000);  // December's rent
  Post({2027, 1, 5}, rent::LineKind::kPayment, 45000);    // January's rent and instalment 1
  auto r = CheckPaymentPlans(db(), rules, {2027, 1, 20});
  EXPECT_EQ(r.checked, 1);
  EXPECT_EQ(r.missed_tasks, 0);
  // February: the rent paid, not the instalment: one task on the 16th, none again the next night.
  Post({2027, 2, 1}, rent::LineKind::kRent, 30000);
  Post({2027, 2, 3}, rent::LineKind::kPayment, 30000);
  EXPECT_EQ(CheckPaymentPlans(db(), rules, {2027, 2, 15}).missed_tasks, 0);  // the last day of grace
  r = CheckPaymentPlans(db(), rules, {2027, 2, 16});
  EXPECT_EQ(r.missed_tasks, 1);
  EXPECT_EQ(CheckPaymentPlans(db(), rules, {2027, 2, 16}).checked, 0);  // once a day
  EXPECT_EQ(CheckPaymentPlans(db(), rules, {2027, 2, 17}).missed_tasks, 0);
  auto c = StaffReadsSupportCase(db(), officer_, opened->id);
  ASSERT_EQ(c->tasks.size(), 1u);
  EXPECT_EQ(c->tasks[0].source, "system");
  EXPECT_EQ(c->tasks[0].owner_id, officer_.user_id);
  EXPECT_NE(c->tasks[0].title.find("n° 2"), std::string::npos) << c->tasks[0].title;
  auto read = StaffReadsPaymentPlan(db(), officer_, rules, opened->id, {2027, 2, 17});
  ASSERT_TRUE(read.ok() && *read);
  EXPECT_EQ((*read)->adherence.first_missed, 2);
  EXPECT_EQ((*read)->adherence.behind_cents, 15000);
  EXPECT_TRUE((*read)->instalments[1].missed_task_id.has_value());

  // Everything paid: the plan is completed.
  Post({2027, 2, 20}, rent::LineKind::kPayment, 75000);
  r = CheckPaymentPlans(db(), rules, {2027, 6, 16});
  EXPECT_EQ(r.completed, 1);
  EXPECT_EQ((*StaffReadsPaymentPlan(db(), officer_, rules, opened->id, {2027, 6, 16}))->status, "completed");
}

TEST_P(SupportPlanTest, TheOfficerCancelsARunningPlanWithAReason) {
  for (int m : {9, 10, 11, 12}) Post({2026, m, 1}, rent::LineKind::kRent, 30000);
  const CivilDate today{2026, 12, 10};
  auto opened = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(opened.ok());
  const PlanRules rules;
  const int64_t id = opened->id;
  EXPECT_EQ(OfficerCancelsPaymentPlan(db(), officer_, rules, id, "Déménagement", today).error().code,
            ErrorCode::kConflict);  // no plan yet
  ASSERT_TRUE(OfficerSetsUpPaymentPlan(db(), officer_, rules, id, {6, {2027, 1, 5}, today}, today).ok());
  auth::Actor manager = officer_;
  manager.roles = static_cast<uint32_t>(Role::kManager);
  EXPECT_EQ(OfficerCancelsPaymentPlan(db(), manager, rules, id, "Déménagement", today).error().code, ErrorCode::kForbidden);
  auth::Actor other = officer_;
  other.organisation_id = org_ + 100;
  EXPECT_EQ(OfficerCancelsPaymentPlan(db(), other, rules, id, "Déménagement", today).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(OfficerCancelsPaymentPlan(db(), officer_, rules, id, "   ", today).error().field, "reason");
  auto cancelled = OfficerCancelsPaymentPlan(db(), officer_, rules, id, " Le ménage quitte le logement ", {2026, 12, 12});
  ASSERT_TRUE(cancelled.ok()) << cancelled.error().message;
  EXPECT_EQ(cancelled->status, "cancelled");
  EXPECT_EQ(cancelled->ended_on, (CivilDate{2026, 12, 12}));
  EXPECT_EQ(cancelled->end_reason, "Le ménage quitte le logement");
  auto c = StaffReadsSupportCase(db(), officer_, id);
  EXPECT_EQ(c->state, "in_progress");
  EXPECT_EQ(c->events.back().kind, "transition");
  EXPECT_EQ(c->events.back().from_state, "plan_active");
  EXPECT_EQ(c->events.back().text, "Plan d'apurement annulé : Le ménage quitte le logement");
  EXPECT_EQ(OfficerCancelsPaymentPlan(db(), officer_, rules, id, "Encore", today).error().code, ErrorCode::kConflict);
  EXPECT_EQ(CheckPaymentPlans(db(), rules, {2027, 3, 1}).checked, 0);  // an ended plan is not checked
  // A new plan may follow.
  EXPECT_TRUE(OfficerSetsUpPaymentPlan(db(), officer_, rules, id, {3, {2027, 1, 5}, today}, today).ok());
}

TEST_P(SupportPlanTest, MissedInstalmentsBeyondTheConfiguredCountBreakThePlanWithATask) {
  for (int m : {9, 10, 11, 12}) Post({2026, m, 1}, rent::LineKind::kRent, 30000);
  const CivilDate today{2026, 12, 10};
  auto opened = OfficerOpensSupportCase(db(), officer_, household_, {});
  ASSERT_TRUE(opened.ok());
  PlanRules rules;
  rules.broken_after_missed = 2;
  ASSERT_TRUE(OfficerSetsUpPaymentPlan(db(), officer_, rules, opened->id, {6, {2027, 1, 5}, today}, today).ok());
  // Nothing paid: instalment 1 missed on 16 January (one under the count), 2 on 16 February.
  auto r = CheckPaymentPlans(db(), rules, {2027, 1, 16});
  EXPECT_EQ(r.missed_tasks, 1);
  EXPECT_EQ(r.broken, 0);
  EXPECT_EQ(StaffReadsPaymentPlan(db(), officer_, rules, opened->id, {2027, 1, 16})->value().status, "active");
  r = CheckPaymentPlans(db(), rules, {2027, 2, 16});
  EXPECT_EQ(r.missed_tasks, 1);
  EXPECT_EQ(r.broken, 1);
  auto plan = StaffReadsPaymentPlan(db(), officer_, rules, opened->id, {2027, 2, 16});
  EXPECT_EQ((*plan)->status, "broken");
  EXPECT_EQ((*plan)->ended_on, (CivilDate{2027, 2, 16}));
  auto c = StaffReadsSupportCase(db(), officer_, opened->id);
  EXPECT_EQ(c->state, "in_progress");
  ASSERT_GE(c->events.size(), 2u);
  const auto& end = c->events[c->events.size() - 2];  // then the review task's event
  EXPECT_EQ(end.kind, "transition");
  EXPECT_EQ(end.from_state, "plan_active");
  EXPECT_EQ(end.text, "Plan d'apurement rompu : 2 échéances non payées");
  EXPECT_EQ(c->events.back().kind, "task_added");
  ASSERT_EQ(c->tasks.size(), 3u);  // two missed instalments and the review
  bool review = false;
  for (const auto& t : c->tasks) review = review || t.title.starts_with("Plan d'apurement rompu (2 échéances non payées)");
  EXPECT_TRUE(review);
  // Broken once: no more checks, tasks nor cancellation.
  EXPECT_EQ(CheckPaymentPlans(db(), rules, {2027, 3, 16}).checked, 0);
  EXPECT_EQ(OfficerCancelsPaymentPlan(db(), officer_, rules, opened->id, "x", {2027, 3, 16}).error().code,
            ErrorCode::kConflict);
}

INSTANTIATE_TEST_SUITE_P(Engines, SupportPlanTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::support
