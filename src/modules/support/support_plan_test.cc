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

INSTANTIATE_TEST_SUITE_P(Engines, SupportPlanTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace relais::support
